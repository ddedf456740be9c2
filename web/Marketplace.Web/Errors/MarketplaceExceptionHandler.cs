using Marketplace.Contracts;
using Marketplace.Contracts.Notifications;
using Marketplace.Web.Accounts;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Errors;

/// <summary>
/// The one place refused calls become HTTP answers. API requests get RFC 7807 ProblemDetails carrying the
/// grain's message; page requests fall through to the /error page, which shows the same message with the same status.
/// A message that names a time reads in the caller's zone, and <c>times</c> gives the same instants in ISO 8601 UTC.
/// </summary>
public sealed partial class MarketplaceExceptionHandler(TimeProvider clock, IGrainFactory grains, ILogger<MarketplaceExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        var status = ErrorStatus.For(exception);
        // The middleware has already pointed the request at /error; the feature keeps the path that failed.
        var failedPath = http.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? http.Request.Path;
        if (!failedPath.StartsWith("/api/", StringComparison.Ordinal)) return false;

        if (exception is Api.AccountLockedException { LockedUntil: { } until }) Extensions.RetryAfter.Set(http.Response, until - clock.GetUtcNow());

        var zone = exception is MarketplaceException { Marked: not null } ? await CallerZoneAsync(http) : TimeZoneInfo.Utc;
        await TypedResults.Problem(Problem(status, exception, zone)).ExecuteAsync(http);
        return true;
    }

    public static ProblemDetails Problem(int status, Exception? exception, TimeZoneInfo? zone = null)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Title = ErrorStatus.Title(status),
            Detail = ErrorStatus.Message(exception, status, zone),
            Extensions = { ["kind"] = (exception as MarketplaceException)?.Kind.ToString() },
        };
        if (exception is MarketplaceException { Times: { Count: > 0 } times }) problem.Extensions["times"] = times.ToArray();
        return problem;
    }

    /// <summary>The signed-in caller's zone (one call to their inbox, only for a message that names a time); UTC for visitors or if it cannot be read.</summary>
    private async Task<TimeZoneInfo> CallerZoneAsync(HttpContext http)
    {
        if (http.User.ToActor() is not { } actor) return TimeZoneInfo.Utc;
        try
        {
            return LocalTimes.ZoneOrUtc(await grains.GetGrain<INotificationInboxGrain>(actor.UserId).GetTimeZoneAsync(actor));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogZoneFailed(logger, e, actor.UserId);
            return TimeZoneInfo.Utc;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The time zone of {UserId} could not be read; the refusal names its times in UTC")]
    private static partial void LogZoneFailed(ILogger logger, Exception exception, string userId);

    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");
}

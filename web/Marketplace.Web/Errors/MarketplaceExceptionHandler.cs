using Marketplace.Contracts;
using Marketplace.Web.Presentation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Errors;

/// <summary>
/// The one place refused calls become HTTP answers. API requests get RFC 7807 ProblemDetails carrying the
/// grain's message; page requests fall through to the /error page, which shows the same message with the same status.
/// A message that names a time reads in the caller's zone, and <c>times</c> gives the same instants in ISO 8601 UTC.
/// </summary>
public sealed class MarketplaceExceptionHandler(TimeProvider clock, IGrainFactory grains, ILogger<MarketplaceExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        var status = ErrorStatus.For(exception);
        // The middleware has already pointed the request at /error; the feature keeps the path that failed.
        var failedPath = http.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? http.Request.Path;
        if (!failedPath.StartsWith("/api/", StringComparison.Ordinal)) return false;

        if (exception is Api.AccountLockedException { LockedUntil: { } until }) Extensions.RetryAfter.Set(http.Response, until - clock.GetUtcNow());

        var zone = exception is MarketplaceException { Marked: not null } ? await CallerZone.OfAsync(grains, http, logger) : TimeZoneInfo.Utc;
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
        if (exception is MarketplaceException { Next: { } next }) problem.Extensions["next"] = new { text = next.Text, path = next.Path };
        return problem;
    }

    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");
}

using Marketplace.Contracts;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Errors;

/// <summary>
/// The one place refused calls become HTTP answers. API requests get RFC 7807 ProblemDetails carrying the
/// grain's message; page requests fall through to the /error page, which shows the same message with the same status.
/// </summary>
public sealed class MarketplaceExceptionHandler(TimeProvider clock) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        var status = ErrorStatus.For(exception);
        // The middleware has already pointed the request at /error; the feature keeps the path that failed.
        var failedPath = http.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? http.Request.Path;
        if (!failedPath.StartsWith("/api/", StringComparison.Ordinal)) return false;

        if (exception is Api.AccountLockedException { LockedUntil: { } until }) Extensions.RetryAfter.Set(http.Response, until - clock.GetUtcNow());

        await TypedResults.Problem(Problem(status, exception)).ExecuteAsync(http);
        return true;
    }

    public static ProblemDetails Problem(int status, Exception? exception) => new()
    {
        Status = status,
        Title = ErrorStatus.Title(status),
        Detail = ErrorStatus.Message(exception, status),
        Extensions = { ["kind"] = (exception as MarketplaceException)?.Kind.ToString() },
    };

    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");
}

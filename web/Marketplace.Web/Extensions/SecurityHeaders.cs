using Microsoft.Net.Http.Headers;

namespace Marketplace.Web.Extensions;

/// <summary>
/// Headers on every answer, error pages and files included. The pages load only our own stylesheet, script and
/// images (so injected markup cannot run or restyle anything), cannot be framed (award, approve and sign are one
/// click each, which a hidden frame could steal), and never tell another site which page linked to it. Whatever is
/// answered to a signed-in person is theirs (their handovers, inbox, account), so it is never stored by a cache, nor
/// left for the next person at a shared computer, unless the route chose its own caching (files, previews, static files).
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static readonly KeyValuePair<string, string>[] Defaults =
    [
        new("Content-Security-Policy", ContentSecurityPolicy),
        new("X-Frame-Options", "DENY"),
        new("X-Content-Type-Options", "nosniff"),
        new("Referrer-Policy", "same-origin"),
        new("Cross-Origin-Opener-Policy", "same-origin"),
        new("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"),
    ];

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        // Added as the answer starts: the exception handler clears headers set earlier, and a page that asked for
        // something stricter (the printer link's no-referrer) keeps it.
        http.Response.OnStarting(() =>
        {
            foreach (var (name, value) in Defaults) http.Response.Headers.TryAdd(name, value);
            if (http.User.Identity?.IsAuthenticated == true) http.Response.Headers.TryAdd(HeaderNames.CacheControl, "no-store");
            return Task.CompletedTask;
        });
        return next(http);
    });
}

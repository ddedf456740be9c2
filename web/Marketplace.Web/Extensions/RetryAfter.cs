using System.Globalization;

namespace Marketplace.Web.Extensions;

/// <summary>Tells a refused client when to try again (429): whole seconds, at least one.</summary>
public static class RetryAfter
{
    public static void Set(HttpResponse response, TimeSpan wait) =>
        response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}

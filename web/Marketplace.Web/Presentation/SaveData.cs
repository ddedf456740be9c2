using Microsoft.Net.Http.Headers;

namespace Marketplace.Web.Presentation;

/// <summary>
/// A phone on a metered or slow link sends <c>Save-Data: on</c> (Chrome's data saver, Android's data saver). Pages with
/// previews then offer only their small sizes (<see cref="PreviewImages"/>): a 12-entry gallery is ~70 KB instead of
/// ~350 KB on a 2× screen. The page's answer depends on the header, so it says so in <c>Vary</c>.
/// </summary>
public static class SaveData
{
    public const string Header = "Save-Data";

    public static bool Requested(HttpContext http)
    {
        var vary = http.Response.Headers.Vary;
        if (!vary.Any(v => v?.Contains(Header, StringComparison.OrdinalIgnoreCase) == true))
            http.Response.Headers.Append(HeaderNames.Vary, Header);
        return string.Equals(http.Request.Headers[Header].ToString().Trim(), "on", StringComparison.OrdinalIgnoreCase);
    }
}

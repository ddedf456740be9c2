using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Uploads;

/// <summary>
/// Where an upload form goes next. The progress script (upload.js) asks with X-Requested-With and gets the address
/// as JSON, so the next page is loaded once, by the browser, and still shows its one-time message.
/// </summary>
public static class UploadRedirect
{
    public static IActionResult To(HttpRequest request, string location) =>
        request.Headers.XRequestedWith == "XMLHttpRequest"
            ? new JsonResult(new { location })
            : new RedirectResult(location);
}

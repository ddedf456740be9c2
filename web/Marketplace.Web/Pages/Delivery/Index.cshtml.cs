using Marketplace.Contracts;
using Marketplace.Contracts.WrapUps;
using Marketplace.Web.Extensions;
using Marketplace.Web.Files;
using Marketplace.Web.Presentation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Marketplace.Web.Pages.Delivery;

/// <summary>
/// A delivery link staff sent a third party (a printer). Public, no sign-in: the token is the permission.
/// Opening it (GET) only describes what it delivers, so link-preview bots and mail scanners cannot use it up;
/// pressing the button (POST) opens the zip the silos built (building it now if need be) and only then uses the link,
/// so a file missing from storage, or a zip still being built, leaves the link unused; then the browser is sent to the
/// zip (<see cref="DeliveryLinkDownload"/>), which stays downloadable and resumable for the resume window. Posts count
/// against the sign-in rate limit.
/// </summary>
[EnableRateLimiting(WebExtensions.SignInLimit)]
public sealed class IndexModel(IGrainFactory grains, BuiltZips zips, ViewerTime local, ILogger<IndexModel> logger) : PageModel
{
    public DeliveryLinkPreview? Link { get; private set; }
    public string? Refusal { get; private set; }
    public string ZipPath => DeliveryLinkDownload.PathFor(Token);
    public string StatusPath => $"/delivery/{Token}/zip-status";
    public string PagePath => $"/delivery/{Token}";

    /// <summary>Where the zip stands while the link is unused: the button shows once it is ready, so pressing it never waits.</summary>
    public ZipStatusAnswer? Zip { get; private set; }

    private string Token => (string)RouteData.Values["token"]!;

    public async Task<IActionResult> OnGetAsync(string token)
    {
        KeepPrivate();
        try
        {
            Link = await DeliveryLinkDownload.GrainFor(grains, token).PeekDeliveryLinkAsync(token);
            ShowTimesInLinkZone(Link);
            if (Link.UsedAt is null)
            {
                Zip = ZipStatusAnswer.Of(await zips.StatusAsync(Link.Zip()), Link.Files.Sum(f => f.File.Bytes), ZipPath, forLink: true);
            }
        }
        catch (MarketplaceException refused) when (refused.Kind is ErrorKind.NotFound or ErrorKind.Conflict)
        {
            return Refused(refused);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        KeepPrivate();
        try
        {
            var grain = DeliveryLinkDownload.GrainFor(grains, token);
            // A link always delivers the round it was made for, so the files peeked are the files the use records.
            Link = await grain.PeekDeliveryLinkAsync(token);
            ShowTimesInLinkZone(Link);
            // Stored before the link is used: a file missing from storage is a clear page with the link still usable.
            var (built, missing, failure) = await zips.OpenAsync(Link.Zip(), cancellationToken);
            if (failure is not null) return ZipFailed();
            if (missing is not null)
            {
                logger.LogError("Delivery link of wrap-up {WrapUp} not used: final file {FileName} (blob {Blob}) is missing from storage.",
                    grain.GetPrimaryKeyString(), missing.FileName, missing.BlobName);
                return FilesMissing();
            }

            if (built is null) return StillBuilding();

            await built.DisposeAsync();
            await grain.RedeemDeliveryLinkAsync(token, HttpContext.Connection.RemoteIpAddress?.ToString());
        }
        catch (MarketplaceException refused) when (refused.Kind is ErrorKind.NotFound or ErrorKind.Conflict)
        {
            return Refused(refused);
        }

        // A GET the browser can resume (Range/If-Range) if the connection drops; a POST's answer could never be resumed.
        return new RedirectResult(ZipPath, permanent: false, preserveMethod: false);
    }

    /// <summary>Our fault, not the printer's: 503, and the link stays unused so it works once the file is back.</summary>
    private PageResult FilesMissing()
    {
        Link = null;
        Refusal = "One of the files cannot be read from our storage right now, so nothing was downloaded and this link still works. "
            + "Try again later, or ask the sender to contact our staff.";
        Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        return Page();
    }

    /// <summary>The zip keeps failing (staff were told): 503, and the link stays unused so it works once the zip is made.</summary>
    private PageResult ZipFailed()
    {
        Link = null;
        Refusal = ZipStatusAnswer.FailedWordsForLink;
        Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        return Page();
    }

    /// <summary>A big delivery not built yet: 503 with Retry-After, the link still unused, and when to press again.</summary>
    private PageResult StillBuilding()
    {
        Refusal = BuiltZips.StillBuildingMessage(Link!.Files.Sum(f => f.File.Bytes)) + " This link still works; nothing was used up.";
        Link = null;
        Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        RetryAfter.Set(Response, BuiltZips.RetryAfter);
        return Page();
    }

    /// <summary>Unknown tokens answer 404; used, expired or withdrawn ones 410 (they existed and are gone for good).</summary>
    private PageResult Refused(MarketplaceException refused)
    {
        Refusal = this.InViewerZone(refused);
        Response.StatusCode = refused.Kind == ErrorKind.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status410Gone;
        return Page();
    }

    private void KeepPrivate()
    {
        // The same value antiforgery sets on the landing page's form, so it has nothing to override (and warn about).
        Response.Headers.CacheControl = "no-cache, no-store";
        Response.Headers.Pragma = "no-cache";
        DeliveryLinkDownload.KeepPrivate(Response);
    }

    /// <summary>Whoever opens a delivery link reads its times as the buyer who sent it does (see <see cref="DeliveryLinkPreview.ZoneId"/>), labelled.</summary>
    private void ShowTimesInLinkZone(DeliveryLinkPreview link) => local.Use(link.ZoneId);
}

using Marketplace.Contracts;
using Marketplace.Contracts.WrapUps;
using Marketplace.Web.Extensions;
using Marketplace.Web.Files;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Marketplace.Web.Pages.Delivery;

/// <summary>
/// A single-use delivery link staff sent a third party (a printer). Public, no sign-in: the token is the permission.
/// Opening it (GET) only describes what it delivers, so link-preview bots and mail scanners cannot use it up;
/// pressing the button (POST) reads every file from storage into one zip and only then uses the link, so a file
/// missing from storage leaves the link unused. Attempts count against the sign-in rate limit, so tokens cannot be
/// guessed quickly.
/// </summary>
[EnableRateLimiting(WebExtensions.SignInLimit)]
public sealed class IndexModel(IGrainFactory grains, FinalFilesZip zipWriter, TimeProvider clock, ILogger<IndexModel> logger) : PageModel
{
    public DeliveryLinkPreview? Link { get; private set; }
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token)
    {
        KeepPrivate();
        try
        {
            Link = await GrainFor(token).PeekDeliveryLinkAsync(token);
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
        var grain = GrainFor(token);
        // Built in a temporary file before the link is used: the response can then say its length, and a file
        // missing from storage is a clear page with the link still usable instead of a cut-off download.
        var zip = FinalFilesZip.TemporaryFile();
        try
        {
            // A link always delivers the round it was made for, so the files peeked are the files the use records.
            Link = await grain.PeekDeliveryLinkAsync(token);
            if (await zipWriter.WriteAsync(zip, Link.Files, [], clock.GetUtcNow(), cancellationToken) is { } missing)
            {
                logger.LogError("Delivery link of wrap-up {WrapUp} not used: final file {FileName} (blob {Blob}) is missing from storage.",
                    grain.GetPrimaryKeyString(), missing.File.FileName, missing.File.BlobName);
                await zip.DisposeAsync();
                return FilesMissing();
            }

            await grain.RedeemDeliveryLinkAsync(token, HttpContext.Connection.RemoteIpAddress?.ToString());
        }
        catch (MarketplaceException refused) when (refused.Kind is ErrorKind.NotFound or ErrorKind.Conflict)
        {
            await zip.DisposeAsync();
            return Refused(refused);
        }
        catch
        {
            await zip.DisposeAsync();
            throw;
        }

        zip.Position = 0;
        Response.Headers.XContentTypeOptions = "nosniff";
        return File(zip, "application/zip", "final-files.zip");
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

    /// <summary>Unknown tokens answer 404; used, expired or withdrawn ones 410 (they existed and are gone for good).</summary>
    private PageResult Refused(MarketplaceException refused)
    {
        Refusal = refused.Message;
        Response.StatusCode = refused.Kind == ErrorKind.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status410Gone;
        return Page();
    }

    /// <summary>The URL is the secret: never cached, never sent on as a referrer, never indexed.</summary>
    private void KeepPrivate()
    {
        // The same value antiforgery sets on the landing page's form, so it has nothing to override (and warn about).
        Response.Headers.CacheControl = "no-cache, no-store";
        Response.Headers.Pragma = "no-cache";
        Response.Headers["Referrer-Policy"] = "no-referrer";
        Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
    }

    private IWrapUpGrain GrainFor(string token) =>
        DeliveryLinkTokens.TryReadWrapUpId(token, out var wrapUpId) && IsWrapUpKey(wrapUpId)
            ? grains.GetGrain<IWrapUpGrain>(wrapUpId)
            : throw MarketplaceException.NotFound("This delivery link is not valid. Ask the sender for a new one.");

    /// <summary>Only keys the web hands out (<c>{projectId}/{attempt}</c>): a made-up token never activates a stray grain.</summary>
    private static bool IsWrapUpKey(string wrapUpId)
    {
        var slash = wrapUpId.IndexOf('/');
        return slash > 0 && Presentation.Ids.IsWellFormed(wrapUpId[..slash]) && int.TryParse(wrapUpId[(slash + 1)..], out var attempt) && attempt > 0
            && wrapUpId[(slash + 1)..] == attempt.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}

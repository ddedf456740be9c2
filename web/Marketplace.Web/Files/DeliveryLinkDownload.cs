using Marketplace.Contracts;
using Marketplace.Contracts.WrapUps;
using Marketplace.Web.Presentation;
using Microsoft.Net.Http.Headers;

namespace Marketplace.Web.Files;

/// <summary>
/// The zip a printer's delivery link delivers, at <c>/delivery/{token}/files.zip</c>. Only a used link serves it: the
/// landing page's button uses the link (starting its resume window) and sends the browser here, so a mail scanner that
/// follows the landing URL, or guesses this one, starts nothing. Within the window every GET and HEAD gets the same zip
/// (the same stored blob, built on the silos from the delivery's files and dated by the delivery, usually when the link
/// was made), with its length, a strong ETag and <c>Range</c>/<c>If-Range</c> answered like every other download, so a
/// dropped download resumes where it stopped.
/// </summary>
public static class DeliveryLinkDownload
{
    public static string PathFor(string token) => $"/delivery/{token}/files.zip";

    public static async Task<IResult> ServeAsync(string token, IGrainFactory grains, BuiltZips zips, ILoggerFactory logs, HttpContext http, CancellationToken cancellationToken)
    {
        KeepPrivate(http.Response);
        DeliveryLinkPreview link;
        try
        {
            link = await GrainFor(grains, token).PeekDeliveryLinkAsync(token);
        }
        catch (MarketplaceException refused) when (refused.Kind is ErrorKind.NotFound or ErrorKind.Conflict)
        {
            return Refused(refused);
        }

        // Not used yet: the landing page says what it delivers and has the button that starts the window.
        if (link.UsedAt is null) return TypedResults.Redirect("/delivery/" + token, preserveMethod: false);
        var (built, missing, failure) = await zips.OpenAsync(link.Zip(), cancellationToken);
        if (failure is not null)
        {
            return TypedResults.Problem($"{ZipStatusAnswer.FailedWordsForLink} It keeps working until {Display.DateTime(link.ResumableUntil!.Value, TimeZoneInfo.Utc)}.",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Your zip could not be made");
        }

        if (missing is not null)
        {
            logs.CreateLogger(typeof(DeliveryLinkDownload)).LogError("Delivery link zip cannot be built: final file {FileName} (blob {Blob}) is missing from storage.",
                missing.FileName, missing.BlobName);
            return TypedResults.Problem("One of the files cannot be read from our storage right now. Try again later: this link keeps working until "
                + Display.DateTime(link.ResumableUntil!.Value, TimeZoneInfo.Utc) + ".", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        if (built is null) return BuiltZips.StillBuildingAnswer(http, link.Files.Sum(f => f.File.Bytes));
        return FileEndpoints.ResumableDownload(built, "application/zip", AllFinalsDownload.ZipName(link.ProjectTitle), EntityTagHeaderValue.Parse(built.Properties.ETag), http);
    }

    /// <summary>
    /// Where the link's zip stands (<c>GET /delivery/{token}/zip-status</c>), for the landing page's script: the token is
    /// the permission, and asking neither uses the link nor says more than its landing page does.
    /// </summary>
    public static async Task<IResult> StatusAsync(string token, IGrainFactory grains, BuiltZips zips, HttpContext http)
    {
        KeepPrivate(http.Response);
        http.Response.Headers.CacheControl = "no-store";
        try
        {
            var link = await GrainFor(grains, token).PeekDeliveryLinkAsync(token);
            return TypedResults.Ok(ZipStatusAnswer.Of(await zips.StatusAsync(link.Zip()), link.Files.Sum(f => f.File.Bytes), PathFor(token), forLink: true));
        }
        catch (MarketplaceException refused) when (refused.Kind is ErrorKind.NotFound or ErrorKind.Conflict)
        {
            return Refused(refused);
        }
    }

    public static IWrapUpGrain GrainFor(IGrainFactory grains, string token) =>
        DeliveryLinkTokens.TryReadWrapUpId(token, out var wrapUpId) && IsWrapUpKey(wrapUpId)
            ? grains.GetGrain<IWrapUpGrain>(wrapUpId)
            : throw MarketplaceException.NotFound("This delivery link is not valid. Ask the sender for a new one.");

    /// <summary>The URL is the secret: never cached, never sent on as a referrer, never indexed.</summary>
    public static void KeepPrivate(HttpResponse response)
    {
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers["X-Robots-Tag"] = "noindex, nofollow";
    }

    /// <summary>Unknown tokens answer 404; used, expired or withdrawn ones 410 (they existed and are gone for good).</summary>
    private static IResult Refused(MarketplaceException refused) =>
        TypedResults.Problem(refused.Message, statusCode: refused.Kind == ErrorKind.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status410Gone);

    /// <summary>Only keys the web hands out (<c>{projectId}/{attempt}</c>): a made-up token never activates a stray grain.</summary>
    private static bool IsWrapUpKey(string wrapUpId)
    {
        var slash = wrapUpId.IndexOf('/');
        return slash > 0 && Ids.IsWellFormed(wrapUpId[..slash]) && int.TryParse(wrapUpId[(slash + 1)..], out var attempt) && attempt > 0
            && wrapUpId[(slash + 1)..] == attempt.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}

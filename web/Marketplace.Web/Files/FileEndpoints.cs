using Marketplace.Contracts;
using Marketplace.Contracts.Entries;
using Marketplace.Contracts.Files;
using Marketplace.Contracts.Previews;
using Marketplace.Contracts.Projects;
using Marketplace.Contracts.WrapUps;
using Marketplace.Storage.Files;
using Marketplace.Web.Accounts;
using Marketplace.Web.Presentation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Net.Http.Headers;

namespace Marketplace.Web.Files;

/// <summary>
/// Serves files. Entry previews are public (watermarked, named by their content hash, so cached for a year and
/// immutable); originals only to the entry's creative and staff; finals through the handover's own rules; previews of
/// handover files (finals, the copies staff sent the buyer, dispute evidence) only to whoever may see the handover,
/// cached by their browser alone.
/// </summary>
public static class FileEndpoints
{
    public static IEndpointRouteBuilder MapMarketplaceFiles(this IEndpointRouteBuilder app)
    {
        app.MapGet("/files/previews/{name}", ServePreviewAsync).ExcludeFromDescription();
        app.MapDownload("/api/v1/entries/{id}/original", ServeEntryOriginalAsync).RequireAuthorization().WithTags("Entries")
            .WithSummary("The entry's full-resolution original (latest revision unless ?revision=n): only its creative and staff. Range and If-Range resume it.");
        app.MapDownload("/wrapups/{projectId}/{attempt:int}/files/{index:int}", ServeFinalAsync).RequireAuthorization().ExcludeFromDescription();
        app.MapDownload("/wrapups/{projectId}/{attempt:int}/files/all.zip", AllFinalsDownload.ServeAsync).RequireAuthorization().ExcludeFromDescription();
        app.MapGet("/wrapups/{projectId}/{attempt:int}/files/{index:int}/preview/{size}", ServeFinalPreviewAsync).RequireAuthorization().ExcludeFromDescription();
        app.MapGet("/wrapups/{projectId}/{attempt:int}/sent-previews/{index:int}", ServeSentPreviewAsync).RequireAuthorization().ExcludeFromDescription();
        app.MapDownload("/wrapups/{projectId}/{attempt:int}/evidence/{part}/{index:int}", ServeEvidenceAsync).RequireAuthorization().ExcludeFromDescription();
        app.MapGet("/wrapups/{projectId}/{attempt:int}/evidence/{part}/{index:int}/preview/{size}", ServeEvidencePreviewAsync).RequireAuthorization().ExcludeFromDescription();
        // Public: the token is the permission, as on the link's landing page.
        app.MapDownload("/delivery/{token}/files.zip", DeliveryLinkDownload.ServeAsync).ExcludeFromDescription();
        app.MapGet("/delivery/{token}/zip-status", DeliveryLinkDownload.StatusAsync).ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// A download route that answers HEAD as well as GET: download managers and phones ask HEAD for the length and ETag
    /// before they resume. HEAD runs the same handler, so the same grain check, and gets the same status and headers;
    /// the file result leaves the body out.
    /// </summary>
    public static RouteHandlerBuilder MapDownload(this IEndpointRouteBuilder app, string pattern, Delegate handler) =>
        app.MapMethods(pattern, [HttpMethods.Get, HttpMethods.Head], handler);

    /// <summary>
    /// An entry preview, to anyone. Only the public previews container is read: a handover preview's name answers 404
    /// here, even to a revalidation (a 304 is only given for a preview that is in the public container).
    /// </summary>
    private static async Task<IResult> ServePreviewAsync(string name, IFileStore files, HttpContext http, CancellationToken cancellationToken)
    {
        if (!IsContentName(name)) return TypedResults.NotFound();
        var etag = new EntityTagHeaderValue("\"" + name + "\"");
        if (http.Request.Headers.IfNoneMatch.ToString().Contains(etag.Tag.ToString(), StringComparison.Ordinal))
        {
            if (!await files.ExistsAsync(StorageNames.Containers.Previews, name, cancellationToken)) return TypedResults.NotFound();
            SetImmutableCaching(http, etag);
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        var download = await files.OpenReadAsync(StorageNames.Containers.Previews, name, cancellationToken);
        if (download is null) return TypedResults.NotFound();
        SetImmutableCaching(http, etag);
        http.Response.RegisterForDisposeAsync(download);
        return TypedResults.Stream(download.Content, download.Properties.ContentType, lastModified: download.Properties.LastModified);
    }

    /// <summary>The private original of an entry's revision (latest by default): only its creative and staff.</summary>
    private static async Task<IResult> ServeEntryOriginalAsync(string id, int? revision, IGrainFactory grains, IFileStore files, HttpContext http, CancellationToken cancellationToken)
    {
        if (!Ids.IsWellFormed(id)) return TypedResults.NotFound();
        var original = await grains.GetGrain<IEntryGrain>(id).GetOriginalAsync(http.User.RequireActor(), revision);
        return await DownloadAsync(original, files, http, cancellationToken);
    }

    /// <summary>A final file of a handover: the wrap-up decides (the buyer only once completed; the creative and staff always).</summary>
    private static async Task<IResult> ServeFinalAsync(string projectId, int attempt, int index, IGrainFactory grains, IFileStore files, HttpContext http, CancellationToken cancellationToken)
    {
        if (!Ids.IsWellFormed(projectId) || attempt < 1) return TypedResults.NotFound();
        var finals = await grains.GetGrain<IWrapUpGrain>(WrapUpIds.For(projectId, attempt)).GetFinalsForDownloadAsync(http.User.RequireActor());
        if (index < 0 || index >= finals.Count) throw MarketplaceException.NotFound("There is no final file with this number.");
        return await DownloadAsync(finals[index].File, files, http, cancellationToken);
    }

    /// <summary>A file attached to a dispute or its answer: whoever may see the handover (the two parties and staff; the grain decides).</summary>
    private static async Task<IResult> ServeEvidenceAsync(string projectId, int attempt, string part, int index, IGrainFactory grains, IFileStore files, HttpContext http, CancellationToken cancellationToken)
    {
        var attached = await EvidenceAsync(projectId, attempt, part, index, grains, http);
        return await DownloadAsync(attached.File, files, http, cancellationToken);
    }

    /// <summary>An attached image's preview, behind the same check as the file; it never changes, since evidence is kept as it was attached.</summary>
    private static async Task<IResult> ServeEvidencePreviewAsync(string projectId, int attempt, string part, int index, string size, IGrainFactory grains, IFileStore files, HttpContext http, CancellationToken cancellationToken)
    {
        var attached = await EvidenceAsync(projectId, attempt, part, index, grains, http);
        var image = attached.Preview?.Find(size) ?? throw MarketplaceException.NotFound("This file has no preview of that size.");
        return await HandoverPreviewAsync(image, files, http, cancellationToken);
    }

    /// <summary>
    /// A delivered final's preview (of the latest delivery, as the page lists them), to whoever may see the handover:
    /// the buyer reviews the design from it before paying, so it is no more public than the handover itself.
    /// </summary>
    private static async Task<IResult> ServeFinalPreviewAsync(string projectId, int attempt, int index, string size, IGrainFactory grains, IFileStore files, HttpContext http, CancellationToken cancellationToken)
    {
        var finals = (await HandoverAsync(projectId, attempt, grains, http)).LatestDelivery?.Files ?? [];
        if (index < 0 || index >= finals.Count) throw MarketplaceException.NotFound("There is no final file with this number.");
        var image = finals[index].Preview?.Find(size) ?? throw MarketplaceException.NotFound("This file has no preview of that size.");
        return await HandoverPreviewAsync(image, files, http, cancellationToken);
    }

    /// <summary>A low-resolution copy staff sent the buyer (in the order sent), to whoever may see the handover.</summary>
    private static async Task<IResult> ServeSentPreviewAsync(string projectId, int attempt, int index, IGrainFactory grains, IFileStore files, HttpContext http, CancellationToken cancellationToken)
    {
        var sent = (await HandoverAsync(projectId, attempt, grains, http)).PreviewsSentToBuyer;
        if (index < 0 || index >= sent.Count) throw MarketplaceException.NotFound("There is no preview with this number.");
        return await HandoverPreviewAsync(sent[index].Image, files, http, cancellationToken);
    }

    /// <summary>
    /// A handover preview the wrap-up grain let this person see: cached by their browser only (private), never by a
    /// shared cache; named by its content, so it never changes. Handovers stored before the private container existed
    /// have theirs in the public previews container, so that is read when the private one lacks the blob; only names
    /// the wrap-up itself refers to ever get here.
    /// <para>
    /// Its strong ETag is that content name, and a browser revalidating it gets 304 without the bytes. Callers reach
    /// this only after the wrap-up grain let this person see the handover, so a 304 is never an answer to someone refused.
    /// </para>
    /// </summary>
    private static async Task<IResult> HandoverPreviewAsync(PreviewImage image, IFileStore files, HttpContext http, CancellationToken cancellationToken)
    {
        var etag = new EntityTagHeaderValue("\"" + image.BlobName + "\"");
        if (http.Request.Headers.IfNoneMatch.ToString().Contains(etag.Tag.ToString(), StringComparison.Ordinal))
        {
            SetPrivateImmutableCaching(http, etag);
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        var download = await files.OpenReadAsync(StorageNames.Containers.HandoverPreviews, image.BlobName, cancellationToken)
            ?? await files.OpenReadAsync(StorageNames.Containers.Previews, image.BlobName, cancellationToken)
            ?? throw MarketplaceException.NotFound("The preview is no longer in storage.");
        http.Response.RegisterForDisposeAsync(download);
        SetPrivateImmutableCaching(http, etag);
        return TypedResults.Stream(download.Content, download.Properties.ContentType);
    }

    private static void SetPrivateImmutableCaching(HttpContext http, EntityTagHeaderValue etag)
    {
        http.Response.Headers.CacheControl = "private, max-age=31536000, immutable";
        http.Response.Headers.ETag = etag.ToString();
        http.Response.Headers.XContentTypeOptions = "nosniff";
    }

    /// <summary>The handover as the grain shows it to this person; the grain refuses anyone but the two parties and staff.</summary>
    private static async Task<WrapUpView> HandoverAsync(string projectId, int attempt, IGrainFactory grains, HttpContext http)
    {
        if (!Ids.IsWellFormed(projectId) || attempt < 1) throw MarketplaceException.NotFound("There is no handover at this address.");
        return await grains.GetGrain<IWrapUpGrain>(WrapUpIds.For(projectId, attempt)).GetAsync(http.User.RequireActor());
    }

    private static async Task<FinalFile> EvidenceAsync(string projectId, int attempt, string part, int index, IGrainFactory grains, HttpContext http)
    {
        var dispute = (await HandoverAsync(projectId, attempt, grains, http)).Dispute;
        var attached = part switch
        {
            EvidenceLinks.Filed => dispute?.Evidence,
            EvidenceLinks.Answer => dispute?.AnswerEvidence,
            _ => null,
        };
        return attached is not null && index >= 0 && index < attached.Count
            ? attached[index]
            : throw MarketplaceException.NotFound("There is no such file attached to this dispute.");
    }

    /// <summary>A stored private file as a download, by the rules of <see cref="ResumableDownload"/>; its content name is its strong ETag.</summary>
    public static async Task<IResult> DownloadAsync(StoredFile file, IFileStore files, HttpContext http, CancellationToken cancellationToken)
    {
        var download = await files.OpenSeekableAsync(file.Container, file.BlobName, cancellationToken)
            ?? throw MarketplaceException.NotFound("The file is no longer in storage. Contact help.");
        return ResumableDownload(download, file.ContentType, file.FileName, new EntityTagHeaderValue("\"" + file.BlobName + "\""), http);
    }

    /// <summary>
    /// A private file as a download a phone on a bad link can finish: its length (so a progress bar), <c>Accept-Ranges</c>,
    /// and <c>Range</c>/<c>If-Range</c> answered by ASP.NET Core's own range processing (206, or 416 with the length) from
    /// a seekable blob stream that reads storage only from where the range starts. Callers reach this only after the grain
    /// allowed the download, so someone refused never learns even the length. Never stored by any cache (<c>no-store</c>
    /// does not stop a browser resuming: that needs only the strong ETag), never sniffed or rendered inline.
    /// </summary>
    public static IResult ResumableDownload(FileDownload download, string contentType, string fileName, EntityTagHeaderValue etag, HttpContext http)
    {
        http.Response.RegisterForDisposeAsync(download);
        http.Response.Headers.CacheControl = "private, no-store";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        // A 416 goes out as range processing writes it (Content-Range: bytes */length), not replaced by an error page.
        if (http.Features.Get<IStatusCodePagesFeature>() is { } errorPages) errorPages.Enabled = false;
        return TypedResults.Stream(download.Content, contentType, fileName, entityTag: etag, enableRangeProcessing: true);
    }

    private static void SetImmutableCaching(HttpContext http, EntityTagHeaderValue etag)
    {
        http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        http.Response.Headers.ETag = etag.ToString();
        http.Response.Headers.XContentTypeOptions = "nosniff";
    }

    /// <summary>Preview names are a SHA-256 in hex plus an image extension; anything else cannot be ours.</summary>
    private static bool IsContentName(string name)
    {
        var dot = name.IndexOf('.');
        return dot == 64 && name[..dot].All(char.IsAsciiHexDigitLower) && name[(dot + 1)..] is "jpg" or "webp" or "png";
    }
}

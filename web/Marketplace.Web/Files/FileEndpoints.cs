using Marketplace.Contracts;
using Marketplace.Contracts.Entries;
using Marketplace.Contracts.Files;
using Marketplace.Contracts.Projects;
using Marketplace.Contracts.WrapUps;
using Marketplace.Storage.Files;
using Marketplace.Web.Accounts;
using Marketplace.Web.Presentation;
using Microsoft.Net.Http.Headers;

namespace Marketplace.Web.Files;

/// <summary>
/// Serves files. Previews are public (watermarked, named by their content hash, so cached for a year and
/// immutable); originals only to the entry's creative and staff; finals through the handover's own rules.
/// </summary>
public static class FileEndpoints
{
    public static IEndpointRouteBuilder MapMarketplaceFiles(this IEndpointRouteBuilder app)
    {
        app.MapGet("/files/previews/{name}", ServePreviewAsync).ExcludeFromDescription();
        app.MapGet("/api/v1/entries/{id}/original", ServeEntryOriginalAsync).RequireAuthorization().WithTags("Entries")
            .WithSummary("The entry's full-resolution original (latest revision unless ?revision=n): only its creative and staff.");
        app.MapGet("/wrapups/{projectId}/{attempt:int}/files/{index:int}", ServeFinalAsync).RequireAuthorization().ExcludeFromDescription();
        app.MapGet("/wrapups/{projectId}/{attempt:int}/evidence/{part}/{index:int}", ServeEvidenceAsync).RequireAuthorization().ExcludeFromDescription();
        app.MapGet("/wrapups/{projectId}/{attempt:int}/evidence/{part}/{index:int}/preview/{size}", ServeEvidencePreviewAsync).RequireAuthorization().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ServePreviewAsync(string name, IFileStore files, HttpContext http, CancellationToken cancellationToken)
    {
        if (!IsContentName(name)) return TypedResults.NotFound();
        var etag = new EntityTagHeaderValue("\"" + name + "\"");
        if (http.Request.Headers.IfNoneMatch.ToString().Contains(etag.Tag.ToString(), StringComparison.Ordinal))
        {
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
        var actor = http.User.RequireActor();
        var entry = await grains.GetGrain<IEntryGrain>(id).GetAsync(actor);
        // The entry grain also shows its details to the project's buyer, who must not get the full-resolution file.
        if (!actor.Is(entry.CreativeId) && !actor.IsStaff)
            throw MarketplaceException.Forbidden("Only the creative and staff can download an entry's original. Buyers get the final files through the handover.");
        var chosen = revision is { } n ? entry.Revisions.FirstOrDefault(r => r.Number == n) : entry.Revisions.LastOrDefault();
        if (chosen is null) throw MarketplaceException.NotFound("That revision does not exist.");
        return await DownloadAsync(chosen.Original, files, http, cancellationToken);
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

    /// <summary>
    /// An attached image's preview, behind the same check as the file: cached by the browser only (private), never by
    /// a shared cache; it never changes, since evidence is kept as it was attached.
    /// </summary>
    private static async Task<IResult> ServeEvidencePreviewAsync(string projectId, int attempt, string part, int index, string size, IGrainFactory grains, IFileStore files, HttpContext http, CancellationToken cancellationToken)
    {
        var attached = await EvidenceAsync(projectId, attempt, part, index, grains, http);
        var image = attached.Preview?.Find(size) ?? throw MarketplaceException.NotFound("This file has no preview of that size.");
        var download = await files.OpenReadAsync(StorageNames.Containers.Previews, image.BlobName, cancellationToken)
            ?? throw MarketplaceException.NotFound("The preview is no longer in storage.");
        http.Response.RegisterForDisposeAsync(download);
        http.Response.Headers.CacheControl = "private, max-age=31536000, immutable";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Stream(download.Content, download.Properties.ContentType);
    }

    private static async Task<FinalFile> EvidenceAsync(string projectId, int attempt, string part, int index, IGrainFactory grains, HttpContext http)
    {
        if (!Ids.IsWellFormed(projectId) || attempt < 1) throw MarketplaceException.NotFound("There is no handover at this address.");
        var dispute = (await grains.GetGrain<IWrapUpGrain>(WrapUpIds.For(projectId, attempt)).GetAsync(http.User.RequireActor())).Dispute;
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

    /// <summary>A private file as a download: never cached by shared caches, never sniffed or rendered inline.</summary>
    public static async Task<IResult> DownloadAsync(StoredFile file, IFileStore files, HttpContext http, CancellationToken cancellationToken)
    {
        var download = await files.OpenReadAsync(file.Container, file.BlobName, cancellationToken)
            ?? throw MarketplaceException.NotFound("The file is no longer in storage. Contact help.");
        http.Response.RegisterForDisposeAsync(download);
        http.Response.Headers.CacheControl = "private, no-store";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Stream(download.Content, file.ContentType, file.FileName);
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

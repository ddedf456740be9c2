using Marketplace.Contracts;
using Marketplace.Contracts.Files;
using Marketplace.Contracts.Previews;
using Marketplace.Storage.Files;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Marketplace.Previews;

/// <summary>
/// Stateless image worker (one activation per core per silo): reads uploads from the private staging
/// container, stores originals and finals under their content hash in their own private containers, and
/// writes previews of entry originals to the previews container (served to anyone) and previews of finals (a
/// delivery, dispute evidence) to the handover previews container (served only to the handover's parties and staff).
/// Holds no state; everything it returns is a reference.
/// </summary>
[StatelessWorker]
public sealed partial class PreviewWorkerGrain(
    IFileStore files,
    PreviewPipeline pipeline,
    PrintPreviews printPreviews,
    IOptions<PreviewOptions> options,
    ILogger<PreviewWorkerGrain> logger) : Grain, IPreviewWorkerGrain
{
    private PreviewOptions Limits => options.Value;

    public async Task<IngestResult> IngestOriginalAsync(string stagingBlobName, string fileName, string watermarkLabel)
    {
        var result = await CheckAndStoreOriginalAsync(stagingBlobName, fileName, watermarkLabel);
        await DiscardStagingAsync(stagingBlobName);
        return Logged(result, fileName);
    }

    public async Task<FinalsIngestResult> IngestFinalsAsync(IReadOnlyList<StagedUpload> uploads, string? watermarkLabel)
    {
        var checkedFinals = new List<CheckedFinal>(uploads.Count);
        try
        {
            if (uploads.Count is 0 or > StagedUpload.MaxPerBatch)
            {
                return FinalsIngestResult.Refused("", new UploadRefusal(UploadRefusalCode.TooManyFiles,
                    $"Upload 1 to {StagedUpload.MaxPerBatch} files at a time; zip the rest."));
            }

            // All checked before any is stored: a delivery is stored whole or not at all.
            var checking = System.Diagnostics.Stopwatch.StartNew();
            foreach (var upload in uploads)
            {
                var (final, refusal) = await CheckFinalAsync(upload, watermarkLabel, Limits.PrintDrawing.TimePerUpload - checking.Elapsed);
                if (refusal is not null)
                {
                    Logged(IngestResult.Refused(refusal), upload.FileName);
                    return FinalsIngestResult.Refused(upload.FileName, refusal);
                }

                checkedFinals.Add(final!);
            }

            var stored = new List<IngestResult>(checkedFinals.Count);
            foreach (var final in checkedFinals)
            {
                stored.Add(Logged(await StoreCheckedAsync(final), final.FileName));
            }

            return FinalsIngestResult.All(stored);
        }
        finally
        {
            foreach (var final in checkedFinals)
            {
                await final.Copy.DisposeAsync();
            }

            foreach (var upload in uploads)
            {
                await DiscardStagingAsync(upload.StagingBlobName);
            }
        }
    }

    public async Task<IngestResult> RenderPreviewsAsync(StoredFile file, string? watermarkLabel)
    {
        if (file.Container is not (StorageNames.Containers.Originals or StorageNames.Containers.Finals))
        {
            return IngestResult.Refused(UploadRefusalCode.NotFound, "Previews are made only from stored originals and final files.");
        }

        var (copy, refusal) = await LocalCopy.FetchAsync(files, file.Container, file.BlobName, Math.Max(Limits.MaxEntryBytes, Limits.MaxFinalBytes));
        if (copy is null)
        {
            return IngestResult.Refused(refusal!);
        }

        await using (copy)
        {
            var outcome = await pipeline.ProcessAsync(copy.Path, file.FileName, watermarkLabel);
            return outcome.Refusal is { } refused
                ? IngestResult.Refused(refused)
                : IngestResult.Stored(file, await StorePreviewsAsync(PreviewContainerFor(file.Container), copy.Sha256, outcome.Previews!));
        }
    }

    private async Task<IngestResult> CheckAndStoreOriginalAsync(string stagingBlobName, string fileName, string watermarkLabel)
    {
        if (!IsStagingName(stagingBlobName))
        {
            return IngestResult.Refused(UploadRefusalCode.NotFound, "The uploaded file was not found; upload it again.");
        }

        var (copy, refusal) = await LocalCopy.FetchAsync(files, StorageNames.Containers.Staging, stagingBlobName, Limits.MaxEntryBytes);
        if (copy is null)
        {
            return IngestResult.Refused(refusal!);
        }

        await using (copy)
        {
            var outcome = await pipeline.ProcessAsync(copy.Path, fileName, watermarkLabel);
            if (outcome.Refusal is { } refused)
            {
                return IngestResult.Refused(refused);
            }

            var format = outcome.Header!.Format;
            var manifest = await StorePreviewsAsync(PreviewContainerFor(StorageNames.Containers.Originals), copy.Sha256, outcome.Previews!);
            var original = await StoreAsync(StorageNames.Containers.Originals, copy, format.Extension(), fileName, format.ContentType());
            return IngestResult.Stored(original, manifest);
        }
    }

    /// <summary>
    /// A final that passed its checks: its local copy and rendered previews (of the first page for a print file, or why a
    /// print file has none), not yet stored.
    /// </summary>
    private sealed record CheckedFinal(LocalCopy Copy, string FileName, string Extension, string ContentType, RenderedPreviews? Previews, FirstPage? FirstPage = null, NoPreview? NotDrawn = null, ArchiveListing? Archive = null, string? FontName = null);

    private async Task<(CheckedFinal? Final, UploadRefusal? Refusal)> CheckFinalAsync(StagedUpload upload, string? watermarkLabel, TimeSpan drawingTimeLeft)
    {
        if (!IsStagingName(upload.StagingBlobName))
        {
            return (null, new UploadRefusal(UploadRefusalCode.NotFound, "The uploaded file was not found; upload it again."));
        }

        var (copy, refusal) = await LocalCopy.FetchAsync(files, StorageNames.Containers.Staging, upload.StagingBlobName, Limits.MaxFinalBytes);
        if (copy is null)
        {
            return (null, refusal);
        }

        if (ClaimedFormats.CheckFile(copy.Path, upload.FileName) is { } mislabelled)
        {
            await copy.DisposeAsync();
            return (null, mislabelled);
        }

        var inspection = pipeline.Inspect(copy.Path, upload.FileName);
        if (inspection.Refusal is { Code: UploadRefusalCode.Damaged } damaged)
        {
            await copy.DisposeAsync();
            return (null, damaged);
        }

        RenderedPreviews? previews = null;
        if (inspection.Header is { } header)
        {
            var outcome = await pipeline.RenderAsync(copy.Path, header, watermarkLabel);
            if (outcome.Refusal is { } refused)
            {
                await copy.DisposeAsync();
                return (null, refused);
            }

            previews = outcome.Previews;
        }

        // Not an image, or an image past the preview limits: a valid final all the same, just without previews.
        var (extension, contentType) = ImageFormats.DetectFile(copy.Path) is { } image
            ? (image.Extension(), image.ContentType())
            : (FinalFileTypes.Extension(upload.FileName), FinalFileTypes.ContentType(upload.FileName));
        if (previews is null && await printPreviews.RenderFinalAsync(copy.Path, upload.FileName, watermarkLabel, drawingTimeLeft) is { } drawn)
        {
            // A print file that cannot be drawn is still the creative's deliverable: stored, with the reason instead.
            // An upload's files share its drawing time, so a delivery of ten slow PDFs still answers within a grain call.
            return (new CheckedFinal(copy, upload.FileName, extension, contentType, drawn.Previews, drawn.FirstPage, drawn.NotDrawn, FontName: drawn.FontName), null);
        }

        // A zip is listed, never unpacked: the page shows what it holds and the formats checklist counts its files.
        var archive = previews is null && KnownFormats.Identify(KnownFormats.ReadHead(copy.Path)) == KnownFormats.Zip ? ZipDirectory.Read(copy.Path) : null;
        return (new CheckedFinal(copy, upload.FileName, extension, contentType, previews, Archive: archive), null);
    }

    private async Task<IngestResult> StoreCheckedAsync(CheckedFinal final)
    {
        var manifest = final.Previews is not null
            ? await StorePreviewsAsync(PreviewContainerFor(StorageNames.Containers.Finals), final.Copy.Sha256, final.Previews) with { FirstPage = final.FirstPage, FontName = final.FontName }
            : final.NotDrawn is { } why ? PreviewManifest.None(final.Copy.Sha256, why)
            : final.Archive is { } archive ? PreviewManifest.Listing(final.Copy.Sha256, archive) : null;
        var stored = await StoreAsync(StorageNames.Containers.Finals, final.Copy, final.Extension, final.FileName, final.ContentType);
        return IngestResult.Stored(stored, manifest);
    }

    /// <summary>
    /// Where previews of a file stored in <paramref name="sourceContainer"/> go: an entry's are public, a final's (a
    /// design before payment, a photo in a dispute) stay with the handover.
    /// </summary>
    public static string PreviewContainerFor(string sourceContainer) => sourceContainer switch
    {
        StorageNames.Containers.Originals => StorageNames.Containers.Previews,
        StorageNames.Containers.Finals => StorageNames.Containers.HandoverPreviews,
        _ => throw new ArgumentOutOfRangeException(nameof(sourceContainer), sourceContainer, "Previews are made only from originals and finals."),
    };

    private async Task<PreviewManifest> StorePreviewsAsync(string container, string originalSha256, RenderedPreviews previews)
    {
        var images = new List<PreviewImage>(previews.Images.Count);
        foreach (var preview in previews.Images)
        {
            using var content = new MemoryStream(preview.Bytes, writable: false);
            await files.WriteOnceAsync(container, preview.BlobName, content, preview.ContentType);
            images.Add(new PreviewImage(preview.Size, preview.Width, preview.Height, preview.Bytes.LongLength, preview.Format, preview.BlobName));
        }

        return new PreviewManifest(originalSha256, previews.OriginalWidth, previews.OriginalHeight, images);
    }

    private async Task<StoredFile> StoreAsync(string container, LocalCopy copy, string extension, string fileName, string contentType)
    {
        var blobName = copy.Sha256 + extension;
        await using (var content = copy.OpenRead())
        {
            await files.WriteOnceAsync(container, blobName, content, contentType);
        }

        return new StoredFile(container, blobName, Path.GetFileName(fileName), contentType, copy.Bytes, copy.Sha256);
    }

    private async Task DiscardStagingAsync(string stagingBlobName)
    {
        if (IsStagingName(stagingBlobName))
        {
            await files.DeleteAsync(StorageNames.Containers.Staging, stagingBlobName);
        }
    }

    /// <summary>Staging names are the store's own random hex names; anything else never reaches storage.</summary>
    private static bool IsStagingName(string name) => name is { Length: 32 } && name.All(char.IsAsciiHexDigitLower);

    private IngestResult Logged(IngestResult result, string fileName)
    {
        if (result.Refusal is { } refusal)
        {
            LogRefused(fileName, refusal.Code, refusal.Message);
        }
        else
        {
            LogStored(fileName, result.File!.Container, result.File.BlobName, result.Previews?.Images.Count ?? 0);
        }

        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused upload {FileName}: {Code} ({Reason})")]
    private partial void LogRefused(string fileName, UploadRefusalCode code, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored {FileName} as {Container}/{BlobName} with {PreviewCount} previews")]
    private partial void LogStored(string fileName, string container, string blobName, int previewCount);
}

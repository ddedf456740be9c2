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
/// writes previews to the previews container. Holds no state; everything it returns is a reference.
/// </summary>
[StatelessWorker]
public sealed partial class PreviewWorkerGrain(
    IFileStore files,
    PreviewPipeline pipeline,
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

    public async Task<IngestResult> IngestFinalAsync(string stagingBlobName, string fileName, string? watermarkLabel)
    {
        var result = await CheckAndStoreFinalAsync(stagingBlobName, fileName, watermarkLabel);
        await DiscardStagingAsync(stagingBlobName);
        return Logged(result, fileName);
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
                : IngestResult.Stored(file, await StorePreviewsAsync(copy.Sha256, outcome.Previews!));
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
            var manifest = await StorePreviewsAsync(copy.Sha256, outcome.Previews!);
            var original = await StoreAsync(StorageNames.Containers.Originals, copy, format.Extension(), fileName, format.ContentType());
            return IngestResult.Stored(original, manifest);
        }
    }

    private async Task<IngestResult> CheckAndStoreFinalAsync(string stagingBlobName, string fileName, string? watermarkLabel)
    {
        if (!IsStagingName(stagingBlobName))
        {
            return IngestResult.Refused(UploadRefusalCode.NotFound, "The uploaded file was not found; upload it again.");
        }

        var (copy, refusal) = await LocalCopy.FetchAsync(files, StorageNames.Containers.Staging, stagingBlobName, Limits.MaxFinalBytes);
        if (copy is null)
        {
            return IngestResult.Refused(refusal!);
        }

        await using (copy)
        {
            var inspection = pipeline.Inspect(copy.Path, fileName);
            if (inspection.Refusal is { Code: UploadRefusalCode.Damaged } damaged)
            {
                return IngestResult.Refused(damaged);
            }

            PreviewManifest? manifest = null;
            if (inspection.Header is { } header)
            {
                var outcome = await pipeline.RenderAsync(copy.Path, header, watermarkLabel);
                if (outcome.Refusal is { } refused)
                {
                    return IngestResult.Refused(refused);
                }

                manifest = await StorePreviewsAsync(copy.Sha256, outcome.Previews!);
            }

            // Not an image, or an image past the preview limits: a valid final all the same, just without previews.
            var (extension, contentType) = ImageFormats.DetectFile(copy.Path) is { } image
                ? (image.Extension(), image.ContentType())
                : (FinalFileTypes.Extension(fileName), FinalFileTypes.ContentType(fileName));
            var stored = await StoreAsync(StorageNames.Containers.Finals, copy, extension, fileName, contentType);
            return IngestResult.Stored(stored, manifest);
        }
    }

    private async Task<PreviewManifest> StorePreviewsAsync(string originalSha256, RenderedPreviews previews)
    {
        var images = new List<PreviewImage>(previews.Images.Count);
        foreach (var preview in previews.Images)
        {
            using var content = new MemoryStream(preview.Bytes, writable: false);
            await files.WriteOnceAsync(StorageNames.Containers.Previews, preview.BlobName, content, preview.ContentType);
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

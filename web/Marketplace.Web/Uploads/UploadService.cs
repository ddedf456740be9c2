using Marketplace.Contracts;
using Marketplace.Contracts.Previews;
using Marketplace.Storage.Files;

namespace Marketplace.Web.Uploads;

/// <summary>
/// Streams an upload to a private staging blob and lets the preview worker check and store it. Used by the pages
/// and the API alike, so a refusal reads the same everywhere and a refused file leaves nothing stored.
/// </summary>
public sealed class UploadService(IFileStore files, IGrainFactory grains, Microsoft.Extensions.Options.IOptions<Extensions.WebOptions> options)
{
    public async Task<IngestResult> StoreEntryImageAsync(IFormFile? file, string watermarkLabel, CancellationToken cancellationToken)
    {
        var staged = await StageAsync(file, options.Value.MaxEntryUploadBytes, cancellationToken);
        var result = await grains.GetGrain<IPreviewWorkerGrain>(0).IngestOriginalAsync(staged, SafeName(file!.FileName), watermarkLabel);
        return Accepted(result);
    }

    /// <summary>The same path for bytes the marketplace itself uploads (demo data).</summary>
    public async Task<IngestResult> StoreEntryImageAsync(byte[] content, string fileName, string watermarkLabel, CancellationToken cancellationToken)
    {
        await using var stream = new MemoryStream(content);
        var staged = await files.StageAsync(stream, options.Value.MaxEntryUploadBytes, cancellationToken);
        if (staged.Refusal is { } refusal) throw new UploadRefusedException(refusal);
        return Accepted(await grains.GetGrain<IPreviewWorkerGrain>(0).IngestOriginalAsync(staged.BlobName!, SafeName(fileName), watermarkLabel));
    }

    /// <summary>The same path for a final the marketplace itself uploads (demo data).</summary>
    public async Task<IngestResult> StoreFinalFileAsync(byte[] content, string fileName, string? watermarkLabel, CancellationToken cancellationToken)
    {
        await using var stream = new MemoryStream(content);
        var staged = await files.StageAsync(stream, options.Value.MaxUploadBytes, cancellationToken);
        if (staged.Refusal is { } refusal) throw new UploadRefusedException(refusal);
        return Accepted(await grains.GetGrain<IPreviewWorkerGrain>(0).IngestFinalsAsync([new StagedUpload(staged.BlobName!, SafeName(fileName))], watermarkLabel))[0];
    }

    /// <summary>
    /// Stores final files (a delivery, dispute evidence) all or none: every file is staged, then the worker checks
    /// them all before storing any. A refusal names the file.
    /// </summary>
    public async Task<IReadOnlyList<IngestResult>> StoreFinalFilesAsync(IReadOnlyList<IFormFile> chosen, string? watermarkLabel, CancellationToken cancellationToken)
    {
        if (chosen.Count > StagedUpload.MaxPerBatch)
            throw MarketplaceException.Invalid($"Upload at most {StagedUpload.MaxPerBatch} files at a time; zip the rest.");
        var staged = new List<StagedUpload>(chosen.Count);
        try
        {
            foreach (var file in chosen)
            {
                staged.Add(new StagedUpload(await StageAsync(file, options.Value.MaxUploadBytes, cancellationToken), SafeName(file.FileName)));
            }
        }
        catch (UploadRefusedException refused)
        {
            await DiscardAsync(staged);
            throw new UploadRefusedException(Naming(SafeName(chosen[staged.Count].FileName), refused.Refusal));
        }
        catch
        {
            await DiscardAsync(staged);
            throw;
        }

        var result = await grains.GetGrain<IPreviewWorkerGrain>(0).IngestFinalsAsync(staged, watermarkLabel);
        return Accepted(result);
    }

    private async Task<string> StageAsync(IFormFile? file, long maxBytes, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
            throw MarketplaceException.Invalid("Choose a file to upload.");
        await using var content = file.OpenReadStream();
        var staged = await files.StageAsync(content, maxBytes, cancellationToken);
        if (staged.Refusal is { } refusal) throw new UploadRefusedException(refusal);
        return staged.BlobName!;
    }

    private static IngestResult Accepted(IngestResult result) =>
        result.Refusal is { } refusal ? throw new UploadRefusedException(refusal) : result;

    private static IReadOnlyList<IngestResult> Accepted(FinalsIngestResult result) =>
        result.Refusal is { } refusal ? throw new UploadRefusedException(Naming(result.RefusedFileName, refusal)) : result.Stored;

    /// <summary>
    /// "logo.png: This PNG is damaged…": with several files, the person must know which one to fix. A message that
    /// already starts with the name ("logo.png is not a PNG…") is left as it is.
    /// </summary>
    private static UploadRefusal Naming(string? fileName, UploadRefusal refusal) =>
        string.IsNullOrEmpty(fileName) || refusal.Message.StartsWith(fileName, StringComparison.Ordinal)
            ? refusal
            : refusal with { Message = $"{fileName}: {refusal.Message}" };

    /// <summary>Staged uploads of a refused batch: the worker never saw them, so nothing else deletes them.</summary>
    private async Task DiscardAsync(IEnumerable<StagedUpload> staged)
    {
        foreach (var upload in staged)
        {
            await files.DeleteAsync(StorageNames.Containers.Staging, upload.StagingBlobName, CancellationToken.None);
        }
    }

    /// <summary>Only the last path segment, printable, at most 120 characters: the name is shown to people, never used as a path.</summary>
    private static string SafeName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        name = new string(name.Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (name.Length == 0) name = "upload";
        return name.Length <= 120 ? name : name[^120..];
    }
}

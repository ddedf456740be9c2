using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Marketplace.Contracts;
using Marketplace.Contracts.Previews;
using Microsoft.Extensions.Options;

namespace Marketplace.Storage.Files;

/// <summary>
/// <see cref="IFileStore"/> on Azure Blob Storage (Azurite locally). Every container is private: entry previews
/// are public only through the web, which adds cache headers and never serves originals, finals or handover previews
/// to strangers.
/// </summary>
public sealed class BlobFileStore(BlobServiceClient blobs, IOptions<FileStoreOptions> options) : IFileStore
{
    /// <summary>Containers this store owns; created once per process (see <see cref="EnsureContainersAsync"/>).</summary>
    public static readonly IReadOnlyList<string> Containers =
    [
        StorageNames.Containers.Originals,
        StorageNames.Containers.Finals,
        StorageNames.Containers.Staging,
        StorageNames.Containers.Previews,
        StorageNames.Containers.HandoverPreviews,
        StorageNames.Containers.Downloads,
    ];

    /// <summary>
    /// The most a seekable download reads from storage at once: a resumed download or a small range costs at most this
    /// much beyond what was asked, and each download being sent holds one such buffer.
    /// </summary>
    public const int SeekableChunkBytes = 1024 * 1024;

    // Streams of unknown length are sent in 4 MB blocks so an upload never buffers more than a few blocks.
    private static readonly StorageTransferOptions Transfer = new()
    {
        InitialTransferSize = 4 * 1024 * 1024,
        MaximumTransferSize = 4 * 1024 * 1024,
        MaximumConcurrency = 2,
    };

    private Task? _containersReady;

    /// <summary>
    /// Creates the containers once; the startup service calls it so the first request does not pay.
    /// A failed attempt (storage not up yet) is retried by the next caller instead of being remembered.
    /// </summary>
    public Task EnsureContainersAsync()
    {
        var ready = _containersReady;
        if (ready is null || ready.IsFaulted || ready.IsCanceled)
        {
            ready = _containersReady = CreateContainersAsync(blobs);
        }

        return ready;
    }

    public async Task<FileProperties> WriteAsync(string container, string blobName, Stream content, string contentType, CancellationToken cancellationToken = default)
    {
        await EnsureContainersAsync();
        return await UploadAsync(Blob(container, blobName), content, contentType, conditions: null, cancellationToken);
    }

    public async Task<FileProperties> WriteOnceAsync(string container, string blobName, Stream content, string contentType, CancellationToken cancellationToken = default)
    {
        await EnsureContainersAsync();
        if (await GetPropertiesAsync(container, blobName, cancellationToken) is { } existing && await MarkInUseAsync(existing, cancellationToken) is { } inUse)
        {
            return inUse;
        }

        try
        {
            return await UploadAsync(Blob(container, blobName), content, contentType, new BlobRequestConditions { IfNoneMatch = ETag.All }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Another writer stored the same content first; its blob is ours too.
            return await GetPropertiesAsync(container, blobName, cancellationToken)
                ?? throw new InvalidOperationException($"Blob {container}/{blobName} vanished after a conflicting write.", e);
        }
    }

    public async Task<StagingResult> StageAsync(Stream content, long? maxBytes = null, CancellationToken cancellationToken = default)
    {
        await EnsureContainersAsync();
        var limit = maxBytes ?? options.Value.MaxUploadBytes;
        var blobName = Guid.NewGuid().ToString("N");
        try
        {
            var stored = await UploadAsync(Blob(StorageNames.Containers.Staging, blobName), new LimitedReadStream(content, limit), "application/octet-stream", null, cancellationToken);
            return stored.Bytes == 0
                ? await RefuseEmptyAsync(blobName, cancellationToken)
                : new StagingResult(blobName, stored.Bytes, null);
        }
        catch (Exception e) when (FindTooLarge(e) is { } tooLarge)
        {
            return new StagingResult(null, 0, new UploadRefusal(UploadRefusalCode.TooLarge,
                $"The file is larger than the {ByteLimits.Describe(tooLarge.Limit)} limit. Export a smaller file and upload it again."));
        }
    }

    public async Task<FileDownload?> OpenReadAsync(string container, string blobName, CancellationToken cancellationToken = default)
    {
        await EnsureContainersAsync();
        try
        {
            var download = await Blob(container, blobName).DownloadStreamingAsync(cancellationToken: cancellationToken);
            var details = download.Value.Details;
            var properties = new FileProperties(container, blobName, details.ContentLength, details.ContentType, details.ETag.ToString("H"), details.LastModified);
            return new FileDownload(properties, download.Value.Content);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task<FileDownload?> OpenSeekableAsync(string container, string blobName, CancellationToken cancellationToken = default)
    {
        if (await GetPropertiesAsync(container, blobName, cancellationToken) is not { } properties) return null;
        try
        {
            // Modifications allowed: blobs are named by their content, so the bytes never change, but storing the same
            // content again re-stamps the blob's metadata (and ETag), which must not break a download under way.
            var content = await Blob(container, blobName).OpenReadAsync(
                new BlobOpenReadOptions(allowModifications: true) { BufferSize = SeekableChunkBytes }, cancellationToken);
            return new FileDownload(properties, content);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task<FileProperties?> GetPropertiesAsync(string container, string blobName, CancellationToken cancellationToken = default)
    {
        await EnsureContainersAsync();
        try
        {
            var properties = (await Blob(container, blobName).GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            return new FileProperties(container, blobName, properties.ContentLength, properties.ContentType, properties.ETag.ToString("H"), properties.LastModified);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task<bool> ExistsAsync(string container, string blobName, CancellationToken cancellationToken = default) =>
        await GetPropertiesAsync(container, blobName, cancellationToken) is not null;

    public async Task<bool> DeleteAsync(string container, string blobName, CancellationToken cancellationToken = default)
    {
        await EnsureContainersAsync();
        return (await Blob(container, blobName).DeleteIfExistsAsync(cancellationToken: cancellationToken)).Value;
    }

    /// <summary>
    /// Renews the blob's last-modified time (and ETag) by setting a metadata stamp, so the sweep of unreferenced files
    /// neither counts it as old nor deletes it from a listing made before. Null when it vanished meanwhile.
    /// </summary>
    private async Task<FileProperties?> MarkInUseAsync(FileProperties existing, CancellationToken cancellationToken)
    {
        try
        {
            var stamp = new Dictionary<string, string> { ["storedagain"] = DateTimeOffset.UtcNow.ToString("O") };
            var marked = (await Blob(existing.Container, existing.BlobName).SetMetadataAsync(stamp, cancellationToken: cancellationToken)).Value;
            return existing with { ETag = marked.ETag.ToString("H"), LastModified = marked.LastModified };
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private BlobClient Blob(string container, string blobName) => blobs.GetBlobContainerClient(container).GetBlobClient(blobName);

    private static async Task<FileProperties> UploadAsync(BlobClient blob, Stream content, string contentType, BlobRequestConditions? conditions, CancellationToken cancellationToken)
    {
        var counted = content as LimitedReadStream ?? new LimitedReadStream(content, long.MaxValue);
        var uploaded = (await blob.UploadAsync(counted, new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
            Conditions = conditions,
            TransferOptions = Transfer,
        }, cancellationToken)).Value;
        return new FileProperties(blob.BlobContainerName, blob.Name, counted.BytesRead, contentType, uploaded.ETag.ToString("H"), uploaded.LastModified);
    }

    private async Task<StagingResult> RefuseEmptyAsync(string blobName, CancellationToken cancellationToken)
    {
        await DeleteAsync(StorageNames.Containers.Staging, blobName, cancellationToken);
        return new StagingResult(null, 0, new UploadRefusal(UploadRefusalCode.Empty, "The file is empty (0 bytes). Choose the file again and upload it."));
    }

    private static UploadTooLargeException? FindTooLarge(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is UploadTooLargeException tooLarge)
            {
                return tooLarge;
            }

            if (e is AggregateException aggregate)
            {
                return aggregate.InnerExceptions.Select(FindTooLarge).FirstOrDefault(x => x is not null);
            }
        }

        return null;
    }

    private static async Task CreateContainersAsync(BlobServiceClient blobs)
    {
        foreach (var name in Containers)
        {
            await blobs.GetBlobContainerClient(name).CreateIfNotExistsAsync(PublicAccessType.None);
        }
    }
}

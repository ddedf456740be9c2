using Marketplace.Contracts.Previews;

namespace Marketplace.Storage.Files;

/// <summary>
/// Files in blob containers (<see cref="Marketplace.Contracts.StorageNames.Containers"/>). Grains keep
/// <see cref="Marketplace.Contracts.Files.StoredFile"/> references; bytes only flow through this store.
/// </summary>
public interface IFileStore
{
    /// <summary>Writes (or replaces) a blob. The write is all-or-nothing: a failed or over-long stream leaves no blob.</summary>
    Task<FileProperties> WriteAsync(string container, string blobName, Stream content, string contentType, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes a blob whose name is derived from its content (a hash): when it already exists the existing
    /// blob is kept, so two uploads of the same bytes never race or rewrite each other, and marked in use
    /// again (its last-modified time renewed), so <see cref="UnreferencedFileSweep"/> gives the new upload its
    /// full grace period.
    /// </summary>
    Task<FileProperties> WriteOnceAsync(string container, string blobName, Stream content, string contentType, CancellationToken cancellationToken = default);

    /// <summary>Streams an upload into the private staging container under a fresh random name, refusing more than <paramref name="maxBytes"/> (default: the configured upload limit) without keeping any of it.</summary>
    Task<StagingResult> StageAsync(Stream content, long? maxBytes = null, CancellationToken cancellationToken = default);

    /// <summary>Opens a blob for reading, or null when it does not exist. Dispose the result.</summary>
    Task<FileDownload?> OpenReadAsync(string container, string blobName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Opens a blob to be read from anywhere in it, or null when it does not exist: the stream knows its length and can
    /// seek, and reads storage lazily in chunks of at most <see cref="BlobFileStore.SeekableChunkBytes"/> from where it is
    /// read, so answering a range request reads about that range, not the whole blob. Dispose the result.
    /// </summary>
    Task<FileDownload?> OpenSeekableAsync(string container, string blobName, CancellationToken cancellationToken = default);

    /// <summary>Length, content type and ETag of a blob, or null when it does not exist.</summary>
    Task<FileProperties?> GetPropertiesAsync(string container, string blobName, CancellationToken cancellationToken = default);

    Task<bool> ExistsAsync(string container, string blobName, CancellationToken cancellationToken = default);

    /// <summary>Deletes a blob; true when it existed.</summary>
    Task<bool> DeleteAsync(string container, string blobName, CancellationToken cancellationToken = default);
}

/// <summary>What storage knows about a blob. <see cref="ETag"/> is the quoted HTTP entity tag.</summary>
public sealed record FileProperties(string Container, string BlobName, long Bytes, string ContentType, string ETag, DateTimeOffset LastModified);

/// <summary>An open blob. Dispose it to release the connection.</summary>
public sealed class FileDownload(FileProperties properties, Stream content) : IAsyncDisposable, IDisposable
{
    public FileProperties Properties { get; } = properties;
    public Stream Content { get; } = content;

    public ValueTask DisposeAsync() => Content.DisposeAsync();
    public void Dispose() => Content.Dispose();
}

/// <summary>An upload in the staging container (<see cref="BlobName"/>), or the <see cref="Refusal"/> that kept it out.</summary>
public sealed record StagingResult(string? BlobName, long Bytes, UploadRefusal? Refusal)
{
    public bool Accepted => Refusal is null;
}

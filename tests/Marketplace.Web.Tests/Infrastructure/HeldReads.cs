using System.Collections.Concurrent;
using Marketplace.Storage.Files;

namespace Marketplace.Web.Tests.Infrastructure;

/// <summary>
/// A test hook on the silo's file store (<see cref="HoldingFileStore"/>): while a test holds a blob, reads of it wait
/// until the test lets go, so a zip build can be caught half-way (its page says "Preparing") and then allowed to finish.
/// Storage stays real Azurite; only the moment of the read is chosen.
/// </summary>
public static class HeldReads
{
    private static readonly ConcurrentDictionary<(string Container, string BlobName), TaskCompletionSource> Held = new();

    /// <summary>Reads of the blob wait until the result is disposed.</summary>
    public static IDisposable Of(string container, string blobName)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Held[(container, blobName)] = gate;
        return new Release((container, blobName), gate);
    }

    internal static Task WaitAsync(string container, string blobName, CancellationToken cancellationToken) =>
        Held.TryGetValue((container, blobName), out var gate) ? gate.Task.WaitAsync(cancellationToken) : Task.CompletedTask;

    private sealed class Release((string, string) key, TaskCompletionSource gate) : IDisposable
    {
        public void Dispose()
        {
            Held.TryRemove(key, out _);
            gate.TrySetResult();
        }
    }
}

/// <summary>The silo's real file store, whose reads wait while <see cref="HeldReads"/> holds their blob.</summary>
public sealed class HoldingFileStore(IFileStore inner) : IFileStore
{
    public Task<FileProperties> WriteAsync(string container, string blobName, Stream content, string contentType, CancellationToken cancellationToken = default) =>
        inner.WriteAsync(container, blobName, content, contentType, cancellationToken);

    public Task<FileProperties> WriteOnceAsync(string container, string blobName, Stream content, string contentType, CancellationToken cancellationToken = default) =>
        inner.WriteOnceAsync(container, blobName, content, contentType, cancellationToken);

    public Task<StagingResult> StageAsync(Stream content, long? maxBytes = null, CancellationToken cancellationToken = default) =>
        inner.StageAsync(content, maxBytes, cancellationToken);

    public async Task<FileDownload?> OpenReadAsync(string container, string blobName, CancellationToken cancellationToken = default)
    {
        await HeldReads.WaitAsync(container, blobName, cancellationToken);
        return await inner.OpenReadAsync(container, blobName, cancellationToken);
    }

    public async Task<FileDownload?> OpenSeekableAsync(string container, string blobName, CancellationToken cancellationToken = default)
    {
        await HeldReads.WaitAsync(container, blobName, cancellationToken);
        return await inner.OpenSeekableAsync(container, blobName, cancellationToken);
    }

    public Task<FileProperties?> GetPropertiesAsync(string container, string blobName, CancellationToken cancellationToken = default) =>
        inner.GetPropertiesAsync(container, blobName, cancellationToken);

    public Task<bool> ExistsAsync(string container, string blobName, CancellationToken cancellationToken = default) =>
        inner.ExistsAsync(container, blobName, cancellationToken);

    public Task<bool> DeleteAsync(string container, string blobName, CancellationToken cancellationToken = default) =>
        inner.DeleteAsync(container, blobName, cancellationToken);
}

using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Marketplace.Storage.GrainState;

/// <summary>
/// Orleans grain storage with one JSON blob per grain state. Every write is conditional on the ETag the
/// grain last saw (<c>If-None-Match: *</c> when it saw nothing), so two activations or silos can never
/// silently overwrite each other: the loser gets an <see cref="InconsistentStateException"/>.
/// </summary>
public sealed partial class AzureBlobGrainStorage(
    string name,
    AzureBlobGrainStorageOptions options,
    ILogger<AzureBlobGrainStorage> logger) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private readonly BlobContainerClient _container = options.CreateServiceClient().GetBlobContainerClient(options.ContainerName);
    private readonly IGrainStorageSerializer _serializer = options.Serializer ?? new JsonGrainStateSerializer();

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe($"{nameof(AzureBlobGrainStorage)}-{name}", options.InitStage, EnsureContainerAsync);

    /// <summary>Creates the container if missing; done once at silo start, not on every call.</summary>
    public async Task EnsureContainerAsync(CancellationToken cancellationToken = default)
    {
        await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        LogContainerReady(name, _container.Name);
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var blob = _container.GetBlobClient(GrainStateBlobNames.For(stateName, grainId));
        try
        {
            var download = await blob.DownloadContentAsync();
            grainState.State = Deserialize<T>(blob.Name, download.Value.Content);
            grainState.ETag = download.Value.Details.ETag.ToString();
            grainState.RecordExists = true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            grainState.State = CreateEmptyState<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var blob = _container.GetBlobClient(GrainStateBlobNames.For(stateName, grainId));
        var upload = new BlobUploadOptions
        {
            Conditions = grainState.ETag is null ? new BlobRequestConditions { IfNoneMatch = ETag.All } : new BlobRequestConditions { IfMatch = new ETag(grainState.ETag) },
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
        };
        try
        {
            var response = await blob.UploadAsync(_serializer.Serialize(grainState.State), upload);
            grainState.ETag = response.Value.ETag.ToString();
            grainState.RecordExists = true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            LogWriteConflict(name, blob.Name, grainState.ETag);
            throw Conflict("write", blob.Name, grainState.ETag, e);
        }
    }

    /// <summary>Deletes the blob, on the same ETag condition as a write; the state becomes empty.</summary>
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var blob = _container.GetBlobClient(GrainStateBlobNames.For(stateName, grainId));
        try
        {
            if (grainState.ETag is null)
            {
                // Never read or written: succeed only if there is truly nothing there.
                await blob.DeleteAsync(conditions: new BlobRequestConditions { IfNoneMatch = ETag.All });
            }
            else
            {
                await blob.DeleteAsync(conditions: new BlobRequestConditions { IfMatch = new ETag(grainState.ETag) });
            }
        }
        catch (RequestFailedException e) when (e.Status == 404 && grainState.ETag is null)
        {
            // Nothing stored and nothing expected: already clear.
        }
        catch (RequestFailedException e) when (e.Status is 404 or 409 or 412)
        {
            LogWriteConflict(name, blob.Name, grainState.ETag);
            throw Conflict("clear", blob.Name, grainState.ETag, e);
        }

        grainState.State = CreateEmptyState<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private T Deserialize<T>(string blobName, BinaryData content)
    {
        try
        {
            return _serializer.Deserialize<T>(content) ?? CreateEmptyState<T>();
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or NotSupportedException or InvalidOperationException)
        {
            LogUnreadableState(e, name, blobName, typeof(T).FullName);
            throw new OrleansException($"Grain state blob '{blobName}' in container '{_container.Name}' cannot be read as {typeof(T).FullName}: {e.Message}", e);
        }
    }

    private static T CreateEmptyState<T>() => Activator.CreateInstance<T>();

    private InconsistentStateException Conflict(string operation, string blobName, string? expectedETag, RequestFailedException e) =>
        new($"Grain state '{blobName}' changed since it was read (expected ETag {expectedETag ?? "none"}); the {operation} was refused. Reactivate the grain to read the current state.",
            "unknown", expectedETag ?? "none", e);

    [LoggerMessage(Level = LogLevel.Information, Message = "Grain storage {Provider} ready in container {Container}")]
    private partial void LogContainerReady(string provider, string container);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grain storage {Provider}: ETag conflict on {Blob} (expected {ETag})")]
    private partial void LogWriteConflict(string provider, string blob, string? eTag);

    [LoggerMessage(Level = LogLevel.Error, Message = "Grain storage {Provider}: blob {Blob} cannot be read as {StateType}")]
    private partial void LogUnreadableState(Exception exception, string provider, string blob, string? stateType);
}

using Azure.Storage.Blobs;
using Marketplace.Contracts;
using Orleans.Storage;

namespace Marketplace.Storage.GrainState;

/// <summary>Where and how one blob grain storage provider keeps its states.</summary>
public sealed class AzureBlobGrainStorageOptions
{
    /// <summary>Storage connection string; ignored when <see cref="ServiceClient"/> is set.</summary>
    public string ConnectionString { get; set; } = StorageNames.DevelopmentConnectionString;

    /// <summary>A ready client (for managed identity in production); takes precedence over the connection string.</summary>
    public BlobServiceClient? ServiceClient { get; set; }

    /// <summary>One container per provider; each grain state is one blob in it.</summary>
    public string ContainerName { get; set; } = StorageNames.Containers.GrainState;

    /// <summary>How states become blob content; System.Text.Json (<see cref="JsonGrainStateSerializer"/>) unless replaced.</summary>
    public IGrainStorageSerializer? Serializer { get; set; }

    /// <summary>Silo lifecycle stage at which the container is created.</summary>
    public int InitStage { get; set; } = ServiceLifecycleStage.ApplicationServices;

    internal BlobServiceClient CreateServiceClient() => ServiceClient ?? new BlobServiceClient(ConnectionString);
}

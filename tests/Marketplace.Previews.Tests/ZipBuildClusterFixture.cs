using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Marketplace.Contracts;
using Marketplace.Contracts.Files;
using Marketplace.Storage.Files;
using Marketplace.Testing.Cluster;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Marketplace.Previews.Tests;

/// <summary>
/// A TestCluster on a private Azurite with the file store as the silo host registers it (so <see cref="ZipBuildGrain"/>
/// runs as in production), plus a file store on the same account playing the web's part: storing finals, reading zips.
/// Its own cluster, because a test here restarts it.
/// </summary>
public sealed class ZipBuildClusterFixture : AzuriteClusterFixture
{
    private readonly Lazy<BlobFileStore> _files;

    public ZipBuildClusterFixture()
    {
        _files = new(() => new BlobFileStore(Blobs, Options.Create(new FileStoreOptions())));
    }

    public BlobServiceClient Blobs => Azurite.CreateBlobServiceClient();

    /// <summary>
    /// The silo's domain clock (read by the zip grain for its failures' cool-down), the same across restarts; only the
    /// failure tests move it, and nothing else here reads it.
    /// </summary>
    public static FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>Overwrites a stored file's blob with other bytes, as a damaged disk or a wrong restore would; returns the bytes it had.</summary>
    public async Task<byte[]> DamageAsync(StoredFile file, byte[] damaged)
    {
        var blob = Blobs.GetBlobContainerClient(file.Container).GetBlobClient(file.BlobName);
        var original = (await blob.DownloadContentAsync()).Value.Content.ToArray();
        await blob.UploadAsync(new BinaryData(damaged), overwrite: true);
        return original;
    }

    /// <summary>Stores the file's own bytes again under its name (the fix staff would make): a new ETag.</summary>
    public Task RestoreAsync(StoredFile file, byte[] bytes) =>
        Blobs.GetBlobContainerClient(file.Container).GetBlobClient(file.BlobName).UploadAsync(new BinaryData(bytes), overwrite: true);

    public IFileStore Files => _files.Value;

    /// <summary>Counts the builds of the (one) silo running now; make a new one after a restart.</summary>
    public ZipBuildCounter CountBuilds() => new(Cluster.GetSiloServiceProvider());

    /// <summary>Stores <paramref name="bytes"/> as a final, named by content as uploads are, and returns its reference.</summary>
    public async Task<StoredFile> StoreFinalAsync(string fileName, byte[] bytes)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var blobName = sha + Path.GetExtension(fileName);
        await Files.WriteOnceAsync(StorageNames.Containers.Finals, blobName, new MemoryStream(bytes), "application/octet-stream");
        return new StoredFile(StorageNames.Containers.Finals, blobName, fileName, "application/octet-stream", bytes.Length, sha);
    }

    public async Task<List<string>> DownloadNamesAsync()
    {
        var names = new List<string>();
        var container = Blobs.GetBlobContainerClient(StorageNames.Containers.Downloads);
        if (!await container.ExistsAsync()) return names;
        await foreach (var blob in container.GetBlobsAsync()) names.Add(blob.Name);
        return names;
    }

    protected override void ConfigureCluster(TestClusterBuilder builder) => builder.AddSiloBuilderConfigurator<FileStoreSiloConfigurator>();

    private sealed class FileStoreSiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.Services.AddKeyedSingleton<TimeProvider>(MarketplaceClock.Key, Clock);
            siloBuilder.Services.AddMarketplaceFileStore(siloBuilder.Configuration);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ZipBuildCollection : ICollectionFixture<ZipBuildClusterFixture>
{
    public const string Name = "zip builds on Azurite";
}

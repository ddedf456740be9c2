using Azure.Storage.Blobs;
using Marketplace.Contracts;
using Marketplace.Storage.Files;
using Marketplace.Testing.Cluster;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.Options;
using Orleans.TestingHost;

namespace Marketplace.Previews.Tests;

/// <summary>
/// A TestCluster on a private Azurite with the previews registered as the silo host registers them, plus
/// a file store on the same account playing the web's part (staging uploads, reading results).
/// Entry uploads are capped at 4 MB here so the byte limit can be tested without huge files.
/// </summary>
public sealed class WorkerClusterFixture : AzuriteClusterFixture
{
    public const long EntryLimit = 4 * 1024 * 1024;

    private readonly Lazy<BlobFileStore> _files;

    public WorkerClusterFixture()
    {
        _files = new(() => new BlobFileStore(Blobs, Options.Create(new FileStoreOptions())));
    }

    public BlobServiceClient Blobs => Azurite.CreateBlobServiceClient();

    public IFileStore Files => _files.Value;

    /// <summary>The domain clock the file sweep reads; it starts at real time, since stored blobs carry real times.</summary>
    public FakeTimeProvider Clock => Cluster.GetSiloServiceProvider().GetRequiredService<FakeTimeProvider>();

    public IPreviewWorkerGrain Worker => GrainFactory.GetGrain<IPreviewWorkerGrain>(0);

    public async Task<string> StageAsync(byte[] bytes)
    {
        var staged = await Files.StageAsync(new MemoryStream(bytes));
        Assert.True(staged.Accepted, staged.Refusal?.Message);
        return staged.BlobName!;
    }

    public async Task<List<string>> BlobNamesAsync(string container)
    {
        var names = new List<string>();
        await foreach (var blob in Blobs.GetBlobContainerClient(container).GetBlobsAsync())
        {
            names.Add(blob.Name);
        }

        return names;
    }

    protected override void ConfigureCluster(TestClusterBuilder builder)
    {
        builder.Properties[$"{PreviewOptions.SectionName}:{nameof(PreviewOptions.MaxEntryBytes)}"] = EntryLimit.ToString();
        builder.AddSiloBuilderConfigurator<PreviewsSiloConfigurator>();
    }

    private sealed class PreviewsSiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.Services.AddSingleton(new FakeTimeProvider(DateTimeOffset.UtcNow));
            siloBuilder.Services.AddKeyedSingleton<TimeProvider>(MarketplaceClock.Key, (sp, _) => sp.GetRequiredService<FakeTimeProvider>());
            siloBuilder.Services.AddMarketplacePreviews(siloBuilder.Configuration);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class WorkerCollection : ICollectionFixture<WorkerClusterFixture>
{
    public const string Name = "preview worker on Azurite";
}

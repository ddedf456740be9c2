using Xunit;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace Marketplace.Testing.Azurite;

/// <summary>
/// xunit fixture: one private Azurite in a fresh temporary folder for a test class or collection, removed
/// afterwards. Tests never touch a developer's own Azurite. Use it through a collection
/// (<c>[CollectionDefinition] class X : ICollectionFixture&lt;AzuriteFixture&gt;</c>) to share one instance.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "marketplace-azurite-" + Guid.NewGuid().ToString("N"));

    public AzuriteFixture()
    {
        Instance = new AzuriteInstance(_directory);
    }

    public AzuriteInstance Instance { get; }

    public string ConnectionString => Instance.ConnectionString;

    public BlobServiceClient CreateBlobServiceClient() => new(ConnectionString);

    public TableServiceClient CreateTableServiceClient() => new(ConnectionString);

    public Task InitializeAsync() => Instance.StartAsync();

    public async Task DisposeAsync()
    {
        await Instance.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; never fail a run over it.
        }
    }
}

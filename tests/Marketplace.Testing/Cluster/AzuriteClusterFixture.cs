using Marketplace.Testing.Azurite;
using Orleans.TestingHost;
using Xunit;

namespace Marketplace.Testing.Cluster;

/// <summary>
/// xunit fixture: a private Azurite and an in-process Orleans <see cref="TestCluster"/> using the product's
/// storage on it. Subclass and override <see cref="ConfigureCluster"/> to add silo configurators (domain
/// services, FakeTimeProvider, shorter reminder periods). <see cref="RestartClusterAsync"/> stops every silo
/// and starts a new cluster with the same service id on the same data, to prove what survives a restart.
/// </summary>
public class AzuriteClusterFixture : IAsyncLifetime
{
    private readonly string _serviceId = "marketplace-test-" + Guid.NewGuid().ToString("N")[..8];

    public AzuriteFixture Azurite { get; } = new();

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory GrainFactory => Cluster.GrainFactory;

    /// <summary>Where the silos write the emails they send (.eml files); the same folder after a restart.</summary>
    public string MailFolder { get; } = MailPickup.NewFolder();

    public async Task InitializeAsync()
    {
        await Azurite.InitializeAsync();
        Cluster = await StartClusterAsync();
    }

    public async Task RestartClusterAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        Cluster = await StartClusterAsync();
    }

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.StopAllSilosAsync();
            await Cluster.DisposeAsync();
        }

        await Azurite.DisposeAsync();
        MailPickup.Delete(MailFolder);
    }

    /// <summary>Extra configuration for every silo and client of the cluster.</summary>
    protected virtual void ConfigureCluster(TestClusterBuilder builder)
    {
    }

    private async Task<TestCluster> StartClusterAsync()
    {
        var builder = new TestClusterBuilder(initialSilosCount: 1);
        builder.Options.ServiceId = _serviceId;
        builder.UseAzurite(Azurite.ConnectionString);
        builder.UseMailPickup(MailFolder);
        ConfigureCluster(builder);
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Marketplace.Testing.Cluster;

/// <summary>
/// The domain on the product's real storage (blob grain state and table reminders on a private Azurite), for tests
/// that restart the cluster (<see cref="AzuriteClusterFixture.RestartClusterAsync"/>) and read everything back.
/// After a restart the clock starts again at <see cref="ClusterFixture.Start"/> unless the test moves it.
/// </summary>
public sealed class PersistentClusterFixture : AzuriteClusterFixture, IMarketplaceCluster
{
    public IGrainFactory Grains => GrainFactory;

    public FakeTimeProvider Clock => Cluster.GetSiloServiceProvider().GetRequiredService<FakeTimeProvider>();

    protected override void ConfigureCluster(TestClusterBuilder builder) =>
        builder.AddSiloBuilderConfigurator<DomainSiloConfigurator>();
}

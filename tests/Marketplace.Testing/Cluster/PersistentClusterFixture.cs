using Marketplace.Grains.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Marketplace.Testing.Cluster;

/// <summary>
/// The domain on the product's real storage (blob grain state and table reminders on a private Azurite), for tests
/// that restart the cluster (<see cref="AzuriteClusterFixture.RestartClusterAsync"/>) and read everything back.
/// After a restart the clock starts again at <see cref="ClusterFixture.Start"/> unless the test moves it.
/// Reminders may tick every second and a removal retries every <see cref="RemovalRetryEvery"/>, so a test can watch the
/// next silo finish work that a <see cref="CallOutage"/> cut off, without waiting Orleans' usual minute.
/// </summary>
public sealed class PersistentClusterFixture : AzuriteClusterFixture, IMarketplaceCluster
{
    public static readonly TimeSpan RemovalRetryEvery = TimeSpan.FromSeconds(2);

    public IGrainFactory Grains => GrainFactory;

    public FakeTimeProvider Clock => Cluster.GetSiloServiceProvider().GetRequiredService<FakeTimeProvider>();

    protected override void ConfigureCluster(TestClusterBuilder builder)
    {
        builder.AddSiloBuilderConfigurator<DomainSiloConfigurator>();
        builder.AddSiloBuilderConfigurator<QuickRetriesConfigurator>();
    }

    private sealed class QuickRetriesConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            siloBuilder.Services.Configure<UserRulesOptions>(o => o.RemovalRetryEvery = RemovalRetryEvery);
            siloBuilder.AddIncomingGrainCallFilter(CallOutage.FilterAsync);
        }
    }
}

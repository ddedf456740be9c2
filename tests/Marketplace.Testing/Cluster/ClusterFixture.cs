using Marketplace.Contracts;
using Marketplace.Grains;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using Xunit;

namespace Marketplace.Testing.Cluster;

/// <summary>
/// One in-process Orleans TestCluster with the whole domain registered: memory grain storage (named
/// <see cref="StorageNames.GrainStorage"/> and default), in-memory reminders, and a <see cref="FakeTimeProvider"/>
/// as the domain clock that tests move with <see cref="Clock"/>. Share it per test collection (see <see cref="ClusterCollection"/>);
/// tests keep apart by using fresh ids (<see cref="NewId"/>).
/// </summary>
public class ClusterFixture : IAsyncLifetime, IMarketplaceCluster
{
    /// <summary>The clock's start: a fixed instant so test data reads the same in every run.</summary>
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    /// <summary>The domain's clock (the keyed <see cref="TimeProvider"/> the grains get, see <see cref="MarketplaceClock"/>); Orleans keeps real time.</summary>
    public FakeTimeProvider Clock => Cluster.GetSiloServiceProvider().GetRequiredService<FakeTimeProvider>();

    /// <summary>Where the silo writes the emails it sends (.eml files), one folder per fixture.</summary>
    public string MailFolder { get; } = MailPickup.NewFolder();

    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    public virtual async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(1);
        builder.UseMailPickup(MailFolder);
        builder.AddSiloBuilderConfigurator<MarketplaceSiloConfigurator>();
        ConfigureCluster(builder);
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>Adds silo configurators or configuration (e.g. <c>builder.Properties</c>) in derived fixtures.</summary>
    protected virtual void ConfigureCluster(TestClusterBuilder builder)
    {
    }

    public virtual async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.StopAllSilosAsync();
            await Cluster.DisposeAsync();
        }

        MailPickup.Delete(MailFolder);
    }
}

/// <summary>The silo side of <see cref="ClusterFixture"/>: memory storage and reminders, <see cref="InboxOutage"/>, <see cref="CallOutage"/>, <see cref="HandledCalls"/>, plus <see cref="DomainSiloConfigurator"/>.</summary>
public sealed class MarketplaceSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        siloBuilder
            .AddMemoryGrainStorage(StorageNames.GrainStorage)
            .AddMemoryGrainStorageAsDefault()
            .UseInMemoryReminderService()
            .AddIncomingGrainCallFilter(InboxOutage.FilterAsync)
            .AddIncomingGrainCallFilter(CallOutage.FilterAsync)
            .AddIncomingGrainCallFilter(HandledCalls.FilterAsync);
        new DomainSiloConfigurator().Configure(siloBuilder);
    }
}

/// <summary>
/// The domain on a test silo, whatever its storage: the grains' services and a <see cref="FakeTimeProvider"/> as the
/// domain clock (<see cref="MarketplaceClock"/>), reachable as the silo's <see cref="FakeTimeProvider"/> service.
/// </summary>
public sealed class DomainSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        siloBuilder.Services.AddSingleton(new FakeTimeProvider(ClusterFixture.Start));
        siloBuilder.Services.AddKeyedSingleton<TimeProvider>(MarketplaceClock.Key, (sp, _) => sp.GetRequiredService<FakeTimeProvider>());
        siloBuilder.Services.AddMarketplaceGrains(siloBuilder.Configuration);
    }
}

/// <summary>
/// The collection name for tests sharing one <see cref="ClusterFixture"/>. xunit only finds collection definitions
/// in the test assembly itself, so each test project declares
/// <c>[CollectionDefinition(ClusterCollection.Name)] public sealed class ClusterCollectionDefinition : ICollectionFixture&lt;ClusterFixture&gt;;</c>
/// </summary>
public static class ClusterCollection
{
    public const string Name = "Marketplace cluster";
}

using System.Net.Sockets;
using Azure.Data.Tables;
using Marketplace.Contracts;
using Marketplace.Silo;
using Marketplace.Testing.Azurite;
using Marketplace.Testing.Cluster;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace Marketplace.Web.Tests.Cluster;

/// <summary>
/// Two real silo hosts (the silo's own <c>AddMarketplaceSilo</c>) with <c>Orleans:Membership=AzureStorage</c> on a private
/// Azurite, each on its own free ports, and a web server as their client, finding the gateways in the membership table.
/// Membership is tuned to declare a silo dead in seconds (the product keeps Orleans' defaults) and reminders may tick every
/// second, so a test can watch the survivor take over. Tests that stop a silo start a new one with <see cref="EnsureTwoSilosAsync"/>.
/// </summary>
public sealed class TwoSiloClusterFixture : IAsyncLifetime
{
    public static readonly TimeSpan RemovalRetryEvery = TimeSpan.FromSeconds(2);

    private readonly string _clusterId = "cluster-test-" + Guid.NewGuid().ToString("N")[..8];
    private readonly List<RunningSilo> _silos = [];
    private readonly string _mailFolder = MailPickup.NewFolder();
    private WebApplicationFactory<Program>? _web;

    public AzuriteFixture Azurite { get; } = new();

    public IReadOnlyList<RunningSilo> Silos => _silos;

    /// <summary>The first web server: an Orleans client of the cluster, exactly as the product's web is.</summary>
    public WebApplicationFactory<Program> Web => _web!;

    public IGrainFactory Grains => Web.Services.GetRequiredService<IGrainFactory>();

    public async Task InitializeAsync()
    {
        await Azurite.InitializeAsync();
        await EnsureTwoSilosAsync();
        _web = StartWeb();
    }

    /// <summary>Starts silos until two run (after a test stopped one); each joins through the membership table.</summary>
    public async Task EnsureTwoSilosAsync()
    {
        while (_silos.Count < 2) _silos.Add(await StartSiloAsync());
    }

    /// <summary>Another web server on the same storage and cluster (a second machine behind the load balancer).</summary>
    public WebApplicationFactory<Program> StartWeb()
    {
        var web = new ClusterWeb(Settings());
        _ = web.Server;
        return web;
    }

    /// <summary>The silo where <paramref name="grain"/> is active now, as the cluster's directory says.</summary>
    public async Task<RunningSilo> SiloHoldingAsync(IAddressable grain)
    {
        var address = await AnswerAsync(() => Grains.GetGrain<IManagementGrain>(0).GetActivationAddress(grain).AsTask());
        return _silos.Single(silo => silo.Address.Equals(address));
    }

    /// <summary>A graceful stop: the silo hands its grains over, writes their state and marks itself dead in the table.</summary>
    public async Task StopAsync(RunningSilo silo)
    {
        _silos.Remove(silo);
        await silo.Host.StopAsync();
        silo.Host.Dispose();
    }

    /// <summary>
    /// As if the machine died: the host is disposed without being stopped, so its sockets close and nothing is handed
    /// over or written; the table still lists it as active until the survivor's probes fail and it is voted dead.
    /// </summary>
    public async Task KillAsync(RunningSilo silo)
    {
        _silos.Remove(silo);
        await ((IAsyncDisposable)silo.Host).DisposeAsync();
    }

    /// <summary>Waits until every surviving silo's view of the membership says <paramref name="silo"/> is dead (read locally, not through the network).</summary>
    public async Task WaitUntilDeclaredDeadAsync(RunningSilo silo, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (_silos.Any(survivor => StatusOf(silo, survivor) != SiloStatus.Dead))
        {
            Assert.True(DateTime.UtcNow < deadline, $"The cluster did not declare the killed silo {silo.Address} dead within {within.TotalSeconds} s.");
            await Task.Delay(250);
        }
    }

    private static SiloStatus StatusOf(RunningSilo silo, RunningSilo seenBy) =>
        seenBy.Host.Services.GetRequiredService<IClusterMembershipService>().CurrentSnapshot.GetSiloStatus(silo.Address);

    /// <summary>
    /// A call made just after a silo stopped or died may still go to its gateway (the client drops it on that failure or
    /// at its next look at the table) or to the directory's stale entry for it; retries only for that moment.
    /// </summary>
    public static async Task<T> AnswerAsync<T>(Func<Task<T>> call)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (e is SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException or TimeoutException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
        }
    }

    /// <summary>The rows of this cluster in the storage account's membership table that say "Active".</summary>
    public async Task<int> ActiveRowsInMembershipTableAsync()
    {
        var table = Azurite.CreateTableServiceClient().GetTableClient(StorageNames.MembershipTable);
        var active = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(row => row.PartitionKey == _clusterId))
        {
            if (row.GetString("Status") == nameof(SiloStatus.Active)) active++;
        }

        return active;
    }

    public async Task DisposeAsync()
    {
        if (_web is not null) await _web.DisposeAsync();
        foreach (var silo in _silos.ToList()) await StopAsync(silo);
        await Azurite.DisposeAsync();
        MailPickup.Delete(_mailFolder);
    }

    /// <summary>What the silos and the web servers share; each silo adds its own ports.</summary>
    private Dictionary<string, string?> Settings() => new()
    {
        ["ConnectionStrings:Storage"] = Azurite.ConnectionString,
        ["Orleans:Membership"] = "AzureStorage",
        ["Orleans:ServiceId"] = _clusterId,
        ["Orleans:ClusterId"] = _clusterId,
        ["Marketplace:Users:RemovalRetryEvery"] = RemovalRetryEvery.ToString(),
        ["Marketplace:Demo:Seed"] = "false",
        ["Marketplace:Email:PickupDirectory"] = _mailFolder,
        ["Logging:LogLevel:Default"] = "Warning",
    };

    /// <summary>Ports are picked just before the silo binds them, and again if another process took one in between.</summary>
    private async Task<RunningSilo> StartSiloAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            var (siloPort, gatewayPort) = MarketplaceAppFixture.TwoFreePorts();
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
            builder.Configuration.AddInMemoryCollection(Settings()).AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Orleans:AdvertisedIPAddress"] = "127.0.0.1",
                ["Orleans:SiloPort"] = siloPort.ToString(),
                ["Orleans:GatewayPort"] = gatewayPort.ToString(),
            });
            builder.AddMarketplaceSilo();
            builder.Services.Configure<ClusterMembershipOptions>(QuickDeathDeclaration);
            builder.Services.Configure<ReminderOptions>(reminders => reminders.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            builder.Services.AddSingleton<IIncomingGrainCallFilter, OutageFilter>();
            var host = builder.Build();
            try
            {
                await host.StartAsync();
                return new RunningSilo(host, host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress);
            }
            catch (Exception e) when (attempt < 5 && e is AddressInUseException or { InnerException: SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } })
            {
                host.Dispose();
            }
        }
    }

    /// <summary>Orleans' defaults take about a minute to vote a silo dead; two missed one-second probes do here.</summary>
    private static void QuickDeathDeclaration(ClusterMembershipOptions membership)
    {
        membership.ProbeTimeout = TimeSpan.FromSeconds(1);
        membership.NumMissedProbesLimit = 2;
        membership.TableRefreshTimeout = TimeSpan.FromSeconds(1);
        membership.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(2);
        membership.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(10);
    }

    private sealed class OutageFilter : IIncomingGrainCallFilter
    {
        public Task Invoke(IIncomingGrainCallContext context) => CallOutage.FilterAsync(context);
    }

    private sealed class ClusterWeb(Dictionary<string, string?> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(Environments.Production);
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
            // The client re-reads the gateway list every minute by default; a replacement silo is used sooner.
            // A call sent to a silo that just died is given up after 5 s rather than 30, so the retry reaches the survivor sooner.
            builder.ConfigureTestServices(services => services
                .Configure<GatewayOptions>(g => g.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1))
                .Configure<ClientMessagingOptions>(m => m.ResponseTimeout = TimeSpan.FromSeconds(5)));
        }
    }
}

/// <summary>A silo host of the test cluster and the address the others know it by.</summary>
public sealed record RunningSilo(IHost Host, SiloAddress Address);

[CollectionDefinition(Name)]
public sealed class TwoSiloClusterCollection : ICollectionFixture<TwoSiloClusterFixture>
{
    public const string Name = "Two silos";
}

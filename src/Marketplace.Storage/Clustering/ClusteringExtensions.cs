using System.Net;
using System.Net.Sockets;
using Azure.Data.Tables;
using Marketplace.Contracts;
using Orleans.Clustering.AzureStorage;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Marketplace.Storage.Clustering;

/// <summary>
/// One membership wiring for the silo and its clients (the web), chosen by <see cref="ClusterSettings.Membership"/>
/// (<c>Orleans:Membership</c>), so both ends always agree on where the list of silos lives.
/// </summary>
public static class ClusteringExtensions
{
    public static ISiloBuilder UseMarketplaceClustering(this ISiloBuilder silo, ClusterSettings settings, string storageConnectionString)
    {
        if (settings.Membership == ClusteringMode.Localhost)
            return silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId);

        silo.Configure<ClusterOptions>(ids => Name(ids, settings))
            .UseAzureStorageClustering((AzureStorageClusteringOptions table) =>
            {
                table.TableName = StorageNames.MembershipTable;
                table.TableServiceClient = new TableServiceClient(storageConnectionString);
            });
        return settings.AdvertisedIPAddress is { } address
            // A loopback address is only reachable from this machine anyway; any other may arrive through NAT or a container bridge.
            ? silo.ConfigureEndpoints(address, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(address))
            : silo.ConfigureEndpoints(settings.SiloPort, settings.GatewayPort, AddressFamily.InterNetwork, listenOnAnyHostAddress: true);
    }

    public static IClientBuilder UseMarketplaceClustering(this IClientBuilder client, ClusterSettings settings, string storageConnectionString)
    {
        if (settings.Membership == ClusteringMode.Localhost)
            return client.UseLocalhostClustering(settings.GatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId);

        return client.Configure<ClusterOptions>(ids => Name(ids, settings))
            .UseAzureStorageClustering((AzureStorageGatewayOptions table) =>
            {
                table.TableName = StorageNames.MembershipTable;
                table.TableServiceClient = new TableServiceClient(storageConnectionString);
            });
    }

    private static void Name(ClusterOptions ids, ClusterSettings settings)
    {
        ids.ServiceId = settings.ServiceId;
        ids.ClusterId = settings.ClusterId;
    }
}

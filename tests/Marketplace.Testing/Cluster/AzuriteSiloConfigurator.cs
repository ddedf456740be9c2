using Marketplace.Contracts;
using Marketplace.Storage;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;

namespace Marketplace.Testing.Cluster;

/// <summary>Gives a test silo the product's storage (blob grain state, table reminders) on the test's Azurite.</summary>
public sealed class AzuriteSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        var connectionString = siloBuilder.Configuration.GetConnectionString(StorageNames.ConnectionStringName)
            ?? throw new InvalidOperationException("No storage connection string: build the cluster with UseAzurite(connectionString).");
        siloBuilder.AddMarketplaceStorage(connectionString);
    }
}

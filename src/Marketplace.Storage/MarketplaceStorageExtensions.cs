using Marketplace.Contracts;
using Marketplace.Storage.GrainState;
using Marketplace.Storage.Reminders;
using Orleans.Hosting;

namespace Marketplace.Storage;

/// <summary>The marketplace's storage wiring, shared by the silo host and the test clusters.</summary>
public static class MarketplaceStorageExtensions
{
    /// <summary>
    /// Grain state in blobs under <see cref="StorageNames.GrainStorage"/> (also the default provider, for
    /// Orleans features that ask for it) and durable reminders in a table, all on one storage account.
    /// </summary>
    public static ISiloBuilder AddMarketplaceStorage(this ISiloBuilder silo, string connectionString) =>
        silo.AddAzureBlobGrainStorage(StorageNames.GrainStorage, options => options.ConnectionString = connectionString)
            .AddAzureBlobGrainStorageAsDefault(options => options.ConnectionString = connectionString)
            .UseAzureTableReminderService(options => options.ConnectionString = connectionString);
}

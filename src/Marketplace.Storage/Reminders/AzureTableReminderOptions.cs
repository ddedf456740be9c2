using Azure.Data.Tables;
using Marketplace.Contracts;

namespace Marketplace.Storage.Reminders;

/// <summary>Where <see cref="AzureTableReminderTable"/> keeps reminders.</summary>
public sealed class AzureTableReminderOptions
{
    /// <summary>Storage connection string; ignored when <see cref="ServiceClient"/> is set.</summary>
    public string ConnectionString { get; set; } = StorageNames.DevelopmentConnectionString;

    /// <summary>A ready client (for managed identity in production); takes precedence over the connection string.</summary>
    public TableServiceClient? ServiceClient { get; set; }

    public string TableName { get; set; } = StorageNames.RemindersTable;

    internal TableServiceClient CreateServiceClient() => ServiceClient ?? new TableServiceClient(ConnectionString);
}

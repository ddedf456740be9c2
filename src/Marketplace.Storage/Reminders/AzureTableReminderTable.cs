using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Marketplace.Storage.Reminders;

/// <summary>
/// Durable Orleans reminders in Azure Table Storage, so a reminder registered before a silo restart still
/// fires after it. Rows belong to one Orleans service id; removal is conditional on the row's ETag.
/// </summary>
public sealed partial class AzureTableReminderTable(
    IOptions<AzureTableReminderOptions> options,
    IOptions<ClusterOptions> clusterOptions,
    ILogger<AzureTableReminderTable> logger) : IReminderTable
{
    private readonly TableClient _table = options.Value.CreateServiceClient().GetTableClient(options.Value.TableName);
    private readonly string _serviceId = clusterOptions.Value.ServiceId;

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _table.CreateIfNotExistsAsync(cancellationToken);
        LogTableReady(_table.Name, _serviceId);
    }

    public async Task<ReminderTableData> ReadRows(GrainId grainId)
    {
        var partition = ReminderRow.PartitionKeyFor(_serviceId, grainId.GetUniformHashCode());
        return await QueryAsync(TableClient.CreateQueryFilter($"PartitionKey eq {partition} and GrainId eq {grainId.ToString()}"));
    }

    /// <summary>Rows whose grain hash is in (begin, end]; when begin ≥ end the range wraps around the ring.</summary>
    public async Task<ReminderTableData> ReadRows(uint begin, uint end)
    {
        var from = ReminderRow.PartitionKeyFor(_serviceId, begin);
        var to = ReminderRow.PartitionKeyFor(_serviceId, end);
        var first = ReminderRow.PartitionKeyFor(_serviceId, uint.MinValue);
        var last = ReminderRow.PartitionKeyFor(_serviceId, uint.MaxValue);
        var filter = begin < end
            ? TableClient.CreateQueryFilter($"ServiceId eq {_serviceId} and PartitionKey gt {from} and PartitionKey le {to}")
            : TableClient.CreateQueryFilter($"ServiceId eq {_serviceId} and ((PartitionKey gt {from} and PartitionKey le {last}) or (PartitionKey ge {first} and PartitionKey le {to}))");
        return await QueryAsync(filter);
    }

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        var row = await _table.GetEntityIfExistsAsync<ReminderRow>(
            ReminderRow.PartitionKeyFor(_serviceId, grainId.GetUniformHashCode()),
            ReminderRow.RowKeyFor(grainId, reminderName));
        return row.HasValue ? row.Value!.ToEntry() : null;
    }

    /// <summary>Inserts or replaces the reminder; returns the new ETag.</summary>
    public async Task<string?> UpsertRow(ReminderEntry entry)
    {
        var response = await _table.UpsertEntityAsync(ReminderRow.From(_serviceId, entry), TableUpdateMode.Replace);
        var eTag = response.Headers.ETag?.ToString() ?? throw new InvalidOperationException("Table storage returned no ETag for an upserted reminder.");
        LogUpserted(entry.GrainId, entry.ReminderName);
        return eTag;
    }

    /// <summary>Removes the reminder only if it still has <paramref name="eTag"/>; false when it changed or is gone.</summary>
    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        try
        {
            var response = await _table.DeleteEntityAsync(
                ReminderRow.PartitionKeyFor(_serviceId, grainId.GetUniformHashCode()),
                ReminderRow.RowKeyFor(grainId, reminderName),
                new ETag(eTag));
            // The SDK reports a missing entity as a successful delete with status 404.
            if (response.Status == 404)
            {
                LogRemoveRefused(grainId, reminderName, response.Status);
                return false;
            }

            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            LogRemoveRefused(grainId, reminderName, e.Status);
            return false;
        }
    }

    public async Task TestOnlyClearTable()
    {
        await foreach (var row in _table.QueryAsync<ReminderRow>(TableClient.CreateQueryFilter($"ServiceId eq {_serviceId}")))
        {
            await _table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All);
        }
    }

    private async Task<ReminderTableData> QueryAsync(string filter)
    {
        var entries = new List<ReminderEntry>();
        await foreach (var row in _table.QueryAsync<ReminderRow>(filter))
        {
            entries.Add(row.ToEntry());
        }

        return new ReminderTableData(entries);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder table {Table} ready for service {ServiceId}")]
    private partial void LogTableReady(string table, string serviceId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reminder {ReminderName} of {GrainId} stored")]
    private partial void LogUpserted(GrainId grainId, string reminderName);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reminder {ReminderName} of {GrainId} not removed (status {Status}): it changed or is gone")]
    private partial void LogRemoveRefused(GrainId grainId, string reminderName, int status);
}

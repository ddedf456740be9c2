using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;

namespace Marketplace.Storage.Reminders;

/// <summary>
/// One reminder as a table row. The partition key is the service id plus the grain's uniform hash in
/// fixed-width hex, so a silo's hash range is a string range of partition keys; the row key names the
/// grain and the reminder. Keys are escaped because grain ids contain characters tables refuse (<c>/</c>).
/// </summary>
public sealed class ReminderRow : ITableEntity
{
    private const int MaxRowKeyLength = 400;

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string ServiceId { get; set; } = "";
    public string GrainId { get; set; } = "";
    public string ReminderName { get; set; } = "";
    public DateTimeOffset StartAt { get; set; }
    public long PeriodTicks { get; set; }

    public static ReminderRow From(string serviceId, ReminderEntry entry) => new()
    {
        PartitionKey = PartitionKeyFor(serviceId, entry.GrainId.GetUniformHashCode()),
        RowKey = RowKeyFor(entry.GrainId, entry.ReminderName),
        ServiceId = serviceId,
        GrainId = entry.GrainId.ToString(),
        ReminderName = entry.ReminderName,
        StartAt = new DateTimeOffset(DateTime.SpecifyKind(entry.StartAt, DateTimeKind.Utc)),
        PeriodTicks = entry.Period.Ticks,
    };

    public ReminderEntry ToEntry() => new()
    {
        GrainId = Orleans.Runtime.GrainId.Parse(GrainId),
        ReminderName = ReminderName,
        StartAt = StartAt.UtcDateTime,
        Period = TimeSpan.FromTicks(PeriodTicks),
        ETag = ETag.ToString(),
    };

    public static string PartitionKeyFor(string serviceId, uint grainHash) =>
        $"{Uri.EscapeDataString(serviceId)}_{grainHash.ToString("X8", CultureInfo.InvariantCulture)}";

    public static string RowKeyFor(GrainId grainId, string reminderName)
    {
        // ':' never survives escaping, so it separates the two parts unambiguously.
        var key = $"{Uri.EscapeDataString(grainId.ToString())}:{Uri.EscapeDataString(reminderName)}";
        return key.Length <= MaxRowKeyLength
            ? key
            : "sha256-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }
}

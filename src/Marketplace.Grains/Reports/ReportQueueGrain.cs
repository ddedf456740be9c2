using Marketplace.Contracts;
using Marketplace.Contracts.Reports;
using Microsoft.Extensions.Options;

namespace Marketplace.Grains.Reports;

[GenerateSerializer]
public sealed class ReportQueueState
{
    [Id(0)] public Dictionary<string, ReportedEntry> Entries { get; set; } = [];
}

/// <summary>
/// The staff list of reported entries (key <see cref="IReportQueueGrain.Key"/>): what each entry's reports grain tells
/// it, sorted. It stores and counts; whether a report is allowed is the reports grain's rule, except the per-person cap,
/// which only a list of every open report can check (single-threaded here, so two reports at once cannot both pass it).
/// </summary>
public sealed class ReportQueueGrain(
    [PersistentState("reportqueue", StorageNames.GrainStorage)] IPersistentState<ReportQueueState> queue,
    IGrainFactory grains,
    IOptions<ReportRulesOptions> options) : Grain, IReportQueueGrain
{
    public async Task<IReadOnlyList<ReportedEntry>> ListAsync(Actor actor)
    {
        await grains.RequireStaffAsync(actor, "see reported entries");
        return queue.State.Entries.Values
            .OrderBy(e => e.FirstReportedAt)
            .ThenBy(e => e.EntryId, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<int> CountAsync(Actor actor)
    {
        await grains.RequireStaffAsync(actor, "see reported entries");
        return queue.State.Entries.Count;
    }

    public async Task UpsertAsync(Actor actor, ReportedEntry entry, string? newReporterId)
    {
        actor.RequireSystem("change the list of reported entries");
        ArgumentNullException.ThrowIfNull(entry);
        if (newReporterId is not null)
        {
            RequireUnderCap(entry, newReporterId);
        }

        if (entry.Reports.Count == 0)
        {
            if (queue.State.Entries.Remove(entry.EntryId))
            {
                await queue.SaveAsync(this);
            }

            return;
        }

        if (queue.State.Entries.TryGetValue(entry.EntryId, out var listed) && listed.SameAs(entry))
        {
            return;
        }

        queue.State.Entries[entry.EntryId] = entry;
        await queue.SaveAsync(this);
    }

    /// <summary>One person's open reports, counting this entry's as it would be stored.</summary>
    private void RequireUnderCap(ReportedEntry entry, string reporterId)
    {
        var max = options.Value.MaxOpenPerReporter;
        var open = queue.State.Entries.Values
            .Where(e => e.EntryId != entry.EntryId)
            .Append(entry)
            .Sum(e => e.Reports.Count(r => r.ReporterId == reporterId));
        if (open > max)
        {
            throw MarketplaceException.Conflict(
                $"You already have {max} reports waiting for staff. You can report more entries once staff have looked at those.");
        }
    }
}

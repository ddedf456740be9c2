namespace Marketplace.Contracts.Reports;

/// <summary>
/// The staff list of reported entries (single grain, key <see cref="Key"/>): the open reports of every entry, kept up to
/// date by each entry's <see cref="IEntryReportsGrain"/>, so the staff page is one call and no storage is scanned. It
/// also holds the one rule that needs every open report at once: how many one person may have open.
/// </summary>
public interface IReportQueueGrain : IGrainWithStringKey
{
    public const string Key = "staff";

    /// <summary>Staff only: reported entries with open reports, the longest waiting first.</summary>
    Task<IReadOnlyList<ReportedEntry>> ListAsync(Actor actor);

    /// <summary>Staff only: how many entries wait for a look (the staff navigation's count).</summary>
    Task<int> CountAsync(Actor actor);

    /// <summary>
    /// Only <see cref="Actor.System"/> (the entry's reports grain): the entry's open reports now (none: it leaves the list).
    /// With <paramref name="newReporterId"/>, refused (409, nothing stored) when that person would have more open reports
    /// than <c>Marketplace:Reports:MaxOpenPerReporter</c>.
    /// </summary>
    Task UpsertAsync(Actor actor, ReportedEntry entry, string? newReporterId);
}

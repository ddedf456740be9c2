namespace Marketplace.Contracts.Reports;

/// <summary>
/// The reports of one entry (key: the entry id) and how they ended. It owns the rules of reporting; the staff list
/// (<see cref="IReportQueueGrain"/>) only mirrors its open reports. Calls go entry → reports → project, reports →
/// queue and (to read a reported winner's handover) reports → wrap-up, never back, so nothing waits on itself.
/// </summary>
public interface IEntryReportsGrain : IGrainWithStringKey
{
    /// <summary>
    /// A signed-in, active person other than the entry's creative reports an entry while it is shown in its project's
    /// gallery, whether the contest runs or ended (stolen work is often recognised only once the winner is shown;
    /// <paramref name="projectId"/>: the project the entry says it belongs to; the project confirms it). One standing report per person (409 saying when), at most <c>Marketplace:Reports:MaxOpenPerReporter</c>
    /// open reports per person across the marketplace (409). 400 for an unknown reason, a "copies" without an entry number
    /// of this gallery (or naming itself), a missing note for "something else", or a note over 1000 characters.
    /// </summary>
    Task<EntryReport> ReportAsync(Actor actor, string projectId, ReportRequest request);

    /// <summary>The caller's own standing report of this entry, or null; never anyone else's.</summary>
    Task<EntryReport?> GetMineAsync(Actor actor);

    /// <summary>
    /// Staff only: the open reports beside the entries they say were copied, the reporters and earlier outcomes, and for
    /// a winning entry its handover (what removing it would do).
    /// </summary>
    Task<EntryReportsView> GetAsync(Actor actor);

    /// <summary>
    /// Staff only: the entry stays; every open report is resolved with staff's note (for the record, never shown to the
    /// reporters or the creative) and each reporter is told once that staff left it in the contest (or the gallery, once
    /// the contest ended). The creative is not told.
    /// Repeating (nothing open) changes nothing.
    /// </summary>
    Task<EntryReportsView> DismissAsync(Actor actor, string note);

    /// <summary>
    /// Only <see cref="Actor.System"/> (the entry grain): the entry left the gallery (removed by staff with
    /// <paramref name="staffId"/> and <paramref name="note"/>, removed with its creative's account, or withdrawn), so its
    /// open reports are resolved and each reporter is told once. Repeating changes nothing.
    /// </summary>
    Task EntryLeftAsync(Actor actor, Entries.EntryStatus status, string? staffId, string? note);
}

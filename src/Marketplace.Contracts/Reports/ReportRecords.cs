using Marketplace.Contracts.Entries;
using Marketplace.Contracts.Projects;

namespace Marketplace.Contracts.Reports;

/// <summary>Why someone reports an entry: the violations people in a contest actually find.</summary>
public enum ReportReason
{
    /// <summary>It copies an earlier entry in the same gallery (<see cref="EntryReport.CopiesEntryNumber"/> says which).</summary>
    CopiesAnotherEntry,

    /// <summary>Stock art, another company's mark, someone else's design.</summary>
    UsesSomeoneElsesWork,

    Offensive,

    /// <summary>Not a design for this brief at all, or spam.</summary>
    NotForThisBrief,

    /// <summary>Anything else; the note is required.</summary>
    SomethingElse,
}

public static class ReportReasons
{
    /// <summary>The reasons as the API spells them ("copies-another-entry"), in the order the form lists them.</summary>
    public static readonly IReadOnlyDictionary<string, ReportReason> ByCode = new Dictionary<string, ReportReason>(StringComparer.OrdinalIgnoreCase)
    {
        ["copies-another-entry"] = ReportReason.CopiesAnotherEntry,
        ["uses-someone-elses-work"] = ReportReason.UsesSomeoneElsesWork,
        ["offensive"] = ReportReason.Offensive,
        ["not-for-this-brief"] = ReportReason.NotForThisBrief,
        ["something-else"] = ReportReason.SomethingElse,
    };

    public static string Code(this ReportReason reason) => ByCode.First(r => r.Value == reason).Key;

    /// <summary>The reason for a code or an enum name; refused with the codes to choose from.</summary>
    public static ReportReason Parse(string? code) =>
        code is not null && (ByCode.TryGetValue(code.Trim(), out var reason) || (Enum.TryParse(code.Trim(), ignoreCase: true, out reason) && Enum.IsDefined(reason)))
            ? reason
            : throw MarketplaceException.Invalid($"Choose why you are reporting this entry: one of {string.Join(", ", ByCode.Keys)}.");
}

/// <summary>What a person sends: a reason, the number of the copied entry (for <see cref="ReportReason.CopiesAnotherEntry"/>) and a note.</summary>
[GenerateSerializer, Immutable]
public sealed record ReportRequest(
    [property: Id(0)] ReportReason Reason,
    [property: Id(1)] int? CopiesEntryNumber,
    [property: Id(2)] string? Note);

/// <summary>One person's report of one entry. The reporter is named to staff only, and never appears in any view a buyer or creative reads.</summary>
[GenerateSerializer, Immutable]
public sealed record EntryReport(
    [property: Id(0)] string ReporterId,
    [property: Id(1)] ReportReason Reason,
    [property: Id(2)] string? CopiesEntryId,
    [property: Id(3)] int? CopiesEntryNumber,
    [property: Id(4)] string? Note,
    [property: Id(5)] DateTimeOffset At);

/// <summary>How the reports of an entry ended: staff left it in (dismissed) or it left the gallery (removed by staff or with its creative's account; withdrawn).</summary>
public enum ReportOutcome
{
    Dismissed,
    Removed,
    Withdrawn,
}

/// <summary>
/// Staff acting on an entry resolves all its open reports at once. <paramref name="ByUserId"/> is the staff member, null
/// when the marketplace resolved them (the entry was withdrawn, or left with its creative's account).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ReportResolution(
    [property: Id(0)] ReportOutcome Outcome,
    [property: Id(1)] string? ByUserId,
    [property: Id(2)] string? Note,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] IReadOnlyList<EntryReport> Reports);

/// <summary>One reported entry with its open reports, as the staff list shows it.</summary>
[GenerateSerializer, Immutable]
public sealed record ReportedEntry(
    [property: Id(0)] string EntryId,
    [property: Id(1)] int EntryNumber,
    [property: Id(2)] string ProjectId,
    [property: Id(3)] string ProjectTitle,
    [property: Id(4)] string CreativeId,
    [property: Id(5)] string CreativeName,
    [property: Id(6)] IReadOnlyList<EntryReport> Reports)
{
    public DateTimeOffset FirstReportedAt => Reports.Count == 0 ? DateTimeOffset.MaxValue : Reports.Min(r => r.At);

    /// <summary>How many different people reported it (one standing report each).</summary>
    public int Reporters => Reports.Select(r => r.ReporterId).Distinct().Count();

    /// <summary>Records hold lists by reference; two lists with the same reports are the same item.</summary>
    public bool SameAs(ReportedEntry other) =>
        this with { Reports = other.Reports } == other && Reports.SequenceEqual(other.Reports);
}

/// <summary>
/// Staff's view of one reported entry: the open reports, the entry as its gallery records it (any status) beside each
/// entry it is said to copy (their numbers, previews and submission dates: which came first matters), who reported
/// (display names by user id) and how earlier reports ended.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record EntryReportsView(
    [property: Id(0)] ReportedEntry Open,
    [property: Id(1)] GalleryItem Reported,
    [property: Id(2)] IReadOnlyList<GalleryItem> Copied,
    [property: Id(3)] ProjectState ProjectState,
    [property: Id(4)] IReadOnlyDictionary<string, string> Names,
    [property: Id(5)] IReadOnlyList<ReportResolution> Resolved)
{
    public EntryStatus Status => Reported.Status;

    /// <summary>The reported entry won, and this is its handover (running or ended): what removing it does depends on it.</summary>
    [Id(6)] public WinningHandover? Winner { get; init; }
}

/// <summary>
/// The handover of a reported winning entry. <see cref="Running"/>: removing the entry sends it to the staff queue as
/// "winner removed". Otherwise it ended with <see cref="Outcome"/> (completed: the buyer has the files and the rights;
/// split: each side was paid its part, nothing handed over) and removing the entry cannot change it.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record WinningHandover(
    [property: Id(0)] string WrapUpId,
    [property: Id(1)] bool Running,
    [property: Id(2)] WrapUps.WrapUpOutcome? Outcome,
    [property: Id(3)] DateTimeOffset? EndedAt);

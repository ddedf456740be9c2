using Marketplace.Contracts.Files;
using Marketplace.Contracts.Previews;

namespace Marketplace.Contracts.Entries;

/// <summary>
/// Active (may be awarded), Declined (by the buyer), Withdrawn (by the creative), Removed (by staff, or the
/// creative was removed), Won (the current winner), Ineligible (a former winner after staff let the buyer award another).
/// Withdrawn and Removed entries leave the gallery.
/// </summary>
public enum EntryStatus
{
    Active,
    Declined,
    Withdrawn,
    Removed,
    Won,
    Ineligible,
}

public static class EntryStatuses
{
    public static bool IsInGallery(this EntryStatus status) =>
        status is not (EntryStatus.Withdrawn or EntryStatus.Removed);
}

/// <summary>
/// Where an entry stands in its contest, from its status and its project's state: what the creative's list and the
/// entry page show. <see cref="NotChosen"/> once another entry won (awarded or completed); <see cref="Closed"/> when
/// the project ended without a winner (cancelled or refunded). Reopening or "award another" makes a not-chosen entry
/// <see cref="Running"/> again, because the project is open or selecting again.
/// </summary>
public enum EntryStanding
{
    Running,
    Declined,
    Winner,
    NotChosen,
    Closed,
    NoLongerEligible,
    Withdrawn,
    Removed,
}

public static class EntryStandings
{
    /// <summary>The one rule for an entry's standing; the project and entry grains both use it.</summary>
    public static EntryStanding Of(EntryStatus status, Projects.ProjectState project) => status switch
    {
        EntryStatus.Withdrawn => EntryStanding.Withdrawn,
        EntryStatus.Removed => EntryStanding.Removed,
        EntryStatus.Ineligible => EntryStanding.NoLongerEligible,
        // A winner whose handover ended in a refund did not win anything in the end.
        EntryStatus.Won => project is Projects.ProjectState.Refunded or Projects.ProjectState.Cancelled ? EntryStanding.Closed : EntryStanding.Winner,
        _ => project switch
        {
            Projects.ProjectState.Awarded or Projects.ProjectState.Completed => EntryStanding.NotChosen,
            Projects.ProjectState.Cancelled or Projects.ProjectState.Refunded => EntryStanding.Closed,
            _ => status == EntryStatus.Declined ? EntryStanding.Declined : EntryStanding.Running,
        },
    };

    /// <summary>
    /// The gallery conversation runs while the contest does, and on the winner through its handover; once a contest
    /// ends, the entries that did not win take no more comments.
    /// </summary>
    public static bool TakesComments(this EntryStanding standing) =>
        standing is EntryStanding.Running or EntryStanding.Declined or EntryStanding.Winner;
}

/// <summary>A creative's submission: the uploaded original (private) and, if already rendered, its previews.</summary>
[GenerateSerializer, Immutable]
public sealed record EntrySubmission(
    [property: Id(0)] string ProjectId,
    [property: Id(1)] StoredFile Original,
    [property: Id(2)] PreviewManifest? Previews,
    [property: Id(3)] string? Note);

/// <summary>A new revision of an entry: a new original (the old revisions are kept).</summary>
[GenerateSerializer, Immutable]
public sealed record EntryUpload(
    [property: Id(0)] StoredFile Original,
    [property: Id(1)] PreviewManifest? Previews,
    [property: Id(2)] string? Note);

[GenerateSerializer, Immutable]
public sealed record EntryRevision(
    [property: Id(0)] int Number,
    [property: Id(1)] StoredFile Original,
    [property: Id(2)] PreviewManifest? Previews,
    [property: Id(3)] string? Note,
    [property: Id(4)] DateTimeOffset At);

[GenerateSerializer, Immutable]
public sealed record EntryComment(
    [property: Id(0)] string AuthorId,
    [property: Id(1)] string Text,
    [property: Id(2)] DateTimeOffset At);

/// <summary>The private view: only the entry's creative, the project's buyer and staff.</summary>
[GenerateSerializer, Immutable]
public sealed record EntryDetails(
    [property: Id(0)] string Id,
    [property: Id(1)] string ProjectId,
    [property: Id(2)] string ProjectTitle,
    [property: Id(3)] string CreativeId,
    [property: Id(4)] string BuyerId,
    [property: Id(5)] EntryStatus Status,
    [property: Id(6)] string? StatusReason,
    [property: Id(7)] int? Rating,
    [property: Id(8)] IReadOnlyList<EntryRevision> Revisions,
    [property: Id(9)] IReadOnlyList<EntryComment> Comments,
    [property: Id(10)] DateTimeOffset SubmittedAt)
{
    /// <summary>Where the entry stands now its project is in its current state (see <see cref="EntryStandings.Of"/>).</summary>
    [Id(11)] public EntryStanding Standing { get; init; }

    /// <summary>Whether the entry grain takes comments now (<see cref="EntryStandings.TakesComments"/>).</summary>
    [Id(12)] public bool CommentsOpen { get; init; }

    /// <summary>
    /// Who last changed the status and when; null for an entry changed before this was recorded (or never changed).
    /// Who removed an entry is told to staff only.
    /// </summary>
    [Id(13)] public EntryStatusChange? StatusChange { get; init; }
}

/// <summary>
/// A status change: <paramref name="ByUserId"/> is who made it (the creative withdrawing, the buyer declining, the staff
/// member removing), null when the marketplace made it (entries of a removed account) or when it is not told.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record EntryStatusChange(
    [property: Id(0)] EntryStatus Status,
    [property: Id(1)] string? ByUserId,
    [property: Id(2)] DateTimeOffset At);

/// <summary>What anyone may see: the latest previews, never the original's reference.</summary>
[GenerateSerializer, Immutable]
public sealed record EntryPublicView(
    [property: Id(0)] string Id,
    [property: Id(1)] string ProjectId,
    [property: Id(2)] string CreativeId,
    [property: Id(3)] EntryStatus Status,
    [property: Id(4)] int RevisionCount,
    [property: Id(5)] PreviewManifest? Previews,
    [property: Id(6)] DateTimeOffset SubmittedAt)
{
    [Id(7)] public EntryStanding Standing { get; init; }
}

using Marketplace.Contracts.Entries;
using Marketplace.Contracts.Previews;

namespace Marketplace.Contracts.Projects;

/// <summary>
/// Draft → Open (funded, taking entries) → Selecting (entry deadline passed; buyer picks) → Awarded (wrap-up running)
/// → Completed. Cancelled and Refunded are the other ends. A reopened project is Open again
/// (<see cref="ProjectView.TimesReopened"/> counts it). Completed, Cancelled and Refunded never change.
/// </summary>
public enum ProjectState
{
    Draft,
    Open,
    Selecting,
    Awarded,
    Completed,
    Cancelled,
    Refunded,
}

public static class ProjectStates
{
    public static bool IsTerminal(this ProjectState state) =>
        state is ProjectState.Completed or ProjectState.Cancelled or ProjectState.Refunded;
}

/// <summary>What the buyer wants. <paramref name="Category"/> is one of <see cref="Categories.All"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record ProjectBrief(
    [property: Id(0)] string Title,
    [property: Id(1)] string Description,
    [property: Id(2)] string Category,
    [property: Id(3)] IReadOnlyList<string> DeliverableFormats);

/// <summary>
/// What a buyer writes before opening. Entries are taken until <paramref name="EntryDeadline"/>; the buyer then has
/// <paramref name="SelectionWindow"/> to award. <paramref name="AllowEarlyAward"/> lets the buyer award while still open.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ProjectDraft(
    [property: Id(0)] ProjectBrief Brief,
    [property: Id(1)] Money Prize,
    [property: Id(2)] DateTimeOffset EntryDeadline,
    [property: Id(3)] TimeSpan SelectionWindow,
    [property: Id(4)] bool AllowEarlyAward);

/// <summary>One step of the project's life, for the project page's history.</summary>
[GenerateSerializer, Immutable]
public sealed record ProjectEvent(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] ProjectState State,
    [property: Id(2)] string ActorId,
    [property: Id(3)] string Note)
{
    /// <summary>
    /// The note with its times as <see cref="TimeMarkers"/>, for pages to write in the reader's zone; <see cref="Note"/>
    /// has them in UTC words. Null when the note names no time, or was stored before (its times then read as written).
    /// </summary>
    [Id(4)] public string? Marked { get; init; }

    /// <summary>The instants the note names, in order (ISO 8601 in the JSON API).</summary>
    public IReadOnlyList<DateTimeOffset> Times => TimeMarkers.Instants(Marked);
}

[GenerateSerializer, Immutable]
public sealed record ProjectView(
    [property: Id(0)] string Id,
    [property: Id(1)] string BuyerId,
    [property: Id(2)] ProjectBrief Brief,
    [property: Id(3)] Money Prize,
    [property: Id(4)] DateTimeOffset EntryDeadline,
    [property: Id(5)] TimeSpan SelectionWindow,
    [property: Id(6)] DateTimeOffset? SelectionDeadline,
    [property: Id(7)] bool AllowEarlyAward,
    [property: Id(8)] ProjectState State,
    [property: Id(9)] string? WinnerEntryId,
    [property: Id(10)] string? WinnerCreativeId,
    [property: Id(11)] int Attempt,
    [property: Id(12)] string? ActiveWrapUpId,
    [property: Id(13)] int ActiveEntryCount,
    [property: Id(14)] int TimesReopened,
    [property: Id(15)] DateTimeOffset CreatedAt,
    [property: Id(16)] IReadOnlyList<ProjectEvent> History)
{
    /// <summary>
    /// What the winner is paid: the prize less <see cref="PlatformFeePercent"/>, computed by the same calculation
    /// escrow pays with, so what creatives are promised is what they get.
    /// </summary>
    [Id(17)] public Money WinnerReceives { get; init; } = null!;

    /// <summary>The marketplace fee taken from the prize at release, in percent.</summary>
    [Id(18)] public decimal PlatformFeePercent { get; init; }

    /// <summary>
    /// While open: the latest entry deadline the buyer may extend to (the longest entry period, counted from when the
    /// project opened); null otherwise.
    /// </summary>
    [Id(19)] public DateTimeOffset? LatestEntryDeadline { get; init; }

    /// <summary>Whether the prize was ever paid into escrow (the project opened): then it has a receipt.</summary>
    [Id(20)] public bool Funded { get; init; }

    /// <summary>
    /// When entries were closed early: the deadline they had been set to close on (<see cref="EntryDeadline"/> is then
    /// when they did close). Null when entries close, or closed, at their deadline.
    /// </summary>
    [Id(21)] public DateTimeOffset? ScheduledEntryDeadline { get; init; }
}

/// <summary>
/// One entry as the gallery shows it: one call gives the whole gallery. <paramref name="Rating"/> is only filled
/// for the buyer, staff and the entry's own creative.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record GalleryItem(
    [property: Id(0)] string EntryId,
    [property: Id(1)] string CreativeId,
    [property: Id(2)] string CreativeName,
    [property: Id(3)] EntryStatus Status,
    [property: Id(4)] int? Rating,
    [property: Id(5)] int RevisionCount,
    [property: Id(6)] PreviewManifest? Previews,
    [property: Id(7)] DateTimeOffset SubmittedAt,
    [property: Id(8)] DateTimeOffset UpdatedAt)
{
    /// <summary>
    /// The entry's number in its project (#1 for the first), given by the project on arrival and never reused: the
    /// gallery shows it with gaps where entries left, so "entry #3" in a notice is the #3 the buyer saw.
    /// </summary>
    [Id(9)] public int Number { get; init; }
}

/// <summary>The gallery: withdrawn and removed entries never appear.</summary>
[GenerateSerializer, Immutable]
public sealed record GalleryView(
    [property: Id(0)] string ProjectId,
    [property: Id(1)] string Title,
    [property: Id(2)] ProjectState State,
    [property: Id(3)] IReadOnlyList<GalleryItem> Items);

/// <summary>The result of awarding: the wrap-up that now runs (key <c>{projectId}/{attempt}</c>).</summary>
[GenerateSerializer, Immutable]
public sealed record AwardResult(
    [property: Id(0)] string ProjectId,
    [property: Id(1)] string EntryId,
    [property: Id(2)] string CreativeId,
    [property: Id(3)] int Attempt,
    [property: Id(4)] string WrapUpId);

/// <summary>What an entry needs to know of its project when it joins.</summary>
[GenerateSerializer, Immutable]
public sealed record EntryAdmission(
    [property: Id(0)] string ProjectId,
    [property: Id(1)] string BuyerId,
    [property: Id(2)] string ProjectTitle)
{
    /// <summary>The number the project gave the entry in its gallery (<see cref="GalleryItem.Number"/>).</summary>
    [Id(3)] public int Number { get; init; }
}

public static class WrapUpIds
{
    /// <summary>The wrap-up grain key for a project's <paramref name="attempt"/> (1, 2, …).</summary>
    public static string For(string projectId, int attempt) => $"{projectId}/{attempt}";
}

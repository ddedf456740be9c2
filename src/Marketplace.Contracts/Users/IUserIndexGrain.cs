namespace Marketplace.Contracts.Users;

/// <summary>
/// A user's own lists (key: user id): "my projects" as buyer, "my entries" and the wrap-ups won as creative.
/// Kept by the grains that change those things, so each page is one call. It calls no other grain.
/// </summary>
public interface IUserIndexGrain : IGrainWithStringKey
{
    /// <summary>The user's projects as buyer, newest first: only the user and staff.</summary>
    Task<IReadOnlyList<ProjectSummary>> GetProjectsAsync(Actor actor);

    /// <summary>The user's entries as creative, newest first: only the user and staff.</summary>
    Task<IReadOnlyList<EntrySummary>> GetEntriesAsync(Actor actor);

    /// <summary>Every wrap-up the user won as creative, oldest first: only the user and staff.</summary>
    Task<IReadOnlyList<WonWrapUp>> GetWrapUpsWonAsync(Actor actor);

    /// <summary>Only <see cref="Actor.System"/>: adds or replaces a project summary.</summary>
    Task RecordProjectAsync(Actor actor, ProjectSummary project);

    /// <summary>Only <see cref="Actor.System"/>: adds or replaces an entry summary.</summary>
    Task RecordEntryAsync(Actor actor, EntrySummary entry);

    /// <summary>Only <see cref="Actor.System"/>: records a wrap-up the user won (idempotent).</summary>
    Task RecordWrapUpWonAsync(Actor actor, WonWrapUp wrapUp);
}

[GenerateSerializer, Immutable]
public sealed record ProjectSummary(
    [property: Id(0)] string ProjectId,
    [property: Id(1)] string Title,
    [property: Id(2)] string Category,
    [property: Id(3)] Projects.ProjectState State,
    [property: Id(4)] Money Prize,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] DateTimeOffset UpdatedAt)
{
    /// <summary>The running handover (<c>{project}/{attempt}</c>) while the project is awarded, so the list links to it.</summary>
    [Id(7)] public string? ActiveWrapUpId { get; init; }

    /// <summary>The handover that completed the project, once it is completed: the record of what was delivered, with the downloads.</summary>
    [Id(8)] public string? CompletedWrapUpId { get; init; }

    /// <summary>Whether the prize was ever paid into escrow: the list then links the receipt.</summary>
    [Id(9)] public bool Funded { get; init; }

    /// <summary>
    /// Whether the project has a receipt: funded, or, for summaries stored before <see cref="Funded"/> existed (an ended
    /// project's summary is not written again), in a state only a funded project reaches.
    /// </summary>
    public bool HasReceipt => Funded || State is Projects.ProjectState.Open or Projects.ProjectState.Selecting
        or Projects.ProjectState.Awarded or Projects.ProjectState.Completed or Projects.ProjectState.Refunded;
}

[GenerateSerializer, Immutable]
public sealed record EntrySummary(
    [property: Id(0)] string EntryId,
    [property: Id(1)] string ProjectId,
    [property: Id(2)] string ProjectTitle,
    [property: Id(3)] Entries.EntryStatus Status,
    [property: Id(4)] int RevisionCount,
    [property: Id(5)] DateTimeOffset SubmittedAt,
    [property: Id(6)] DateTimeOffset UpdatedAt,
    [property: Id(7)] int? Rating = null)
{
    /// <summary>
    /// Where the entry stands, written by the project and entry grains. Summaries stored before it existed read null;
    /// for them <see cref="Standing"/> falls back to what the status alone tells.
    /// </summary>
    [Id(8)] public Entries.EntryStanding? KnownStanding { get; init; }

    public Entries.EntryStanding Standing => KnownStanding ?? Entries.EntryStandings.Of(Status, Projects.ProjectState.Open);

    /// <summary>
    /// The entry's number in its gallery ("#2"), so two entries to one contest read apart in the creative's list. Written
    /// by the project, which numbers entries; the entry grain's updates leave it as it was. Null in older summaries.
    /// </summary>
    [Id(9)] public int? Number { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record WonWrapUp(
    [property: Id(0)] string WrapUpId,
    [property: Id(1)] string ProjectId,
    [property: Id(2)] string EntryId,
    [property: Id(3)] DateTimeOffset AwardedAt)
{
    /// <summary>The project's title; summaries stored before it existed read null.</summary>
    [Id(4)] public string? ProjectTitle { get; init; }
}

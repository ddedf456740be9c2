using Marketplace.Contracts.WrapUps;

namespace Marketplace.Contracts.Mediation;

/// <summary>
/// The staff queue (single grain, key <see cref="Key"/>): wrap-ups that stalled, asked for help, are disputed or lost
/// their winner. The wrap-up grain owns each case (claims go through <c>IWrapUpGrain.ClaimAsync</c>, so the journal
/// records them) and keeps this list up to date; calls only flow wrap-up → queue, never back, so they cannot deadlock.
/// </summary>
public interface IMediationQueueGrain : IGrainWithStringKey
{
    public const string Key = "staff";

    /// <summary>Staff only: open cases, overdue first, then oldest first, with age and the response-target flag.</summary>
    Task<IReadOnlyList<MediationCaseView>> ListAsync(Actor actor);

    /// <summary>Staff only: one case, or NotFound when it is not in the queue.</summary>
    Task<MediationCaseView> GetCaseAsync(Actor actor, string caseId);

    /// <summary>Only <see cref="Actor.System"/> (the wrap-up): adds or refreshes a case.</summary>
    Task UpsertAsync(Actor actor, MediationCase mediationCase);

    /// <summary>Only <see cref="Actor.System"/> (the wrap-up): the case was resolved or closed and leaves the queue.</summary>
    Task RemoveAsync(Actor actor, string caseId);
}

/// <summary>A case as the owning wrap-up reports it (case id = wrap-up id).</summary>
[GenerateSerializer, Immutable]
public sealed record MediationCase(
    [property: Id(0)] string CaseId,
    [property: Id(1)] string ProjectId,
    [property: Id(2)] string ProjectTitle,
    [property: Id(3)] string BuyerId,
    [property: Id(4)] string CreativeId,
    [property: Id(5)] IReadOnlyList<MediationReason> Reasons,
    [property: Id(6)] WrapUpStep Step,
    [property: Id(7)] WaitingOn WaitingOn,
    [property: Id(8)] DateTimeOffset OpenedAt,
    [property: Id(9)] string? ClaimedBy,
    [property: Id(10)] DateTimeOffset? FirstStaffResponseAt,
    [property: Id(11)] bool Disputed)
{
    /// <summary>The prize at stake (held in escrow): staff see what a case is worth before they open it. Null for cases listed before it was kept.</summary>
    [Id(12)] public Money? Prize { get; init; }
}

/// <summary>A case in the queue list: <paramref name="Overdue"/> when no staff responded within the response target.</summary>
[GenerateSerializer, Immutable]
public sealed record MediationCaseView(
    [property: Id(0)] MediationCase Case,
    [property: Id(1)] TimeSpan Age,
    [property: Id(2)] DateTimeOffset ResponseDueAt,
    [property: Id(3)] bool Overdue);

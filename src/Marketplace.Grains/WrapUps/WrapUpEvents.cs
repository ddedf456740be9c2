using Marketplace.Contracts;
using Marketplace.Contracts.Files;
using Marketplace.Contracts.Previews;
using Marketplace.Contracts.WrapUps;

namespace Marketplace.Grains.WrapUps;

/// <summary>
/// One line of the journal: what happened (<see cref="Event"/>), who did it in which role, for whom and with what
/// consent (<see cref="OnBehalf"/>, staff only), why (<see cref="Reason"/>, staff actions) and when.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record JournalEntry(
    [property: Id(0)] long Sequence,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string ActorId,
    [property: Id(3)] string ActorRole,
    [property: Id(4)] OnBehalf? OnBehalf,
    [property: Id(5)] string? Reason,
    [property: Id(6)] WrapUpEvent Event);

/// <summary>A fact of the wrap-up. The state is the fold of these over <see cref="WrapUpState.Apply"/>.</summary>
[GenerateSerializer, Immutable]
public abstract record WrapUpEvent;

[GenerateSerializer, Immutable]
public sealed record Started([property: Id(0)] WrapUpStart Start, [property: Id(1)] string AgreementVersion) : WrapUpEvent;

[GenerateSerializer, Immutable]
public sealed record FilesDelivered([property: Id(0)] IReadOnlyList<FinalFile> Files, [property: Id(1)] string? Note, [property: Id(2)] DateTimeOffset AutoReleaseDueAt) : WrapUpEvent;

[GenerateSerializer, Immutable]
public sealed record Approved([property: Id(0)] string? Note) : WrapUpEvent;

[GenerateSerializer, Immutable]
public sealed record ChangesRequested([property: Id(0)] string Message) : WrapUpEvent;

[GenerateSerializer, Immutable]
public sealed record AgreementSigned([property: Id(0)] string PartyId, [property: Id(1)] string Version) : WrapUpEvent;

[GenerateSerializer, Immutable]
public sealed record AutoReleasePaused([property: Id(0)] string Reason) : WrapUpEvent;

[GenerateSerializer, Immutable]
public sealed record AutoReleaseResumed([property: Id(0)] DateTimeOffset DueAt) : WrapUpEvent;

/// <summary>The buyer did not act in time: the marketplace approves for them and pays.</summary>
[GenerateSerializer, Immutable]
public sealed record AutoReleaseFired : WrapUpEvent;

[GenerateSerializer, Immutable]
public sealed record MessagePosted([property: Id(0)] MessageAudience To, [property: Id(1)] string Text, [property: Id(2)] string? OriginalAuthorId) : WrapUpEvent;

[GenerateSerializer, Immutable]
public sealed record HelpRequested([property: Id(0)] string Message) : WrapUpEvent;

[GenerateSerializer, Immutable]
public sealed record Nudged([property: Id(0)] WaitingOn Party) : WrapUpEvent;

/// <summary>The case enters the staff queue (or gains a reason if it is already there).</summary>
[GenerateSerializer, Immutable]
public sealed record CaseOpened([property: Id(0)] MediationReason Reason) : WrapUpEvent;

/// <summary>The waited-on party acted, so a case queued only for stalling leaves the queue.</summary>
[GenerateSerializer, Immutable]
public sealed record StallCleared : WrapUpEvent;

[GenerateSerializer, Immutable]
public sealed record CaseClaimed : WrapUpEvent;

[GenerateSerializer, Immutable]
public sealed record ClaimReleased : WrapUpEvent;

[GenerateSerializer, Immutable]
public sealed record MediationClosed([property: Id(0)] string Note) : WrapUpEvent;

/// <summary><paramref name="Removed"/> came later than the reason: removals stored before it were account removals.</summary>
[GenerateSerializer, Immutable]
public sealed record WinnerRemoved([property: Id(0)] string Reason, [property: Id(1)] WinnerRemoval Removed = WinnerRemoval.Account) : WrapUpEvent;

/// <summary>Staff removed the buyer's account: staff take the buyer's place and decide the outcome.</summary>
[GenerateSerializer, Immutable]
public sealed record BuyerRemoved([property: Id(0)] string Reason) : WrapUpEvent;

/// <summary>
/// <paramref name="EvidencePreviews"/> holds one entry per evidence file (null for files without previews). It came
/// later than the files, so it is a separate optional member: disputes stored before it read back with none.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DisputeOpened(
    [property: Id(0)] string Reason,
    [property: Id(1)] IReadOnlyList<StoredFile> Evidence,
    [property: Id(2)] DateTimeOffset AnswerDueAt,
    [property: Id(3)] IReadOnlyList<PreviewManifest?>? EvidencePreviews = null) : WrapUpEvent;

/// <summary><paramref name="EvidencePreviews"/>: as in <see cref="DisputeOpened"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record DisputeAnswered(
    [property: Id(0)] string Answer,
    [property: Id(1)] IReadOnlyList<StoredFile> Evidence,
    [property: Id(2)] IReadOnlyList<PreviewManifest?>? EvidencePreviews = null) : WrapUpEvent;

/// <summary>The other party did not answer in time: the filer wins by default.</summary>
[GenerateSerializer, Immutable]
public sealed record DisputeDefaulted([property: Id(0)] string FiledBy) : WrapUpEvent;

[GenerateSerializer, Immutable]
public sealed record OutcomeProposed([property: Id(0)] Resolution Resolution, [property: Id(1)] DateTimeOffset DueAt) : WrapUpEvent;

[GenerateSerializer, Immutable]
public sealed record ProposalAccepted([property: Id(0)] string PartyId) : WrapUpEvent;

[GenerateSerializer, Immutable]
public sealed record ProposalDeclined([property: Id(0)] string PartyId, [property: Id(1)] string? Note) : WrapUpEvent;

[GenerateSerializer, Immutable]
public sealed record ProposalExpired : WrapUpEvent;

[GenerateSerializer, Immutable]
public sealed record QualityChecked([property: Id(0)] IReadOnlyList<QualityCheckItem> Checklist, [property: Id(1)] string? Note) : WrapUpEvent;

[GenerateSerializer, Immutable]
public sealed record PreviewsSent([property: Id(0)] IReadOnlyList<SentPreview> Previews) : WrapUpEvent;

/// <summary>Only the SHA-256 of the token is kept, so the journal cannot leak a working link.</summary>
[GenerateSerializer, Immutable]
public sealed record DeliveryLinkCreated(
    [property: Id(0)] string LinkId,
    [property: Id(1)] ThirdPartyRecipient Recipient,
    [property: Id(2)] string TokenSha256,
    [property: Id(3)] DateTimeOffset ExpiresAt,
    [property: Id(4)] string? Zone = null) : WrapUpEvent;

[GenerateSerializer, Immutable]
public sealed record DeliveryLinkRedeemed([property: Id(0)] string LinkId, [property: Id(1)] string? From) : WrapUpEvent;

[GenerateSerializer, Immutable]
public sealed record DeadlineExtended([property: Id(0)] WrapUpDeadlineKind Kind, [property: Id(1)] TimeSpan By) : WrapUpEvent;

/// <summary>The outcome is fixed and written before any money moves, so a retry settles the same way, once.</summary>
[GenerateSerializer, Immutable]
public sealed record SettlementDecided([property: Id(0)] Resolution Resolution) : WrapUpEvent;

/// <summary>Escrow moved (or nothing had to move): terminal.</summary>
[GenerateSerializer, Immutable]
public sealed record Ended([property: Id(0)] WrapUpOutcome Outcome, [property: Id(1)] Money PaidToCreative, [property: Id(2)] Money RefundedToBuyer) : WrapUpEvent
{
    /// <summary>
    /// A completed handover's names for its zip's README.txt (the parties, and "Staff (Sam)" for staff who signed for
    /// one) as they were at completion: the record documents the handover as it happened, so a later rename neither
    /// changes it nor makes a new zip. Null for other outcomes and for handovers completed before (current names).
    /// </summary>
    [Id(3)] public Dictionary<string, string>? RecordNames { get; init; }
}

/// <summary>The zip of the final files (for the buyer or a delivery link) failed to build several times in a row: staff are told, once.</summary>
[GenerateSerializer, Immutable]
public sealed record ZipKeptFailing([property: Id(0)] string Reason) : WrapUpEvent;

/// <summary>That zip was built after all (the cause fixed), so staff need not look any more.</summary>
[GenerateSerializer, Immutable]
public sealed record ZipBuiltAfterFailing : WrapUpEvent;

/// <summary>The staff member holding the zip case asked for the handover's zips to be built again now (the cool-down skipped).</summary>
[GenerateSerializer, Immutable]
public sealed record ZipRetried : WrapUpEvent;

/// <summary>The project grain acknowledged the outcome.</summary>
[GenerateSerializer, Immutable]
public sealed record ProjectInformed : WrapUpEvent;

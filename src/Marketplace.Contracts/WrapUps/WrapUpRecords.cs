using System.Text.Json.Serialization;
using Marketplace.Contracts.Files;
using Marketplace.Contracts.Previews;

namespace Marketplace.Contracts.WrapUps;

/// <summary>The step of the ordinary path a wrap-up is on. A dispute or a staff case overlays the step without changing it.</summary>
public enum WrapUpStep
{
    NotStarted,
    AwaitingFiles,
    InReview,
    AwaitingSignatures,
    /// <summary>Both signed while staff hold the case: staff release the payment.</summary>
    AwaitingRelease,
    /// <summary>Terminal: see <see cref="WrapUpView.Outcome"/>.</summary>
    Ended,
}

/// <summary>Who the wrap-up waits on.</summary>
[Flags]
public enum WaitingOn
{
    Nobody = 0,
    Buyer = 1,
    Creative = 2,
    Staff = 4,
}

/// <summary>Who may read a message.</summary>
public enum MessageAudience
{
    /// <summary>Both parties (and staff).</summary>
    BothParties,
    /// <summary>Only the buyer (and staff).</summary>
    Buyer,
    /// <summary>Only the creative (and staff).</summary>
    Creative,
    /// <summary>Only staff.</summary>
    Staff,
}

/// <summary>A running deadline staff may extend.</summary>
public enum WrapUpDeadlineKind
{
    /// <summary>The automatic release after delivery.</summary>
    AutoRelease,
    /// <summary>The waited-on party's time to act before a nudge / the staff queue.</summary>
    Response,
    /// <summary>The other party's time to answer a dispute.</summary>
    DisputeAnswer,
    /// <summary>The parties' time to accept staff's proposal.</summary>
    ProposalResponse,
}

/// <summary>
/// What staff removed when they removed the winner: the creative's account (and with it all their entries), or only
/// the winning entry. Account comes first so a removal stored before the difference was recorded reads as one.
/// </summary>
public enum WinnerRemoval
{
    Account,
    Entry,
}

/// <summary>Why a case is in the staff queue.</summary>
public enum MediationReason
{
    Stalled,
    HelpRequested,
    Disputed,
    WinnerRemoved,
    /// <summary>Staff removed the buyer's account: staff take the buyer's place and decide how the handover ends.</summary>
    BuyerRemoved,
    /// <summary>The zip of the final files keeps failing to build (a file cannot be read from storage): staff look at storage.</summary>
    ZipFailed,
}

/// <summary>How and when a party said yes to staff acting for them (e.g. "phone call", "email of 3 March").</summary>
[GenerateSerializer, Immutable]
public sealed record Consent(
    [property: Id(0)] string How,
    [property: Id(1)] DateTimeOffset GivenAt)
{
    /// <summary>What the journal records in the consent's place when staff act for a buyer whose account was closed.</summary>
    public const string NotPossibleBuyerRemoved = "none possible: the buyer's account was closed, so staff act in their place";
}

/// <summary>Staff act for <paramref name="PartyId"/> (the buyer or the creative) with their consent, for a reason.</summary>
[GenerateSerializer, Immutable]
public sealed record OnBehalf(
    [property: Id(0)] string PartyId,
    [property: Id(1)] Consent Consent,
    [property: Id(2)] string Reason);

/// <summary>
/// A file stored through the final-file checks (a delivered final, or a file attached to a dispute): the stored
/// original and, for images, its preview manifest (the low-res copies people look at before downloading).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record FinalFile(
    [property: Id(0)] StoredFile File,
    [property: Id(1)] PreviewManifest? Preview);

[GenerateSerializer, Immutable]
public sealed record QualityCheckItem(
    [property: Id(0)] string Check,
    [property: Id(1)] bool Passed);

[GenerateSerializer, Immutable]
public sealed record ThirdPartyRecipient(
    [property: Id(0)] string Name,
    [property: Id(1)] string? Email);

/// <summary>Returned once when a delivery link is issued: the web puts <paramref name="Token"/> in the URL it sends; only its hash is kept.</summary>
[GenerateSerializer, Immutable]
public sealed record DeliveryLinkIssued(
    [property: Id(0)] string WrapUpId,
    [property: Id(1)] string LinkId,
    [property: Id(2)] string Token,
    [property: Id(3)] DateTimeOffset ExpiresAt);

/// <summary>
/// What a delivery link delivers, shown on its landing page before anyone uses it. The web also reads the files from
/// storage with it before using the link, so a file missing from storage never uses a link up. Once used, the link
/// keeps delivering the same zip until <see cref="ResumableUntil"/> (a dropped download resumes), then reads as used.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DeliveryLinkPreview(
    [property: Id(0)] string ProjectTitle,
    [property: Id(1)] IReadOnlyList<FinalFile> Files,
    [property: Id(2)] DateTimeOffset ExpiresAt)
{
    /// <summary>When the download first started (the link was used); null while unused.</summary>
    [Id(3)] public DateTimeOffset? UsedAt { get; init; }

    /// <summary>Until when a started download can be resumed or started again; null while unused.</summary>
    [Id(4)] public DateTimeOffset? ResumableUntil { get; init; }

    /// <summary>How long the link keeps delivering once used (the configured resume window), for the landing page.</summary>
    [Id(5)] public TimeSpan ResumeWindow { get; init; }

    /// <summary>When the files were delivered: the date of every file in the zip, so every download is the same bytes.</summary>
    [Id(6)] public DateTimeOffset DeliveredAt { get; init; }

    /// <summary>
    /// The time zone the page's times are written in: the buyer's when the link was made (the printer works for them);
    /// null for links made before, or when the buyer had none (UTC).
    /// </summary>
    [Id(7)] public string? ZoneId { get; init; }

    /// <summary>The handover the link delivers the files of, told when their zip keeps failing.</summary>
    [Id(8)] public string? HandoverId { get; init; }

    /// <summary>The zip the link delivers: the files alone, dated by the delivery (the same zip the wrap-up builds ahead when the link is made).</summary>
    public ZipContents Zip() => new(Files.Select(f => f.File).ToArray(), [], DeliveredAt) { HandoverId = HandoverId };
}

/// <summary>
/// An outcome of a dispute or removed-winner case. <paramref name="ToCreative"/> is the gross part paid to the
/// creative for <see cref="WrapUpOutcome.Split"/> (the rest is refunded to the buyer); null otherwise.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record Resolution(
    [property: Id(0)] WrapUpOutcome Outcome,
    [property: Id(1)] Money? ToCreative = null);

/// <summary>
/// One journal event as the timeline shows it. <paramref name="Summary"/> writes its times in UTC, labelled (what the
/// JSON API and exports read, with <see cref="Times"/> beside it); <paramref name="Marked"/> is the same sentence with
/// each time as a <see cref="TimeMarkers"/> marker, which pages write in the viewer's zone. Null from a silo older than
/// markers: the page then shows the summary as it is.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TimelineEntry(
    [property: Id(0)] long Sequence,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Kind,
    [property: Id(3)] string ActorId,
    [property: Id(4)] string ActorRole,
    [property: Id(5)] string? OnBehalfOf,
    [property: Id(6)] Consent? Consent,
    [property: Id(7)] string? Reason,
    [property: Id(8)] string Summary,
    [property: Id(9), JsonIgnore] string? Marked = null)
{
    /// <summary>The instants the line names, in order.</summary>
    public IReadOnlyList<DateTimeOffset> Times => TimeMarkers.Instants(Marked);
}

/// <summary>A message; <paramref name="OriginalAuthorId"/> is set when staff relayed a party's words.</summary>
[GenerateSerializer, Immutable]
public sealed record WrapUpMessage(
    [property: Id(0)] long Sequence,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string SenderId,
    [property: Id(3)] string SenderRole,
    [property: Id(4)] string? OriginalAuthorId,
    [property: Id(5)] MessageAudience To,
    [property: Id(6)] string Text);

[GenerateSerializer, Immutable]
public sealed record DeliveryView(
    [property: Id(0)] int Round,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string DeliveredBy,
    [property: Id(3)] string? OnBehalfOf,
    [property: Id(4)] IReadOnlyList<FinalFile> Files)
{
    /// <summary>The note delivered with the files: what is in them, and why a requested format is missing. Set in views only.</summary>
    [Id(5)] public string? Note { get; init; }

    /// <summary>The files checked against the formats of the brief. Set in views only (the state keeps the files, not the verdict).</summary>
    [Id(6)] public FormatChecklist? Formats { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record SignatureView(
    [property: Id(0)] string PartyId,
    [property: Id(1)] string AgreementVersion,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string SignedBy);

[GenerateSerializer, Immutable]
public sealed record QualityCheckView(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string StaffId,
    [property: Id(2)] IReadOnlyList<QualityCheckItem> Checklist,
    [property: Id(3)] string? Note);

/// <summary>A low-resolution copy of an image final that staff sent the buyer.</summary>
[GenerateSerializer, Immutable]
public sealed record SentPreview(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string FileName,
    [property: Id(2)] PreviewImage Image);

[GenerateSerializer, Immutable]
public sealed record DeliveryLinkView(
    [property: Id(0)] string LinkId,
    [property: Id(1)] ThirdPartyRecipient Recipient,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] DateTimeOffset ExpiresAt,
    [property: Id(4)] DateTimeOffset? UsedAt);

[GenerateSerializer, Immutable]
public sealed record DeadlineView(
    [property: Id(0)] WrapUpDeadlineKind Kind,
    [property: Id(1)] DateTimeOffset DueAt,
    [property: Id(2)] TimeSpan TimeLeft);

public enum DisputeStage
{
    AwaitingAnswer,
    AwaitingStaff,
    ProposalPending,
}

[GenerateSerializer, Immutable]
public sealed record ProposalView(
    [property: Id(0)] Resolution Resolution,
    [property: Id(1)] string Reason,
    [property: Id(2)] string ProposedBy,
    [property: Id(3)] DateTimeOffset DueAt,
    [property: Id(4)] IReadOnlyList<string> AcceptedBy);

[GenerateSerializer, Immutable]
public sealed record DisputeView(
    [property: Id(0)] string FiledBy,
    [property: Id(1)] string Reason,
    [property: Id(2)] IReadOnlyList<FinalFile> Evidence,
    [property: Id(3)] DateTimeOffset OpenedAt,
    [property: Id(4)] DisputeStage Stage,
    [property: Id(5)] DateTimeOffset? AnswerDueAt,
    [property: Id(6)] string? Answer,
    [property: Id(7)] IReadOnlyList<FinalFile> AnswerEvidence,
    [property: Id(8)] ProposalView? Proposal);

[GenerateSerializer, Immutable]
public sealed record MediationView(
    [property: Id(0)] IReadOnlyList<MediationReason> Reasons,
    [property: Id(1)] DateTimeOffset OpenedAt,
    [property: Id(2)] string? ClaimedBy,
    [property: Id(3)] DateTimeOffset? ClaimedAt);

/// <summary>
/// The wrap-up page for one asker. <paramref name="WinnerRemovedReason"/> (staff's note on removing the winner) is
/// for staff and the creative only; the buyer's view has null there and in that timeline step's reason.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record WrapUpView(
    [property: Id(0)] string WrapUpId,
    [property: Id(1)] string ProjectId,
    [property: Id(2)] string ProjectTitle,
    [property: Id(3)] string BuyerId,
    [property: Id(4)] string CreativeId,
    [property: Id(5)] string EntryId,
    [property: Id(6)] Money Prize,
    [property: Id(7)] IReadOnlyList<string> DeliverableFormats,
    [property: Id(8)] WrapUpStep Step,
    [property: Id(9)] WrapUpOutcome? Outcome,
    [property: Id(10)] WaitingOn WaitingOn,
    [property: Id(11)] IReadOnlyList<DeadlineView> Deadlines,
    [property: Id(12)] bool AutoReleasePaused,
    [property: Id(13)] string? PauseReason,
    [property: Id(14)] DeliveryView? LatestDelivery,
    [property: Id(15)] IReadOnlyList<string> ChangeRequests,
    [property: Id(16)] IReadOnlyList<SignatureView> Signatures,
    [property: Id(17)] IReadOnlyList<QualityCheckView> QualityChecks,
    [property: Id(18)] IReadOnlyList<SentPreview> PreviewsSentToBuyer,
    [property: Id(19)] IReadOnlyList<DeliveryLinkView> DeliveryLinks,
    [property: Id(20)] DisputeView? Dispute,
    [property: Id(21)] MediationView? Mediation,
    [property: Id(22)] string? WinnerRemovedReason,
    [property: Id(23)] IReadOnlyList<WrapUpMessage> Messages,
    [property: Id(24)] IReadOnlyList<TimelineEntry> Timeline,
    [property: Id(25)] bool CanDownloadFinals,
    [property: Id(26)] string AgreementVersion)
{
    /// <summary>Staff's proposed outcome (a dispute or a removed winner) waiting for both parties.</summary>
    [Id(27)] public ProposalView? Proposal { get; init; }

    /// <summary>
    /// What staff removed, once the winner was removed: the winner's account or only the winning entry. Test this, not
    /// <see cref="WinnerRemovedReason"/>, to know whether the winner was removed: the buyer's view never carries the reason.
    /// </summary>
    [Id(28)] public WinnerRemoval? WinnerRemoval { get; init; }

    /// <summary>The asker may write to the other party: never once the winner was removed (staff pass on what's needed).</summary>
    [Id(29)] public bool MayWriteToOtherParty { get; init; }

    /// <summary>The asker, a party still able to act, may write to staff.</summary>
    [Id(30)] public bool MayWriteToStaff { get; init; }

    /// <summary>The asker may ask staff for help: only while no staff case is open (queued or claimed), since staff are on it otherwise.</summary>
    [Id(31)] public bool MayAskForHelp { get; init; }

    /// <summary>The asker may open a dispute: a party still able to act, while none is open.</summary>
    [Id(32)] public bool MayOpenDispute { get; init; }

    /// <summary>
    /// The outcome was ruled (by staff, a dispute left unanswered or an accepted proposal), not reached the ordinary way
    /// (both signed, or the automatic release): a ruling is worded as one, an ordinary completion as the handover done.
    /// </summary>
    [Id(33)] public bool OutcomeRuled { get; init; }

    /// <summary>Every delivery, oldest first, each with its note and format checklist; the last is <see cref="LatestDelivery"/>.</summary>
    [Id(34)] public IReadOnlyList<DeliveryView> Deliveries { get; init; } = Array.Empty<DeliveryView>();

    /// <summary>
    /// Staff only: why the holder could not release the payment now (what is missing and how to get it), or null when
    /// the handover awaits release. Null for the parties, who never release.
    /// </summary>
    [Id(35)] public string? ReleaseRefusal { get; init; }

    /// <summary>What the proposed split pays each side as escrow would pay it (the fee comes out of the creative's share); null unless a split is proposed.</summary>
    [Id(36)] public Escrow.SplitTerms? ProposedSplit { get; init; }

    /// <summary>
    /// Staff removed the buyer's account: staff act in the buyer's place (no consent can be given any more) and decide
    /// the outcome; no clock acts on the buyer's silence.
    /// </summary>
    [Id(37)] public bool BuyerRemoved { get; init; }

    /// <summary>Why staff removed the buyer: for staff only (null for both parties), like <see cref="WinnerRemovedReason"/> for the buyer.</summary>
    [Id(38)] public string? BuyerRemovedReason { get; init; }

    /// <summary>
    /// What a split that ended the handover paid each side, as escrow paid it; null unless it ended by a split. A split
    /// hands over neither the original files nor the rights (only a completed handover does).
    /// </summary>
    [Id(39)] public Escrow.SplitTerms? SettledSplit { get; init; }

    /// <summary>The outcome came from a staff proposal both parties accepted (agreed, not ruled): worded as their agreement.</summary>
    [Id(40)] public bool OutcomeAgreed { get; init; }

    /// <summary>
    /// When Marketplace reminds the party the handover waits on, if they have not acted by then (the stall clock's
    /// nudge); null when no reminder is due: already sent, a dispute, the automatic release running, or staff on it.
    /// </summary>
    [Id(41)] public DateTimeOffset? ReminderDueAt { get; init; }

    /// <summary>
    /// When the case goes to the staff queue if the party the handover waits on still has not acted (the stall clock's
    /// second limit): while files are awaited, the date by which the winner should deliver. A message does not move it
    /// (only the step moving or staff giving more time do); null when no stall clock runs or staff already have the case.
    /// </summary>
    [Id(42)] public DateTimeOffset? StaffStepInAt { get; init; }

    /// <summary>
    /// Staff only: why the zip of the final files keeps failing (the file it could not read, or that storage lost), while
    /// that case is in the queue; null otherwise and for the parties.
    /// </summary>
    [Id(43)] public string? ZipFailure { get; init; }
}

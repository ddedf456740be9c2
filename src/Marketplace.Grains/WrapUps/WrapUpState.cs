using Marketplace.Contracts;
using Marketplace.Contracts.Files;
using Marketplace.Contracts.Previews;
using Marketplace.Contracts.WrapUps;

namespace Marketplace.Grains.WrapUps;

/// <summary>The previews lists are optional members (see <see cref="DisputeOpened"/>): null in disputes stored before them.</summary>
[GenerateSerializer]
public sealed record DisputeRecord(
    [property: Id(0)] string FiledBy,
    [property: Id(1)] string Reason,
    [property: Id(2)] IReadOnlyList<StoredFile> Evidence,
    [property: Id(3)] DateTimeOffset OpenedAt,
    [property: Id(4)] DisputeStage Stage,
    [property: Id(5)] DateTimeOffset AnswerDueAt,
    [property: Id(6)] string? Answer,
    [property: Id(7)] IReadOnlyList<StoredFile> AnswerEvidence,
    [property: Id(8)] IReadOnlyList<PreviewManifest?>? EvidencePreviews = null,
    [property: Id(9)] IReadOnlyList<PreviewManifest?>? AnswerEvidencePreviews = null)
{
    public IReadOnlyList<FinalFile> EvidenceWithPreviews => WithPreviews(Evidence, EvidencePreviews);

    public IReadOnlyList<FinalFile> AnswerEvidenceWithPreviews => WithPreviews(AnswerEvidence, AnswerEvidencePreviews);

    private static FinalFile[] WithPreviews(IReadOnlyList<StoredFile> files, IReadOnlyList<PreviewManifest?>? previews) =>
        files.Select((file, i) => new FinalFile(file, previews is not null && i < previews.Count ? previews[i] : null)).ToArray();
}

[GenerateSerializer]
public sealed record CaseRecord(
    [property: Id(0)] IReadOnlyList<MediationReason> Reasons,
    [property: Id(1)] DateTimeOffset OpenedAt,
    [property: Id(2)] string? ClaimedBy,
    [property: Id(3)] DateTimeOffset? ClaimedAt,
    [property: Id(4)] DateTimeOffset? FirstStaffResponseAt);

[GenerateSerializer]
public sealed record DeliveryLinkRecord(
    [property: Id(0)] string LinkId,
    [property: Id(1)] ThirdPartyRecipient Recipient,
    [property: Id(2)] string TokenSha256,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] DateTimeOffset ExpiresAt,
    [property: Id(5)] int Round,
    [property: Id(6)] DateTimeOffset? UsedAt,
    [property: Id(7)] string? UsedFrom,
    [property: Id(8)] string? Zone = null);

/// <summary>
/// The wrap-up: its journal and the state folded from it. Every change is a <see cref="JournalEntry"/> applied by
/// <see cref="Apply"/>, so the state can always be rebuilt from the journal (and tests check that it is).
/// Lists kept here are plain arrays or <see cref="List{T}"/>, never collection expressions typed as
/// <see cref="IReadOnlyList{T}"/>: those compile to synthesized types the storage serializer refuses to name.
/// </summary>
[GenerateSerializer]
public sealed class WrapUpState
{
    [Id(0)] public List<JournalEntry> Journal { get; set; } = [];
    [Id(1)] public WrapUpStart? Start { get; set; }
    [Id(2)] public string AgreementVersion { get; set; } = "";
    [Id(3)] public WrapUpStep Step { get; set; }
    [Id(4)] public WrapUpOutcome? Outcome { get; set; }
    [Id(5)] public List<DeliveryView> Deliveries { get; set; } = [];
    [Id(6)] public List<string> ChangeRequests { get; set; } = [];
    [Id(7)] public List<SignatureView> Signatures { get; set; } = [];
    [Id(8)] public DateTimeOffset? AutoReleaseDueAt { get; set; }
    [Id(9)] public TimeSpan? AutoReleaseLeftWhenPaused { get; set; }
    [Id(10)] public string? PauseReason { get; set; }
    [Id(11)] public DateTimeOffset ResponseClockSince { get; set; }
    [Id(12)] public TimeSpan ResponseExtension { get; set; }
    [Id(13)] public bool NudgeSent { get; set; }
    [Id(14)] public DisputeRecord? Dispute { get; set; }
    [Id(15)] public CaseRecord? Case { get; set; }
    [Id(16)] public string? WinnerRemovedReason { get; set; }
    [Id(17)] public List<QualityCheckView> QualityChecks { get; set; } = [];
    [Id(18)] public List<SentPreview> PreviewsSent { get; set; } = [];
    [Id(19)] public List<DeliveryLinkRecord> Links { get; set; } = [];
    [Id(20)] public List<WrapUpMessage> Messages { get; set; } = [];
    [Id(21)] public ProposalView? Proposal { get; set; }
    [Id(22)] public Resolution? Settlement { get; set; }
    [Id(23)] public bool ProjectWasInformed { get; set; }

    /// <summary>
    /// The journal position handed to the parties' inboxes so far (see <c>WrapUpGrain.Notifications</c>). Not a fact of
    /// the handover, so <see cref="Apply"/> never touches it. Null in wrap-ups stored before notifications existed.
    /// </summary>
    [Id(24)] public long? NotifiedThrough { get; set; }

    /// <summary>What staff removed, once <see cref="WinnerRemovedReason"/> is set (account in wrap-ups stored before it).</summary>
    [Id(25)] public WinnerRemoval WinnerRemoval { get; set; }

    /// <summary>Why staff removed the buyer's account (for staff only), once they did; staff then stand in the buyer's place.</summary>
    [Id(26)] public string? BuyerRemovedReason { get; set; }

    /// <summary>Staff settle the case (a removed winner or buyer): no clock acts on a party's silence.</summary>
    public bool StaffSettle => WinnerRemovedReason is not null || BuyerRemovedReason is not null;

    public bool HasEnded => Step == WrapUpStep.Ended;
    public DeliveryView? LatestDelivery => Deliveries.Count == 0 ? null : Deliveries[^1];

    public string PartyId(WaitingOn party) => party switch
    {
        WaitingOn.Buyer => Start!.BuyerId,
        WaitingOn.Creative => Start!.CreativeId,
        _ => throw new ArgumentOutOfRangeException(nameof(party)),
    };

    /// <summary>The party an entry was done by or for (staff acting for a party count as that party), if any.</summary>
    public WaitingOn PartyOf(JournalEntry entry)
    {
        var id = entry.OnBehalf?.PartyId ?? entry.ActorId;
        return Start is null ? WaitingOn.Nobody
            : id == Start.BuyerId ? WaitingOn.Buyer
            : id == Start.CreativeId ? WaitingOn.Creative
            : WaitingOn.Nobody;
    }

    /// <summary>Whom the wrap-up waits on now: a dispute or a removed winner first, then the step of the ordinary path.</summary>
    public WaitingOn WaitsOn()
    {
        if (Start is null || HasEnded || Settlement is not null)
        {
            return WaitingOn.Nobody;
        }

        if (Dispute is { } dispute)
        {
            return dispute.Stage switch
            {
                DisputeStage.AwaitingAnswer => dispute.FiledBy == Start.BuyerId ? WaitingOn.Creative : WaitingOn.Buyer,
                DisputeStage.ProposalPending => NotYetAccepted(),
                _ => WaitingOn.Staff,
            };
        }

        if (WinnerRemovedReason is not null)
        {
            return Proposal is null ? WaitingOn.Staff : NotYetAccepted();
        }

        if (BuyerRemovedReason is not null)
        {
            // The creative still delivers the files staff check; everything after is staff's, in the buyer's place.
            return Step == WrapUpStep.AwaitingFiles ? WaitingOn.Creative : WaitingOn.Staff;
        }

        return Step switch
        {
            WrapUpStep.AwaitingFiles => WaitingOn.Creative,
            WrapUpStep.InReview => WaitingOn.Buyer,
            WrapUpStep.AwaitingSignatures => Unsigned(),
            WrapUpStep.AwaitingRelease => WaitingOn.Staff,
            _ => WaitingOn.Nobody,
        };
    }

    private WaitingOn NotYetAccepted() =>
        (Proposal!.AcceptedBy.Contains(Start!.BuyerId) ? WaitingOn.Nobody : WaitingOn.Buyer)
        | (Proposal.AcceptedBy.Contains(Start.CreativeId) ? WaitingOn.Nobody : WaitingOn.Creative);

    private WaitingOn Unsigned() =>
        (HasSigned(Start!.BuyerId) ? WaitingOn.Nobody : WaitingOn.Buyer)
        | (HasSigned(Start.CreativeId) ? WaitingOn.Nobody : WaitingOn.Creative);

    public bool HasSigned(string partyId) => Signatures.Any(s => s.PartyId == partyId);

    /// <summary>The winner had been removed before <paramref name="entry"/> (so, for example, its delivery started no automatic release).</summary>
    public bool WinnerRemovedBefore(JournalEntry entry) =>
        Journal.Take((int)entry.Sequence - 1).Any(e => e.Event is WinnerRemoved);

    /// <summary>The buyer's account had been closed before <paramref name="entry"/> (staff acted in their place, without consent).</summary>
    public bool BuyerRemovedBefore(JournalEntry entry) =>
        Journal.Take((int)entry.Sequence - 1).Any(e => e.Event is BuyerRemoved);

    /// <summary>
    /// Why staff may not release the payment now, or null when they may. Releasing is the last step of the ordinary
    /// path: the buyer approved and both signed the transfer (themselves, or staff for them with recorded consent).
    /// A dispute or a removed winner is settled by an outcome instead, never by this shortcut. Each refusal says
    /// what is missing and how to get it.
    /// </summary>
    public string? ReleaseRefusal()
    {
        if (Dispute is not null)
        {
            return "A dispute is open, so the payment is not released directly: decide the outcome of the dispute instead.";
        }

        if (WinnerRemovedReason is not null)
        {
            return (WinnerRemoval == WinnerRemoval.Entry ? "The winning entry was removed" : "The winning creative was removed")
                + ", so the payment is not released directly: decide the outcome of this case instead (completing the handover is one of the outcomes).";
        }

        if (BuyerRemovedReason is not null)
        {
            return "The buyer's account was closed, so the payment is not released directly: decide the outcome of this case instead (completing the handover is one of the outcomes).";
        }

        var unsigned = new[] { WaitingOn.Buyer, WaitingOn.Creative }.Where(p => !HasSigned(PartyId(p))).Select(p => p.ToString().ToLowerInvariant()).ToList();
        return Step switch
        {
            WrapUpStep.AwaitingRelease => null,
            WrapUpStep.AwaitingFiles => "The creative has not delivered the final files yet; upload them for the creative with their recorded consent. Then the buyer approves and both sign the transfer agreement.",
            WrapUpStep.InReview => "The buyer has not approved the files yet; approve for them with their recorded consent (or let them approve). Then both sign the transfer agreement.",
            WrapUpStep.AwaitingSignatures => $"The {string.Join(" and the ", unsigned)} {(unsigned.Count == 1 ? "has" : "have")} not signed the transfer agreement yet; sign for them with their recorded consent (or let them sign).",
            _ => "This handover has ended; there is nothing to release.",
        };
    }

    /// <summary>
    /// Stall detection applies while the ordinary path waits on a party who could act: not during a dispute, a
    /// removed winner or a settlement, and not while the automatic release runs (it answers the buyer's silence).
    /// </summary>
    public bool StallClockRuns()
    {
        var waiting = WaitsOn();
        return Dispute is null
            && !StaffSettle
            && waiting != WaitingOn.Nobody
            && !waiting.HasFlag(WaitingOn.Staff)
            && AutoReleaseDueAt is null
            && Step is WrapUpStep.AwaitingFiles or WrapUpStep.InReview or WrapUpStep.AwaitingSignatures;
    }

    /// <summary>
    /// When the case goes to the staff queue if the waited-on party still has not acted (the stall clock's second
    /// limit): while files are awaited, the date the winner should upload them by. Null when no stall clock runs or
    /// staff already have the case for it.
    /// </summary>
    public DateTimeOffset? StaffStepInAt(TimeSpan queueAfter) =>
        StallClockRuns() && Case?.Reasons.Contains(MediationReason.Stalled) != true
            ? ResponseClockSince + ResponseExtension + queueAfter
            : null;

    /// <summary>The date the winner should upload the files by (<see cref="StaffStepInAt"/> while files are awaited from them), else null.</summary>
    public DateTimeOffset? UploadBy(TimeSpan queueAfter) =>
        Step == WrapUpStep.AwaitingFiles && WaitsOn().HasFlag(WaitingOn.Creative) ? StaffStepInAt(queueAfter) : null;

    public void Apply(JournalEntry entry)
    {
        var waitingBefore = WaitsOn();
        ApplyEvent(entry);
        Journal.Add(entry);
        RestartResponseClockWhenSomeoneActed(entry, waitingBefore);
        if (entry.ActorRole == WrapUpRoles.Staff && Case is not null)
        {
            Case = Case with { FirstStaffResponseAt = Case.FirstStaffResponseAt ?? entry.At };
        }
    }

    /// <summary>
    /// The stall clock restarts when the wait moves to someone else or the waited-on party acts. Writing is not acting:
    /// a message does not move the step, so it leaves the dates the page promised (the winner's "deliver by") as they were.
    /// </summary>
    private void RestartResponseClockWhenSomeoneActed(JournalEntry entry, WaitingOn waitingBefore)
    {
        var party = PartyOf(entry);
        var waitedOnPartyActed = party != WaitingOn.Nobody && waitingBefore.HasFlag(party) && entry.Event is not MessagePosted;
        if (entry.Event is Started || waitingBefore != WaitsOn() || waitedOnPartyActed)
        {
            ResponseClockSince = entry.At;
            ResponseExtension = TimeSpan.Zero;
            NudgeSent = false;
        }
    }

    private void ApplyEvent(JournalEntry entry)
    {
        switch (entry.Event)
        {
            case Started e:
                Start = e.Start;
                AgreementVersion = e.AgreementVersion;
                Step = WrapUpStep.AwaitingFiles;
                break;
            case FilesDelivered e:
                Deliveries.Add(new DeliveryView(Deliveries.Count + 1, entry.At, entry.ActorId, entry.OnBehalf?.PartyId, e.Files));
                Step = WrapUpStep.InReview;
                // A removed winner's or buyer's case ends by staff's outcome, so no timer approves and pays on the buyer's silence.
                AutoReleaseDueAt = StaffSettle ? null : e.AutoReleaseDueAt;
                ClearPause();
                break;
            case Approved:
                Step = WrapUpStep.AwaitingSignatures;
                StopAutoRelease();
                break;
            case ChangesRequested e:
                ChangeRequests.Add(e.Message);
                Step = WrapUpStep.AwaitingFiles;
                StopAutoRelease();
                break;
            case AgreementSigned e:
                Signatures.Add(new SignatureView(e.PartyId, e.Version, entry.At, entry.ActorId));
                if (HasSigned(Start!.BuyerId) && HasSigned(Start.CreativeId))
                {
                    Step = WrapUpStep.AwaitingRelease;
                }
                break;
            case AutoReleasePaused e:
                AutoReleaseLeftWhenPaused = AutoReleaseDueAt!.Value - entry.At;
                AutoReleaseDueAt = null;
                PauseReason = e.Reason;
                break;
            case AutoReleaseResumed e:
                AutoReleaseDueAt = e.DueAt;
                ClearPause();
                break;
            case AutoReleaseFired:
                StopAutoRelease();
                break;
            case MessagePosted e:
                AddMessage(entry, e.To, e.Text, e.OriginalAuthorId);
                break;
            case HelpRequested e:
                AddMessage(entry, MessageAudience.Staff, e.Message, null);
                OpenCase(MediationReason.HelpRequested, entry.At);
                break;
            case Nudged:
                NudgeSent = true;
                break;
            case CaseOpened e:
                OpenCase(e.Reason, entry.At);
                break;
            case StallCleared or MediationClosed:
                Case = null;
                break;
            case CaseClaimed:
                Case = Case! with { ClaimedBy = entry.ActorId, ClaimedAt = entry.At };
                break;
            case ClaimReleased:
                Case = Case! with { ClaimedBy = null, ClaimedAt = null };
                break;
            case WinnerRemoved e:
                WinnerRemovedReason = e.Reason;
                WinnerRemoval = e.Removed;
                StopAutoRelease();
                OpenCase(MediationReason.WinnerRemoved, entry.At);
                break;
            case BuyerRemoved e:
                BuyerRemovedReason = e.Reason;
                StopAutoRelease();
                // Nobody can accept a proposal for the buyer any more: staff decide.
                Proposal = null;
                // A dispute the buyer can no longer answer, or whose proposal they can no longer accept, waits for staff.
                Dispute = Dispute is null ? null : Dispute with
                {
                    Stage = Dispute.Stage == DisputeStage.ProposalPending || (Dispute.Stage == DisputeStage.AwaitingAnswer && Dispute.FiledBy != Start!.BuyerId)
                        ? DisputeStage.AwaitingStaff
                        : Dispute.Stage,
                };
                OpenCase(MediationReason.BuyerRemoved, entry.At);
                break;
            case DisputeOpened e:
                Dispute = new DisputeRecord(entry.ActorId, e.Reason, e.Evidence, entry.At, DisputeStage.AwaitingAnswer, e.AnswerDueAt, null, Array.Empty<StoredFile>(), e.EvidencePreviews);
                StopAutoRelease();
                OpenCase(MediationReason.Disputed, entry.At);
                break;
            case DisputeAnswered e:
                Dispute = Dispute! with { Answer = e.Answer, AnswerEvidence = e.Evidence, AnswerEvidencePreviews = e.EvidencePreviews, Stage = DisputeStage.AwaitingStaff };
                break;
            case DisputeDefaulted:
                break;
            case OutcomeProposed e:
                Proposal = new ProposalView(e.Resolution, entry.Reason ?? "", entry.ActorId, e.DueAt, Array.Empty<string>());
                Dispute = Dispute is null ? null : Dispute with { Stage = DisputeStage.ProposalPending };
                break;
            case ProposalAccepted e:
                Proposal = Proposal! with { AcceptedBy = Proposal.AcceptedBy.Append(e.PartyId).ToArray() };
                break;
            case ProposalDeclined or ProposalExpired:
                Proposal = null;
                Dispute = Dispute is null ? null : Dispute with { Stage = DisputeStage.AwaitingStaff };
                break;
            case QualityChecked e:
                QualityChecks.Add(new QualityCheckView(entry.At, entry.ActorId, e.Checklist, e.Note));
                break;
            case PreviewsSent e:
                PreviewsSent.AddRange(e.Previews);
                break;
            case DeliveryLinkCreated e:
                Links.Add(new DeliveryLinkRecord(e.LinkId, e.Recipient, e.TokenSha256, entry.At, e.ExpiresAt, LatestDelivery!.Round, null, null, e.Zone));
                break;
            case DeliveryLinkRedeemed e:
                var index = Links.FindIndex(l => l.LinkId == e.LinkId);
                Links[index] = Links[index] with { UsedAt = entry.At, UsedFrom = e.From };
                break;
            case DeadlineExtended e:
                Extend(e.Kind, e.By);
                break;
            case SettlementDecided e:
                Settlement = e.Resolution;
                StopAutoRelease();
                break;
            case Ended e:
                Step = WrapUpStep.Ended;
                Outcome = e.Outcome;
                Case = null;
                Proposal = null;
                break;
            case ProjectInformed:
                ProjectWasInformed = true;
                break;
            case ZipKeptFailing:
                OpenCase(MediationReason.ZipFailed, entry.At);
                break;
            case ZipBuiltAfterFailing:
                CloseCaseReason(MediationReason.ZipFailed);
                break;
            case ZipRetried:
                break;
            default:
                throw new InvalidOperationException($"Unknown wrap-up event {entry.Event.GetType().Name}.");
        }
    }

    private void Extend(WrapUpDeadlineKind kind, TimeSpan by)
    {
        switch (kind)
        {
            case WrapUpDeadlineKind.AutoRelease when AutoReleaseDueAt is { } due:
                AutoReleaseDueAt = due + by;
                break;
            case WrapUpDeadlineKind.AutoRelease:
                AutoReleaseLeftWhenPaused += by;
                break;
            case WrapUpDeadlineKind.Response:
                ResponseExtension += by;
                break;
            case WrapUpDeadlineKind.DisputeAnswer:
                Dispute = Dispute! with { AnswerDueAt = Dispute.AnswerDueAt + by };
                break;
            case WrapUpDeadlineKind.ProposalResponse:
                Proposal = Proposal! with { DueAt = Proposal.DueAt + by };
                break;
        }
    }

    private void AddMessage(JournalEntry entry, MessageAudience to, string text, string? originalAuthorId) =>
        Messages.Add(new WrapUpMessage(entry.Sequence, entry.At, entry.ActorId, entry.ActorRole, originalAuthorId, to, text));

    private void OpenCase(MediationReason reason, DateTimeOffset at) =>
        Case = Case is null
            ? new CaseRecord(new[] { reason }, at, null, null, null)
            : Case.Reasons.Contains(reason) ? Case : Case with { Reasons = Case.Reasons.Append(reason).ToArray() };

    /// <summary>One reason is settled; the case leaves the queue when it was the only one.</summary>
    private void CloseCaseReason(MediationReason reason) =>
        Case = Case is null || Case.Reasons.All(r => r == reason) ? null : Case with { Reasons = Case.Reasons.Where(r => r != reason).ToArray() };

    private void StopAutoRelease()
    {
        AutoReleaseDueAt = null;
        ClearPause();
    }

    private void ClearPause()
    {
        AutoReleaseLeftWhenPaused = null;
        PauseReason = null;
    }
}

/// <summary>The roles the journal names.</summary>
public static class WrapUpRoles
{
    public const string Buyer = "buyer";
    public const string Creative = "creative";
    public const string Staff = "staff";
    public const string System = "system";
    public const string ThirdParty = "third party";
}

using Marketplace.Contracts;
using Marketplace.Contracts.Escrow;
using Marketplace.Contracts.Notifications;
using Marketplace.Contracts.WrapUps;
using Marketplace.Grains.Notifications;
using Marketplace.Payments;

namespace Marketplace.Grains.WrapUps;

/// <summary>
/// Who is told what about a journal entry, in words written for them, linking to the page where they act. Pure: the
/// texts are written when the entry is handed to the inboxes (normally right after it was stored), from the entry and
/// the handover as it is then. An entry's notices all share one id (wrap-up id + journal position), unique per inbox.
/// </summary>
public static class WrapUpNotices
{
    /// <summary>A delivery missing formats of the brief says so up front: the note on the page says why.</summary>
    private static string NotIncluded(FilesDelivered delivered, WrapUpStart start) =>
        FormatChecklist.Of(start.DeliverableFormats, delivered.Files).Missing is { Count: > 0 } missing
            ? $" Not included: {string.Join(", ", missing)} (the note on the handover page says why)."
            : "";

    /// <remarks><paramref name="queueAfter"/> is the stall clock's second limit, the date the winner's calls to upload carry.</remarks>
    public static IReadOnlyList<Notice> For(string wrapUpId, JournalEntry entry, WrapUpState state, Func<string, string> nameOf, FeeOptions fees, TimeSpan queueAfter)
    {
        var start = state.Start!;
        var title = $"“{start.ProjectTitle}”";
        var buyer = start.BuyerId;
        var creative = start.CreativeId;
        var by = nameOf(entry.OnBehalf?.PartyId ?? entry.ActorId);
        var notices = new List<Notice>();
        var id = NotificationId(wrapUpId, entry.Sequence);
        var page = "/wrapups/" + wrapUpId;

        // A closed account reads nothing more of the handover, except money coming back to it (emailed: it was theirs).
        var buyerGone = state.BuyerRemovedBefore(entry);
        var refundToClosedBuyer = buyerGone && entry.Event is Ended { RefundedToBuyer.Minor: > 0 };

        void To(string recipientId, string kind, string text, string? link = null, string? also = null) => Notify(recipientId, kind, text, link, null, also);

        // A call to act on this step: once the step is over (CallsEndedBy) it reads as the past text, without the call.
        void Call(string recipientId, string kind, string text, string past) =>
            Notify(recipientId, kind, text, null, new CallToAct(CallTopic(wrapUpId), entry.Sequence, past));

        // A call to act on the project once this handover failed: the project ends it when it moves on (see CallTopics).
        void ProjectCall(string recipientId, string kind, string text, string past, string link) =>
            Notify(recipientId, kind, text, link, new CallToAct(CallTopics.Project(start.ProjectId), AttemptOf(wrapUpId), past));

        void Notify(string recipientId, string kind, string text, string? link, CallToAct? call, string? also = null)
        {
            if (!buyerGone || recipientId != buyer || refundToClosedBuyer)
            {
                notices.Add(new Notice(recipientId, new NewNotification(id, kind, text, link ?? page, entry.At, call, also)));
            }
        }

        string Other(string partyId) => partyId == buyer ? creative : buyer;

        // The date the winner should upload by, as the handover page gives it: only while this entry left the files awaited.
        var uploadBy = state.UploadBy(queueAfter) is { } uploadDue ? $" Upload them by {When(uploadDue)}; after that Marketplace support steps in." : "";

        switch (entry.Event)
        {
            case Started:
                Call(creative, NotificationKinds.Awarded,
                    $"{Won(start, title, nameOf(buyer))} Upload the final files ({string.Join(", ", start.DeliverableFormats)}) to receive {AfterFee(start.Prize, fees)}.{uploadBy}",
                    Won(start, title, nameOf(buyer)));
                break;
            case FilesDelivered when state.WinnerRemovedBefore(entry):
                Call(buyer, NotificationKinds.FilesDelivered,
                    $"Marketplace support delivered the final files for {title} that {nameOf(creative)} sent in. If you'd like to finish the handover this way, review them on the handover page and approve them or ask for changes; nothing is approved automatically.",
                    $"Marketplace support delivered the final files for {title} that {nameOf(creative)} sent in.");
                break;
            case FilesDelivered e:
                Call(buyer, NotificationKinds.FilesDelivered,
                    $"{nameOf(creative)} delivered the final files for {title}{StaffHelped(entry)}.{NotIncluded(e, start)} Review them, then approve or ask for changes by {When(e.AutoReleaseDueAt)}; after that they are approved and paid automatically.",
                    $"{nameOf(creative)} delivered the final files for {title}{StaffHelped(entry)}.");
                break;
            case Approved when buyerGone:
                Call(creative, NotificationKinds.Approved, $"Marketplace support approved your files for {title} in the buyer's place. Sign the transfer agreement; support then completes the handover.",
                    $"Marketplace support approved your files for {title} in the buyer's place.");
                break;
            case Approved:
                Call(creative, NotificationKinds.Approved, $"{nameOf(buyer)} approved your files for {title}{StaffHelped(entry)}. Sign the transfer agreement to get paid.",
                    $"{nameOf(buyer)} approved your files for {title}{StaffHelped(entry)}.");
                break;
            case ChangesRequested e when buyerGone:
                Call(creative, NotificationKinds.ChangesRequested, $"Marketplace support asked for changes to your files for {title} in the buyer's place: {Quote(e.Message)} Upload the new files on the handover page.{uploadBy}",
                    $"Marketplace support asked for changes to your files for {title} in the buyer's place: {Quote(e.Message)}");
                break;
            case ChangesRequested e:
                Call(creative, NotificationKinds.ChangesRequested, $"{nameOf(buyer)} asked for changes to your files for {title}{StaffHelped(entry)}: {Quote(e.Message)} Upload the new files on the handover page.{uploadBy}",
                    $"{nameOf(buyer)} asked for changes to your files for {title}{StaffHelped(entry)}: {Quote(e.Message)}");
                break;
            case AgreementSigned e when buyerGone && e.PartyId == buyer && !state.HasSigned(creative):
                Call(creative, NotificationKinds.Signed, $"Marketplace support signed the transfer agreement for {title} in the buyer's place. Sign it too; support then completes the handover.",
                    $"Marketplace support signed the transfer agreement for {title} in the buyer's place.");
                break;
            case AgreementSigned e when !state.HasSigned(Other(e.PartyId)):
                Call(Other(e.PartyId), NotificationKinds.Signed, $"{nameOf(e.PartyId)} signed the transfer agreement for {title}. Sign it too to finish the handover.",
                    $"{nameOf(e.PartyId)} signed the transfer agreement for {title}.");
                break;
            case AutoReleasePaused e:
                To(creative, NotificationKinds.ReleasePaused,
                    $"{nameOf(buyer)} paused the automatic release for {title}{StaffHelped(entry)}: {Quote(e.Reason)} Your files wait for their review, and nothing is paid automatically until it is resumed. You can write to them on the handover page.");
                break;
            case AutoReleaseResumed e:
                Call(buyer, NotificationKinds.DeadlineMoved,
                    $"The automatic release for {title} runs again{StaffHelped(entry)}. Review the files, then approve them or ask for changes by {When(e.DueAt)}; after that they are approved and paid automatically.",
                    $"The automatic release for {title} was resumed{StaffHelped(entry)}.");
                To(creative, NotificationKinds.DeadlineMoved,
                    $"{nameOf(buyer)} resumed the automatic release for {title}{StaffHelped(entry)}. Unless they approve or ask for changes first, your files are approved and paid on {When(e.DueAt)}.");
                break;
            case DeadlineExtended { Kind: WrapUpDeadlineKind.AutoRelease } when state.AutoReleaseDueAt is { } release:
                Call(buyer, NotificationKinds.DeadlineMoved,
                    $"Marketplace support gave you more time to review the final files for {title}. Approve them or ask for changes by {When(release)}; after that they are approved and paid automatically.",
                    $"Marketplace support gave you more time to review the final files for {title}.");
                To(creative, NotificationKinds.DeadlineMoved,
                    $"Marketplace support gave {nameOf(buyer)} more time to review your files for {title}. Unless they approve or ask for changes first, the automatic release is now on {When(release)}.");
                break;
            case DeadlineExtended { Kind: WrapUpDeadlineKind.Response } when state.UploadBy(queueAfter) is { } due:
                Call(creative, NotificationKinds.DeadlineMoved,
                    $"Marketplace support gave you more time to upload the final files for {title}. Upload them by {When(due)}; after that Marketplace support steps in.",
                    $"Marketplace support gave you more time to upload the final files for {title}.");
                break;
            case DeadlineExtended { Kind: WrapUpDeadlineKind.DisputeAnswer } when state.Dispute is { Stage: DisputeStage.AwaitingAnswer } dispute:
                Call(Other(dispute.FiledBy), NotificationKinds.DeadlineMoved,
                    $"Marketplace support gave you more time to answer {nameOf(dispute.FiledBy)}'s dispute on {title}. Answer by {When(dispute.AnswerDueAt)}, or it is decided in their favour.",
                    $"Marketplace support gave you more time to answer {nameOf(dispute.FiledBy)}'s dispute on {title}.");
                To(dispute.FiledBy, NotificationKinds.DeadlineMoved,
                    $"Marketplace support gave {nameOf(Other(dispute.FiledBy))} more time to answer your dispute on {title}. If they do not answer by {When(dispute.AnswerDueAt)}, it is decided in your favour.");
                break;
            case DeadlineExtended { Kind: WrapUpDeadlineKind.ProposalResponse } when state.Proposal is { } pending:
                foreach (var party in new[] { buyer, creative })
                {
                    if (pending.AcceptedBy.Contains(party))
                    {
                        To(party, NotificationKinds.DeadlineMoved,
                            $"Marketplace support gave {nameOf(Other(party))} more time to answer its proposal for {title}, which you accepted. They have until {When(pending.DueAt)}.");
                    }
                    else
                    {
                        Call(party, NotificationKinds.DeadlineMoved,
                            $"Marketplace support gave you more time to answer its proposal for {title}. Accept or decline it by {When(pending.DueAt)}.",
                            $"Marketplace support gave you more time to answer its proposal for {title}.");
                    }
                }

                break;
            case MessagePosted e:
                foreach (var (recipient, text) in MessageTexts(entry, e, state, title, nameOf))
                {
                    To(recipient, NotificationKinds.Message, text);
                }

                break;
            case Nudged e:
                foreach (var party in new[] { WaitingOn.Buyer, WaitingOn.Creative }.Where(p => e.Party.HasFlag(p)))
                {
                    Call(state.PartyId(party), NotificationKinds.Reminder, NudgeText(party, state, title, nameOf), $"Marketplace reminded you that the handover of {title} waited on you.");
                }

                break;
            case CaseOpened { Reason: MediationReason.Stalled }:
                var waited = StalledParty(entry, state);
                foreach (var party in new[] { buyer, creative })
                {
                    To(party, NotificationKinds.StaffStepIn, StalledText(party, waited, state, title, nameOf));
                }

                break;
            case ProposalExpired:
                foreach (var party in new[] { buyer, creative })
                {
                    To(party, NotificationKinds.Proposal, LapsedText(party, entry, state, title, nameOf));
                }

                break;
            case CaseClaimed when state.HasEnded:
                // A zip case on a completed handover: staff fix a download, the parties' handover is over.
                break;
            case CaseClaimed:
                To(buyer, NotificationKinds.StaffStepIn, $"{by} from Marketplace support is now looking after the handover of {title}.");
                To(creative, NotificationKinds.StaffStepIn, $"{by} from Marketplace support is now looking after the handover of {title}.");
                break;
            case WinnerRemoved e:
                To(buyer, NotificationKinds.WinnerRemoved, $"{WhatWasRemoved(e.Removed, title)} Your prize stays safe in escrow; Marketplace support will help you finish.");
                break;
            case BuyerRemoved:
                To(creative, NotificationKinds.BuyerRemoved, $"The buyer's account was closed; Marketplace support will finish the handover of {title} with you. Your prize stays safe in escrow.");
                break;
            case DisputeOpened e:
                Call(Other(entry.ActorId), NotificationKinds.Dispute,
                    $"{by} opened a dispute on {title}: {Quote(e.Reason)} Answer by {When(e.AnswerDueAt)}, or it is decided in their favour.",
                    $"{by} opened a dispute on {title}: {Quote(e.Reason)}");
                break;
            case DisputeAnswered:
                To(Other(entry.ActorId), NotificationKinds.Dispute, $"{by} answered your dispute on {title}. Marketplace support now reviews both sides.");
                break;
            case OutcomeProposed e:
                foreach (var (party, reader) in new[] { (buyer, Reader.Buyer), (creative, Reader.Creative) })
                {
                    var outcome = Describe(e.Resolution, start.Prize, fees, reader, nameOf(buyer), nameOf(creative));
                    Call(party, NotificationKinds.Proposal, $"Marketplace support proposes an outcome for {title}: {outcome}. Accept or decline by {When(e.DueAt)}.",
                        $"Marketplace support proposed an outcome for {title}: {outcome}.");
                }

                break;
            case PreviewsSent:
                To(buyer, NotificationKinds.Previews, $"Marketplace support sent you light previews of the final files for {title}, easy to open on a phone.");
                break;
            case Ended { Outcome: WrapUpOutcome.AwardAnother }:
                ProjectCall(buyer, NotificationKinds.Ended, $"The handover of {title} ended. Your prize is still held: award another entry.",
                    $"The handover of {title} ended without completing, so you could award another entry.", "/projects/" + start.ProjectId);
                To(creative, NotificationKinds.Ended, $"The handover of {title} ended without completing; the buyer will award another entry.");
                break;
            case Ended e:
                EndedNotices(e, DecidedBy(entry, state), start, title, fees, nameOf, (recipient, kind, text, link, also) => To(recipient, kind, text, link, also));
                break;
        }

        return notices;
    }

    public static string NotificationId(string wrapUpId, long sequence) => $"wrapup/{wrapUpId}/{sequence}";

    /// <summary>The topic of a wrap-up's calls to act in its parties' inboxes.</summary>
    public static string CallTopic(string wrapUpId) => CallTopics.WrapUp(wrapUpId);

    /// <summary>"{projectId}/{attempt}" → the attempt.</summary>
    private static int AttemptOf(string wrapUpId) => int.Parse(wrapUpId[(wrapUpId.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Calls to act a newer notice replaces because their date moved or no longer applies: the buyer's "review by"
    /// when staff extend it or the automatic release is paused; the answerer's "answer by" and each party's "accept or
    /// decline by" when staff extend them. <see cref="Supersession.Positions"/> are the entries whose notices carried
    /// that date (only calls that still stand change). The step itself goes on, so these are not <see cref="CallsEndedBy"/>.
    /// </summary>
    public static Supersession? CallsSupersededBy(JournalEntry entry, WrapUpState state, TimeSpan queueAfter)
    {
        var start = state.Start!;
        return entry.Event switch
        {
            AutoReleasePaused => new([start.BuyerId], CallsCarrying(WrapUpDeadlineKind.AutoRelease, entry, state),
                $"The automatic release was paused on {When(entry.At)}, so that date no longer applies."),
            // Staff finish a removed winner's handover: nothing is approved automatically any more (see WrapUpState.Apply).
            WinnerRemoved when !state.WinnerRemovedBefore(entry) && !state.BuyerRemovedBefore(entry) => new([start.BuyerId], CallsCarrying(WrapUpDeadlineKind.AutoRelease, entry, state),
                "The winner was removed, so that date no longer applies: nothing is approved automatically, and Marketplace support will help you finish."),
            // Nobody can accept a proposal or default a dispute for a closed account: staff decide (see WrapUpState.Apply).
            BuyerRemoved when !state.BuyerRemovedBefore(entry) => new([start.CreativeId],
                [.. CallsCarrying(WrapUpDeadlineKind.ProposalResponse, entry, state), .. CallsCarrying(WrapUpDeadlineKind.DisputeAnswer, entry, state)],
                "The buyer's account was closed, so that date no longer applies: Marketplace support decides how the handover ends."),
            DeadlineExtended { Kind: WrapUpDeadlineKind.Response } when state.UploadBy(queueAfter) is { } uploadBy =>
                new([start.CreativeId], CallsCarrying(WrapUpDeadlineKind.Response, entry, state), Moved(uploadBy)),
            DeadlineExtended { Kind: WrapUpDeadlineKind.AutoRelease } when state.AutoReleaseDueAt is { } due =>
                new([start.BuyerId], CallsCarrying(WrapUpDeadlineKind.AutoRelease, entry, state), Moved(due)),
            DeadlineExtended { Kind: WrapUpDeadlineKind.DisputeAnswer } when state.Dispute is { Stage: DisputeStage.AwaitingAnswer } dispute =>
                new([dispute.FiledBy == start.BuyerId ? start.CreativeId : start.BuyerId], CallsCarrying(WrapUpDeadlineKind.DisputeAnswer, entry, state), Moved(dispute.AnswerDueAt)),
            DeadlineExtended { Kind: WrapUpDeadlineKind.ProposalResponse } when state.Proposal is { } proposal =>
                new([start.BuyerId, start.CreativeId], CallsCarrying(WrapUpDeadlineKind.ProposalResponse, entry, state), Moved(proposal.DueAt)),
            _ => null,
        };
    }

    private static string Moved(DateTimeOffset to) => $"That date moved to {When(to)}; see the newer notice.";

    /// <summary>The journal positions before <paramref name="entry"/> whose notices carried the current date of <paramref name="kind"/>: back to the entry that set it first.</summary>
    private static long[] CallsCarrying(WrapUpDeadlineKind kind, JournalEntry entry, WrapUpState state)
    {
        var positions = new List<long>();
        foreach (var earlier in state.Journal.Where(e => e.Sequence < entry.Sequence).Reverse())
        {
            var (carries, first) = (kind, earlier.Event) switch
            {
                (WrapUpDeadlineKind.AutoRelease, FilesDelivered) => (true, true),
                (WrapUpDeadlineKind.AutoRelease, AutoReleaseResumed) => (true, false),
                (WrapUpDeadlineKind.DisputeAnswer, DisputeOpened) => (true, true),
                (WrapUpDeadlineKind.ProposalResponse, OutcomeProposed) => (true, true),
                (WrapUpDeadlineKind.Response, Started or ChangesRequested) => (true, true),
                (_, DeadlineExtended extended) => (extended.Kind == kind, false),
                _ => (false, false),
            };
            if (carries)
            {
                positions.Add(earlier.Sequence);
            }

            if (first)
            {
                break;
            }
        }

        return positions.ToArray();
    }

    /// <summary>
    /// The parties whose earlier calls to act this entry ends: both when the handover moves to another step (files in,
    /// approved, changes asked, a dispute or proposal moves, it ends); only the party who signed or accepted, since the
    /// other may still have to; the winner once staff removed them or their entry, since they may no longer upload or
    /// sign. A removed buyer or an extended deadline leaves the step (and so the calls) as they were.
    /// </summary>
    public static IReadOnlyList<string> CallsEndedBy(JournalEntry entry, WrapUpState state)
    {
        var start = state.Start!;
        return entry.Event switch
        {
            AgreementSigned e => [e.PartyId],
            ProposalAccepted e => [e.PartyId],
            WinnerRemoved => [start.CreativeId],
            FilesDelivered or Approved or ChangesRequested or DisputeOpened or DisputeAnswered or DisputeDefaulted or OutcomeProposed
                or ProposalDeclined or ProposalExpired or SettlementDecided or Ended
                => [start.BuyerId, start.CreativeId],
            _ => [],
        };
    }

    private static string AfterFee(Money gross, FeeOptions fees) => PayoutWords.AfterFee(gross, fees);

    /// <summary>What decided the handover's end when a clock did: the automatic release, or a dispute left unanswered.</summary>
    private static WrapUpEvent? DecidedBy(JournalEntry ended, WrapUpState state)
    {
        var before = state.Journal.Where(e => e.Sequence < ended.Sequence).Reverse().SkipWhile(e => e.Event is not SettlementDecided).Skip(1).FirstOrDefault();
        return before?.Event is AutoReleaseFired or DisputeDefaulted ? before.Event : null;
    }

    /// <remarks>
    /// Money links to where it is accounted for: the creative's payout to their earnings, the buyer's refund to their
    /// receipt. A buyer whose handover completed needs two pages: the files (the notice's link, the handover) and the
    /// receipt (its second link, in the email).
    /// </remarks>
    private static void EndedNotices(Ended e, WrapUpEvent? decidedBy, WrapUpStart start, string title, FeeOptions fees, Func<string, string> nameOf, Action<string, string, string, string?, string?> to)
    {
        var project = "/projects/" + start.ProjectId;
        var receipt = NoticeLinks.Receipt(start.ProjectId);
        const string Earnings = NoticeLinks.Earnings;
        const string Files = " Download the original files from the handover page; your receipt shows what you paid.";
        var (buyer, creative) = (nameOf(start.BuyerId), nameOf(start.CreativeId));
        const string Contest = " If you think this is wrong, write to " + SupportContact.Email + ".";
        switch (e.Outcome)
        {
            // The clock's words are the timeline's, said to each party ("you").
            case WrapUpOutcome.Completed when decidedBy is AutoReleaseFired:
                to(start.CreativeId, NotificationKinds.Paid,
                    $"Payment released: {AfterFee(e.PaidToCreative, fees)} for {title} is on its way to you. {buyer} did not approve the files or ask for changes before the automatic release date, so Marketplace approved them and released the prize. Your earnings page lists the payout and the fee.", Earnings, null);
                to(start.BuyerId, NotificationKinds.Completed,
                    $"The handover of {title} is complete: the design is yours. You did not approve the files or ask for changes before the automatic release date, so Marketplace approved them and released the prize.{Files}", null, receipt);
                break;
            case WrapUpOutcome.Completed when decidedBy is DisputeDefaulted:
                to(start.CreativeId, NotificationKinds.Paid,
                    $"Payment released: {AfterFee(e.PaidToCreative, fees)} for {title} is on its way to you. {buyer} did not answer your dispute in time, so it is decided for you by the rule for unanswered disputes. Your earnings page lists the payout and the fee.", Earnings, null);
                to(start.BuyerId, NotificationKinds.Completed,
                    $"The handover of {title} is complete: the design is yours, and {creative} is paid. You did not answer {creative}'s dispute in time, so it is decided for {creative} by the rule for unanswered disputes.{Files}{Contest}", null, receipt);
                break;
            case WrapUpOutcome.Refunded when decidedBy is DisputeDefaulted:
                to(start.BuyerId, NotificationKinds.Ended,
                    $"You were refunded {e.RefundedToBuyer} for {title}. {creative} did not answer your dispute in time, so it is decided for you by the rule for unanswered disputes. Your receipt shows the refund.", receipt, null);
                to(start.CreativeId, NotificationKinds.Ended,
                    $"The handover of {title} ended with a refund to the buyer; the design and its rights stay yours. You did not answer {buyer}'s dispute in time, so it is decided for {buyer} by the rule for unanswered disputes.{Contest}", null, null);
                break;
            case WrapUpOutcome.Completed:
                to(start.CreativeId, NotificationKinds.Paid, $"Payment released: {AfterFee(e.PaidToCreative, fees)} for {title} is on its way to you. Your earnings page lists the payout and the fee.", Earnings, null);
                to(start.BuyerId, NotificationKinds.Completed, $"The handover of {title} is complete: the design is yours.{Files}", null, receipt);
                break;
            case WrapUpOutcome.Split:
                var split = fees.Split(start.Prize, e.PaidToCreative);
                to(start.CreativeId, NotificationKinds.Paid,
                    $"{title} was settled by a split: you receive {PayoutWords.ShareAfterFee(split)}, and {split.BuyerGetsBack} goes back to {nameOf(start.BuyerId)}. The original files and the rights stay with you. Your earnings page lists the payout and the fee.", Earnings, null);
                to(start.BuyerId, NotificationKinds.Ended,
                    $"{title} was settled by a split: {split.BuyerGetsBack} is refunded to you, and {nameOf(start.CreativeId)} receives {PayoutWords.ShareAfterFee(split)}. A split does not hand over the design: the original files and the rights stay with {nameOf(start.CreativeId)}. Your receipt shows the refund.", receipt, null);
                break;
            case WrapUpOutcome.Refunded:
                to(start.BuyerId, NotificationKinds.Ended, $"You were refunded {e.RefundedToBuyer} for {title}. Your receipt shows the refund.", receipt, null);
                to(start.CreativeId, NotificationKinds.Ended, $"The handover of {title} ended with a refund to the buyer.", null, null);
                break;
            case WrapUpOutcome.Reopened:
                to(start.BuyerId, NotificationKinds.Ended, $"{title} is open for entries again; your prize is still held.", project, null);
                to(start.CreativeId, NotificationKinds.Ended, $"The handover of {title} ended without completing; the project was reopened.", null, null);
                break;
        }
    }

    /// <summary>
    /// Staff's messages reach the party or parties they address (a relayed one names its author); a party's message to
    /// both reaches the other party. Messages to staff reach the staff queue, not an inbox.
    /// </summary>
    private static IEnumerable<(string Recipient, string Text)> MessageTexts(JournalEntry entry, MessagePosted e, WrapUpState state, string title, Func<string, string> nameOf)
    {
        var start = state.Start!;
        if (entry.ActorRole != WrapUpRoles.Staff)
        {
            if (e.To == MessageAudience.BothParties)
            {
                var other = entry.ActorId == start.BuyerId ? start.CreativeId : start.BuyerId;
                yield return (other, $"{nameOf(entry.ActorId)} wrote to you about {title}: {Quote(e.Text)}");
            }

            yield break;
        }

        var text = e.OriginalAuthorId is { } author
            ? $"{nameOf(author)} sent you a message about {title} through Marketplace support: {Quote(e.Text)}"
            : $"{nameOf(entry.ActorId)} from Marketplace support wrote to you about {title}: {Quote(e.Text)}";
        if (e.To is MessageAudience.Buyer or MessageAudience.BothParties)
        {
            yield return (start.BuyerId, text);
        }

        if (e.To is MessageAudience.Creative or MessageAudience.BothParties)
        {
            yield return (start.CreativeId, text);
        }
    }

    /// <summary>What the reminder asks, then what happens if nothing moves (the timeline's next line: the staff queue).</summary>
    private static string NudgeText(WaitingOn party, WrapUpState state, string title, Func<string, string> nameOf) =>
        (state.Step, party) switch
        {
            (WrapUpStep.AwaitingFiles, WaitingOn.Creative) =>
                $"Reminder: the handover of {title} waits on you. {nameOf(state.Start!.BuyerId)} is waiting for your final files: upload them to receive the prize.",
            (WrapUpStep.InReview, WaitingOn.Buyer) =>
                $"Reminder: the handover of {title} waits on you. {nameOf(state.Start!.CreativeId)}'s final files are ready for your review: approve them or ask for changes.",
            (WrapUpStep.AwaitingSignatures, _) =>
                $"Reminder: the handover of {title} waits on you. Sign the transfer agreement to finish it.",
            _ => $"Reminder: the handover of {title} waits on you: the handover page says what to do next.",
        } + " If it still waits on you, the case goes to the staff queue for support to help.";

    /// <summary>Whom the stalled handover waited on: the reminder of the same quiet spell names them (as the timeline does).</summary>
    private static WaitingOn StalledParty(JournalEntry entry, WrapUpState state) =>
        state.Journal.Where(e => e.Sequence < entry.Sequence).LastOrDefault(e => e.Event is Nudged) is { Event: Nudged nudge } ? nudge.Party : WaitingOn.Nobody;

    /// <summary>The timeline's words ("… had still not acted after the reminder, so the case went to the staff queue for support to help"), said to each party.</summary>
    private static string StalledText(string partyId, WaitingOn waited, WrapUpState state, string title, Func<string, string> nameOf)
    {
        var waitedOn = new[] { WaitingOn.Buyer, WaitingOn.Creative }.Where(p => waited.HasFlag(p)).Select(state.PartyId).ToList();
        var who = waitedOn.Count == 0 ? null
            : waitedOn.Contains(partyId) ? (waitedOn.Count == 1 ? "You" : $"You and {nameOf(waitedOn.Single(p => p != partyId))}")
            : nameOf(waitedOn[0]);
        var why = who is null
            ? "Nothing moved for too long, so the case went to the staff queue for support to help."
            : $"{who} had still not acted after the reminder, so the case went to the staff queue for support to help.";
        return $"Marketplace support will help with the handover of {title}. {why}" + (waitedOn.Contains(partyId)
            ? " You can still act on the handover page; support will write to you there."
            : " Support will write to you on the handover page.");
    }

    /// <summary>The timeline's words for a lapsed proposal ("… did not answer staff's proposal in time, so it lapsed; staff will decide the outcome"), said to each party.</summary>
    private static string LapsedText(string partyId, JournalEntry entry, WrapUpState state, string title, Func<string, string> nameOf)
    {
        var start = state.Start!;
        var other = partyId == start.BuyerId ? start.CreativeId : start.BuyerId;
        var sinceProposed = state.Journal.Where(e => e.Sequence < entry.Sequence).Reverse().TakeWhile(e => e.Event is not OutcomeProposed);
        var accepted = sinceProposed.Where(e => e.Event is ProposalAccepted).Select(e => ((ProposalAccepted)e.Event).PartyId).ToHashSet();
        var who = (accepted.Contains(partyId), accepted.Contains(other)) switch
        {
            (true, _) => $"You accepted, but {nameOf(other)} did not answer staff's proposal in time",
            (false, true) => $"{nameOf(other)} accepted, but you did not answer staff's proposal in time",
            _ => $"Neither you nor {nameOf(other)} answered staff's proposal in time",
        };
        return $"No agreement on staff's proposal for {title}. {who}, so it lapsed; staff will decide the outcome, and you will hear it here.";
    }

    /// <summary>The buyer learns what was removed, never why: the reason stays between staff and the creative.</summary>
    private static string WhatWasRemoved(WinnerRemoval removed, string title) => removed == WinnerRemoval.Entry
        ? $"Marketplace support removed the winning entry of {title}, so its handover cannot go on as before."
        : $"The creative who won {title} was removed from the marketplace.";

    private static string StaffHelped(JournalEntry entry) =>
        entry.OnBehalf is null ? "" : " (through Marketplace support, with their consent)";

    private enum Reader { Buyer, Creative }

    /// <summary>A proposed outcome said to the party reading it: "you" for them, the other by name (never "the buyer" to the buyer).</summary>
    private static string Describe(Resolution resolution, Money prize, FeeOptions fees, Reader reader, string buyerName, string creativeName) =>
        (resolution.Outcome, reader) switch
        {
            (WrapUpOutcome.Completed, Reader.Buyer) => $"complete the handover, so the design is yours and {creativeName} is paid {AfterFee(prize, fees)}",
            (WrapUpOutcome.Completed, _) => $"complete the handover and pay you {AfterFee(prize, fees)}",
            (WrapUpOutcome.Split, Reader.Buyer) => SplitForBuyer(fees.Split(prize, resolution.ToCreative!), creativeName),
            (WrapUpOutcome.Split, _) => SplitForCreative(fees.Split(prize, resolution.ToCreative!), buyerName),
            (WrapUpOutcome.Refunded, Reader.Buyer) => $"refund your {prize}",
            (WrapUpOutcome.Refunded, _) => $"refund {buyerName} {prize}",
            (WrapUpOutcome.AwardAnother, Reader.Buyer) => "let you award another entry",
            (WrapUpOutcome.AwardAnother, _) => $"let {buyerName} award another entry",
            _ => "reopen the project for new entries",
        };

    private static string SplitForBuyer(SplitTerms split, string creativeName) =>
        $"split the prize, {PayoutWords.ShareAfterFee(split)} to {creativeName} and {split.BuyerGetsBack} back to you";

    private static string SplitForCreative(SplitTerms split, string buyerName) =>
        $"split the prize, {PayoutWords.ShareAfterFee(split)} to you and {split.BuyerGetsBack} back to {buyerName}";

    private static string Quote(string text) => NoticeWords.Quote(text);

    private static string When(DateTimeOffset at) => NoticeWords.When(at);

    /// <summary>"You won … with entry #7!"; a handover started before the project passed the number keeps the words it had.</summary>
    private static string Won(WrapUpStart start, string title, string buyerName) => start.EntryNumber is { } number
        ? $"You won {title} with entry #{number}! {buyerName} chose it."
        : $"You won {title}! {buyerName} chose your entry.";
}

/// <summary>The calls of <see cref="Parties"/> at <see cref="Positions"/> that still stand read as past, with <see cref="Note"/>.</summary>
public sealed record Supersession(IReadOnlyList<string> Parties, IReadOnlyList<long> Positions, string Note);

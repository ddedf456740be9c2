using System.Globalization;
using Marketplace.Contracts;
using Marketplace.Contracts.Escrow;
using Marketplace.Contracts.WrapUps;
using Marketplace.Payments;

namespace Marketplace.Grains.WrapUps;

/// <summary>
/// The wrap-up page for one asker: staff see everything; a party sees the messages meant for them. Why staff removed
/// the winner is between staff and the creative: the buyer reads that the winner was removed, never the reason.
/// </summary>
internal static class WrapUpViews
{
    /// <param name="fees">The fee escrow pays with, so every amount the creative is told is what they receive.</param>
    /// <param name="nameOf">A party's display name, for lines that name them.</param>
    public static WrapUpView For(WrapUpState state, string id, string role, string askerId, DateTimeOffset now, bool canDownload, FeeOptions fees, Func<string, string> nameOf)
    {
        var start = state.Start!;
        var staff = role == WrapUpRoles.Staff;
        var mayReadRemovalReason = role != WrapUpRoles.Buyer;
        var visibleMessages = state.Messages.Where(m => staff || MaySee(m, role, askerId)).ToList();
        var visibleSequences = visibleMessages.Select(m => m.Sequence).ToHashSet();
        var timeline = state.Journal
            .Where(e => e.Event is not (MessagePosted or HelpRequested) || staff || visibleSequences.Contains(e.Sequence))
            .Select(e => Describe(e, state, role, fees, nameOf))
            .Select(t => mayReadRemovalReason || t.Kind != nameof(WinnerRemoved) ? t : t with { Reason = null })
            .Select(t => staff || t.Kind != nameof(BuyerRemoved) ? t : t with { Reason = null })
            .ToList();
        var dispute = state.Dispute is { } d
            ? new DisputeView(d.FiledBy, d.Reason, d.EvidenceWithPreviews, d.OpenedAt, d.Stage, d.Stage == DisputeStage.AwaitingAnswer ? d.AnswerDueAt : null, d.Answer, d.AnswerEvidenceWithPreviews, state.Proposal)
            : null;
        var open = !state.HasEnded && state.Settlement is null;
        var party = role is WrapUpRoles.Buyer or WrapUpRoles.Creative;
        var removedCreative = role == WrapUpRoles.Creative && state.WinnerRemovedReason is not null;
        var mediation = state.Case is { } c ? new MediationView(c.Reasons, c.OpenedAt, c.ClaimedBy, c.ClaimedAt) : null;
        var deliveries = Deliveries(state);
        return new WrapUpView(
            id, start.ProjectId, start.ProjectTitle, start.BuyerId, start.CreativeId, start.EntryId, start.Prize,
            start.DeliverableFormats, state.Step, state.Outcome, state.WaitsOn(), Deadlines(state, now),
            state.AutoReleaseLeftWhenPaused is not null, state.PauseReason, deliveries.LastOrDefault(), state.ChangeRequests.ToList(),
            state.Signatures.ToList(), state.QualityChecks.ToList(), state.PreviewsSent.ToList(),
            state.Links.Select(l => new DeliveryLinkView(l.LinkId, l.Recipient, l.CreatedAt, l.ExpiresAt, l.UsedAt)).ToList(),
            dispute, mediation, mayReadRemovalReason ? state.WinnerRemovedReason : null, visibleMessages, timeline, canDownload, state.AgreementVersion)
        {
            Proposal = state.Proposal,
            Deliveries = deliveries,
            ProposedSplit = state.Proposal?.Resolution is { Outcome: WrapUpOutcome.Split, ToCreative: { } share } ? fees.Split(start.Prize, share) : null,
            WinnerRemoval = state.WinnerRemovedReason is null ? null : state.WinnerRemoval,
            MayWriteToOtherParty = open && party && !state.StaffSettle,
            MayWriteToStaff = open && party && !removedCreative,
            MayAskForHelp = open && party && !removedCreative && state.Case is null,
            OutcomeRuled = state.Journal.LastOrDefault(e => e.Event is SettlementDecided) is { Event: SettlementDecided settled } decided
                && !IsOrdinaryCompletion(decided, settled, state),
            MayOpenDispute = open && party && !state.StaffSettle && state.Dispute is null,
            ReleaseRefusal = staff ? state.ReleaseRefusal() : null,
            BuyerRemoved = state.BuyerRemovedReason is not null,
            BuyerRemovedReason = staff ? state.BuyerRemovedReason : null,
        };
    }

    /// <summary>
    /// Each delivery with its note (kept by its <see cref="FilesDelivered"/> event, the n-th of which made round n) and
    /// its files checked against the brief's formats.
    /// </summary>
    private static DeliveryView[] Deliveries(WrapUpState state)
    {
        var notes = state.Journal.Select(e => e.Event).OfType<FilesDelivered>().Select(e => e.Note).ToArray();
        return state.Deliveries
            .Select((d, i) => d with { Note = i < notes.Length ? notes[i] : null, Formats = FormatChecklist.Of(state.Start!.DeliverableFormats, d.Files.Select(f => f.File)) })
            .ToArray();
    }

    /// <summary>A party sees what was addressed to both or to them, and what they wrote or was relayed from them.</summary>
    private static bool MaySee(WrapUpMessage message, string role, string askerId) =>
        message.To == MessageAudience.BothParties
        || (message.To == MessageAudience.Buyer && role == WrapUpRoles.Buyer)
        || (message.To == MessageAudience.Creative && role == WrapUpRoles.Creative)
        || message.SenderId == askerId
        || message.OriginalAuthorId == askerId;

    private static List<DeadlineView> Deadlines(WrapUpState state, DateTimeOffset now)
    {
        var deadlines = new List<DeadlineView>();
        void Add(WrapUpDeadlineKind kind, DateTimeOffset due) =>
            deadlines.Add(new DeadlineView(kind, due, due > now ? due - now : TimeSpan.Zero));

        if (state.HasEnded || state.Settlement is not null)
        {
            return deadlines;
        }

        // A removed winner's or buyer's case has no automatic release (see WrapUpState.Apply); older stored states may still carry one.
        if (state.AutoReleaseDueAt is { } release && !state.StaffSettle)
        {
            Add(WrapUpDeadlineKind.AutoRelease, release);
        }

        // With the buyer removed the answer deadline decides nothing (staff do), so it is not shown as one.
        if (state.Dispute is { Stage: DisputeStage.AwaitingAnswer } dispute && state.BuyerRemovedReason is null)
        {
            Add(WrapUpDeadlineKind.DisputeAnswer, dispute.AnswerDueAt);
        }

        if (state.Proposal is { } proposal)
        {
            Add(WrapUpDeadlineKind.ProposalResponse, proposal.DueAt);
        }

        return deadlines;
    }

    /// <summary>
    /// One journal entry as the <paramref name="role"/> reads it. The system starts a handover, but on the buyer's
    /// award, so the timeline credits the buyer with it.
    /// </summary>
    private static TimelineEntry Describe(JournalEntry entry, WrapUpState state, string role, FeeOptions fees, Func<string, string> nameOf) => new(
        entry.Sequence, entry.At, entry.Event.GetType().Name, entry.Event is Started ? state.Start!.BuyerId : entry.ActorId, entry.Event is Started ? WrapUpRoles.Buyer : entry.ActorRole,
        entry.OnBehalf?.PartyId, entry.OnBehalf?.Consent, entry.Reason ?? entry.OnBehalf?.Reason, Summary(entry, state, role, fees, nameOf));

    /// <summary>The page's date format ("23 Nov 2026, 17:39 UTC"), so journal text and the page's own dates read alike.</summary>
    private static string When(DateTimeOffset at) => at.UtcDateTime.ToString("d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Both signatures, the automatic release or mediation closed on a signed handover complete it the ordinary way;
    /// staff, a defaulted dispute or an accepted proposal decide it as a ruling, which keeps its own wording.
    /// </summary>
    private static bool IsOrdinaryCompletion(JournalEntry entry, SettlementDecided e, WrapUpState state) =>
        e.Resolution.Outcome == WrapUpOutcome.Completed
        && entry.ActorRole == WrapUpRoles.System
        && entry.Sequence >= 2
        && state.Journal[(int)entry.Sequence - 2].Event is not (DisputeDefaulted or ProposalAccepted);

    private static string Completion(string role, WrapUpStart start, FeeOptions fees, Func<string, string> nameOf) => role switch
    {
        WrapUpRoles.Buyer => $"Handover complete: you have the files and the rights; {nameOf(start.CreativeId)} is paid.",
        WrapUpRoles.Creative => $"Handover complete: {PayoutWords.AfterFee(start.Prize, fees)} is paid to you.",
        _ => $"Handover complete: {nameOf(start.BuyerId)} gets the files and the rights; {nameOf(start.CreativeId)} is paid.",
    };

    private static string Summary(JournalEntry entry, WrapUpState state, string role, FeeOptions fees, Func<string, string> nameOf) => entry.Event switch
    {
        Started e => $"Awarded: the winner is asked for the final files ({string.Join(", ", e.Start.DeliverableFormats)}).",
        FilesDelivered e => $"Final files delivered ({e.Files.Count}): {string.Join(", ", e.Files.Select(f => f.File.FileName))}.{MissingFormats(e, state)}"
            + (state.WinnerRemovedBefore(entry) || state.BuyerRemovedBefore(entry) ? " No automatic release: staff settle this case." : $" Automatic release on {When(e.AutoReleaseDueAt)}."),
        Approved when state.BuyerRemovedBefore(entry) => "Staff approved the final files in the buyer's place.",
        Approved => "The buyer approved the final files.",
        ChangesRequested e when state.BuyerRemovedBefore(entry) => $"Staff asked for changes in the buyer's place: {e.Message}",
        ChangesRequested e => $"The buyer asked for changes: {e.Message}",
        AgreementSigned e => $"The {PartyName(e.PartyId, state)} signed the design transfer agreement (version {e.Version}).",
        AutoReleasePaused e => $"The buyer paused the automatic release: {e.Reason}",
        AutoReleaseResumed e => $"The automatic release resumed; it pays on {When(e.DueAt)}.",
        AutoReleaseFired => "The buyer did not act in time: the files are approved automatically and the prize is released.",
        MessagePosted { OriginalAuthorId: { } author } e => $"Staff relayed a message from the {PartyName(author, state)} to the {Audience(e.To)}.",
        MessagePosted e => $"Message to {Audience(e.To)}.",
        HelpRequested => "Asked staff for help.",
        Nudged e => $"Reminder sent on the site and by email: the handover waits on the {e.Party.ToString().ToLowerInvariant()}.",
        CaseOpened e => $"The case went to the staff queue ({e.Reason}).",
        StallCleared => "The waited-on party acted; the case left the staff queue.",
        CaseClaimed => "Staff took the case.",
        ClaimReleased => "Staff released the case back to the queue.",
        MediationClosed e => $"Staff closed mediation: {e.Note}",
        WinnerRemoved { Removed: WinnerRemoval.Entry } => "The winning entry was removed; staff take over the case.",
        WinnerRemoved => "The winning creative was removed from the marketplace; staff take over the case.",
        BuyerRemoved => "The buyer's account was closed; staff take the buyer's place (no consent can be given for them now), check the files and decide how the handover ends.",
        DisputeOpened e => $"Dispute opened: {e.Reason} (answer by {When(e.AnswerDueAt)}).",
        DisputeAnswered => "The dispute was answered.",
        DisputeDefaulted e => $"The dispute was not answered in time: the {PartyName(e.FiledBy, state)} wins by default.",
        OutcomeProposed e => $"Staff proposed: {Outcome(e.Resolution, state.Start!.Prize, fees)} (answer by {When(e.DueAt)}).",
        ProposalAccepted e => $"The {PartyName(e.PartyId, state)} accepted the proposal.",
        ProposalDeclined e => $"The {PartyName(e.PartyId, state)} declined the proposal.",
        ProposalExpired => "The proposal was not accepted in time; staff will decide.",
        QualityChecked e => $"Staff checked the files: {e.Checklist.Count(c => c.Passed)} of {e.Checklist.Count} checks passed.",
        PreviewsSent e => $"Staff sent the buyer {e.Previews.Count} low-resolution preview(s).",
        // Not emailed: staff pass the link on themselves, so the journal says created, not sent.
        DeliveryLinkCreated e => $"Staff created a single-use delivery link for {e.Recipient.Name} (expires {When(e.ExpiresAt)}).",
        DeliveryLinkRedeemed => "The third party downloaded the final files.",
        DeadlineExtended e => $"Staff extended the {e.Kind} deadline by {e.By.TotalHours:0.#} hours.",
        SettlementDecided e when IsOrdinaryCompletion(entry, e, state) => Completion(role, state.Start!, fees, nameOf),
        SettlementDecided e => $"Outcome decided: {Outcome(e.Resolution, state.Start!.Prize, fees)}.",
        Ended e => $"Handover ended ({e.Outcome}): {fees.CreativeReceives(e.PaidToCreative)} paid to the creative (after the {fees.FeeOn(e.PaidToCreative)} marketplace fee), {e.RefundedToBuyer} refunded to the buyer.",
        ProjectInformed => "The project recorded the outcome.",
        _ => entry.Event.GetType().Name,
    };

    private static string MissingFormats(FilesDelivered delivered, WrapUpState state) =>
        FormatChecklist.Of(state.Start!.DeliverableFormats, delivered.Files.Select(f => f.File)).Missing is { Count: > 0 } missing
            ? $" Missing from the brief: {string.Join(", ", missing)}."
            : "";

    private static string PartyName(string partyId, WrapUpState state) =>
        partyId == state.Start!.BuyerId ? "buyer" : partyId == state.Start.CreativeId ? "creative" : partyId;

    private static string Audience(MessageAudience to) => to switch
    {
        MessageAudience.BothParties => "both parties",
        MessageAudience.Buyer => "the buyer",
        MessageAudience.Creative => "the creative",
        _ => "staff",
    };

    private static string Outcome(Resolution r, Money prize, FeeOptions fees) => r.Outcome switch
    {
        WrapUpOutcome.Completed => "complete the handover and pay the creative",
        WrapUpOutcome.Split when fees.Split(prize, r.ToCreative!) is var split =>
            $"split: {PayoutWords.ShareAfterFee(split)} to the creative, {split.BuyerGetsBack} refunded to the buyer",
        WrapUpOutcome.Refunded => "refund the buyer",
        WrapUpOutcome.AwardAnother => "the buyer awards another entry",
        _ => "reopen the project",
    };
}

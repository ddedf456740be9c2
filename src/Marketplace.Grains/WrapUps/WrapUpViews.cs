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
        var settlement = state.Journal.LastOrDefault(e => e.Event is SettlementDecided);
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
            SettledSplit = state.Journal.LastOrDefault(e => e.Event is Ended) is { Event: Ended { Outcome: WrapUpOutcome.Split } ended }
                ? fees.Split(start.Prize, ended.PaidToCreative)
                : null,
            WinnerRemoval = state.WinnerRemovedReason is null ? null : state.WinnerRemoval,
            MayWriteToOtherParty = open && party && !state.StaffSettle,
            MayWriteToStaff = open && party && !removedCreative,
            MayAskForHelp = open && party && !removedCreative && state.Case is null,
            OutcomeRuled = settlement is { Event: SettlementDecided settled } && !IsOrdinaryCompletion(settlement, settled, state),
            OutcomeAgreed = settlement is not null && SettlesAcceptedProposal(settlement, state),
            MayOpenDispute = open && party && !state.StaffSettle && state.Dispute is null,
            ReleaseRefusal = staff ? state.ReleaseRefusal() : null,
            BuyerRemoved = state.BuyerRemovedReason is not null,
            BuyerRemovedReason = staff ? state.BuyerRemovedReason : null,
            ZipFailure = staff && state.Case?.Reasons.Contains(MediationReason.ZipFailed) == true
                ? state.Journal.Select(e => e.Event).OfType<ZipKeptFailing>().LastOrDefault()?.Reason
                : null,
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
            .Select((d, i) => d with { Note = i < notes.Length ? notes[i] : null, Formats = FormatChecklist.Of(state.Start!.DeliverableFormats, d.Files) })
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
    private static TimelineEntry Describe(JournalEntry entry, WrapUpState state, string role, FeeOptions fees, Func<string, string> nameOf)
    {
        var marked = Summary(entry, state, role, fees, nameOf);
        return new(
            entry.Sequence, entry.At, entry.Event.GetType().Name, entry.Event is Started ? state.Start!.BuyerId : entry.ActorId, entry.Event is Started ? WrapUpRoles.Buyer : entry.ActorRole,
            entry.OnBehalf?.PartyId, entry.OnBehalf?.Consent, entry.Reason ?? entry.OnBehalf?.Reason,
            TimeMarkers.Write(marked, TimeZoneInfo.Utc, PagePattern), TimeMarkers.HasAny(marked) ? marked : null);
    }

    /// <summary>The page's date format ("23 Nov 2026, 17:39 UTC"), so the UTC summary and the page's own dates read alike.</summary>
    private const string PagePattern = "d MMM yyyy, HH:mm";

    /// <summary>A time in a line: a marker holding the instant, written in the reader's zone by whoever shows the line.</summary>
    private static string When(DateTimeOffset at) => TimeMarkers.Mark(at);

    /// <summary>
    /// Both signatures, the automatic release or mediation closed on a signed handover complete it the ordinary way;
    /// staff, a defaulted dispute or an accepted proposal decide it as a ruling, which keeps its own wording.
    /// </summary>
    private static bool IsOrdinaryCompletion(JournalEntry entry, SettlementDecided e, WrapUpState state) =>
        e.Resolution.Outcome == WrapUpOutcome.Completed
        && entry.ActorRole == WrapUpRoles.System
        && entry.Sequence >= 2
        && state.Journal[(int)entry.Sequence - 2].Event is not (DisputeDefaulted or ProposalAccepted);

    /// <summary>The second acceptance settles a proposal: the parties agreed, so nobody "decided" it.</summary>
    private static bool SettlesAcceptedProposal(JournalEntry entry, WrapUpState state) =>
        entry.ActorRole == WrapUpRoles.System
        && entry.Sequence >= 2
        && state.Journal[(int)entry.Sequence - 2].Event is ProposalAccepted;

    /// <summary>A dispute left unanswered is settled by the rule, not by a person: the line says so rather than "Marketplace decided".</summary>
    private static bool FollowsUnansweredDispute(JournalEntry entry, WrapUpState state) =>
        entry.ActorRole == WrapUpRoles.System
        && entry.Sequence >= 2
        && state.Journal[(int)entry.Sequence - 2].Event is DisputeDefaulted;

    /// <summary>
    /// Names whom the stalled handover waited on: the reminder of the same quiet spell says it (it always comes first,
    /// the nudge limit being the shorter), so the line never blames the party who had already acted.
    /// </summary>
    private static string Stalled(JournalEntry entry, WrapUpState state, string buyer, string creative) =>
        state.Journal.Take((int)entry.Sequence - 1).LastOrDefault(e => e.Event is Nudged) is { Event: Nudged nudge }
            ? $"{Waiting(nudge.Party, buyer, creative)} had still not acted after the reminder, so the case went to the staff queue for support to help."
            : "Nothing moved for too long, so the case went to the staff queue for support to help.";

    /// <summary>Who let staff's proposal lapse: the parties who had not accepted it by the time it expired.</summary>
    private static string Lapsed(JournalEntry entry, WrapUpState state, Func<string, string> nameOf)
    {
        var start = state.Start!;
        var sinceProposed = state.Journal.Take((int)entry.Sequence - 1).Reverse().TakeWhile(e => e.Event is not OutcomeProposed).ToList();
        var accepted = sinceProposed.Where(e => e.Event is ProposalAccepted).Select(e => e.OnBehalf?.PartyId ?? e.ActorId).ToHashSet();
        var silent = new[] { start.BuyerId, start.CreativeId }.Where(p => !accepted.Contains(p)).Select(nameOf).ToList();
        return silent.Count switch
        {
            1 => $"{string.Join(" and ", accepted.Select(nameOf))} accepted, but {silent[0]} did not answer staff's proposal in time, so it lapsed; staff will decide the outcome.",
            2 => $"Neither {silent[0]} nor {silent[1]} answered staff's proposal in time, so it lapsed; staff will decide the outcome.",
            _ => "Staff's proposal lapsed; staff will decide the outcome.",
        };
    }

    private static string Completion(string role, WrapUpStart start, FeeOptions fees, Func<string, string> nameOf) => role switch
    {
        WrapUpRoles.Buyer => $"Handover complete: you have the files and the rights; {nameOf(start.CreativeId)} is paid.",
        WrapUpRoles.Creative => $"Handover complete: {PayoutWords.AfterFee(start.Prize, fees)} is paid to you.",
        _ => $"Handover complete: {nameOf(start.BuyerId)} gets the files and the rights; {nameOf(start.CreativeId)} is paid.",
    };

    /// <summary>
    /// Every line says who did what, in words a party reads: names for the parties, "Staff" (and for whom, where staff
    /// acted for a party), "Marketplace" for what the system did on a clock. Never an enum name, an id or a type name.
    /// </summary>
    private static string Summary(JournalEntry entry, WrapUpState state, string role, FeeOptions fees, Func<string, string> nameOf)
    {
        var start = state.Start!;
        var buyer = nameOf(start.BuyerId);
        var creative = nameOf(start.CreativeId);
        string Did(string what) => Subject(entry, nameOf) + " " + what;
        return entry.Event switch
        {
            Started e => $"{buyer} chose {creative}'s entry as the winner; {creative} is asked for the final files ({Formats(e.Start.DeliverableFormats)}).",
            FilesDelivered e => Did($"delivered {Count(e.Files.Count, "final file")}: {string.Join(", ", e.Files.Select(f => f.File.FileName))}.")
                + MissingFormats(e, state)
                + (state.WinnerRemovedBefore(entry) || state.BuyerRemovedBefore(entry) ? " No automatic release: staff settle this case." : $" Automatic release on {When(e.AutoReleaseDueAt)}."),
            Approved when state.BuyerRemovedBefore(entry) => "Staff approved the final files in the buyer's place.",
            Approved => Did("approved the final files."),
            ChangesRequested e when state.BuyerRemovedBefore(entry) => $"Staff asked for changes in the buyer's place: {e.Message}",
            ChangesRequested e => Did($"asked for changes: {e.Message}"),
            AgreementSigned e => Did($"signed the design transfer agreement (version {e.Version})."),
            AutoReleasePaused e => Did($"paused the automatic release: {e.Reason}"),
            AutoReleaseResumed e => Did($"resumed the automatic release; it pays on {When(e.DueAt)}."),
            AutoReleaseFired => $"{buyer} did not approve the files or ask for changes before the automatic release date, so Marketplace approved them and released the prize.",
            MessagePosted { OriginalAuthorId: { } author } e => $"Staff passed on a message from {nameOf(author)} to {Audience(e.To, buyer, creative)}.",
            MessagePosted e => Did($"wrote to {Audience(e.To, buyer, creative)}."),
            HelpRequested => Did("asked Marketplace support for help."),
            Nudged e => $"Marketplace reminded {Waiting(e.Party, buyer, creative)} on the site and by email that the handover waits on them.",
            CaseOpened { Reason: MediationReason.Stalled } => Stalled(entry, state, buyer, creative),
            CaseOpened e => $"The case went to the staff queue: {CaseReason(e.Reason)}.",
            StallCleared => "The handover moved on again, so the case left the staff queue.",
            CaseClaimed => "Staff took the case.",
            ClaimReleased => "Staff handed the case back to the queue.",
            MediationClosed e when EndedBefore(entry, state) => $"Staff closed the case about the zip of the final files: {e.Note}",
            MediationClosed e => $"Staff stepped back; the handover goes on the ordinary way: {e.Note}",
            WinnerRemoved { Removed: WinnerRemoval.Entry } => "The winning entry was removed; staff take over the case.",
            WinnerRemoved => "The winning creative was removed from the marketplace; staff take over the case.",
            BuyerRemoved => "The buyer's account was closed; staff take the buyer's place (no consent can be given for them now), check the files and decide how the handover ends.",
            DisputeOpened e => Did($"opened a dispute: {e.Reason} ({OtherParty(entry.OnBehalf?.PartyId ?? entry.ActorId, start, nameOf)} to answer by {When(e.AnswerDueAt)})."),
            DisputeAnswered => Did("answered the dispute."),
            DisputeDefaulted e => $"{OtherParty(e.FiledBy, start, nameOf)} did not answer {nameOf(e.FiledBy)}'s dispute in time, so it is decided for {nameOf(e.FiledBy)}.",
            OutcomeProposed e => $"Staff proposed an outcome: {Outcome(e.Resolution, start, fees, nameOf)} (answer by {When(e.DueAt)}).",
            ProposalAccepted => Did("accepted staff's proposal."),
            ProposalDeclined => Did("declined staff's proposal."),
            ProposalExpired => Lapsed(entry, state, nameOf),
            QualityChecked e => $"Staff checked the files: {e.Checklist.Count(c => c.Passed)} of {e.Checklist.Count} checks passed.",
            PreviewsSent e => $"Staff sent {buyer} {Count(e.Previews.Count, "low-resolution preview")}.",
            // Not emailed: staff pass the link on themselves, so the journal says created, not sent.
            DeliveryLinkCreated e => $"Staff created a delivery link for {e.Recipient.Name} (expires {When(e.ExpiresAt)}).",
            DeliveryLinkRedeemed e => $"{state.Links.FirstOrDefault(l => l.LinkId == e.LinkId)?.Recipient.Name ?? "The recipient of a delivery link"} downloaded the final files through the delivery link.",
            DeadlineExtended e => $"Staff gave more time for {DeadlineWords(e.Kind, buyer)}: {Duration(e.By)} more.",
            SettlementDecided e when IsOrdinaryCompletion(entry, e, state) => Completion(role, start, fees, nameOf),
            SettlementDecided e when SettlesAcceptedProposal(entry, state) => $"Both accepted staff's proposal, so it is settled: {Outcome(e.Resolution, start, fees, nameOf)}.",
            SettlementDecided e when FollowsUnansweredDispute(entry, state) => $"Decided by the rule for unanswered disputes: {Outcome(e.Resolution, start, fees, nameOf)}.",
            SettlementDecided e => Did($"decided the outcome: {Outcome(e.Resolution, start, fees, nameOf)}."),
            Ended e => Paid(e, start, fees, nameOf),
            ProjectInformed => "The project page now shows how the handover ended.",
            ZipKeptFailing e => $"Marketplace could not put the final files into one zip ({e.Reason}), so staff were told; each file can still be downloaded on its own.",
            ZipBuiltAfterFailing => "The zip of the final files was built after all.",
            ZipRetried => "Staff asked for the zip of the final files to be built again.",
            _ => "The handover was updated.",
        };
    }

    /// <summary>The handover had ended before this entry: only a zip case is open after that (see <c>WrapUpGrain.Zip</c>).</summary>
    private static bool EndedBefore(JournalEntry entry, WrapUpState state) =>
        state.Journal.Any(e => e.Event is Ended && e.Sequence < entry.Sequence);

    /// <summary>Who acted: a party by name, "Staff, for Bea," when staff acted for a party with their consent, "Marketplace" on a clock.</summary>
    private static string Subject(JournalEntry entry, Func<string, string> nameOf) => entry.ActorRole switch
    {
        WrapUpRoles.Staff when entry.OnBehalf is { } onBehalf => $"Staff, for {nameOf(onBehalf.PartyId)},",
        WrapUpRoles.Staff => "Staff",
        WrapUpRoles.System => "Marketplace",
        _ => nameOf(entry.ActorId),
    };

    private static string Formats(IReadOnlyList<string> formats) => formats.Count == 0 ? "any format" : string.Join(", ", formats);

    private static string Count(int n, string thing) => n == 1 ? $"1 {thing}" : $"{n} {thing}s";

    private static string OtherParty(string partyId, WrapUpStart start, Func<string, string> nameOf) =>
        nameOf(partyId == start.BuyerId ? start.CreativeId : start.BuyerId);

    private static string Waiting(WaitingOn on, string buyer, string creative) => on switch
    {
        WaitingOn.Buyer => buyer,
        WaitingOn.Creative => creative,
        _ when on.HasFlag(WaitingOn.Buyer) && on.HasFlag(WaitingOn.Creative) => $"{buyer} and {creative}",
        _ => "the waited-on party",
    };

    private static string CaseReason(MediationReason reason) => reason switch
    {
        MediationReason.Stalled => "nothing moved for too long",
        MediationReason.HelpRequested => "help was asked for",
        MediationReason.Disputed => "a dispute was opened",
        MediationReason.WinnerRemoved => "the winner was removed",
        MediationReason.ZipFailed => "the zip of the final files keeps failing",
        _ => "it needs staff",
    };

    private static string DeadlineWords(WrapUpDeadlineKind kind, string buyer) => kind switch
    {
        WrapUpDeadlineKind.AutoRelease => $"{buyer}'s review before the automatic release",
        WrapUpDeadlineKind.DisputeAnswer => "answering the dispute",
        WrapUpDeadlineKind.ProposalResponse => "answering staff's proposal",
        _ => "the next step",
    };

    /// <summary>"2 days", "12 hours", "1 day and 6 hours", "30 minutes".</summary>
    private static string Duration(TimeSpan span)
    {
        var parts = new List<string>();
        if (span.Days > 0) parts.Add(Count(span.Days, "day"));
        if (span.Hours > 0) parts.Add(Count(span.Hours, "hour"));
        return parts.Count > 0 ? string.Join(" and ", parts) : Count(Math.Max(1, span.Minutes), "minute");
    }

    /// <summary>What escrow moved when the handover ended, naming who got what; nothing is said of a part that is zero.</summary>
    private static string Paid(Ended e, WrapUpStart start, FeeOptions fees, Func<string, string> nameOf)
    {
        var parts = new List<string>();
        if (e.PaidToCreative.Minor > 0)
            parts.Add($"paid {nameOf(start.CreativeId)} {fees.CreativeReceives(e.PaidToCreative)} (after the {fees.FeeOn(e.PaidToCreative)} marketplace fee)");
        if (e.RefundedToBuyer.Minor > 0)
            parts.Add($"refunded {e.RefundedToBuyer} to {nameOf(start.BuyerId)}");
        return parts.Count == 0 ? "Escrow had nothing to pay out; the handover is closed." : $"Escrow {string.Join(" and ", parts)}; the handover is closed.";
    }

    private static string MissingFormats(FilesDelivered delivered, WrapUpState state) =>
        FormatChecklist.Of(state.Start!.DeliverableFormats, delivered.Files).Missing is { Count: > 0 } missing
            ? $" Missing from the brief: {string.Join(", ", missing)}."
            : "";

    private static string Audience(MessageAudience to, string buyer, string creative) => to switch
    {
        MessageAudience.BothParties => $"{buyer} and {creative}",
        MessageAudience.Buyer => buyer,
        MessageAudience.Creative => creative,
        _ => "Marketplace support",
    };

    private static string Outcome(Resolution r, WrapUpStart start, FeeOptions fees, Func<string, string> nameOf) => r.Outcome switch
    {
        WrapUpOutcome.Completed => $"complete the handover, so {nameOf(start.BuyerId)} gets the files and the rights and {nameOf(start.CreativeId)} is paid",
        WrapUpOutcome.Split when fees.Split(start.Prize, r.ToCreative!) is var split =>
            $"split the prize: {PayoutWords.ShareAfterFee(split)} to {nameOf(start.CreativeId)}, {split.BuyerGetsBack} refunded to {nameOf(start.BuyerId)}; the original files and the rights are not handed over",
        WrapUpOutcome.Refunded => $"refund {nameOf(start.BuyerId)} the whole prize ({start.Prize})",
        WrapUpOutcome.AwardAnother => $"{nameOf(start.BuyerId)} may award another entry",
        _ => "reopen the project for new entries",
    };
}

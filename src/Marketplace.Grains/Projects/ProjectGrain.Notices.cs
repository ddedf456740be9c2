using Marketplace.Contracts;
using Marketplace.Contracts.Entries;
using Marketplace.Contracts.Escrow;
using Marketplace.Contracts.Notifications;
using Marketplace.Contracts.Projects;
using Marketplace.Grains.Notifications;

namespace Marketplace.Grains.Projects;

/// <summary>
/// What the project tells as a whole. The creatives in the gallery: that the buyer chose another design (the winner
/// hears from the wrap-up instead, so never twice), that the project closed without a winner (cancelled, or the
/// selection window ran out), or that a failed handover reopened it or has the buyer choose again (only those whose
/// entries can still win), that entries closed, and that the entry deadline moved. The buyer: that it is time to choose a
/// winner and, once, that the selection deadline is near (calls to act ended by the award or the close), that their
/// prize was refunded, and that an entry left the gallery (withdrawn, or removed by staff). Outbox: notices are added to <see cref="ProjectRecord.PendingNotices"/> in the same write as the
/// change and handed over after it (<see cref="NoticeOutbox"/>). Ids come from what happens once: the project and the award attempt (awarded, or
/// failed and chosen again), its closing, the reopening's count, the entry that left; so a retry shows nothing twice.
/// One notice per creative, however many entries they have; withdrawn and removed entries' creatives are not told. The
/// creatives' notices name no other creative.
/// </summary>
public sealed partial class ProjectGrain
{
    private void TellOthersNotChosen(Actor actor, string winnerCreativeId)
    {
        foreach (var creative in CreativesInGallery().Where(c => c != winnerCreativeId && !actor.Is(c)))
        {
            S.PendingNotices.Add(new PendingNotice(creative, new NewNotification(
                $"project/{Id}/not-chosen/{S.Attempt}", NotificationKinds.NotChosen,
                $"The buyer of “{Draft.Brief.Title}” chose another design. Thank you for taking part.", "/projects/" + Id, Now)));
        }
    }

    /// <summary>Passed when staff closed the buyer's account: the creatives read who closed it and that their work stays theirs, never why.</summary>
    private const bool ClosedBySupport = true;

    private void TellClosed(Actor actor, ProjectState before, ProjectState end, bool closedBySupport)
    {
        var text = closedBySupport
            ? $"Marketplace support closed “{Draft.Brief.Title}”, so its prize will not be awarded. Your entry and its rights stay yours. Thank you for taking part."
            : end == ProjectState.Cancelled
            ? $"“{Draft.Brief.Title}” was cancelled, so no design will be chosen. Thank you for taking part."
            : before == ProjectState.Open
            ? $"Entries to “{Draft.Brief.Title}” closed with no entry left that could win, so no design will be chosen. Thank you for taking part."
            : $"“{Draft.Brief.Title}” closed without a winner: the buyer did not choose a design in time.";
        foreach (var creative in CreativesInGallery().Where(c => !actor.Is(c)))
        {
            S.PendingNotices.Add(new PendingNotice(creative,
                new NewNotification($"project/{Id}/closed", NotificationKinds.ProjectClosed, text, "/projects/" + Id, Now)));
        }
    }

    /// <summary>
    /// The buyer paid: what is held, what the fee is (it comes out of the prize, so the buyer pays none), until when
    /// entries are open (in their zone), and what happens next, linking to the receipt. Money is always told, even of the
    /// buyer's own action: the email is their confirmation of a payment. A project is funded once (escrow's operation is
    /// <c>fund:{id}</c>), so its id is fixed and a retried open shows it once.
    /// </summary>
    private void TellBuyerFunded()
    {
        var prize = Draft.Prize;
        var fee = fees.Value.FeeOn(prize);
        var feeWords = fee.Minor == 0
            ? $"The winner receives the whole {prize}: there is no marketplace fee."
            : $"You pay no fee: the {FeeSchedule.PercentText(fees.Value.PlatformFeePercent)} marketplace fee ({fee}) comes out of the prize, so the winner receives {fees.Value.CreativeReceives(prize)}.";
        S.PendingNotices.Add(new PendingNotice(S.BuyerId!, new NewNotification(
            $"project/{Id}/funded", NotificationKinds.ProjectFunded,
            $"Payment received: your prize of {prize} for “{Draft.Brief.Title}” is held in escrow. The project is open for entries until {NoticeWords.When(S.EntryDeadline)}; then you choose a winner. {feeWords} If no design is chosen, the whole {prize} comes back to you. Your receipt has the payment's details.",
            NoticeLinks.Receipt(Id), Now)));
    }

    /// <summary>
    /// The buyer hears that their prize came back, how much and why, linking to the receipt (which lists the refund).
    /// Also when they cancelled it themselves: like the payment, a refund is money, and its email is their record. The
    /// id carries the refund's own operation, so each refund is told once.
    /// </summary>
    private void TellBuyerRefunded(Actor actor, ProjectState before, ProjectState end, Money amount, string operation)
    {
        var title = $"“{Draft.Brief.Title}”";
        var why = actor.Is(S.BuyerId!) ? $"You cancelled {title}"
            : end == ProjectState.Cancelled ? $"Marketplace support cancelled {title}"
            : before == ProjectState.Open && S.Entries.Count == 0 ? $"No entries arrived for {title} by its deadline"
            : before == ProjectState.Open ? $"Entries to {title} closed with no entry left to choose from (each was declined, withdrawn or removed)"
            : $"The time to choose a winner for {title} ran out";
        S.PendingNotices.Add(new PendingNotice(S.BuyerId!, new NewNotification(
            $"project/{Id}/refunded/{operation}", NotificationKinds.PrizeRefunded,
            $"{why}, so the project closed and your prize of {amount} was refunded to you. Your receipt shows the refund.", NoticeLinks.Receipt(Id), Now)));
    }

    /// <summary>
    /// Entries closed and there is something to choose from: the buyer hears how many entries can win, the date to
    /// choose by and what happens if they do not, as a call to act that stands until they award or the project closes.
    /// </summary>
    /// <remarks>When staff closed entries early for the buyer, the notice starts with that and staff's reason.</remarks>
    private void TellBuyerTimeToChoose(string? closedEarlyByStaffBecause = null)
    {
        var title = $"“{Draft.Brief.Title}”";
        var closed = $"Entries to {title} closed with {NoticeWords.Entries(GalleryCount(EntryStatus.Active))} to choose from.";
        var bySupport = closedEarlyByStaffBecause is { } reason ? $"Marketplace support closed entries to {title} early for you, with this reason: {NoticeWords.Quote(reason)} " : "";
        S.PendingNotices.Add(new PendingNotice(S.BuyerId!, new NewNotification(
            $"project/{Id}/time-to-choose/{SelectionRound}", NotificationKinds.TimeToChoose,
            $"{bySupport}{closed} Choose a winner by {NoticeWords.When(S.SelectionDeadline!.Value)}. If you do not, your prize of {Draft.Prize} comes back to you and no design or rights are bought.",
            "/projects/" + Id, Now, CallToChoose(0, closed))));
    }

    /// <summary>
    /// Once per selection round, before the deadline and only if the buyer has not awarded: how long is left. A buyer
    /// who declined every entry has nothing left to award and gets no reminder (the refund notice tells the end).
    /// </summary>
    private void TellBuyerToChooseSoon()
    {
        var active = GalleryCount(EntryStatus.Active);
        if (active == 0)
        {
            return;
        }

        var title = $"“{Draft.Brief.Title}”";
        var deadline = S.SelectionDeadline!.Value;
        var which = active == 1 ? "its only entry" : $"one of its {active} entries";
        S.PendingNotices.Add(new PendingNotice(S.BuyerId!, new NewNotification(
            $"project/{Id}/choose-soon/{SelectionRound}", NotificationKinds.ChooseSoon,
            $"{NoticeWords.TimeLeft(deadline - Now)} left to choose a winner for {title}: award {which} by {NoticeWords.When(deadline)}. If you do not, your prize of {Draft.Prize} comes back to you and no design or rights are bought.",
            "/projects/" + Id, Now, CallToChoose(1, $"Marketplace reminded you to choose a winner for {title} by {NoticeWords.When(deadline)}."))));
    }

    /// <summary>The creatives whose entries can win hear once per opening that entries closed, and by when the buyer chooses.</summary>
    private void TellEntriesClosed()
    {
        foreach (var creative in CreativesWhoCanStillWin())
        {
            S.PendingNotices.Add(new PendingNotice(creative, new NewNotification(
                $"project/{Id}/entries-closed/{S.TimesReopened}", NotificationKinds.EntriesClosed,
                $"Entries to “{Draft.Brief.Title}” have closed and your entry is in the running. The buyer chooses a winner by {NoticeWords.When(S.SelectionDeadline!.Value)}; you will hear how it ends.",
                "/projects/" + Id, Now)));
        }
    }

    /// <summary>
    /// Entries closed before their deadline: every creative in the gallery hears it, not only those who can win, since a
    /// creative whose entry was declined may have been preparing another for the date they were given. (Creatives still
    /// working on a first entry are unknown to the project until they submit; the brief told them the buyer may choose
    /// early.) The same id as entries closing at the deadline: entries close once per opening.
    /// </summary>
    private void TellEntriesClosedEarly(Actor actor)
    {
        var who = actor.IsStaff ? "Marketplace support, for the buyer," : "The buyer";
        var closed = $"{who} closed entries to “{Draft.Brief.Title}” early, on {NoticeWords.When(S.EntryDeadline)} instead of {NoticeWords.When(S.ScheduledEntryDeadline!.Value)}";
        var chooses = $"The buyer chooses a winner by {NoticeWords.When(S.SelectionDeadline!.Value)}";
        var inTheRunning = CreativesWhoCanStillWin().ToHashSet(StringComparer.Ordinal);
        foreach (var creative in CreativesInGallery())
        {
            var text = inTheRunning.Contains(creative)
                ? $"{closed}, and your entry is in the running. {chooses}; you will hear how it ends."
                : $"{closed}, so it takes no more entries. {chooses}.";
            S.PendingNotices.Add(new PendingNotice(creative, new NewNotification(
                $"project/{Id}/entries-closed/{S.TimesReopened}", NotificationKinds.EntriesClosed, text, "/projects/" + Id, Now)));
        }
    }

    /// <summary>
    /// The entry deadline moved later: the creatives whose entries can still win hear the new date (others may find it on
    /// the brief), and the buyer too when staff moved it for them. The new deadline makes the id: each extension once.
    /// </summary>
    private void TellEntryDeadlineExtended(Actor actor, DateTimeOffset previous)
    {
        var who = actor.IsStaff ? "Marketplace support" : "The buyer";
        var when = $"{NoticeWords.When(S.EntryDeadline)} instead of {NoticeWords.When(previous)}";
        var id = $"project/{Id}/entries-extended/{S.EntryDeadline.ToUnixTimeSeconds()}";
        foreach (var creative in CreativesWhoCanStillWin())
        {
            S.PendingNotices.Add(new PendingNotice(creative, new NewNotification(id, NotificationKinds.EntriesExtended,
                $"{who} gave “{Draft.Brief.Title}” more time: entries now close on {when}. Your entry is still in the running, and you can revise it until the winner is chosen.",
                "/projects/" + Id, Now)));
        }

        SupersedeInvitationsToEnterAgain();
        if (!actor.Is(S.BuyerId!))
        {
            S.PendingNotices.Add(new PendingNotice(S.BuyerId!, new NewNotification(id, NotificationKinds.EntriesExtended,
                $"Marketplace support extended the entry period of “{Draft.Brief.Title}”: entries now close on {when}.",
                "/projects/" + Id, Now)));
        }
    }

    /// <summary>The buyer's calls to choose, ordered by selection round (each round's notice, then its reminder).</summary>
    private CallToAct CallToChoose(int step, string past) => new(CallTopics.Choosing(Id), ChoosingPosition + step, past);

    private long ChoosingPosition => 2L * (S.Attempt + S.TimesReopened);

    /// <summary>The buyer awarded, or the project closed while selecting: the calls to choose no longer stand.</summary>
    private void EndCallsToChoose()
    {
        if (S.State == ProjectState.Selecting)
        {
            S.PendingCallEnds.Add(new PendingCallEnd(S.BuyerId!, CallTopics.Choosing(Id), ChoosingPosition + 2));
        }
    }

    /// <summary>
    /// The project stops taking answers (awarded, cancelled or refunded): the buyer's calls to answer questions about its
    /// brief no longer stand. The project ends them itself, through its outbox, so it never calls the questions grain
    /// (which asks the project for its state) and the two cannot wait on each other.
    /// </summary>
    private void EndCallsToAnswerQuestions()
    {
        if (S.State is ProjectState.Open or ProjectState.Selecting)
        {
            S.PendingCallEnds.Add(new PendingCallEnd(S.BuyerId!, CallTopics.Questions(Id), long.MaxValue));
        }
    }

    /// <summary>
    /// A handover that failed sent the project back to taking entries: the creatives whose entries can still win hear
    /// it, with the new deadline. Not the former winner (their handover told them how it ended), nor creatives whose
    /// entries were declined, withdrawn or removed; the buyer heard it from the handover.
    /// </summary>
    private void TellReopened(string formerWinnerId)
    {
        foreach (var creative in CreativesWhoCanStillWin().Where(c => c != formerWinnerId))
        {
            S.PendingNotices.Add(new PendingNotice(creative, new NewNotification(
                $"project/{Id}/reopened/{S.TimesReopened}", NotificationKinds.ProjectReopened,
                $"“{Draft.Brief.Title}” was reopened: it takes entries again until {NoticeWords.When(S.EntryDeadline)}, and your entry can still win.",
                "/projects/" + Id, Now, CallAfterFailedHandover($"“{Draft.Brief.Title}” was reopened for entries after a handover did not complete."))));
        }
    }

    /// <summary>
    /// A handover that failed gave the buyer a new selection window: the creatives whose entries can still win were told
    /// "the buyer chose another design", so they hear that the buyer chooses again, and until when. The same people as
    /// <see cref="TellReopened"/>. The award attempt that ended makes the id, so a later failed award tells them again.
    /// </summary>
    private void TellChoosingAgain(string formerWinnerId)
    {
        foreach (var creative in CreativesWhoCanStillWin().Where(c => c != formerWinnerId))
        {
            S.PendingNotices.Add(new PendingNotice(creative, new NewNotification(
                $"project/{Id}/choosing-again/{S.Attempt}", NotificationKinds.ChoosingAgain,
                $"The buyer of “{Draft.Brief.Title}” is choosing a winner again, until {NoticeWords.When(S.SelectionDeadline!.Value)}, and your entry can still win.",
                "/projects/" + Id, Now, CallAfterFailedHandover($"The buyer of “{Draft.Brief.Title}” could choose a winner again after a handover did not complete."))));
        }
    }

    /// <summary>
    /// The buyer hears when an entry leaves the gallery of a running project: its creative withdrew it, or staff removed
    /// it (alone or with the creative's account; the reason stays between staff and the creative). It links to the
    /// project, whose gallery the buyer can open, since the entry's page no longer shows. The winning entry is the
    /// handover's news ("the winner was removed"), and a finished project's gallery needs none. An entry leaves the
    /// gallery once, so its id makes the notice's.
    /// </summary>
    private void TellBuyerIfEntryLeavesGallery(GalleryItem entry, EntryStatus status)
    {
        if (status.IsInGallery() || !entry.Status.IsInGallery() || entry.Status == EntryStatus.Won || S.State.IsTerminal())
        {
            return;
        }

        var (kind, text) = status == EntryStatus.Withdrawn
            ? (NotificationKinds.EntryWithdrawn, $"{entry.CreativeName} withdrew entry #{entry.Number} from “{Draft.Brief.Title}”.")
            : (NotificationKinds.EntryRemoved, $"Marketplace support removed entry #{entry.Number} from “{Draft.Brief.Title}”.");
        S.PendingNotices.Add(new PendingNotice(S.BuyerId!,
            new NewNotification($"project/{Id}/entry-left/{entry.EntryId}", kind, text, "/projects/" + Id, Now)));
    }

    /// <summary>
    /// What a failed handover opened (the buyer's "award another entry" from the wrap-up; "choosing again" and "takes
    /// entries again until …" to the creatives) stands until the project moves on: the next award, the entry deadline, or
    /// closing. Ordered by the attempt that failed, so a later failure's calls are new.
    /// </summary>
    private CallToAct CallAfterFailedHandover(string past) => new(CallTopics.Project(Id), S.Attempt, past);

    /// <summary>
    /// A reopened project's entry deadline moved: "it takes entries again until …" (<see cref="TellReopened"/>) names the
    /// old date, so it reads as past and points to the extension notice the same creatives get with the new one.
    /// </summary>
    private void SupersedeInvitationsToEnterAgain()
    {
        if (S.TimesReopened == 0)
        {
            return;
        }

        var note = $"Entries now close on {NoticeWords.When(S.EntryDeadline)}; see the newer notice.";
        S.PendingCallEnds.AddRange(CreativesWhoCanStillWin().Select(creative =>
            new PendingCallEnd(creative, CallTopics.Project(Id), S.Attempt + 1L) { At = S.Attempt, Superseded = note }));
    }

    /// <summary>
    /// The creative's last entry that could win left the running (declined, withdrawn, removed): "your entry can still
    /// win" after a failed handover no longer holds for them, so that call ends for them alone.
    /// </summary>
    private void EndCallsOfFailedHandoversIfNoEntryCanWin(GalleryItem entry, EntryStatus status)
    {
        if (S.EndedWrapUps.Count == 0 || entry.Status != EntryStatus.Active || status == EntryStatus.Active
            || S.Entries.Values.Any(e => e.CreativeId == entry.CreativeId && e.EntryId != entry.EntryId && e.Status == EntryStatus.Active))
        {
            return;
        }

        S.PendingCallEnds.Add(new PendingCallEnd(entry.CreativeId, CallTopics.Project(Id), S.Attempt + 1L));
    }

    /// <summary>The project moved on from what a failed handover opened: those calls no longer stand for anyone they reached.</summary>
    private void EndCallsOfFailedHandovers()
    {
        if (S.EndedWrapUps.Count == 0)
        {
            return;
        }

        var told = S.Entries.Values.Select(e => e.CreativeId).Append(S.BuyerId!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        S.PendingCallEnds.AddRange(told.Select(person => new PendingCallEnd(person, CallTopics.Project(Id), S.Attempt + 1L)));
    }

    private IEnumerable<string> CreativesInGallery() => CreativesWith(e => e.Status.IsInGallery());

    private IEnumerable<string> CreativesWhoCanStillWin() => CreativesWith(e => e.Status == EntryStatus.Active);

    private IEnumerable<string> CreativesWith(Func<GalleryItem, bool> entries) =>
        S.Entries.Values.Where(entries).Select(e => e.CreativeId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    private Task HandOverNoticesAsync() =>
        NoticeOutbox.HandOverAsync(this, grains, S.PendingNotices, () => project.SaveAsync(this), logger, "Project " + Id, S.PendingCallEnds);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        NumberEntriesStoredWithoutNumbers();

        // A silo may have stopped between storing a change and handing its notices over: hand them over now, outside activation.
        if (S.PendingNotices.Count > 0 || S.PendingCallEnds.Count > 0)
        {
            this.RegisterGrainTimer(_ => HandOverNoticesAsync(), TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }

        return base.OnActivateAsync(cancellationToken);
    }
}

using Marketplace.Contracts;
using Marketplace.Contracts.Entries;
using Marketplace.Contracts.Notifications;
using Marketplace.Contracts.Projects;
using Marketplace.Grains.Notifications;

namespace Marketplace.Grains.Projects;

/// <summary>
/// What the project tells as a whole. The creatives in the gallery: that the buyer chose another design (the winner
/// hears from the wrap-up instead, so never twice), that the project closed without a winner (cancelled, or the
/// selection window ran out), or that a failed handover reopened it or has the buyer choose again (only those whose
/// entries can still win). The buyer: that their prize was refunded, and that an entry left the gallery (withdrawn, or
/// removed by staff). Outbox: notices are added to <see cref="ProjectRecord.PendingNotices"/> in the same write as the
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

    private void TellClosed(Actor actor, ProjectState end, bool closedBySupport)
    {
        var text = closedBySupport
            ? $"Marketplace support closed “{Draft.Brief.Title}”, so its prize will not be awarded. Your entry and its rights stay yours. Thank you for taking part."
            : end == ProjectState.Cancelled
            ? $"“{Draft.Brief.Title}” was cancelled, so no design will be chosen. Thank you for taking part."
            : $"“{Draft.Brief.Title}” closed without a winner: the buyer did not choose a design in time.";
        foreach (var creative in CreativesInGallery().Where(c => !actor.Is(c)))
        {
            S.PendingNotices.Add(new PendingNotice(creative,
                new NewNotification($"project/{Id}/closed", NotificationKinds.ProjectClosed, text, "/projects/" + Id, Now)));
        }
    }

    /// <summary>
    /// The buyer hears that their prize came back and why, unless they cancelled it themselves. The id carries the
    /// refund's own operation, so each refund is told once.
    /// </summary>
    private void TellBuyerRefunded(Actor actor, ProjectState before, ProjectState end, Money amount, string operation)
    {
        if (actor.Is(S.BuyerId!))
        {
            return;
        }

        var title = $"“{Draft.Brief.Title}”";
        var why = end == ProjectState.Cancelled ? $"Marketplace support cancelled {title}"
            : before == ProjectState.Open ? $"No entry to choose from arrived for {title} by its deadline"
            : $"The time to choose a winner for {title} ran out";
        S.PendingNotices.Add(new PendingNotice(S.BuyerId!, new NewNotification(
            $"project/{Id}/refunded/{operation}", NotificationKinds.PrizeRefunded,
            $"{why}, so the project closed and your prize of {amount} was refunded to you.", "/projects/" + Id, Now)));
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

using Marketplace.Contracts;
using Marketplace.Contracts.Notifications;
using Marketplace.Grains.Notifications;
using Microsoft.Extensions.Logging;

namespace Marketplace.Grains.Entries;

/// <summary>
/// What the entry's two people are told: the buyer, that an entry arrived, that its creative uploaded a new version, and what the creative wrote; the creative,
/// how the buyer rated, what they wrote, that they declined it, or that staff removed it. Outbox: each notice is added
/// to <see cref="EntryRecord.PendingNotices"/> in the same write as the change it reports and handed to the inbox after
/// it (<see cref="NoticeOutbox"/>); ids are the entry id and a stored counter, so a retried hand-over shows nothing
/// twice. Nobody is told of their own action. One notice per entry to the buyer, kept to one short sentence: a busy
/// contest fills the inbox line by line rather than with a digest that would have to be rewritten as entries arrive.
/// </summary>
public sealed partial class EntryGrain
{
    private string Title => $"“{S.ProjectTitle}”";

    /// <summary>"entry #7", the number the buyer sees in the gallery; an entry stored before it kept its number says "entry".</summary>
    private string EntryNumber => S.Number is { } number ? $"entry #{number}" : "entry";

    private void Tell(Actor actor, string recipientId, string kind, string text)
    {
        if (actor.Is(recipientId))
        {
            return;
        }

        S.NoticesIssued++;
        S.PendingNotices.Add(new PendingNotice(recipientId,
            new NewNotification($"entry/{Id}/{S.NoticesIssued}", kind, text, "/entries/" + Id, Now)));
    }

    private void TellSubmitted(Actor actor, string creativeName) =>
        Tell(actor, S.BuyerId, NotificationKinds.EntrySubmitted, $"{creativeName} submitted {(S.Number is null ? "an entry" : EntryNumber)} to {Title}.");

    /// <summary>A new version is what the buyer's comments usually asked for, so they hear of it with the creative's note.</summary>
    private void TellRevised(Actor actor, string creativeName, int revision, string? note) =>
        Tell(actor, S.BuyerId, NotificationKinds.EntryRevised,
            $"{creativeName} uploaded version {revision} of {(S.Number is null ? "their entry" : EntryNumber)} to {Title}{(note is null ? "." : ": " + NoticeWords.Quote(note, 200))}");

    private void TellRated(Actor actor, string buyerName, int stars) =>
        Tell(actor, S.CreativeId, NotificationKinds.Rated,
            $"{buyerName} rated your {EntryNumber} to {Title} {stars} of 5 stars.");

    /// <summary>The buyer's words reach the creative, the creative's reach the buyer, staff's reach both.</summary>
    private void TellCommented(Actor actor, string authorName, string text)
    {
        var quote = NoticeWords.Quote(text, 200);
        if (actor.Is(S.CreativeId))
        {
            Tell(actor, S.BuyerId, NotificationKinds.Comment, $"{authorName} replied about {(S.Number is null ? "their entry" : EntryNumber)} to {Title}: {quote}");
            return;
        }

        if (!actor.Is(S.BuyerId))
        {
            Tell(actor, S.BuyerId, NotificationKinds.Comment, $"Marketplace support commented on {(S.Number is null ? "an entry" : EntryNumber)} to {Title}: {quote}");
        }

        Tell(actor, S.CreativeId, NotificationKinds.Comment,
            actor.Is(S.BuyerId)
                ? $"{authorName} commented on your {EntryNumber} to {Title}: {quote}"
                : $"Marketplace support commented on your {EntryNumber} to {Title}: {quote}");
    }

    private void TellDeclined(Actor actor, string buyerName, string? reason) =>
        Tell(actor, S.CreativeId, NotificationKinds.Declined,
            $"{buyerName} declined your {EntryNumber} to {Title}{(reason is null ? "." : ": " + NoticeWords.Quote(reason, 200))} It can no longer win or be revised.");

    private void TellRemoved(Actor actor, string reason) =>
        Tell(actor, S.CreativeId, NotificationKinds.EntryRemoved,
            $"Marketplace support removed your {EntryNumber} to {Title} from the gallery: {NoticeWords.Quote(reason, 200)} If you think this is a mistake, write to {SupportContact.Email}.");

    private Task HandOverNoticesAsync() =>
        NoticeOutbox.HandOverAsync(this, grains, S.PendingNotices, () => entry.SaveAsync(this), logger, "Entry " + Id);

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == NoticeOutbox.RetryReminder
            ? NoticeOutbox.RetryAsync(this, grains, S.PendingNotices, () => entry.SaveAsync(this), logger, "Entry " + Id)
            : Task.CompletedTask;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A silo may have stopped between storing a change and handing its notices over: hand them over now, outside activation.
        if (S.PendingNotices.Count > 0)
        {
            this.RegisterGrainTimer(_ => HandOverNoticesAsync(), TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }

        return base.OnActivateAsync(cancellationToken);
    }
}

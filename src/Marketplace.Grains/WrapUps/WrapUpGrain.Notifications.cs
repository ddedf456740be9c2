using Marketplace.Contracts;
using Marketplace.Contracts.Notifications;
using Microsoft.Extensions.Logging;

namespace Marketplace.Grains.WrapUps;

/// <summary>
/// The journal is the outbox of the parties' notifications. <see cref="WrapUpState.NotifiedThrough"/> is the journal
/// position handed to the inboxes so far; after every state write the entries past it are handed over (see
/// <see cref="WrapUpNotices"/>), the cursor moves past each entry whose every inbox took it, and the cursor is written.
/// A failed inbox call stops the hand-over there without failing the party's action; the deadlines reminder hands the
/// rest over later. An inbox ignores a notification id it already has, so handing an entry over twice (a crash before
/// the cursor was written) shows nothing twice. An entry that moves the handover on also tells the parties' inboxes
/// that earlier calls to act no longer stand (<see cref="WrapUpNotices.CallsEndedBy"/>), so an old "approve by …"
/// reads as past.
/// </summary>
public sealed partial class WrapUpGrain
{
    private readonly Dictionary<string, string> names = new(StringComparer.Ordinal);

    private bool HasNoticesPending => State.NotifiedThrough < State.Journal.Count;

    /// <summary>
    /// A wrap-up stored before notifications existed has no cursor: it starts at the end of its journal, so its parties
    /// are not told its whole history at once. A new wrap-up starts at zero (its journal is empty).
    /// </summary>
    private void StartNoticeCursorIfMissing() => State.NotifiedThrough ??= State.Journal.Count;

    private async Task HandOverNoticesAsync()
    {
        var before = State.NotifiedThrough!.Value;
        foreach (var entry in State.Journal.Skip((int)before))
        {
            if (!await DeliverAsync(entry))
            {
                break;
            }

            State.NotifiedThrough = entry.Sequence;
        }

        if (State.NotifiedThrough != before)
        {
            try
            {
                await wrapUp.SaveAsync(this);
            }
            catch (Exception e)
            {
                // The notices were delivered; an unsaved cursor only means they are handed over again, which inboxes ignore.
                LogNoticeCursorNotSaved(logger, e, Id);
            }
        }
    }

    /// <summary>Hands one entry's notices to their inboxes; false (logged) when an inbox could not take it.</summary>
    private async Task<bool> DeliverAsync(JournalEntry entry)
    {
        try
        {
            await LoadNamesAsync(entry);
            var notices = WrapUpNotices.For(Id, entry, State, NameOf, fees.Value, Options.QueueAfter);
            // Ending earlier calls only touches positions before this entry, so it may run beside this entry's notices.
            var topic = WrapUpNotices.CallTopic(Id);
            var ended = WrapUpNotices.CallsEndedBy(entry, State)
                .Select(party => grains.GetGrain<INotificationInboxGrain>(party).EndCallsAsync(Actor.System, topic, entry.Sequence));
            var superseded = WrapUpNotices.CallsSupersededBy(entry, State, Options.QueueAfter) is { Positions.Count: > 0 } s
                ? s.Parties.Select(party => grains.GetGrain<INotificationInboxGrain>(party).SupersedeCallsAsync(Actor.System, topic, s.Positions, s.Note))
                : [];
            await Task.WhenAll(notices.Select(n => grains.GetGrain<INotificationInboxGrain>(n.RecipientId).AddAsync(Actor.System, n.Notification)).Concat(ended).Concat(superseded));
            return true;
        }
        catch (Exception e)
        {
            LogNoticeNotDelivered(logger, e, Id, entry.Sequence);
            return false;
        }
    }

    public async Task RecountCallsAsync(Actor actor, string recipientId)
    {
        actor.RequireSystem("recount calls to act");
        if (State.Start is null)
        {
            return;
        }

        try
        {
            var calls = await CallsToActOfAsync(recipientId);
            await grains.GetGrain<INotificationInboxGrain>(recipientId).RestoreCallsAsync(Actor.System, calls);
        }
        catch (Exception e)
        {
            // One-way: nobody waits for this. The notices stay as they were stored, as history.
            LogCallsNotRecounted(logger, e, Id, recipientId);
        }
    }

    /// <summary>
    /// Every call to act this handover handed <paramref name="recipientId"/>, replayed from the journal with the handover
    /// as it was at each entry (so the words are the ones sent), and whether a later entry ended or superseded it.
    /// </summary>
    private async Task<IReadOnlyList<RestoredCall>> CallsToActOfAsync(string recipientId)
    {
        var topic = WrapUpNotices.CallTopic(Id);
        var replay = new WrapUpState();
        var calls = new List<RestoredCall>();
        foreach (var entry in State.Journal.Take((int)State.NotifiedThrough!.Value))
        {
            replay.Apply(entry);
            await LoadNamesAsync(entry);
            if (WrapUpNotices.CallsEndedBy(entry, replay).Contains(recipientId))
            {
                EndWhere(c => c.Call.Position < entry.Sequence, null);
            }

            if (WrapUpNotices.CallsSupersededBy(entry, replay, Options.QueueAfter) is { } superseded && superseded.Parties.Contains(recipientId))
            {
                EndWhere(c => superseded.Positions.Contains(c.Call.Position), superseded.Note);
            }

            calls.AddRange(WrapUpNotices.For(Id, entry, replay, NameOf, fees.Value, Options.QueueAfter)
                .Where(n => n.RecipientId == recipientId && n.Notification.Call?.Topic == topic)
                .Select(n => new RestoredCall(n.Notification.Id, n.Notification.Call!, Ended: false)));
        }

        return calls;

        void EndWhere(Func<RestoredCall, bool> which, string? note)
        {
            for (var i = 0; i < calls.Count; i++)
            {
                if (!calls[i].Ended && which(calls[i]))
                {
                    calls[i] = calls[i] with { Ended = true, Superseded = note };
                }
            }
        }
    }

    /// <summary>Display names of the parties and the entry's actors, read once per activation (cards are interleaved reads).</summary>
    private Task LoadNamesAsync(JournalEntry entry) =>
        LoadNamesAsync(Started.BuyerId, Started.CreativeId, entry.ActorId, entry.OnBehalf?.PartyId);

    /// <summary>
    /// The parties' display names for the page. Commands need not load them: handing their journal entry to the
    /// inboxes has.
    /// </summary>
    private Task LoadPartyNamesAsync() => LoadNamesAsync(Started.BuyerId, Started.CreativeId);

    private async Task LoadNamesAsync(params string?[] userIds)
    {
        var ids = userIds
            .OfType<string>()
            .Where(id => !names.ContainsKey(id) && id != Actor.System.UserId && !id.StartsWith("link:", StringComparison.Ordinal));
        foreach (var id in ids.ToList())
        {
            names[id] = (await ActorChecks.CardOfAsync(grains, id))?.DisplayName ?? "Someone";
        }
    }

    private string NameOf(string userId) => names.TryGetValue(userId, out var name) ? name : "Marketplace";

    /// <summary>A party's display name on the page; "the buyer" / "the creative" if it could not be read yet.</summary>
    private string PartyNameOf(string userId) =>
        names.TryGetValue(userId, out var name) ? name : userId == Started.BuyerId ? "the buyer" : "the creative";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Wrap-up {WrapUpId} could not hand journal entry {Sequence} to the inboxes; the reminder retries")]
    private static partial void LogNoticeNotDelivered(ILogger logger, Exception exception, string wrapUpId, long sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Wrap-up {WrapUpId} could not recount its calls to act for {UserId}; their notices stay as stored")]
    private static partial void LogCallsNotRecounted(ILogger logger, Exception exception, string wrapUpId, string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Wrap-up {WrapUpId} handed notices over but could not save its cursor; they are handed over again later and ignored")]
    private static partial void LogNoticeCursorNotSaved(ILogger logger, Exception exception, string wrapUpId);
}

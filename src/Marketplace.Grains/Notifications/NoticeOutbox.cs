using Marketplace.Contracts;
using Marketplace.Contracts.Notifications;
using Microsoft.Extensions.Logging;

namespace Marketplace.Grains.Notifications;

/// <summary>
/// The outbox of a grain without a journal (project, entry): notices are added to a list in the grain's state in the
/// same write as the change they report, and handed to the inboxes after that write. A notice leaves the list once its
/// inbox took it; the list is then written again. A failed inbox call is logged and never fails the person's action:
/// the notice stays pending and a <see cref="RetryReminder"/> (durable) hands it over later, as does the grain's next
/// write or activation. Inboxes ignore an id they already have, so handing a notice over twice shows it once.
/// </summary>
internal static partial class NoticeOutbox
{
    public const string RetryReminder = "notices";
    public static readonly TimeSpan RetryEvery = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Hands the pending notices over, then the pending ends of calls to act (<paramref name="callEnds"/>, after the
    /// notices, so a call handed over late still ends), saves the shorter lists and keeps the retry reminder while any
    /// is left. Never throws: everything that fails is logged and retried later.
    /// </summary>
    public static async Task HandOverAsync(Grain grain, IGrainFactory grains, List<PendingNotice> pending, Func<Task> save, ILogger logger, string source, List<PendingCallEnd>? callEnds = null)
    {
        callEnds ??= [];
        if (pending.Count == 0 && callEnds.Count == 0)
        {
            return;
        }

        var taken = await Task.WhenAll(pending.Select(n => DeliverAsync(grains, n, logger, source)));
        var left = pending.Where((_, i) => !taken[i]).ToList();
        var told = await Task.WhenAll(callEnds.Select(c => EndCallsAsync(grains, c, logger, source)));
        var endsLeft = callEnds.Where((_, i) => !told[i]).ToList();
        if (left.Count != pending.Count || endsLeft.Count != callEnds.Count)
        {
            pending.Clear();
            pending.AddRange(left);
            callEnds.Clear();
            callEnds.AddRange(endsLeft);
            try
            {
                await save();
            }
            catch (Exception e)
            {
                // The notices were handed over; if the shorter list is not stored they are handed over again and ignored.
                LogNotSaved(logger, e, source);
            }
        }

        if (left.Count > 0 || endsLeft.Count > 0)
        {
            try
            {
                await grain.RegisterOrUpdateReminder(RetryReminder, RetryEvery, RetryEvery);
            }
            catch (Exception e)
            {
                LogNoReminder(logger, e, source);
            }
        }
    }

    /// <summary>The retry reminder: hands over what is left and stops itself once nothing is.</summary>
    public static async Task RetryAsync(Grain grain, IGrainFactory grains, List<PendingNotice> pending, Func<Task> save, ILogger logger, string source, List<PendingCallEnd>? callEnds = null)
    {
        await HandOverAsync(grain, grains, pending, save, logger, source, callEnds);
        if (pending.Count == 0 && callEnds is not { Count: > 0 } && await grain.GetReminder(RetryReminder) is { } reminder)
        {
            await grain.UnregisterReminder(reminder);
        }
    }

    private static async Task<bool> DeliverAsync(IGrainFactory grains, PendingNotice notice, ILogger logger, string source)
    {
        try
        {
            await grains.GetGrain<INotificationInboxGrain>(notice.RecipientId).AddAsync(Actor.System, notice.Notification);
            return true;
        }
        catch (Exception e)
        {
            LogNotDelivered(logger, e, source, notice.Notification.Id, notice.RecipientId);
            return false;
        }
    }

    private static async Task<bool> EndCallsAsync(IGrainFactory grains, PendingCallEnd end, ILogger logger, string source)
    {
        try
        {
            var inbox = grains.GetGrain<INotificationInboxGrain>(end.RecipientId);
            await (end switch
            {
                { At: { } at, Superseded: { } note } => inbox.SupersedeCallsAsync(Actor.System, end.Topic, [at], note),
                { At: { } at } => inbox.EndCallAtAsync(Actor.System, end.Topic, at),
                _ => inbox.EndCallsAsync(Actor.System, end.Topic, end.Before),
            });
            return true;
        }
        catch (Exception e)
        {
            LogNotDelivered(logger, e, source, $"{end.Topic} (calls before {end.Before} ended)", end.RecipientId);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Source} could not hand notification {NotificationId} to the inbox of {UserId}; it stays pending and is retried")]
    private static partial void LogNotDelivered(ILogger logger, Exception exception, string source, string notificationId, string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Source} handed notices over but could not save its pending list; they are handed over again later and ignored")]
    private static partial void LogNotSaved(ILogger logger, Exception exception, string source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Source} could not register the notice retry reminder; pending notices go out on its next write or activation")]
    private static partial void LogNoReminder(ILogger logger, Exception exception, string source);
}

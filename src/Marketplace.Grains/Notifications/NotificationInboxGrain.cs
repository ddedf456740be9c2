using Marketplace.Contracts;
using Marketplace.Contracts.Notifications;
using Marketplace.Contracts.Users;
using Marketplace.Contracts.WrapUps;
using Marketplace.Email;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.Grains.Notifications;

/// <summary>
/// One person's notifications. Adding writes the inbox first and returns; the email goes out right after on a grain
/// timer, so the caller (a wrap-up in the middle of a party's action) never waits for a mail server. A failed email
/// stays <see cref="EmailDelivery.Pending"/> and a durable reminder retries it every <see cref="EmailRetryEvery"/>, up to
/// <see cref="MaxEmailAttempts"/> times, then records it <see cref="EmailDelivery.Failed"/> with the error; the
/// notification on the site is never lost. Pending emails are also sent whenever the inbox activates. Contest activity
/// is emailed as the person chose (see <c>NotificationInboxGrain.Emails.cs</c>): one by one, in a daily summary, or not.
/// </summary>
public sealed partial class NotificationInboxGrain(
    [PersistentState("inbox", StorageNames.GrainStorage)] IPersistentState<InboxState> inbox,
    IGrainFactory grains,
    IEmailSender sender,
    IOptions<EmailOptions> emailOptions,
    [FromKeyedServices(MarketplaceClock.Key)] TimeProvider clock,
    ILogger<NotificationInboxGrain> logger) : Grain, INotificationInboxGrain, IRemindable
{
    public const string EmailRetryReminder = "notification-email-retry";
    public static readonly TimeSpan EmailRetryEvery = TimeSpan.FromMinutes(5);
    public const int MaxEmailAttempts = 12;

    private IGrainTimer? emailTimer;

    private List<StoredNotification> Notifications => inbox.State.Notifications;
    private string UserId => this.GetPrimaryKeyString();

    public Task<InboxView> GetAsync(Actor actor)
    {
        RequireOwner(actor);
        var newestFirst = Enumerable.Reverse(Notifications).Select(n => n.ToView(Zone)).ToList();
        return Task.FromResult(new InboxView(newestFirst, UnreadCount()));
    }

    public Task<InboxView> GetNewestAsync(Actor actor, int count)
    {
        RequireOwner(actor);
        var newestFirst = Enumerable.Reverse(Notifications).ToList();
        var shown = newestFirst.Where((n, i) => i < Math.Max(1, count) || n.Asks).Select(n => n.ToView(Zone)).ToList();
        return Task.FromResult(new InboxView(shown, UnreadCount(), newestFirst.Count - shown.Count));
    }

    public Task<int> CountUnreadAsync(Actor actor)
    {
        RequireOwner(actor);
        return Task.FromResult(UnreadCount());
    }

    public async Task<int> MarkReadAsync(Actor actor, IReadOnlyList<string>? ids)
    {
        RequireOwner(actor);
        var wanted = ids is { Count: > 0 } ? ids.ToHashSet(StringComparer.Ordinal) : null;
        if (wanted?.FirstOrDefault(id => !Notifications.Exists(n => n.Id == id)) is { } unknown)
        {
            throw MarketplaceException.NotFound($"There is no notification '{unknown}' in your inbox.");
        }

        var now = clock.GetUtcNow();
        var changed = false;
        for (var i = 0; i < Notifications.Count; i++)
        {
            if (Notifications[i].ReadAt is null && (wanted is null || wanted.Contains(Notifications[i].Id)))
            {
                Notifications[i] = Notifications[i] with { ReadAt = now };
                changed = true;
            }
        }

        if (changed)
        {
            await inbox.SaveAsync(this);
        }

        return UnreadCount();
    }

    public async Task<bool> AddAsync(Actor actor, NewNotification notification)
    {
        actor.RequireSystem("add a notification");
        var stored = WithEmailChoice(Validated(notification));
        if (Notifications.Exists(n => n.Id == stored.Id))
        {
            return false;
        }

        Notifications.Add(stored);
        DropOldestBeyondLimit();
        await inbox.SaveAsync(this);
        SendEmailsSoon();
        return true;
    }

    public Task EndCallsAsync(Actor actor, string topic, long before) =>
        EndCallsWhereAsync(actor, call => call.Topic == topic && call.Position < before);

    public Task EndCallAtAsync(Actor actor, string topic, long position) =>
        EndCallsWhereAsync(actor, call => call.Topic == topic && call.Position == position);

    private async Task EndCallsWhereAsync(Actor actor, Func<CallToAct, bool> ends)
    {
        actor.RequireSystem("end a call to act");
        var now = clock.GetUtcNow();
        var changed = false;
        for (var i = 0; i < Notifications.Count; i++)
        {
            if (Notifications[i] is { Call: { } call, CallEndedAt: null } && ends(call))
            {
                Notifications[i] = Notifications[i] with { CallEndedAt = now };
                changed = true;
            }
        }

        if (changed)
        {
            await inbox.SaveAsync(this);
        }
    }

    public async Task SupersedeCallsAsync(Actor actor, string topic, IReadOnlyList<long> positions, string note)
    {
        actor.RequireSystem("supersede a call to act");
        var why = ActorChecks.RequireText(note, "why the call was superseded", NotificationLimits.MaxText);
        var now = clock.GetUtcNow();
        var changed = false;
        for (var i = 0; i < Notifications.Count; i++)
        {
            if (Notifications[i] is { Call: { } call, CallEndedAt: null } && call.Topic == topic && positions.Contains(call.Position))
            {
                Notifications[i] = Notifications[i] with { CallEndedAt = now, Superseded = why };
                changed = true;
            }
        }

        if (changed)
        {
            await inbox.SaveAsync(this);
        }
    }

    public async Task RestoreCallsAsync(Actor actor, IReadOnlyList<RestoredCall> calls)
    {
        actor.RequireSystem("restore calls to act");
        var now = clock.GetUtcNow();
        var changed = false;
        foreach (var restored in calls)
        {
            var index = Notifications.FindIndex(n => n.Id == restored.NotificationId && n.Call is null);
            if (index >= 0)
            {
                var past = ActorChecks.RequireText(restored.Call.PastText, "the notification's past text", NotificationLimits.MaxText);
                Notifications[index] = Notifications[index] with
                {
                    Call = restored.Call with { PastText = past },
                    CallEndedAt = restored.Ended ? now : null,
                    Superseded = restored.Ended ? restored.Superseded : null,
                };
                changed = true;
            }
        }

        if (changed)
        {
            await inbox.SaveAsync(this);
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => reminderName switch
    {
        EmailRetryReminder => SendPendingEmailsAsync(CancellationToken.None),
        DailySummaryReminder => SendDueSummaryAndRescheduleAsync(),
        _ => Task.CompletedTask,
    };

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A silo may have stopped between writing a notification and emailing it: send what is still pending, and a
        // daily summary whose hour passed while nothing ran.
        var summaryDue = QueueSummaryIfDue();
        if (Notifications.Exists(n => n.Email == EmailDelivery.Pending) || summaryDue)
        {
            SendEmailsSoon();
        }

        if (!inbox.State.CallsRecounted)
        {
            // Outside activation: the wrap-ups are told one-way, and the flag is written once they were.
            this.RegisterGrainTimer(_ => AskWrapUpsToRecountCallsAsync(), TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }

        return base.OnActivateAsync(cancellationToken);
    }

    /// <summary>The kinds of wrap-up notice that asked their reader to act (see <c>WrapUpNotices</c>).</summary>
    private static readonly HashSet<string> WrapUpCallKinds =
    [
        NotificationKinds.Awarded, NotificationKinds.FilesDelivered, NotificationKinds.Approved, NotificationKinds.ChangesRequested,
        NotificationKinds.Signed, NotificationKinds.Reminder, NotificationKinds.Dispute, NotificationKinds.Proposal,
    ];

    /// <summary>
    /// Notices stored before calls to act were kept with them still carry their old call ("approve by 3 Dec"). Once per
    /// inbox, each wrap-up they came from is asked to recount its calls to this person (one-way: it may be handing this
    /// inbox a notice right now); it answers with <see cref="RestoreCallsAsync"/>, so those read as past where the step
    /// is over. A wrap-up that cannot answer leaves its notices as they were, as history.
    /// </summary>
    private async Task AskWrapUpsToRecountCallsAsync()
    {
        var wrapUps = Notifications
            .Where(n => n.Call is null && WrapUpCallKinds.Contains(n.Kind))
            .Select(n => WrapUpIdOf(n.Id))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        foreach (var wrapUpId in wrapUps)
        {
            await grains.GetGrain<IWrapUpGrain>(wrapUpId).RecountCallsAsync(Actor.System, UserId);
        }

        inbox.State.CallsRecounted = true;
        if (wrapUps.Count > 0)
        {
            await inbox.SaveAsync(this);
        }
    }

    /// <summary>"wrapup/{projectId}/{attempt}/{position}" → "{projectId}/{attempt}"; null for other notices.</summary>
    private static string? WrapUpIdOf(string notificationId) =>
        notificationId.StartsWith("wrapup/", StringComparison.Ordinal) && notificationId.LastIndexOf('/') is var last && last > "wrapup/".Length
            ? notificationId["wrapup/".Length..last]
            : null;

    private void RequireOwner(Actor actor)
    {
        if (!actor.Is(UserId))
        {
            // Staff included: an inbox holds what was written to one person; staff see the handovers themselves.
            throw MarketplaceException.Forbidden("Only the account holder can see or change their notifications.");
        }
    }

    private int UnreadCount() => Notifications.Count(n => n.ReadAt is null);

    private static StoredNotification Validated(NewNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (string.IsNullOrWhiteSpace(notification.Id) || string.IsNullOrWhiteSpace(notification.Kind))
        {
            throw MarketplaceException.Invalid("A notification needs an id and a kind.");
        }

        var text = ActorChecks.RequireText(notification.Text, "the notification's text", NotificationLimits.MaxText);
        if (!IsSitePath(notification.Link) || notification.AlsoLink is { } also && !IsSitePath(also))
        {
            throw MarketplaceException.Invalid("A notification links to a page of this site (a path starting with '/').");
        }

        var call = notification.Call is { } asked
            ? asked with { PastText = ActorChecks.RequireText(asked.PastText, "the notification's past text", NotificationLimits.MaxText) }
            : null;
        return new StoredNotification(notification.Id, notification.At, notification.Kind, text, notification.Link, null, EmailDelivery.Pending, 0, null, call)
        {
            AlsoLink = notification.AlsoLink,
        };
    }

    private static bool IsSitePath(string? link) =>
        link is ['/', ..] && !link.StartsWith("//", StringComparison.Ordinal) && !link.Contains('\\');

    /// <summary>Keeps the newest <see cref="NotificationLimits.Kept"/>: older news has been acted on or no longer matters.</summary>
    private void DropOldestBeyondLimit()
    {
        if (Notifications.Count > NotificationLimits.Kept)
        {
            Notifications.RemoveRange(0, Notifications.Count - NotificationLimits.Kept);
        }
    }

    private void SendEmailsSoon()
    {
        if (emailTimer is null)
        {
            emailTimer = this.RegisterGrainTimer(SendPendingEmailsAsync, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
        else
        {
            emailTimer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Emails every pending notification, oldest first, records each outcome, and keeps the retry reminder only while something is pending.</summary>
    private async Task SendPendingEmailsAsync(CancellationToken cancellationToken)
    {
        var pending = Notifications.Where(n => n.Email == EmailDelivery.Pending).Select(n => n.Id).ToList();
        if (pending.Count > 0 || inbox.State.SummaryDueFor is not null)
        {
            var contact = await ContactAsync();
            foreach (var id in pending)
            {
                var index = Notifications.FindIndex(n => n.Id == id);
                Notifications[index] = await EmailAsync(Notifications[index], contact, cancellationToken);
            }

            await SendSummaryIfDueAsync(contact, cancellationToken);

            await inbox.SaveAsync(this);
        }

        await KeepRetryReminderWhilePendingAsync();
    }

    private async Task<StoredNotification> EmailAsync(StoredNotification notification, UserContact? contact, CancellationToken cancellationToken)
    {
        if (contact is null)
        {
            return notification with { Email = EmailDelivery.NoAddress };
        }

        try
        {
            var unsubscribe = EmailKinds.IsContestActivity(notification.Kind) ? await UnsubscribeUrlAsync() : null;
            await sender.SendAsync(NotificationEmails.Compose(UserId, notification, contact, emailOptions.Value, unsubscribe, Zone), cancellationToken);
            return notification with { Email = EmailDelivery.Sent, EmailAttempts = notification.EmailAttempts + 1, EmailError = null };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var attempts = notification.EmailAttempts + 1;
            var gaveUp = attempts >= MaxEmailAttempts;
            LogEmailFailed(logger, e, UserId, notification.Id, attempts, gaveUp);
            return notification with { Email = gaveUp ? EmailDelivery.Failed : EmailDelivery.Pending, EmailAttempts = attempts, EmailError = e.Message };
        }
    }

    /// <summary>The person's name and address; null when nobody registered under this id (nothing to email).</summary>
    private async Task<UserContact?> ContactAsync()
    {
        try
        {
            return await grains.GetGrain<IUserGrain>(UserId).GetContactAsync(Actor.System);
        }
        catch (MarketplaceException e) when (e.Kind == ErrorKind.NotFound)
        {
            return null;
        }
    }

    private async Task KeepRetryReminderWhilePendingAsync()
    {
        var stillPending = Notifications.Exists(n => n.Email == EmailDelivery.Pending) || inbox.State.SummaryDueFor is not null;
        if (stillPending == inbox.State.EmailRetryScheduled)
        {
            return;
        }

        if (stillPending)
        {
            await this.RegisterOrUpdateReminder(EmailRetryReminder, EmailRetryEvery, EmailRetryEvery);
        }
        else if (await this.GetReminder(EmailRetryReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        inbox.State.EmailRetryScheduled = stillPending;
        await inbox.SaveAsync(this);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Emailing notification {NotificationId} to user {UserId} failed (attempt {Attempts}; gave up: {GaveUp})")]
    private static partial void LogEmailFailed(ILogger logger, Exception exception, string userId, string notificationId, int attempts, bool gaveUp);
}

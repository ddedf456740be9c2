using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Marketplace.Contracts;
using Marketplace.Contracts.Notifications;
using Marketplace.Contracts.Users;
using Microsoft.Extensions.Logging;

namespace Marketplace.Grains.Notifications;

/// <summary>
/// What the person chose for contest activity email, kept in the inbox's own state because the inbox makes every
/// email decision: one read, one write, no second grain to agree with. Each notice is emailed alone (the default),
/// held for one summary a day at the person's hour in their time zone (a durable reminder, moved to each next summary
/// time, see <see cref="SummarySchedule"/>), or not emailed; every other kind is always emailed. The site shows every
/// notice whatever the choice. The time zone is kept here too: the inbox writes every notice and email in it and
/// schedules the summary by it, so changing it moves the next summary in the same write.
/// </summary>
public sealed partial class NotificationInboxGrain
{
    public const string DailySummaryReminder = "notification-daily-summary";

    private ContestActivityEmail Choice => inbox.State.ContestActivity;

    private int SummaryHour => inbox.State.SummaryHour ?? EmailKinds.DefaultSummaryHour;

    /// <summary>The person's zone; UTC until they set one (or if this server no longer knows it).</summary>
    private TimeZoneInfo Zone => LocalTimes.ZoneOrUtc(inbox.State.TimeZone);

    private EmailSettings Settings => new(Choice, SummaryHour);

    public Task<EmailSettings> GetEmailSettingsAsync(Actor actor)
    {
        RequireSettingsOwner(actor);
        return Task.FromResult(Settings);
    }

    public async Task<EmailSettings> SetEmailSettingsAsync(Actor actor, EmailSettings settings)
    {
        RequireSettingsOwner(actor);
        if (settings is null || !Enum.IsDefined(settings.ContestActivity))
        {
            throw MarketplaceException.Invalid("Choose how to get emails about contest activity: each one, a daily summary, or none.");
        }

        if (settings.SummaryHour is < 0 or > 23)
        {
            throw MarketplaceException.Invalid("Choose the hour of the daily summary as a whole hour from 0 (midnight) to 23 (11 pm), in your time zone.");
        }

        if (settings.SummaryHour is { } hour && hour != SummaryHour)
        {
            // Saved with the choice below (or here when the choice stays), and the reminder follows the new hour.
            inbox.State.SummaryHour = hour;
            if (settings.ContestActivity == Choice)
            {
                await inbox.SaveAsync(this);
                await MoveSummaryReminderAsync();
            }
        }

        await ChooseAsync(settings.ContestActivity);
        return Settings;
    }

    public Task<string?> GetTimeZoneAsync(Actor actor)
    {
        RequireSettingsOwner(actor);
        return Task.FromResult(inbox.State.TimeZone);
    }

    public async Task<string> SetTimeZoneAsync(Actor actor, string timeZone)
    {
        RequireSettingsOwner(actor);
        var zone = LocalTimes.FindZone(timeZone) ?? throw MarketplaceException.Invalid(
            $"“{Shortened(timeZone)}” is not a time zone we know. Choose one from the list, or give an IANA time zone name such as Europe/Berlin or America/New_York.");
        await StoreZoneAsync(zone.Id);
        return zone.Id;
    }

    public async Task DetectTimeZoneAsync(Actor actor, string? timeZone)
    {
        RequireSettingsOwner(actor);
        if (inbox.State.TimeZone is null && LocalTimes.FindZone(timeZone) is { } zone)
        {
            await StoreZoneAsync(zone.Id);
        }
    }

    public Task<ContactSettings> GetContactSettingsAsync(Actor actor)
    {
        if (!actor.Is(UserId) && !actor.IsStaff)
        {
            throw MarketplaceException.Forbidden("Only the account holder and Marketplace staff can see these settings.");
        }

        return Task.FromResult(new ContactSettings(Settings, inbox.State.TimeZone));
    }

    public Task<EmailSettings> CheckUnsubscribeTokenAsync(string token)
    {
        RequireUnsubscribeToken(token);
        return Task.FromResult(Settings);
    }

    public async Task UnsubscribeAsync(string token)
    {
        RequireUnsubscribeToken(token);
        await ChooseAsync(ContestActivityEmail.None);
    }

    private async Task StoreZoneAsync(string zoneId)
    {
        if (zoneId == inbox.State.TimeZone)
        {
            return;
        }

        inbox.State.TimeZone = zoneId;
        await inbox.SaveAsync(this);
        await MoveSummaryReminderAsync();
    }

    private static string Shortened(string? text) =>
        text is null ? "" : text.Trim() is var t && t.Length > LocalTimes.MaxIdLength ? t[..LocalTimes.MaxIdLength] + "…" : t;

    /// <summary>The reminder's tick: the due summary, then the reminder moved to the next summary time (a day is not always 24 hours).</summary>
    private async Task SendDueSummaryAndRescheduleAsync()
    {
        await SendDueSummaryAsync(Actor.System);
        await MoveSummaryReminderAsync();
    }

    public async Task SendDueSummaryAsync(Actor actor)
    {
        actor.RequireSystem("send the daily summary");
        if (QueueSummaryIfDue())
        {
            await SendPendingEmailsAsync(CancellationToken.None);
        }
    }

    private void RequireSettingsOwner(Actor actor)
    {
        if (!actor.Is(UserId))
        {
            // Staff included: which emails someone gets is theirs to choose.
            throw MarketplaceException.Forbidden("Only the account holder can see or change their email settings.");
        }
    }

    /// <summary>How a new notice is emailed: contest activity as chosen, everything else at once.</summary>
    private StoredNotification WithEmailChoice(StoredNotification notification) =>
        !EmailKinds.IsContestActivity(notification.Kind) ? notification
        : Choice switch
        {
            ContestActivityEmail.Daily => notification with { Email = EmailDelivery.HeldForSummary },
            ContestActivityEmail.None => notification with { Email = EmailDelivery.NotEmailed },
            _ => notification,
        };

    /// <summary>
    /// Stores the new choice. Contest activity still waiting follows it: leaving the daily summary for "each" sends what it
    /// held as one summary now (rather than a burst of single emails), for "none" it stays on the site only; choosing the
    /// summary holds what was still waiting to be emailed.
    /// </summary>
    private async Task ChooseAsync(ContestActivityEmail choice)
    {
        if (choice == Choice)
        {
            return;
        }

        var now = clock.GetUtcNow();
        if (choice == ContestActivityEmail.Each && Held(now).Any())
        {
            inbox.State.SummaryDueFor = now;
        }

        var waitingBecomes = choice switch
        {
            ContestActivityEmail.Daily => EmailDelivery.HeldForSummary,
            ContestActivityEmail.None => EmailDelivery.NotEmailed,
            _ => (EmailDelivery?)null,
        };
        if (choice == ContestActivityEmail.None)
        {
            inbox.State.SummaryDueFor = null;
            inbox.State.SummaryAttempts = 0;
        }

        for (var i = 0; i < Notifications.Count; i++)
        {
            var waiting = Notifications[i].Email == EmailDelivery.Pending && EmailKinds.IsContestActivity(Notifications[i].Kind)
                || Notifications[i].Email == EmailDelivery.HeldForSummary && choice == ContestActivityEmail.None;
            if (waiting && waitingBecomes is { } becomes)
            {
                Notifications[i] = Notifications[i] with { Email = becomes };
            }
        }

        inbox.State.ContestActivity = choice;
        await inbox.SaveAsync(this);
        await KeepSummaryReminderWhileDailyAsync();
        if (inbox.State.SummaryDueFor is not null)
        {
            SendEmailsSoon();
        }
    }

    /// <summary>The notices held for a summary, up to <paramref name="upTo"/>.</summary>
    private IEnumerable<StoredNotification> Held(DateTimeOffset upTo) =>
        Notifications.Where(n => n.Email == EmailDelivery.HeldForSummary && n.At <= upTo);

    /// <summary>
    /// Marks a summary due when the latest daily hour has passed since the last summary and notices from before it are
    /// held; true when one is due (now or from an earlier failed attempt). A notice that arrives after the hour waits for
    /// the next day's, so there is one summary a day.
    /// </summary>
    private bool QueueSummaryIfDue()
    {
        if (Choice == ContestActivityEmail.Daily)
        {
            var hour = SummarySchedule.Latest(clock.GetUtcNow(), SummaryHour, Zone);
            if (inbox.State.SummaryDueFor is null && AfterLastSummaryDay(hour) && Held(hour).Any())
            {
                inbox.State.SummaryDueFor = hour;
            }
        }

        return inbox.State.SummaryDueFor is not null;
    }

    /// <summary>
    /// One summary per day of the person's calendar: a summary time counts only if it is later than the last summary
    /// and on a later day, so moving the hour or the zone after today's summary waits for tomorrow's.
    /// </summary>
    private bool AfterLastSummaryDay(DateTimeOffset hour) =>
        inbox.State.LastSummaryFor is not { } last
        || hour > last && SummarySchedule.LocalDay(hour, Zone) > SummarySchedule.LocalDay(last, Zone);

    /// <summary>
    /// Emails the due summary: the held notices up to its time that are still unread (read ones are left out: the person
    /// saw them), newest first. Each notice is marked with the outcome, so a summary is never sent twice for the same
    /// notices; a failure keeps them held and is retried with the other emails. Saved by the caller.
    /// </summary>
    private async Task SendSummaryIfDueAsync(UserContact? contact, CancellationToken cancellationToken)
    {
        if (inbox.State.SummaryDueFor is not { } upTo)
        {
            return;
        }

        var held = Held(upTo).Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        MarkHeld(held, n => n.ReadAt is null ? n : n with { Email = EmailDelivery.ReadFirst });
        var unread = Notifications.Where(n => held.Contains(n.Id) && n.Email == EmailDelivery.HeldForSummary).Reverse().ToList();
        if (unread.Count == 0 || contact is null)
        {
            MarkHeld(held, n => n.Email == EmailDelivery.HeldForSummary ? n with { Email = EmailDelivery.NoAddress } : n);
            SummaryDone(upTo);
            return;
        }

        try
        {
            var unsubscribe = await UnsubscribeUrlAsync();
            await sender.SendAsync(NotificationEmails.ComposeSummary(UserId, unread, contact, emailOptions.Value, unsubscribe, upTo, Zone, SummaryHour), cancellationToken);
            MarkHeld(held, n => n.Email == EmailDelivery.HeldForSummary ? n with { Email = EmailDelivery.Sent, EmailAttempts = n.EmailAttempts + 1 } : n);
            SummaryDone(upTo);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var attempts = ++inbox.State.SummaryAttempts;
            var gaveUp = attempts >= MaxEmailAttempts;
            LogSummaryFailed(logger, e, UserId, unread.Count, attempts, gaveUp);
            if (gaveUp)
            {
                MarkHeld(held, n => n.Email == EmailDelivery.HeldForSummary ? n with { Email = EmailDelivery.Failed, EmailAttempts = attempts, EmailError = e.Message } : n);
                SummaryDone(upTo);
            }
        }
    }

    private void MarkHeld(HashSet<string> ids, Func<StoredNotification, StoredNotification> mark)
    {
        for (var i = 0; i < Notifications.Count; i++)
        {
            if (ids.Contains(Notifications[i].Id))
            {
                Notifications[i] = mark(Notifications[i]);
            }
        }
    }

    private void SummaryDone(DateTimeOffset upTo)
    {
        inbox.State.SummaryDueFor = null;
        inbox.State.SummaryAttempts = 0;
        inbox.State.LastSummaryFor = upTo;
    }

    /// <summary>The daily reminder exists exactly while the person chose the summary; it is due at the next summary time.</summary>
    private async Task KeepSummaryReminderWhileDailyAsync()
    {
        var daily = Choice == ContestActivityEmail.Daily;
        if (daily == inbox.State.SummaryReminderScheduled)
        {
            return;
        }

        if (daily)
        {
            await RegisterSummaryReminderAsync();
        }
        else if (await this.GetReminder(DailySummaryReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        inbox.State.SummaryReminderScheduled = daily;
        await inbox.SaveAsync(this);
    }

    /// <summary>A changed zone or hour (or the reminder's own tick) moves a registered reminder to the next summary time.</summary>
    private async Task MoveSummaryReminderAsync()
    {
        if (inbox.State.SummaryReminderScheduled && Choice == ContestActivityEmail.Daily)
        {
            await RegisterSummaryReminderAsync();
        }
    }

    /// <summary>
    /// Due at the next summary time, with a day as its period only as a fallback: each tick moves it to the next
    /// summary time again, since a day with a clock change has 23 or 25 hours.
    /// </summary>
    private async Task RegisterSummaryReminderAsync()
    {
        var now = clock.GetUtcNow();
        var next = SummarySchedule.Next(now, SummaryHour, Zone);
        await this.RegisterOrUpdateReminder(DailySummaryReminder, next - now, TimeSpan.FromDays(1));
    }

    /// <summary>
    /// The one-click link every optional email carries: <c>/unsubscribe/{token}</c>, the token naming this inbox and a
    /// random 256-bit secret made (and stored) with the first optional email. It does not expire: an old email's link
    /// must still work, and it can only turn optional email off.
    /// </summary>
    private async Task<string> UnsubscribeUrlAsync()
    {
        if (inbox.State.UnsubscribeSecret is null)
        {
            inbox.State.UnsubscribeSecret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(LinkTokens.SecretBytes));
            // Stored before any email carries it, so no link goes out that this inbox would not know.
            await inbox.SaveAsync(this);
        }

        return emailOptions.Value.SiteUrl.TrimEnd('/') + "/unsubscribe/" + UnsubscribeToken(inbox.State.UnsubscribeSecret);
    }

    private string UnsubscribeToken(string secret) => LinkTokens.Create(UserId, Base64Url.DecodeFromChars(secret));

    /// <summary>Compared in fixed time; an inbox that never sent an optional email has no token at all.</summary>
    private void RequireUnsubscribeToken(string token)
    {
        var matches = inbox.State.UnsubscribeSecret is { } secret && token is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(UnsubscribeToken(secret)), Encoding.UTF8.GetBytes(token.Trim()));
        if (!matches)
        {
            throw MarketplaceException.NotFound(
                "This unsubscribe link is not valid. To change which emails you get, sign in and open your email settings (Account, then Email settings).");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Emailing the daily summary of {Count} notices to user {UserId} failed (attempt {Attempts}; gave up: {GaveUp})")]
    private static partial void LogSummaryFailed(ILogger logger, Exception exception, string userId, int count, int attempts, bool gaveUp);
}

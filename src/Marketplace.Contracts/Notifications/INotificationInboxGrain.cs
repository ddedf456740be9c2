namespace Marketplace.Contracts.Notifications;

/// <summary>
/// One person's notifications (key: user id): what happened that they should know about, written for them, with the
/// page where they act. Keeps the newest <see cref="NotificationLimits.Kept"/>. Each new notification is also emailed to
/// the person's address as their <see cref="EmailSettings"/> say (contest activity one by one, in a daily summary, or
/// not at all; the rest always); the notification stays in the inbox whether or not an email went out.
/// </summary>
public interface INotificationInboxGrain : IGrainWithStringKey
{
    /// <summary>Only the owner: their notifications, newest first, and how many are unread.</summary>
    Task<InboxView> GetAsync(Actor actor);

    /// <summary>
    /// Only the owner: the newest <paramref name="count"/> notifications (newest first) and, wherever they are, every
    /// call to act that still stands, so a short page never hides what waits on the reader; <see cref="InboxView.Older"/>
    /// counts the rest.
    /// </summary>
    Task<InboxView> GetNewestAsync(Actor actor, int count);

    /// <summary>Only the owner: how many are unread (what the page header shows).</summary>
    Task<int> CountUnreadAsync(Actor actor);

    /// <summary>
    /// Only the owner: marks the named notifications read, or all of them when <paramref name="ids"/> is null or empty.
    /// An id that is not in this inbox is refused (NotFound) and nothing changes. Returns the unread count after.
    /// </summary>
    Task<int> MarkReadAsync(Actor actor, IReadOnlyList<string>? ids);

    /// <summary>
    /// Only <see cref="Actor.System"/> (the grain whose event it tells): adds the notification unless one with the same
    /// id is already here, so a retried delivery never shows twice. Returns whether it was new.
    /// </summary>
    Task<bool> AddAsync(Actor actor, NewNotification notification);

    /// <summary>
    /// Only <see cref="Actor.System"/>: the calls to act of <paramref name="topic"/> sent before <paramref name="before"/>
    /// no longer stand (the step moved on); they read as past from now on. Repeating it changes nothing.
    /// </summary>
    Task EndCallsAsync(Actor actor, string topic, long before);

    /// <summary>
    /// Only <see cref="Actor.System"/>: the call to act of <paramref name="topic"/> at exactly <paramref name="position"/>
    /// no longer stands (one of several open asks was settled, such as one question answered). Repeating it changes nothing.
    /// </summary>
    Task EndCallAtAsync(Actor actor, string topic, long position);

    /// <summary>
    /// Only <see cref="Actor.System"/>: the calls of <paramref name="topic"/> at <paramref name="positions"/> that still
    /// stand were replaced by a newer notice (their date moved or no longer applies); they read as past, with
    /// <paramref name="note"/> saying what changed. Repeating it changes nothing.
    /// </summary>
    Task SupersedeCallsAsync(Actor actor, string topic, IReadOnlyList<long> positions, string note);

    /// <summary>
    /// Only <see cref="Actor.System"/>: gives notifications stored without their call to act (before calls were kept)
    /// the call their sender recounts, ended or superseded as it is now. Notifications that already carry a call are
    /// left alone, so a repeat changes nothing.
    /// </summary>
    Task RestoreCallsAsync(Actor actor, IReadOnlyList<RestoredCall> calls);

    /// <summary>
    /// Only the owner: the IANA time zone their times are shown and emailed in; null when they never set one (UTC).
    /// Kept by the inbox, which schedules the daily summary by it and writes every notification email in it.
    /// </summary>
    Task<string?> GetTimeZoneAsync(Actor actor);

    /// <summary>
    /// Only the owner: stores the IANA time zone (Invalid, with a message, for an id this server does not know). Times
    /// in notifications and emails follow it from then on, and the next daily summary moves to the chosen hour there.
    /// </summary>
    Task<string> SetTimeZoneAsync(Actor actor, string timeZone);

    /// <summary>
    /// Only the owner: the zone their browser reported at sign-up or sign-in, stored only while none is set (a choice
    /// made on the account page is never overridden). An unknown id is ignored: nobody typed it.
    /// </summary>
    Task DetectTimeZoneAsync(Actor actor, string? timeZone);

    /// <summary>Only the owner and staff (read-only, for support): the email settings and the time zone.</summary>
    Task<ContactSettings> GetContactSettingsAsync(Actor actor);

    /// <summary>Only the owner: their email settings (each notice by default, the summary at 08:00 their time).</summary>
    Task<EmailSettings> GetEmailSettingsAsync(Actor actor);

    /// <summary>
    /// Only the owner (staff cannot change another person's): stores the choice for contest activity and, when given,
    /// the summary hour (0–23, their time). Leaving the daily summary sends what it held in one summary now (each) or
    /// drops it from email (none); it stays on the site.
    /// </summary>
    Task<EmailSettings> SetEmailSettingsAsync(Actor actor, EmailSettings settings);

    /// <summary>
    /// Anyone holding the unsubscribe link of an optional email: checks the token and changes nothing (a mail scanner
    /// may open the link). NotFound when the token is not this person's.
    /// </summary>
    Task<EmailSettings> CheckUnsubscribeTokenAsync(string token);

    /// <summary>Anyone holding the unsubscribe link: turns contest activity email off. NotFound when the token is not this person's.</summary>
    Task UnsubscribeAsync(string token);

    /// <summary>
    /// Only <see cref="Actor.System"/> (the inbox's daily reminder, or a test moving the clock): for a person who chose
    /// the daily summary, emails the contest activity held until the latest summary hour (in their zone) that has passed, leaving out what they already read on the site. Nothing is sent when nothing is held, and what
    /// was summarised is never summarised again.
    /// </summary>
    Task SendDueSummaryAsync(Actor actor);
}

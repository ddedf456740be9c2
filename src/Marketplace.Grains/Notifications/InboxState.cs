using Marketplace.Contracts.Notifications;

namespace Marketplace.Grains.Notifications;

/// <summary>One person's notifications, oldest first, at most <see cref="NotificationLimits.Kept"/>.</summary>
[GenerateSerializer]
public sealed class InboxState
{
    [Id(0)] public List<StoredNotification> Notifications { get; set; } = [];

    /// <summary>The retry reminder is registered (an email failed and is due again).</summary>
    [Id(1)] public bool EmailRetryScheduled { get; set; }

    /// <summary>
    /// The wrap-ups of notices stored before calls to act were kept with them were asked once to recount those calls
    /// (false in inboxes stored before that, and in new ones until their first write).
    /// </summary>
    [Id(2)] public bool CallsRecounted { get; set; }

    /// <summary>The person's choice for contest activity email (kept with the inbox, which makes every email decision).</summary>
    [Id(3)] public ContestActivityEmail ContestActivity { get; set; }

    /// <summary>
    /// The random secret of the person's unsubscribe links, made with their first optional email. Kept as it is, not
    /// hashed, because every later optional email carries the same link; it can only turn optional email off.
    /// </summary>
    [Id(4)] public string? UnsubscribeSecret { get; set; }

    /// <summary>A summary of the notices held up to this time is due (set at the daily hour, or on leaving the daily summary); null when none is.</summary>
    [Id(5)] public DateTimeOffset? SummaryDueFor { get; set; }

    /// <summary>Failed attempts at the due summary; it is retried with the other emails, up to the same limit.</summary>
    [Id(6)] public int SummaryAttempts { get; set; }

    /// <summary>The daily summary reminder is registered (the person chose the daily summary).</summary>
    [Id(7)] public bool SummaryReminderScheduled { get; set; }

    /// <summary>The daily hour the last summary covered, so a later wake-up on the same day sends no second one.</summary>
    [Id(8)] public DateTimeOffset? LastSummaryFor { get; set; }

    /// <summary>The IANA time zone the person's notifications and emails read in; null until set (UTC).</summary>
    [Id(9)] public string? TimeZone { get; set; }

    /// <summary>The hour of the daily summary in <see cref="TimeZone"/>; null for the default, 08:00.</summary>
    [Id(10)] public int? SummaryHour { get; set; }
}

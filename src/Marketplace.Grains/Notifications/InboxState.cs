using Marketplace.Contracts.Notifications;

namespace Marketplace.Grains.Notifications;

/// <summary>Where a notification's email stands. The notification itself is shown on the site whatever this says.</summary>
public enum EmailDelivery
{
    /// <summary>Not handed to the mail server yet (or the last attempt failed and another is due).</summary>
    Pending,
    Sent,
    /// <summary>Every attempt failed; the last error is kept and nothing more is tried.</summary>
    Failed,
    /// <summary>The person has no registered address (no profile): nothing to send.</summary>
    NoAddress,
}

[GenerateSerializer]
public sealed record StoredNotification(
    [property: Id(0)] string Id,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Kind,
    [property: Id(3)] string Text,
    [property: Id(4)] string Link,
    [property: Id(5)] DateTimeOffset? ReadAt,
    [property: Id(6)] EmailDelivery Email,
    [property: Id(7)] int EmailAttempts,
    [property: Id(8)] string? EmailError)
{
    public NotificationView ToView() => new(Id, At, Kind, Text, Link, ReadAt is not null);
}

/// <summary>One person's notifications, oldest first, at most <see cref="NotificationLimits.Kept"/>.</summary>
[GenerateSerializer]
public sealed class InboxState
{
    [Id(0)] public List<StoredNotification> Notifications { get; set; } = [];

    /// <summary>The retry reminder is registered (an email failed and is due again).</summary>
    [Id(1)] public bool EmailRetryScheduled { get; set; }
}

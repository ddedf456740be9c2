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
}

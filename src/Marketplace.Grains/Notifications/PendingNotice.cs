using Marketplace.Contracts.Notifications;

namespace Marketplace.Grains.Notifications;

/// <summary>A notification for one person, stored in the state of the grain whose change it reports until their inbox took it.</summary>
[GenerateSerializer, Immutable]
public sealed record PendingNotice(
    [property: Id(0)] string RecipientId,
    [property: Id(1)] NewNotification Notification);

namespace Marketplace.Contracts.Notifications;

[GenerateSerializer, Immutable]
public sealed record InboxView(
    [property: Id(0)] IReadOnlyList<NotificationView> Notifications,
    [property: Id(1)] int Unread);

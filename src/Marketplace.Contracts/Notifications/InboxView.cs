namespace Marketplace.Contracts.Notifications;

/// <summary>
/// <see cref="Unread"/> counts the whole inbox. <see cref="Older"/>: how many older notifications were left out
/// (<see cref="INotificationInboxGrain.GetNewestAsync"/>); zero when all are here.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record InboxView(
    [property: Id(0)] IReadOnlyList<NotificationView> Notifications,
    [property: Id(1)] int Unread,
    [property: Id(2)] int Older = 0);

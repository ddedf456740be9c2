namespace Marketplace.Contracts.Notifications;

[GenerateSerializer, Immutable]
public sealed record NotificationView(
    [property: Id(0)] string Id,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Kind,
    [property: Id(3)] string Text,
    [property: Id(4)] string Link,
    [property: Id(5)] bool Read);

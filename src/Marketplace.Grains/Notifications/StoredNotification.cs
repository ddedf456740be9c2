using Marketplace.Contracts.Notifications;

namespace Marketplace.Grains.Notifications;

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
    [property: Id(8)] string? EmailError,
    [property: Id(9)] CallToAct? Call = null,
    [property: Id(10)] DateTimeOffset? CallEndedAt = null)
{
    public NotificationView ToView() => new(Id, At, Kind, StepOver ? Call!.PastText : Text, Link, ReadAt is not null, StepOver);

    private bool StepOver => Call is not null && CallEndedAt is not null;
}

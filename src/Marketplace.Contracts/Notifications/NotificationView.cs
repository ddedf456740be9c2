namespace Marketplace.Contracts.Notifications;

/// <summary>
/// <see cref="StepOver"/>: it asked its reader to act on a step that has since ended; <see cref="Text"/> then says only
/// what happened (no call, no deadline).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record NotificationView(
    [property: Id(0)] string Id,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Kind,
    [property: Id(3)] string Text,
    [property: Id(4)] string Link,
    [property: Id(5)] bool Read,
    [property: Id(6)] bool StepOver = false);

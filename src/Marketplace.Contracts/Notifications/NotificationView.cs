namespace Marketplace.Contracts.Notifications;

/// <summary>
/// <see cref="StepOver"/>: it asked its reader to act and that call no longer stands; <see cref="Text"/> then says only
/// what happened (no call, no deadline). <see cref="Superseded"/> says why when the step is not over but its date
/// changed (a newer notice carries the new one), e.g. "That date moved to Tue 8 Dec, 14:00 UTC; see the newer notice."
/// <see cref="Asks"/>: it asks its reader to act and that still stands (the page's "Needs you").
/// </summary>
[GenerateSerializer, Immutable]
public sealed record NotificationView(
    [property: Id(0)] string Id,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Kind,
    [property: Id(3)] string Text,
    [property: Id(4)] string Link,
    [property: Id(5)] bool Read,
    [property: Id(6)] bool StepOver = false,
    [property: Id(7)] string? Superseded = null,
    [property: Id(8)] bool Asks = false);

using Marketplace.Contracts.Notifications;

namespace Marketplace.Grains.Notifications;

/// <summary>
/// <see cref="CallEndedAt"/>: when its <see cref="Call"/> stopped standing; <see cref="Superseded"/> says why when a newer
/// notice replaced it (its date moved) rather than the step ending. Notices stored before calls were kept have neither
/// (see <see cref="NotificationInboxGrain"/>: their sender recounts them once).
/// </summary>
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
    [property: Id(10)] DateTimeOffset? CallEndedAt = null,
    [property: Id(11)] string? Superseded = null,
    [property: Id(12)] string? AlsoLink = null)
{
    /// <summary>As its reader sees it, with every time in the notice written in their <paramref name="zone"/>.</summary>
    public NotificationView ToView(TimeZoneInfo zone) =>
        new(Id, At, Kind, NoticeWords.InZone(StepOver ? Call!.PastText : Text, zone), Link, ReadAt is not null, StepOver,
            StepOver && Superseded is { } note ? NoticeWords.InZone(note, zone) : null, Asks);

    /// <summary>It asks its reader to act, and that still stands.</summary>
    public bool Asks => Call is not null && CallEndedAt is null;

    private bool StepOver => Call is not null && CallEndedAt is not null;
}

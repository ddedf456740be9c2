namespace Marketplace.Contracts.Notifications;

/// <summary>
/// A call to act a grain recounts for a notification stored before calls to act were kept with it (see
/// <see cref="INotificationInboxGrain.RestoreCallsAsync"/>): the call it made, whether it has ended, and the note if a
/// newer notice superseded it.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RestoredCall(
    [property: Id(0)] string NotificationId,
    [property: Id(1)] CallToAct Call,
    [property: Id(2)] bool Ended,
    [property: Id(3)] string? Superseded = null);

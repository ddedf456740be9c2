namespace Marketplace.Contracts.Notifications;

/// <summary>
/// A notification that asks its reader to act on a step (review by a date, sign, answer a dispute): it stands until the
/// grain that sent it says the step is over for that reader (<see cref="INotificationInboxGrain.EndCallsAsync"/>), and
/// then reads as <see cref="PastText"/>, what happened without the call or its deadline. <see cref="Topic"/> names the
/// sender (a wrap-up), <see cref="Position"/> orders its calls (its journal position).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CallToAct(
    [property: Id(0)] string Topic,
    [property: Id(1)] long Position,
    [property: Id(2)] string PastText);

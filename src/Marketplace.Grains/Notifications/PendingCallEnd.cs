namespace Marketplace.Grains.Notifications;

/// <summary>
/// An inbox to tell that the calls to act of <see cref="Topic"/> before <see cref="Before"/> no longer stand, stored in
/// the state of the grain whose change ended them until that inbox took it (handed over after the pending notices).
/// With <see cref="At"/> only the call at that position ends (one question answered), not every call before it; with
/// <see cref="Superseded"/> too, that call's date moved and the note says so (a newer notice carries the new date).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PendingCallEnd(
    [property: Id(0)] string RecipientId,
    [property: Id(1)] string Topic,
    [property: Id(2)] long Before)
{
    [Id(3)] public long? At { get; init; }

    [Id(4)] public string? Superseded { get; init; }
}

namespace Marketplace.Contracts.Notifications;

/// <summary>
/// What a grain hands an inbox. <see cref="Id"/> comes from what caused it (e.g. the wrap-up id and the journal
/// position), never from a clock or random number, so repeating a delivery is harmless. <see cref="Link"/> is a site
/// path ("/wrapups/p1/1"). <see cref="Call"/> is set when it asks the reader to act on a step that can end. <see cref="AlsoLink"/> is a second
/// site path its email gives when the reader needs two pages (the buyer of a completed handover: the files and the receipt).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record NewNotification(
    [property: Id(0)] string Id,
    [property: Id(1)] string Kind,
    [property: Id(2)] string Text,
    [property: Id(3)] string Link,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] CallToAct? Call = null,
    [property: Id(6)] string? AlsoLink = null);

namespace Marketplace.Contracts.WrapUps;

/// <summary>What the project grain hands a new wrap-up when its buyer awards an entry.</summary>
[GenerateSerializer, Immutable]
public sealed record WrapUpStart(
    [property: Id(0)] string ProjectId,
    [property: Id(1)] string ProjectTitle,
    [property: Id(2)] string BuyerId,
    [property: Id(3)] string CreativeId,
    [property: Id(4)] string EntryId,
    [property: Id(5)] Money Prize,
    [property: Id(6)] IReadOnlyList<string> DeliverableFormats)
{
    /// <summary>The winning entry's number in its gallery ("entry #7"), which the winner's notice names; null in handovers started before it.</summary>
    [Id(7)] public int? EntryNumber { get; init; }
}

/// <summary>How a wrap-up ended, reported back to its project grain exactly once.</summary>
public enum WrapUpOutcome
{
    /// <summary>Handover done, creative paid: the project is completed.</summary>
    Completed,
    /// <summary>Escrow split by staff decision: the project is completed (closed) without a full handover.</summary>
    Split,
    /// <summary>Buyer refunded: the project is refunded.</summary>
    Refunded,
    /// <summary>Staff let the buyer award another entry: the project goes back to selecting; escrow still held.</summary>
    AwardAnother,
    /// <summary>Staff reopened the project for new entries; escrow still held.</summary>
    Reopened,
}

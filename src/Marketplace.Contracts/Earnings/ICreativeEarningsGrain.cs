namespace Marketplace.Contracts.Earnings;

/// <summary>
/// A creative's payouts (key: the creative's user id), told by escrow each time it pays them, so the earnings statement
/// is one call and never a storage scan. Recording is idempotent by the escrow operation id.
/// </summary>
public interface ICreativeEarningsGrain : IGrainWithStringKey
{
    /// <summary>Only <see cref="Actor.System"/> (escrow). A payout already recorded changes nothing.</summary>
    Task RecordPayoutAsync(Actor actor, CreativePayout payout);

    /// <summary>The creative themselves and staff; anyone else is refused (403).</summary>
    Task<EarningsStatement> GetAsync(Actor actor);
}

public enum PayoutKind
{
    /// <summary>The whole prize, released after the handover completed.</summary>
    Prize,

    /// <summary>The creative's gross share of a split settlement.</summary>
    SplitShare,
}

/// <summary>One payout as escrow made it: <paramref name="Gross"/> less <paramref name="Fee"/> is <paramref name="Received"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record CreativePayout(
    [property: Id(0)] string OperationId,
    [property: Id(1)] string ProjectId,
    [property: Id(2)] string ProjectTitle,
    [property: Id(3)] PayoutKind Kind,
    [property: Id(4)] Money Gross,
    [property: Id(5)] Money Fee,
    [property: Id(6)] Money Received,
    [property: Id(7)] DateTimeOffset PaidAt,
    [property: Id(8)] string PaymentReference);

/// <summary>A calendar year's payouts (UTC) in one currency, added up.</summary>
[GenerateSerializer, Immutable]
public sealed record EarningsYear(
    [property: Id(0)] int Year,
    [property: Id(1)] int Payouts,
    [property: Id(2)] Money Gross,
    [property: Id(3)] Money Fee,
    [property: Id(4)] Money Received);

/// <summary>Every payout, newest first, and the totals of each year, newest first.</summary>
[GenerateSerializer, Immutable]
public sealed record EarningsStatement(
    [property: Id(0)] string CreativeId,
    [property: Id(1)] IReadOnlyList<CreativePayout> Payouts,
    [property: Id(2)] IReadOnlyList<EarningsYear> Years);

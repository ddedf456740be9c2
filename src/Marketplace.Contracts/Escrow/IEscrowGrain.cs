using Orleans.Concurrency;

namespace Marketplace.Contracts.Escrow;

/// <summary>
/// The prize of one project held in escrow (key: project id). Every movement names an operation id and
/// applies exactly once: a retried call with the same id returns the first result and moves nothing.
/// Balances never go negative. Only <see cref="Actor.System"/> (grains) and staff may move money;
/// funding is done by the project's buyer (through the project grain).
/// </summary>
public interface IEscrowGrain : IGrainWithStringKey
{
    /// <summary>
    /// Takes the prize from the buyer through the payment gateway and holds it. The title is kept to name the project on
    /// the creative's earnings statement (an open brief is never edited, so it stays right).
    /// </summary>
    Task<EscrowStatement> FundAsync(Actor actor, string operationId, string buyerId, Money amount, string projectTitle);

    /// <summary>
    /// Pays <paramref name="gross"/> (at most what is held) to the creative, less the platform fee. Every payout (here
    /// and in a split) is then told to the creative's <c>ICreativeEarningsGrain</c>, retried until it took it.
    /// </summary>
    Task<EscrowStatement> ReleaseToCreativeAsync(Actor actor, string operationId, string creativeId, Money gross);

    /// <summary>Returns <paramref name="amount"/> (at most what is held) to the buyer.</summary>
    Task<EscrowStatement> RefundToBuyerAsync(Actor actor, string operationId, Money amount);

    /// <summary>Pays the creative part (less fee) and refunds the buyer part in one movement; parts add up to at most what is held.</summary>
    Task<EscrowStatement> SplitAsync(Actor actor, string operationId, string creativeId, Money toCreative, Money toBuyer);

    Task<EscrowStatement> GetStatementAsync();

    /// <summary>
    /// Only <see cref="Actor.System"/>: every payout this escrow made to <paramref name="creativeId"/>, read from its
    /// movements, for an earnings ledger catching up on payouts made before it existed. The project title is empty when
    /// the escrow was funded before it kept one. Interleaved (it only reads the ledger), so an earnings grain asking it
    /// while this escrow is telling that same grain of a payout cannot deadlock.
    /// </summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<Earnings.CreativePayout>> GetPayoutsToAsync(Actor actor, string creativeId);
}

public enum EscrowMovementKind
{
    Funded,
    ReleasedToCreative,
    PlatformFee,
    RefundedToBuyer,
}

[GenerateSerializer, Immutable]
public sealed record EscrowMovement(
    [property: Id(0)] string OperationId,
    [property: Id(1)] EscrowMovementKind Kind,
    [property: Id(2)] Money Amount,
    [property: Id(3)] string PartyId,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] string GatewayReference);

/// <summary>Funded = ReleasedToCreative + Fees + Refunded + Held, always.</summary>
[GenerateSerializer, Immutable]
public sealed record EscrowStatement(
    [property: Id(0)] Money Funded,
    [property: Id(1)] Money ReleasedToCreative,
    [property: Id(2)] Money Fees,
    [property: Id(3)] Money Refunded,
    [property: Id(4)] Money Held,
    [property: Id(5)] IReadOnlyList<EscrowMovement> Movements);

using Marketplace.Contracts;
using Marketplace.Contracts.Escrow;
using Marketplace.Payments;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Marketplace.Grains.Escrow;

[GenerateSerializer]
public sealed class EscrowState
{
    [Id(0)] public string? BuyerId { get; set; }
    [Id(1)] public string? Currency { get; set; }
    [Id(2)] public List<EscrowMovement> Movements { get; set; } = [];
}

/// <summary>
/// The prize of one project (key: project id). The movement list is the ledger: an operation id already in it has
/// been applied, so a retry returns the statement and moves nothing. The gateway is called before the state is
/// written, with the operation id as idempotency key, so a failure between the two is healed by the retry.
/// </summary>
public sealed class EscrowGrain(
    [PersistentState("escrow", StorageNames.GrainStorage)] IPersistentState<EscrowState> escrow,
    IPaymentGateway gateway,
    IOptions<FeeOptions> fees,
    [FromKeyedServices(MarketplaceClock.Key)] TimeProvider clock,
    IGrainFactory grains) : Grain, IEscrowGrain
{
    private EscrowState State => escrow.State;

    public async Task<EscrowStatement> FundAsync(Actor actor, string operationId, string buyerId, Money amount)
    {
        actor.RequireSystem("fund an escrow (open the project instead)");
        RequireOperationId(operationId);
        if (AlreadyApplied(operationId))
        {
            return Statement();
        }

        if (State.Currency is not null)
        {
            throw MarketplaceException.Conflict("This project's escrow is already funded.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(buyerId);
        RequirePositive(amount, "The prize");
        var reference = await gateway.CollectAsync(operationId, buyerId, amount);
        State.BuyerId = buyerId;
        State.Currency = amount.Currency;
        Record(operationId, EscrowMovementKind.Funded, amount, buyerId, reference);
        await escrow.SaveAsync(this);
        return Statement();
    }

    public async Task<EscrowStatement> ReleaseToCreativeAsync(Actor actor, string operationId, string creativeId, Money gross)
    {
        await RequireMayMoveMoneyAsync(actor);
        RequireOperationId(operationId);
        if (AlreadyApplied(operationId))
        {
            return Statement();
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(creativeId);
        RequirePositive(gross, "The amount released");
        RequireHeld(gross);
        await PayCreativeAsync(operationId, creativeId, gross);
        await escrow.SaveAsync(this);
        return Statement();
    }

    public async Task<EscrowStatement> RefundToBuyerAsync(Actor actor, string operationId, Money amount)
    {
        await RequireMayMoveMoneyAsync(actor);
        RequireOperationId(operationId);
        if (AlreadyApplied(operationId))
        {
            return Statement();
        }

        RequirePositive(amount, "The refund");
        RequireHeld(amount);
        await RefundBuyerAsync(operationId, amount);
        await escrow.SaveAsync(this);
        return Statement();
    }

    public async Task<EscrowStatement> SplitAsync(Actor actor, string operationId, string creativeId, Money toCreative, Money toBuyer)
    {
        await RequireMayMoveMoneyAsync(actor);
        RequireOperationId(operationId);
        if (AlreadyApplied(operationId))
        {
            return Statement();
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(creativeId);
        if (toCreative.Minor < 0 || toBuyer.Minor < 0)
        {
            throw MarketplaceException.Invalid("Split parts cannot be negative.");
        }

        var total = toCreative.Plus(toBuyer);
        RequirePositive(total, "The split");
        RequireHeld(total);
        if (toCreative.Minor > 0)
        {
            await PayCreativeAsync(operationId, creativeId, toCreative);
        }

        if (toBuyer.Minor > 0)
        {
            await RefundBuyerAsync(operationId, toBuyer);
        }

        await escrow.SaveAsync(this);
        return Statement();
    }

    public Task<EscrowStatement> GetStatementAsync() => Task.FromResult(Statement());

    private async Task PayCreativeAsync(string operationId, string creativeId, Money gross)
    {
        var fee = fees.Value.FeeOn(gross);
        var net = fees.Value.CreativeReceives(gross);
        var reference = await gateway.PayOutAsync(operationId, creativeId, net);
        Record(operationId, EscrowMovementKind.ReleasedToCreative, net, creativeId, reference);
        if (fee.Minor > 0)
        {
            Record(operationId, EscrowMovementKind.PlatformFee, fee, "platform", reference);
        }
    }

    private async Task RefundBuyerAsync(string operationId, Money amount)
    {
        var reference = await gateway.RefundAsync(operationId, State.BuyerId!, amount);
        Record(operationId, EscrowMovementKind.RefundedToBuyer, amount, State.BuyerId!, reference);
    }

    private async Task RequireMayMoveMoneyAsync(Actor actor)
    {
        if (!actor.IsSystem)
        {
            await grains.RequireStaffAsync(actor, "move escrow money");
        }
    }

    private static void RequireOperationId(string operationId)
    {
        if (string.IsNullOrWhiteSpace(operationId))
        {
            throw MarketplaceException.Invalid("Every escrow movement needs an operation id.");
        }
    }

    private bool AlreadyApplied(string operationId) => State.Movements.Exists(m => m.OperationId == operationId);

    private static void RequirePositive(Money amount, string what)
    {
        if (amount.Minor <= 0)
        {
            throw MarketplaceException.Invalid($"{what} must be more than zero.");
        }
    }

    /// <summary>Balances never go negative: nothing moves out that is not held, in the held currency.</summary>
    private void RequireHeld(Money amount)
    {
        if (State.Currency is null)
        {
            throw MarketplaceException.Conflict("Nothing is held in this escrow yet.");
        }

        var held = Statement().Held;
        if (amount.Currency != held.Currency)
        {
            throw MarketplaceException.Invalid($"This escrow holds {held.Currency}, not {amount.Currency}.");
        }

        if (amount.Minor > held.Minor)
        {
            throw MarketplaceException.Conflict($"Only {held} is held; {amount} cannot be paid out.");
        }
    }

    private void Record(string operationId, EscrowMovementKind kind, Money amount, string partyId, string reference) =>
        State.Movements.Add(new EscrowMovement(operationId, kind, amount, partyId, clock.GetUtcNow(), reference));

    private EscrowStatement Statement()
    {
        var currency = State.Currency ?? "";
        Money Sum(EscrowMovementKind kind) => new(State.Movements.Where(m => m.Kind == kind).Sum(m => m.Amount.Minor), currency);
        var funded = Sum(EscrowMovementKind.Funded);
        var released = Sum(EscrowMovementKind.ReleasedToCreative);
        var fee = Sum(EscrowMovementKind.PlatformFee);
        var refunded = Sum(EscrowMovementKind.RefundedToBuyer);
        var held = funded.Minus(released).Minus(fee).Minus(refunded);
        return new EscrowStatement(funded, released, fee, refunded, held, State.Movements.ToList());
    }
}

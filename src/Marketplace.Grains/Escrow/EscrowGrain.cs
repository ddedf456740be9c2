using Marketplace.Contracts;
using Marketplace.Contracts.Earnings;
using Marketplace.Contracts.Escrow;
using Marketplace.Grains.Notifications;
using Marketplace.Payments;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.Grains.Escrow;

[GenerateSerializer]
public sealed class EscrowState
{
    [Id(0)] public string? BuyerId { get; set; }
    [Id(1)] public string? Currency { get; set; }
    [Id(2)] public List<EscrowMovement> Movements { get; set; } = [];

    /// <summary>The project's title at funding, naming it on the creative's earnings statement.</summary>
    [Id(3)] public string? ProjectTitle { get; set; }

    /// <summary>Payouts stored with the movement that made them, until the creative's earnings grain took them.</summary>
    [Id(4)] public List<PendingPayout> PendingPayouts { get; set; } = [];
}

[GenerateSerializer]
public sealed record PendingPayout([property: Id(0)] string CreativeId, [property: Id(1)] CreativePayout Payout);

/// <summary>
/// The prize of one project (key: project id). The movement list is the ledger: an operation id already in it has
/// been applied, so a retry returns the statement and moves nothing. The gateway is called before the state is
/// written, with the operation id as idempotency key, so a failure between the two is healed by the retry.
/// A payout to a creative is written in the same save as its movement and then told to their earnings grain (an
/// outbox, like the notices'): until it took it, the next call, the grain's activation and a durable reminder tell it
/// again, and the earnings grain ignores an operation id it already has.
/// </summary>
public sealed partial class EscrowGrain(
    [PersistentState("escrow", StorageNames.GrainStorage)] IPersistentState<EscrowState> escrow,
    IPaymentGateway gateway,
    IOptions<FeeOptions> fees,
    [FromKeyedServices(MarketplaceClock.Key)] TimeProvider clock,
    IGrainFactory grains,
    ILogger<EscrowGrain> logger) : Grain, IEscrowGrain, IRemindable
{
    private const string PayoutsReminder = "payouts";

    private EscrowState State => escrow.State;

    public async Task<EscrowStatement> FundAsync(Actor actor, string operationId, string buyerId, Money amount, string projectTitle)
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
        State.ProjectTitle = projectTitle;
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
            // A retry also finishes telling the earnings grain, should the first call have stopped before it.
            await TellEarningsOrRetryLaterAsync();
            return Statement();
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(creativeId);
        RequirePositive(gross, "The amount released");
        RequireHeld(gross);
        await PayCreativeAsync(operationId, creativeId, gross, PayoutKind.Prize);
        await SaveAndTellEarningsAsync();
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
            // A retry also finishes telling the earnings grain, should the first call have stopped before it.
            await TellEarningsOrRetryLaterAsync();
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
            await PayCreativeAsync(operationId, creativeId, toCreative, PayoutKind.SplitShare);
        }

        if (toBuyer.Minor > 0)
        {
            await RefundBuyerAsync(operationId, toBuyer);
        }

        await SaveAndTellEarningsAsync();
        return Statement();
    }

    public Task<EscrowStatement> GetStatementAsync() => Task.FromResult(Statement());

    public Task<IReadOnlyList<CreativePayout>> GetPayoutsToAsync(Actor actor, string creativeId)
    {
        actor.RequireSystem("read the payouts of an escrow");
        IReadOnlyList<CreativePayout> payouts = State.Movements
            .Where(m => m.Kind == EscrowMovementKind.ReleasedToCreative && m.PartyId == creativeId)
            .Select(PayoutOf)
            .ToList();
        return Task.FromResult(payouts);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == PayoutsReminder && await TellEarningsAsync() && await this.GetReminder(PayoutsReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A silo may have stopped between storing a payout and telling the earnings grain: finish now, outside activation.
        if (State.PendingPayouts.Count > 0)
        {
            this.RegisterGrainTimer(_ => TellEarningsOrRetryLaterAsync(), TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }

        return base.OnActivateAsync(cancellationToken);
    }

    private async Task PayCreativeAsync(string operationId, string creativeId, Money gross, PayoutKind kind)
    {
        var fee = fees.Value.FeeOn(gross);
        var net = fees.Value.CreativeReceives(gross);
        var reference = await gateway.PayOutAsync(operationId, creativeId, net);
        Record(operationId, EscrowMovementKind.ReleasedToCreative, net, creativeId, reference);
        if (fee.Minor > 0)
        {
            Record(operationId, EscrowMovementKind.PlatformFee, fee, "platform", reference);
        }

        var payout = new CreativePayout(operationId, this.GetPrimaryKeyString(), State.ProjectTitle ?? "", kind, gross, fee, net, clock.GetUtcNow(), reference);
        State.PendingPayouts.Add(new PendingPayout(creativeId, payout));
    }

    /// <summary>
    /// A payout as <see cref="PayCreativeAsync"/> described it, rebuilt from its movements: the fee is the movement of the
    /// same operation, and an operation that also refunded the buyer was a split.
    /// </summary>
    private CreativePayout PayoutOf(EscrowMovement paid)
    {
        var sameOperation = State.Movements.Where(m => m.OperationId == paid.OperationId).ToList();
        var fee = sameOperation.FirstOrDefault(m => m.Kind == EscrowMovementKind.PlatformFee)?.Amount ?? Money.Zero(paid.Amount.Currency);
        var kind = sameOperation.Exists(m => m.Kind == EscrowMovementKind.RefundedToBuyer) ? PayoutKind.SplitShare : PayoutKind.Prize;
        return new CreativePayout(paid.OperationId, this.GetPrimaryKeyString(), State.ProjectTitle ?? "", kind, paid.Amount.Plus(fee), fee, paid.Amount, paid.At, paid.GatewayReference);
    }

    private async Task SaveAndTellEarningsAsync()
    {
        await escrow.SaveAsync(this);
        await TellEarningsOrRetryLaterAsync();
    }

    private async Task TellEarningsOrRetryLaterAsync()
    {
        if (await TellEarningsAsync())
        {
            return;
        }

        try
        {
            await this.RegisterOrUpdateReminder(PayoutsReminder, NoticeOutbox.RetryEvery, NoticeOutbox.RetryEvery);
        }
        catch (Exception e)
        {
            LogEarningsBehind(logger, e, this.GetPrimaryKeyString());
        }
    }

    /// <summary>Never throws: the money moved and is stored; an earnings grain that missed a payout is told again later.</summary>
    private async Task<bool> TellEarningsAsync()
    {
        if (State.PendingPayouts.Count == 0)
        {
            return true;
        }

        try
        {
            foreach (var pending in State.PendingPayouts.ToList())
            {
                await grains.GetGrain<ICreativeEarningsGrain>(pending.CreativeId).RecordPayoutAsync(Actor.System, pending.Payout);
                State.PendingPayouts.Remove(pending);
            }

            await escrow.SaveAsync(this);
            return true;
        }
        catch (Exception e)
        {
            LogEarningsBehind(logger, e, this.GetPrimaryKeyString());
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Escrow {ProjectId} could not tell a creative's earnings of a payout; it retries on activation and by a reminder")]
    private static partial void LogEarningsBehind(ILogger logger, Exception exception, string projectId);

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

using Marketplace.Contracts;
using Marketplace.Contracts.Earnings;

namespace Marketplace.Grains.Earnings;

[GenerateSerializer]
public sealed class EarningsRecord
{
    /// <summary>Every payout escrow told, in the order told; one per operation id and project.</summary>
    [Id(0)] public List<CreativePayout> Payouts { get; set; } = [];
}

/// <summary>
/// A creative's payouts (key: their user id), for the earnings statement they file with their taxes. Escrow is the only
/// writer and tells each payout once it is stored there, retrying until this grain took it; a payout already here (the
/// same project and operation id) is ignored, so a retry never counts money twice. Amounts are escrow's own, never
/// recomputed: the gross, the fee it kept and what it paid.
/// </summary>
public sealed class CreativeEarningsGrain(
    [PersistentState("earnings", StorageNames.GrainStorage)] IPersistentState<EarningsRecord> earnings,
    IGrainFactory grains) : Grain, ICreativeEarningsGrain
{
    private EarningsRecord S => earnings.State;
    private string CreativeId => this.GetPrimaryKeyString();

    public async Task RecordPayoutAsync(Actor actor, CreativePayout payout)
    {
        actor.RequireSystem("record a payout");
        ArgumentNullException.ThrowIfNull(payout);
        if (S.Payouts.Exists(p => p.ProjectId == payout.ProjectId && p.OperationId == payout.OperationId))
        {
            return;
        }

        S.Payouts.Add(payout);
        await earnings.SaveAsync(this);
    }

    public async Task<EarningsStatement> GetAsync(Actor actor)
    {
        await RequireCreativeOrStaffAsync(actor);
        var newestFirst = S.Payouts.OrderByDescending(p => p.PaidAt).ToList();
        return new EarningsStatement(CreativeId, newestFirst, YearTotals(newestFirst));
    }

    /// <summary>Calendar years in UTC, the dates the statement prints; one line per currency should a creative be paid in two.</summary>
    private static List<EarningsYear> YearTotals(IEnumerable<CreativePayout> payouts) =>
        payouts.GroupBy(p => (p.PaidAt.UtcDateTime.Year, p.Received.Currency))
            .OrderByDescending(g => g.Key.Year).ThenBy(g => g.Key.Currency, StringComparer.Ordinal)
            .Select(g => new EarningsYear(g.Key.Year, g.Count(), Sum(g, p => p.Gross), Sum(g, p => p.Fee), Sum(g, p => p.Received)))
            .ToList();

    private static Money Sum(IGrouping<(int Year, string Currency), CreativePayout> payouts, Func<CreativePayout, Money> amount) =>
        payouts.Select(amount).Aggregate(Money.Zero(payouts.Key.Currency), (total, next) => total.Plus(next));

    /// <summary>Earnings are private: the creative themselves (whatever their account's state: it is their record) and active staff.</summary>
    private async Task RequireCreativeOrStaffAsync(Actor actor)
    {
        if (actor.Is(CreativeId))
        {
            return;
        }

        if (!actor.IsStaff)
        {
            throw MarketplaceException.Forbidden("Only the creative themselves and Marketplace support can see these earnings.");
        }

        await grains.RequireStaffAsync(actor, "see a creative's earnings");
    }
}

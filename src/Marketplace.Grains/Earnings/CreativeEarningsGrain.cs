using Marketplace.Contracts;
using Marketplace.Contracts.Earnings;
using Marketplace.Contracts.Escrow;
using Marketplace.Contracts.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Marketplace.Grains.Earnings;

[GenerateSerializer]
public sealed class EarningsRecord
{
    /// <summary>Every payout escrow told, in the order told; one per operation id and project.</summary>
    [Id(0)] public List<CreativePayout> Payouts { get; set; } = [];

    /// <summary>
    /// When the escrows of this creative's wins were asked for the payouts they made before escrow told this ledger
    /// (null: not yet, so the next read asks). Once set, escrow's own telling keeps the ledger whole.
    /// </summary>
    [Id(1)] public DateTimeOffset? CaughtUpAt { get; set; }
}

/// <summary>
/// A creative's payouts (key: their user id), for the earnings statement they file with their taxes. Escrow is the only
/// writer and tells each payout once it is stored there, retrying until this grain took it; a payout already here (the
/// same project and operation id) is ignored, so a retry never counts money twice. Amounts are escrow's own, never
/// recomputed: the gross, the fee it kept and what it paid.
/// Payouts made before this ledger existed are caught up on the first read (<see cref="CatchUpAsync"/>): the creative's
/// own list of wins names the escrows to ask, so no storage is scanned, and a payout already here is skipped as always.
/// </summary>
public sealed partial class CreativeEarningsGrain(
    [PersistentState("earnings", StorageNames.GrainStorage)] IPersistentState<EarningsRecord> earnings,
    IGrainFactory grains,
    [FromKeyedServices(MarketplaceClock.Key)] TimeProvider clock,
    ILogger<CreativeEarningsGrain> logger) : Grain, ICreativeEarningsGrain
{
    private EarningsRecord S => earnings.State;
    private string CreativeId => this.GetPrimaryKeyString();

    public async Task RecordPayoutAsync(Actor actor, CreativePayout payout)
    {
        actor.RequireSystem("record a payout");
        ArgumentNullException.ThrowIfNull(payout);
        if (Add(payout))
        {
            await earnings.SaveAsync(this);
        }
    }

    public async Task<EarningsStatement> GetAsync(Actor actor)
    {
        await RequireCreativeOrStaffAsync(actor);
        await CatchUpAsync();
        var newestFirst = S.Payouts.OrderByDescending(p => p.PaidAt).ToList();
        return new EarningsStatement(CreativeId, newestFirst, YearTotals(newestFirst));
    }

    /// <summary>Adds a payout unless it is already here (the same project and operation id): true when it was new.</summary>
    private bool Add(CreativePayout payout)
    {
        if (S.Payouts.Exists(p => p.ProjectId == payout.ProjectId && p.OperationId == payout.OperationId))
        {
            return false;
        }

        S.Payouts.Add(payout);
        return true;
    }

    /// <summary>
    /// Brings in what escrow never told: payouts made before this ledger existed (asked once of the escrow of every win
    /// on the creative's list), and the project titles of escrows funded before they kept one (from the same list, or
    /// the creative's entries). Idempotent, saved in one write; a failure leaves it to the next read, showing what is known.
    /// Only the user index (which calls no grain) and escrow's interleaved read are asked, so no call can wait on this grain.
    /// </summary>
    private async Task CatchUpAsync()
    {
        if (S.CaughtUpAt is not null && !S.Payouts.Exists(Untitled))
        {
            return;
        }

        try
        {
            var index = grains.GetGrain<IUserIndexGrain>(CreativeId);
            var wins = await index.GetWrapUpsWonAsync(Actor.System);
            var changed = false;
            // Someone who never won has nothing to catch up on yet, and no state is written for them.
            if (S.CaughtUpAt is null && wins.Count > 0)
            {
                await AddPayoutsEscrowMadeAsync(wins.Select(w => w.ProjectId).Distinct());
                changed = true;
            }

            if (S.Payouts.Exists(Untitled))
            {
                changed |= await NameUntitledAsync(index, wins);
            }

            if (changed)
            {
                await earnings.SaveAsync(this);
            }
        }
        catch (Exception e) when (e is not MarketplaceException)
        {
            LogCatchUpFailed(logger, e, CreativeId);
        }
    }

    private async Task AddPayoutsEscrowMadeAsync(IEnumerable<string> projectIds)
    {
        var made = await Task.WhenAll(projectIds.Select(id => grains.GetGrain<IEscrowGrain>(id).GetPayoutsToAsync(Actor.System, CreativeId)));
        foreach (var payout in made.SelectMany(p => p))
        {
            Add(payout);
        }

        S.CaughtUpAt = clock.GetUtcNow();
    }

    /// <summary>The title the creative's own lists give each project: the win's, else the winning entry's (always kept).</summary>
    private async Task<bool> NameUntitledAsync(IUserIndexGrain index, IReadOnlyList<WonWrapUp> wins)
    {
        var titles = wins.Where(w => !string.IsNullOrEmpty(w.ProjectTitle)).DistinctBy(w => w.ProjectId).ToDictionary(w => w.ProjectId, w => w.ProjectTitle!);
        if (S.Payouts.Exists(p => Untitled(p) && !titles.ContainsKey(p.ProjectId)))
        {
            foreach (var entry in (await index.GetEntriesAsync(Actor.System)).Where(e => !string.IsNullOrEmpty(e.ProjectTitle)))
            {
                titles.TryAdd(entry.ProjectId, entry.ProjectTitle);
            }
        }

        var named = false;
        for (var i = 0; i < S.Payouts.Count; i++)
        {
            if (Untitled(S.Payouts[i]) && titles.TryGetValue(S.Payouts[i].ProjectId, out var title))
            {
                S.Payouts[i] = S.Payouts[i] with { ProjectTitle = title };
                named = true;
            }
        }

        return named;
    }

    private static bool Untitled(CreativePayout payout) => string.IsNullOrEmpty(payout.ProjectTitle);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The earnings of {CreativeId} could not catch up on payouts made before the ledger existed; the next read tries again")]
    private static partial void LogCatchUpFailed(ILogger logger, Exception exception, string creativeId);

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

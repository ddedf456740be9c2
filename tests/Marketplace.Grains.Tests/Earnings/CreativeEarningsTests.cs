using Marketplace.Contracts.Earnings;
using Marketplace.Contracts.Escrow;
using Marketplace.Contracts.WrapUps;
using Marketplace.Grains.Tests.WrapUps;

namespace Marketplace.Grains.Tests.Earnings;

/// <summary>
/// The creative's earnings statement on the product's storage (Azurite): escrow tells every payout it makes, with the
/// gross, the fee and what it paid; a repeat counts once; a payout escrow could not tell is told after a restart.
/// </summary>
public sealed class CreativeEarningsTests(PersistentClusterFixture fixture) : IClassFixture<PersistentClusterFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task A_released_prize_is_listed_with_its_project_gross_fee_and_what_escrow_paid()
    {
        var h = await CompletedAsync(await Handover.AwardedAsync(fixture));
        var escrow = await h.Escrow.GetStatementAsync();
        var release = Assert.Single(escrow.Movements, m => m.Kind == EscrowMovementKind.ReleasedToCreative);

        var earnings = await EarningsOf(h.Creative).GetAsync(h.Creative);

        var payout = Assert.Single(earnings.Payouts);
        Assert.Equal(PayoutKind.Prize, payout.Kind);
        Assert.Equal(h.ProjectId, payout.ProjectId);
        Assert.Equal((await h.Project.GetAsync(h.Buyer)).Brief.Title, payout.ProjectTitle);
        Assert.Equal(Handover.Prize, payout.Gross);
        Assert.Equal(escrow.Fees, payout.Fee);
        Assert.Equal(escrow.ReleasedToCreative, payout.Received);
        Assert.Equal(release.At, payout.PaidAt);
        var year = Assert.Single(earnings.Years);
        Assert.Equal((release.At.Year, 1, payout.Gross, payout.Fee, payout.Received), (year.Year, year.Payouts, year.Gross, year.Fee, year.Received));
    }

    [Fact]
    public async Task A_split_share_is_listed_as_the_gross_share_less_the_fee_and_the_buyers_part_is_not_earnings()
    {
        var h = await Handover.AwardedAsync(fixture);
        await h.DeliverAsync();
        await h.Grain.OpenDisputeAsync(h.Buyer, "Half the files are missing.", []);
        await h.Grain.ClaimAsync(h.Staff);
        var share = new Money(Handover.Prize.Minor / 2 + 1, Handover.Prize.Currency);
        await h.Grain.DecideOutcomeAsync(h.Staff, new Resolution(WrapUpOutcome.Split, share), "Half the files were usable.");
        var escrow = await h.Escrow.GetStatementAsync();

        var payout = Assert.Single((await EarningsOf(h.Creative).GetAsync(h.Staff)).Payouts);

        Assert.Equal(PayoutKind.SplitShare, payout.Kind);
        Assert.Equal(share, payout.Gross);
        Assert.Equal(escrow.Fees, payout.Fee);
        Assert.Equal(escrow.ReleasedToCreative, payout.Received);
        Assert.Equal(share, payout.Received.Plus(payout.Fee));
    }

    [Fact]
    public async Task A_repeated_release_and_a_repeated_record_count_the_payout_once()
    {
        var h = await CompletedAsync(await Handover.AwardedAsync(fixture));
        var recorded = Assert.Single((await EarningsOf(h.Creative).GetAsync(h.Creative)).Payouts);

        await h.Escrow.ReleaseToCreativeAsync(Actor.System, recorded.OperationId, h.Creative.UserId, recorded.Gross);
        await EarningsOf(h.Creative).RecordPayoutAsync(Actor.System, recorded);

        Assert.Equal(recorded, Assert.Single((await EarningsOf(h.Creative).GetAsync(h.Creative)).Payouts));
    }

    [Fact]
    public async Task Years_are_totalled_apart_newest_first_in_calendar_years()
    {
        var creative = await Grains.CreativeAsync();
        var earnings = EarningsOf(creative);
        var eur = (long minor) => new Money(minor, "EUR");
        await earnings.RecordPayoutAsync(Actor.System, Payout("a", new DateTimeOffset(2025, 12, 31, 23, 0, 0, TimeSpan.Zero), eur(400_00), eur(60_00)));
        await earnings.RecordPayoutAsync(Actor.System, Payout("b", new DateTimeOffset(2026, 1, 1, 1, 0, 0, TimeSpan.Zero), eur(500_00), eur(75_00)));
        await earnings.RecordPayoutAsync(Actor.System, Payout("c", new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), eur(200_01), eur(30_00)));

        var statement = await earnings.GetAsync(creative);

        Assert.Equal(["c", "b", "a"], statement.Payouts.Select(p => p.ProjectId));
        Assert.Equal([2026, 2025], statement.Years.Select(y => y.Year));
        Assert.Equal((2, eur(700_01), eur(105_00), eur(595_01)), (statement.Years[0].Payouts, statement.Years[0].Gross, statement.Years[0].Fee, statement.Years[0].Received));
        Assert.Equal((1, eur(400_00), eur(60_00), eur(340_00)), (statement.Years[1].Payouts, statement.Years[1].Gross, statement.Years[1].Fee, statement.Years[1].Received));
    }

    [Fact]
    public async Task Only_the_creative_and_staff_read_earnings_and_only_escrow_records_them()
    {
        var creative = await Grains.CreativeAsync();
        var otherCreative = await Grains.CreativeAsync();
        var buyer = await Grains.BuyerAsync();
        var staff = await Grains.StaffAsync();
        var earnings = EarningsOf(creative);

        await Refused.WithAsync(ErrorKind.Forbidden, () => earnings.GetAsync(otherCreative));
        await Refused.WithAsync(ErrorKind.Forbidden, () => earnings.GetAsync(buyer));
        await Refused.WithAsync(ErrorKind.Forbidden, () => earnings.RecordPayoutAsync(creative, Payout("p", fixture.Clock.GetUtcNow(), new Money(100_00, "EUR"), new Money(15_00, "EUR"))));
        Assert.Empty((await earnings.GetAsync(staff)).Payouts);
        Assert.Empty((await earnings.GetAsync(creative)).Years);
    }

    [Fact]
    public async Task A_payout_escrow_could_not_tell_is_told_by_the_next_silo_and_earnings_survive_the_restart()
    {
        var h = await Handover.AwardedAsync(fixture);
        using (CallOutage.Of(h.Creative.UserId, nameof(ICreativeEarningsGrain.RecordPayoutAsync)))
        {
            // The handover completes and escrow pays although the earnings grain is unreachable: money never waits on a list.
            var done = await CompletedAsync(h);
            Assert.Equal(WrapUpOutcome.Completed, (await done.Grain.GetAsync(h.Buyer)).Outcome);
            await fixture.RestartClusterAsync();
        }

        // Escrow's activation tells what it still holds; reading the statement is enough to activate it.
        var escrow = await h.Escrow.GetStatementAsync();
        var payouts = await WaitForPayoutsAsync(h.Creative);
        Assert.Equal(escrow.ReleasedToCreative, Assert.Single(payouts).Received);

        await fixture.RestartClusterAsync();
        Assert.Equal(payouts, (await EarningsOf(h.Creative).GetAsync(h.Creative)).Payouts);
    }

    private ICreativeEarningsGrain EarningsOf(Actor creative) => Grains.GetGrain<ICreativeEarningsGrain>(creative.UserId);

    private static async Task<Handover> CompletedAsync(Handover h)
    {
        var approved = await h.DeliveredAndApprovedAsync();
        await h.Grain.SignAgreementAsync(h.Creative, approved.AgreementVersion);
        await h.Grain.SignAgreementAsync(h.Buyer, approved.AgreementVersion);
        return h;
    }

    private async Task<IReadOnlyList<CreativePayout>> WaitForPayoutsAsync(Actor creative)
    {
        var until = DateTime.UtcNow + Patience;
        while (true)
        {
            var payouts = (await EarningsOf(creative).GetAsync(creative)).Payouts;
            if (payouts.Count > 0 || DateTime.UtcNow > until) return payouts;
            await Task.Delay(250);
        }
    }

    private static CreativePayout Payout(string projectId, DateTimeOffset at, Money gross, Money fee) =>
        new($"release:{projectId}/1", projectId, $"Project {projectId}", PayoutKind.Prize, gross, fee, gross.Minus(fee), at, $"ledger:payout:release:{projectId}/1");
}

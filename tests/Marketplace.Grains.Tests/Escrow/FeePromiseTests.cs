using Marketplace.Contracts.Escrow;
using Marketplace.Contracts.Notifications;
using Marketplace.Contracts.Projects;
using Marketplace.Grains.Tests.WrapUps;

namespace Marketplace.Grains.Tests.Escrow;

/// <summary>
/// What a creative is promised before they win (project view, fee schedule, the "you won" notice) is what escrow pays
/// them: one calculation, checked against the real payout. The cluster runs with the default fee of 15 %.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class FeePromiseTests(ClusterFixture fixture)
{
    // 15 % of 333.33 is 49.9995: the fee rounds down to 49.99, so the winner is owed 283.34.
    private static readonly Money OddPrize = new(333_33, "USD");
    private static readonly Money OddPrizeAfterFee = new(283_34, "USD");

    [Fact]
    public async Task The_project_promises_the_winner_the_prize_less_the_configured_fee()
    {
        var buyer = await fixture.Grains.BuyerAsync();

        var project = await fixture.OpenProjectAsync(buyer, Scenarios.Draft(fixture.Clock.GetUtcNow(), prize: OddPrize));

        Assert.Equal(15m, project.PlatformFeePercent);
        Assert.Equal(OddPrizeAfterFee, project.WinnerReceives);
        Assert.Equal(OddPrizeAfterFee, await FeeSchedule.WinnerReceivesAsync(OddPrize));
        Assert.Equal(15m, (await FeeSchedule.GetAsync()).PlatformFeePercent);
    }

    [Fact]
    public async Task The_win_notice_states_exactly_what_escrow_then_pays_the_winner()
    {
        var buyer = await fixture.Grains.BuyerAsync();
        var creative = await fixture.Grains.CreativeAsync();
        var staff = await fixture.Grains.StaffAsync();
        var project = await fixture.OpenProjectAsync(buyer, Scenarios.Draft(fixture.Clock.GetUtcNow(), prize: OddPrize));
        var entry = await fixture.SubmitAsync(creative, project.Id);
        await fixture.CloseEntriesAsync(project.Id);
        var h = Handover.Of(fixture, await fixture.Grains.GetGrain<IProjectGrain>(project.Id).AwardAsync(buyer, entry.Id), buyer, creative, staff);

        var won = Assert.Single(await fixture.Grains.NoticesAsync(creative), n => n.Kind == NotificationKinds.Awarded);
        Assert.Contains("to receive $283.34 (the prize of $333.33 less the 15% marketplace fee).", won.Text, StringComparison.Ordinal);

        var version = (await h.DeliveredAndApprovedAsync()).AgreementVersion;
        await h.Grain.SignAgreementAsync(h.Creative, version);
        await h.Grain.SignAgreementAsync(h.Buyer, version);

        var paid = await h.Escrow.GetStatementAsync();
        Assert.Equal(OddPrizeAfterFee, paid.ReleasedToCreative);
        Assert.Equal(new Money(49_99, "USD"), paid.Fees);
        Assert.Contains($"to receive {paid.ReleasedToCreative} ", won.Text, StringComparison.Ordinal);
        var released = Assert.Single(await fixture.Grains.NoticesAsync(creative), n => n.Kind == NotificationKinds.Paid);
        Assert.StartsWith($"Payment released: {paid.ReleasedToCreative} (the prize of $333.33 less the 15% marketplace fee)", released.Text, StringComparison.Ordinal);
    }

    private IFeeScheduleGrain FeeSchedule => fixture.Grains.GetGrain<IFeeScheduleGrain>(IFeeScheduleGrain.Key);
}

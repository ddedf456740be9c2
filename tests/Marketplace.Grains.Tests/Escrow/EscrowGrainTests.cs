using Marketplace.Contracts.Escrow;

namespace Marketplace.Grains.Tests.Escrow;

[Collection(ClusterCollection.Name)]
public sealed class EscrowGrainTests(ClusterFixture fixture)
{
    private static readonly Money Prize = new(50_000, "EUR");

    private IEscrowGrain NewEscrow() => fixture.Grains.GetGrain<IEscrowGrain>(ClusterFixture.NewId("project"));

    [Fact]
    public async Task Funding_holds_the_prize()
    {
        var statement = await NewEscrow().FundAsync(Actor.System, "fund", "buyer-1", Prize, "Lotus menu");

        Assert.Equal(Prize, statement.Funded);
        Assert.Equal(Prize, statement.Held);
        Assert.Single(statement.Movements);
    }

    [Fact]
    public async Task A_retried_funding_moves_money_once()
    {
        var escrow = NewEscrow();
        await escrow.FundAsync(Actor.System, "fund", "buyer-1", Prize, "Lotus menu");

        var retried = await escrow.FundAsync(Actor.System, "fund", "buyer-1", Prize, "Lotus menu");

        Assert.Equal(Prize, retried.Funded);
        Assert.Single(retried.Movements);
    }

    [Fact]
    public async Task Funding_twice_with_another_operation_is_a_conflict()
    {
        var escrow = NewEscrow();
        await escrow.FundAsync(Actor.System, "fund", "buyer-1", Prize, "Lotus menu");

        var error = await Assert.ThrowsAsync<MarketplaceException>(() => escrow.FundAsync(Actor.System, "fund-again", "buyer-1", Prize, "Lotus menu"));

        Assert.Equal(ErrorKind.Conflict, error.Kind);
    }

    [Fact]
    public async Task Only_the_marketplace_funds_an_escrow()
    {
        var buyer = await fixture.Grains.BuyerAsync();

        var error = await Assert.ThrowsAsync<MarketplaceException>(() => NewEscrow().FundAsync(buyer, "fund", buyer.UserId, Prize, "Lotus menu"));

        Assert.Equal(ErrorKind.Forbidden, error.Kind);
    }

    [Fact]
    public async Task Release_pays_the_creative_less_the_configured_fee()
    {
        var escrow = NewEscrow();
        await escrow.FundAsync(Actor.System, "fund", "buyer-1", Prize, "Lotus menu");

        var statement = await escrow.ReleaseToCreativeAsync(Actor.System, "release", "creative-1", Prize);

        Assert.Equal(new Money(7_500, "EUR"), statement.Fees);
        Assert.Equal(new Money(42_500, "EUR"), statement.ReleasedToCreative);
        Assert.Equal(Money.Zero("EUR"), statement.Held);
    }

    [Fact]
    public async Task The_fee_rounds_down_to_the_creatives_benefit()
    {
        var escrow = NewEscrow();
        await escrow.FundAsync(Actor.System, "fund", "buyer-1", new Money(999, "EUR"), "Lotus menu");

        var statement = await escrow.ReleaseToCreativeAsync(Actor.System, "release", "creative-1", new Money(999, "EUR"));

        Assert.Equal(149, statement.Fees.Minor);
        Assert.Equal(850, statement.ReleasedToCreative.Minor);
    }

    [Fact]
    public async Task A_retried_release_moves_money_once()
    {
        var escrow = NewEscrow();
        await escrow.FundAsync(Actor.System, "fund", "buyer-1", Prize, "Lotus menu");
        await escrow.ReleaseToCreativeAsync(Actor.System, "release", "creative-1", new Money(20_000, "EUR"));

        var retried = await escrow.ReleaseToCreativeAsync(Actor.System, "release", "creative-1", new Money(20_000, "EUR"));

        Assert.Equal(new Money(30_000, "EUR"), retried.Held);
        Assert.Equal(3, retried.Movements.Count);
    }

    [Fact]
    public async Task Paying_out_more_than_is_held_is_refused_and_nothing_moves()
    {
        var escrow = NewEscrow();
        await escrow.FundAsync(Actor.System, "fund", "buyer-1", Prize, "Lotus menu");
        await escrow.RefundToBuyerAsync(Actor.System, "refund-part", new Money(40_000, "EUR"));

        var error = await Assert.ThrowsAsync<MarketplaceException>(
            () => escrow.ReleaseToCreativeAsync(Actor.System, "release", "creative-1", Prize));

        Assert.Equal(ErrorKind.Conflict, error.Kind);
        Assert.Equal(new Money(10_000, "EUR"), (await escrow.GetStatementAsync()).Held);
    }

    [Fact]
    public async Task Nothing_can_be_paid_out_of_an_unfunded_escrow()
    {
        var error = await Assert.ThrowsAsync<MarketplaceException>(
            () => NewEscrow().RefundToBuyerAsync(Actor.System, "refund", Prize));

        Assert.Equal(ErrorKind.Conflict, error.Kind);
    }

    [Fact]
    public async Task Negative_and_foreign_currency_amounts_are_refused()
    {
        var escrow = NewEscrow();
        await escrow.FundAsync(Actor.System, "fund", "buyer-1", Prize, "Lotus menu");

        var negative = await Assert.ThrowsAsync<MarketplaceException>(
            () => escrow.SplitAsync(Actor.System, "split", "creative-1", new Money(-1, "EUR"), new Money(100, "EUR")));
        var foreign = await Assert.ThrowsAsync<MarketplaceException>(
            () => escrow.RefundToBuyerAsync(Actor.System, "refund", new Money(100, "USD")));

        Assert.Equal(ErrorKind.Invalid, negative.Kind);
        Assert.Equal(ErrorKind.Invalid, foreign.Kind);
    }

    [Fact]
    public async Task A_split_pays_both_sides_and_conserves_money()
    {
        var escrow = NewEscrow();
        await escrow.FundAsync(Actor.System, "fund", "buyer-1", Prize, "Lotus menu");

        var s = await escrow.SplitAsync(Actor.System, "split", "creative-1", new Money(30_000, "EUR"), new Money(20_000, "EUR"));

        Assert.Equal(new Money(4_500, "EUR"), s.Fees);
        Assert.Equal(new Money(25_500, "EUR"), s.ReleasedToCreative);
        Assert.Equal(new Money(20_000, "EUR"), s.Refunded);
        Assert.Equal(s.Funded.Minor, s.ReleasedToCreative.Minor + s.Fees.Minor + s.Refunded.Minor + s.Held.Minor);
    }

    [Fact]
    public async Task Staff_may_move_money_but_buyers_and_creatives_may_not()
    {
        var escrow = NewEscrow();
        await escrow.FundAsync(Actor.System, "fund", "buyer-1", Prize, "Lotus menu");
        var staff = await fixture.Grains.StaffAsync();
        var creative = await fixture.Grains.CreativeAsync();
        var posingAsStaff = creative with { Roles = UserRoles.Staff };

        await escrow.RefundToBuyerAsync(staff, "refund-by-staff", new Money(1_000, "EUR"));
        var byCreative = await Assert.ThrowsAsync<MarketplaceException>(
            () => escrow.ReleaseToCreativeAsync(creative, "grab", creative.UserId, Prize));
        var byImpostor = await Assert.ThrowsAsync<MarketplaceException>(
            () => escrow.ReleaseToCreativeAsync(posingAsStaff, "grab", creative.UserId, Prize));

        Assert.Equal(ErrorKind.Forbidden, byCreative.Kind);
        Assert.Equal(ErrorKind.Forbidden, byImpostor.Kind);
        Assert.Equal(new Money(49_000, "EUR"), (await escrow.GetStatementAsync()).Held);
    }
}

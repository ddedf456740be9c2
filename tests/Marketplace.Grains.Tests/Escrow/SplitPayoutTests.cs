using Marketplace.Contracts.Escrow;
using Marketplace.Contracts.Notifications;
using Marketplace.Contracts.WrapUps;
using Marketplace.Grains.Tests.WrapUps;
using Marketplace.Grains.WrapUps;
using Orleans.TestingHost;

namespace Marketplace.Grains.Tests.Escrow;

/// <summary>A cluster whose marketplace fee is not the default, so wording that ignores the configured fee shows.</summary>
public sealed class OddFeeClusterFixture : ClusterFixture
{
    public const decimal FeePercent = 12.5m;

    protected override void ConfigureCluster(TestClusterBuilder builder) =>
        builder.Properties["Marketplace:Fees:PlatformFeePercent"] = FeePercent.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// A split states what each side is paid as escrow pays it: the fee comes out of the creative's share, the buyer gets
/// the rest of the prize whole. Checked against the real escrow statement, with a fee of 12.5 %.
/// </summary>
public sealed class SplitPayoutTests(OddFeeClusterFixture fixture) : IClassFixture<OddFeeClusterFixture>
{
    // 12.5 % of 200.01 is 25.00125: the fee rounds down to 25.00, so the creative receives 175.01 of their share.
    private static readonly Money Share = new(200_01, "EUR");
    private const string ShareWords = "€175.01 (a share of €200.01 less the 12.5% marketplace fee)";

    [Fact]
    public async Task Split_proposal_notices_and_timeline_state_what_escrow_then_pays_each_side()
    {
        var h = await DisputedAndClaimedAsync();

        var proposed = await h.Grain.ProposeOutcomeAsync(h.Staff, new Resolution(WrapUpOutcome.Split, Share), "Half the files were usable.");
        await h.Grain.RespondToProposalAsync(h.Buyer, true, null);
        var ended = await h.Grain.RespondToProposalAsync(h.Creative, true, null);

        var paid = await h.Escrow.GetStatementAsync();
        Assert.Equal(new Money(175_01, "EUR"), paid.ReleasedToCreative);
        Assert.Equal(new Money(25_00, "EUR"), paid.Fees);
        Assert.Equal(new Money(299_99, "EUR"), paid.Refunded);
        Assert.Equal(new SplitTerms(Share, paid.Fees, paid.ReleasedToCreative, paid.Refunded, OddFeeClusterFixture.FeePercent), proposed.ProposedSplit);

        // Each reads the proposal said to them: "you" for themselves, the other party by name.
        Assert.Contains($"split the prize, {ShareWords} to Cai Creative and {paid.Refunded} back to you.",
            Single(await fixture.Grains.NoticesAsync(h.Buyer), NotificationKinds.Proposal).Text, StringComparison.Ordinal);
        Assert.Contains($"split the prize, {ShareWords} to you and {paid.Refunded} back to Bea Buyer.",
            Single(await fixture.Grains.NoticesAsync(h.Creative), NotificationKinds.Proposal).Text, StringComparison.Ordinal);
        Assert.EndsWith($"was settled by a split: you receive {paid.ReleasedToCreative} (a share of €200.01 less the 12.5% marketplace fee), and {paid.Refunded} goes back to Bea Buyer. The original files and the rights stay with you. Your earnings page lists the payout and the fee.",
            Single(await fixture.Grains.NoticesAsync(h.Creative), NotificationKinds.Paid).Text, StringComparison.Ordinal);
        Assert.EndsWith($"was settled by a split: {paid.Refunded} is refunded to you, and Cai Creative receives {ShareWords}. A split does not hand over the design: the original files and the rights stay with Cai Creative. Your receipt shows the refund.",
            Single(await fixture.Grains.NoticesAsync(h.Buyer), NotificationKinds.Ended).Text, StringComparison.Ordinal);

        var split = $"split the prize: {ShareWords} to Cai Creative, {paid.Refunded} refunded to Bea Buyer; the original files and the rights are not handed over";
        Assert.StartsWith($"Staff proposed an outcome: {split} (answer by ",
            proposed.Timeline.Single(t => t.Kind == nameof(OutcomeProposed)).Summary, StringComparison.Ordinal);
        Assert.Equal($"Both accepted staff's proposal, so it is settled: {split}.",
            ended.Timeline.Single(t => t.Kind == nameof(SettlementDecided)).Summary);
        Assert.Equal($"Escrow paid Cai Creative {paid.ReleasedToCreative} (after the {paid.Fees} marketplace fee) and refunded {paid.Refunded} to Bea Buyer; the handover is closed.",
            ended.Timeline.Single(t => t.Kind == nameof(Ended)).Summary);
        Assert.Equal(new SplitTerms(Share, paid.Fees, paid.ReleasedToCreative, paid.Refunded, OddFeeClusterFixture.FeePercent), ended.SettledSplit);
        Assert.Null(proposed.SettledSplit);
    }

    [Fact]
    public async Task Only_a_proposed_split_carries_split_terms()
    {
        var h = await DisputedAndClaimedAsync();

        var refund = await h.Grain.ProposeOutcomeAsync(h.Staff, new Resolution(WrapUpOutcome.Refunded), "Nothing usable was delivered.");

        Assert.NotNull(refund.Proposal);
        Assert.Null(refund.ProposedSplit);
    }

    private async Task<Handover> DisputedAndClaimedAsync()
    {
        var h = await Handover.AwardedAsync(fixture);
        await h.DeliverAsync();
        await h.Grain.OpenDisputeAsync(h.Buyer, "Half the files are missing.", []);
        await h.Grain.AnswerDisputeAsync(h.Creative, "The rest follows next week.", []);
        await h.Grain.ClaimAsync(h.Staff);
        return h;
    }

    private static NotificationView Single(IReadOnlyList<NotificationView> notices, string kind) => Assert.Single(notices, n => n.Kind == kind);
}

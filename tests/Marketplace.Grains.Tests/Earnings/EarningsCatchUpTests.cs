using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Marketplace.Contracts.Earnings;
using Marketplace.Contracts.Escrow;
using Marketplace.Contracts.Users;
using Marketplace.Contracts.WrapUps;
using Marketplace.Grains.Tests.WrapUps;
using Marketplace.Storage.GrainState;

namespace Marketplace.Grains.Tests.Earnings;

/// <summary>
/// Creatives paid before the earnings ledger existed: their escrows hold the payouts, but no earnings state exists,
/// the escrow kept no project title and the list of wins may name none. The stored layout of that time is written to
/// Azurite, the cluster restarted, and the first read must show every payout as escrow made it, once, for good.
/// </summary>
public sealed class EarningsCatchUpTests(PersistentClusterFixture fixture) : IClassFixture<PersistentClusterFixture>
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task A_prize_paid_before_the_ledger_existed_is_listed_on_the_first_read_after_the_upgrade_with_its_project_title()
    {
        var h = await CompletedAsync(await Handover.AwardedAsync(fixture));
        var told = Assert.Single((await EarningsOf(h.Creative).GetAsync(h.Creative)).Payouts);
        await WriteTheLayoutFromBeforeTheLedgerAsync(h);

        await fixture.RestartClusterAsync();
        var statement = await EarningsOf(h.Creative).GetAsync(h.Creative);

        Assert.Equal(told, Assert.Single(statement.Payouts));
        Assert.Equal((await h.Project.GetAsync(h.Buyer)).Brief.Title, told.ProjectTitle);
        var year = Assert.Single(statement.Years);
        Assert.Equal((1, told.Gross, told.Fee, told.Received), (year.Payouts, year.Gross, year.Fee, year.Received));
    }

    [Fact]
    public async Task A_receipt_of_an_escrow_funded_before_it_kept_a_title_names_the_project_and_every_movement()
    {
        var h = await CompletedAsync(await Handover.AwardedAsync(fixture));
        var before = await h.Project.GetReceiptAsync(h.Buyer);
        await WriteTheLayoutFromBeforeTheLedgerAsync(h);

        await fixture.RestartClusterAsync();
        var receipt = await h.Project.GetReceiptAsync(h.Buyer);

        Assert.Equal((await h.Project.GetAsync(h.Buyer)).Brief.Title, receipt.ProjectTitle);
        Assert.Equal(before with { Returns = [] }, receipt with { Returns = [] });
        Assert.Equal(before.Returns, receipt.Returns);
    }

    [Fact]
    public async Task A_split_share_paid_before_the_ledger_is_caught_up_as_the_same_split_share_with_its_fee()
    {
        var h = await Handover.AwardedAsync(fixture);
        await h.DeliverAsync();
        await h.Grain.OpenDisputeAsync(h.Buyer, "Half the files are missing.", []);
        await h.Grain.ClaimAsync(h.Staff);
        await h.Grain.DecideOutcomeAsync(h.Staff, new Resolution(WrapUpOutcome.Split, new Money(Handover.Prize.Minor / 2, Handover.Prize.Currency)), "Half the files were usable.");
        var told = Assert.Single((await EarningsOf(h.Creative).GetAsync(h.Creative)).Payouts);
        await WriteTheLayoutFromBeforeTheLedgerAsync(h);

        await fixture.RestartClusterAsync();

        var caughtUp = Assert.Single((await EarningsOf(h.Creative).GetAsync(h.Staff)).Payouts);
        Assert.Equal(PayoutKind.SplitShare, caughtUp.Kind);
        Assert.Equal(told, caughtUp);
    }

    [Fact]
    public async Task The_catch_up_is_stored_so_later_reads_after_a_restart_need_no_escrow()
    {
        var h = await CompletedAsync(await Handover.AwardedAsync(fixture));
        await WriteTheLayoutFromBeforeTheLedgerAsync(h);
        await fixture.RestartClusterAsync();
        var caughtUp = await EarningsOf(h.Creative).GetAsync(h.Creative);
        Assert.Single(caughtUp.Payouts);

        await fixture.RestartClusterAsync();
        using (CallOutage.Of(h.ProjectId, nameof(IEscrowGrain.GetPayoutsToAsync)))
        {
            Assert.Equal(caughtUp.Payouts, (await EarningsOf(h.Creative).GetAsync(h.Creative)).Payouts);
        }
    }

    [Fact]
    public async Task A_catch_up_over_payouts_escrow_already_told_counts_each_once()
    {
        var h = await CompletedAsync(await Handover.AwardedAsync(fixture));
        var told = (await EarningsOf(h.Creative).GetAsync(h.Creative)).Payouts;
        // A ledger from the last version: the payout escrow told it, but no record of having caught up.
        await EditAsync(BlobOf("earnings", EarningsOf(h.Creative)), state => Removed(state, "CaughtUpAt"));

        await fixture.RestartClusterAsync();
        var first = await EarningsOf(h.Creative).GetAsync(h.Creative);
        await fixture.RestartClusterAsync();
        var second = await EarningsOf(h.Creative).GetAsync(h.Creative);

        Assert.Equal(told, first.Payouts);
        Assert.Equal(told, second.Payouts);
    }

    [Fact]
    public async Task A_payout_told_by_an_escrow_funded_before_it_kept_a_title_is_named_from_the_creatives_own_entries()
    {
        var h = await CompletedAsync(await Handover.AwardedAsync(fixture));
        var told = Assert.Single((await EarningsOf(h.Creative).GetAsync(h.Creative)).Payouts);
        // The last version: escrow told the payout, with the empty title of an escrow funded before titles were kept.
        await EditAsync(BlobOf("earnings", EarningsOf(h.Creative)), state =>
        {
            state["Payouts"]![0]!["ProjectTitle"] = "";
            return state;
        });
        await EditAsync(BlobOf("index", Grains.GetGrain<IUserIndexGrain>(h.Creative.UserId)), state => WithoutTheWinsTitle(state, h));

        await fixture.RestartClusterAsync();

        Assert.Equal(told, Assert.Single((await EarningsOf(h.Creative).GetAsync(h.Creative)).Payouts));
    }

    [Fact]
    public async Task A_catch_up_that_cannot_reach_escrow_shows_what_is_known_and_finishes_on_a_later_read()
    {
        var h = await CompletedAsync(await Handover.AwardedAsync(fixture));
        var told = Assert.Single((await EarningsOf(h.Creative).GetAsync(h.Creative)).Payouts);
        await WriteTheLayoutFromBeforeTheLedgerAsync(h);
        await fixture.RestartClusterAsync();

        using (CallOutage.Of(h.ProjectId, nameof(IEscrowGrain.GetPayoutsToAsync)))
        {
            Assert.Empty((await EarningsOf(h.Creative).GetAsync(h.Creative)).Payouts);
        }

        Assert.Equal(told, Assert.Single((await EarningsOf(h.Creative).GetAsync(h.Creative)).Payouts));
    }

    [Fact]
    public async Task Only_grains_read_an_escrows_payouts()
    {
        var h = await CompletedAsync(await Handover.AwardedAsync(fixture));

        await Refused.WithAsync(ErrorKind.Forbidden, () => h.Escrow.GetPayoutsToAsync(h.Creative, h.Creative.UserId));
        await Refused.WithAsync(ErrorKind.Forbidden, () => h.Escrow.GetPayoutsToAsync(h.Staff, h.Creative.UserId));
        Assert.Empty(await h.Escrow.GetPayoutsToAsync(Actor.System, h.Buyer.UserId));
    }

    /// <summary>
    /// The state a payout of the earlier version left: the escrow with its movements but no title and no outbox, the
    /// win on the creative's list without its title, and no earnings state at all.
    /// </summary>
    private async Task WriteTheLayoutFromBeforeTheLedgerAsync(Handover h)
    {
        await EditAsync(BlobOf("escrow", h.Escrow), state => Removed(Removed(state, "ProjectTitle"), "PendingPayouts"));
        await EditAsync(BlobOf("index", Grains.GetGrain<IUserIndexGrain>(h.Creative.UserId)), state => WithoutTheWinsTitle(state, h));
        await BlobOf("earnings", EarningsOf(h.Creative)).DeleteAsync();
    }

    private static JsonObject WithoutTheWinsTitle(JsonObject index, Handover h)
    {
        Removed(index["WrapUpsWon"]![h.Id]!.AsObject(), "ProjectTitle");
        return index;
    }

    private static JsonObject Removed(JsonObject state, string member)
    {
        Assert.True(state.Remove(member), $"The stored state has no {member}: the layout changed, so this test no longer writes the old one.");
        return state;
    }

    private static async Task EditAsync(BlobClient blob, Func<JsonObject, JsonObject> edit)
    {
        var stored = JsonNode.Parse((await blob.DownloadContentAsync()).Value.Content.ToString())!.AsObject();
        await blob.UploadAsync(BinaryData.FromString(edit(stored).ToJsonString()), overwrite: true);
    }

    private BlobClient BlobOf(string state, IAddressable grain) =>
        new BlobServiceClient(fixture.Azurite.ConnectionString).GetBlobContainerClient("grainstate")
            .GetBlobClient(GrainStateBlobNames.For(state, grain.GetGrainId()));

    private ICreativeEarningsGrain EarningsOf(Actor creative) => Grains.GetGrain<ICreativeEarningsGrain>(creative.UserId);

    private static async Task<Handover> CompletedAsync(Handover h)
    {
        var approved = await h.DeliveredAndApprovedAsync();
        await h.Grain.SignAgreementAsync(h.Creative, approved.AgreementVersion);
        await h.Grain.SignAgreementAsync(h.Buyer, approved.AgreementVersion);
        return h;
    }
}

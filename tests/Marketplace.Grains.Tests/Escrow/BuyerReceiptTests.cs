using Marketplace.Contracts.Escrow;
using Marketplace.Contracts.Projects;
using Marketplace.Contracts.WrapUps;
using Marketplace.Grains.Tests.WrapUps;

namespace Marketplace.Grains.Tests.Escrow;

/// <summary>
/// The buyer's receipt, read from escrow's movements on the product's storage (Azurite): the prize paid, then each amount
/// that came back on its own line, with numbers that stay the same across reads and restarts.
/// </summary>
public sealed class BuyerReceiptTests(PersistentClusterFixture fixture) : IClassFixture<PersistentClusterFixture>
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task A_funded_project_has_a_receipt_for_the_prize_paid_with_the_buyers_name_email_and_a_number_that_survives_a_restart()
    {
        var buyer = await Grains.BuyerAsync("Bea Baker");
        var project = await fixture.OpenProjectAsync(buyer);
        var funding = Assert.Single((await Grains.GetGrain<IEscrowGrain>(project.Id).GetStatementAsync()).Movements);

        var receipt = await Grains.GetGrain<IProjectGrain>(project.Id).GetReceiptAsync(buyer);

        Assert.Equal(project.Brief.Title, receipt.ProjectTitle);
        Assert.Equal("Bea Baker", receipt.BuyerName);
        Assert.Equal($"{buyer.UserId}@example.com", receipt.BuyerEmail);
        Assert.Equal(funding.Amount, receipt.AmountPaid);
        Assert.Equal(funding.At, receipt.PaidAt);
        Assert.Equal("Marketplace ledger", receipt.PaymentMethod);
        Assert.Equal(funding.GatewayReference, receipt.PaymentReference);
        Assert.Empty(receipt.Returns);
        Assert.Equal(funding.Amount, receipt.NetPaid);
        Assert.Equal(ReceiptNumbers.For(project.Id, funding.OperationId), receipt.ReceiptNumber);
        Assert.Matches("^MP-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$", receipt.ReceiptNumber);

        await fixture.RestartClusterAsync();
        var reread = await Grains.GetGrain<IProjectGrain>(project.Id).GetReceiptAsync(buyer);
        Assert.Equal(receipt.ReceiptNumber, reread.ReceiptNumber);
        Assert.Equal(receipt with { Returns = Array.Empty<ReceiptReturn>() }, reread with { Returns = Array.Empty<ReceiptReturn>() });
    }

    [Fact]
    public async Task A_cancelled_and_refunded_project_lists_the_refund_below_the_payment_and_nets_to_nothing()
    {
        var buyer = await Grains.BuyerAsync();
        var project = await fixture.OpenProjectAsync(buyer);
        await Grains.GetGrain<IProjectGrain>(project.Id).CancelAsync(buyer, "The budget moved to next year.");
        var refund = Assert.Single((await Grains.GetGrain<IEscrowGrain>(project.Id).GetStatementAsync()).Movements, m => m.Kind == EscrowMovementKind.RefundedToBuyer);

        var receipt = await Grains.GetGrain<IProjectGrain>(project.Id).GetReceiptAsync(buyer);

        var line = Assert.Single(receipt.Returns);
        Assert.Equal(ReceiptReturnKind.Refund, line.Kind);
        Assert.Equal(refund.Amount, line.Amount);
        Assert.Equal(refund.At, line.At);
        Assert.Equal(refund.GatewayReference, line.PaymentReference);
        Assert.NotEqual(receipt.ReceiptNumber, line.Number);
        Assert.Equal(Money.Zero(receipt.AmountPaid.Currency), receipt.NetPaid);
    }

    [Fact]
    public async Task A_split_lists_the_buyers_share_back_and_no_fee_since_the_fee_is_the_creatives_cost()
    {
        var h = await Handover.AwardedAsync(fixture);
        await h.DeliverAsync();
        await h.Grain.OpenDisputeAsync(h.Buyer, "Half the files are missing.", []);
        await h.Grain.ClaimAsync(h.Staff);
        var share = new Money(Handover.Prize.Minor * 2 / 5, Handover.Prize.Currency);
        await h.Grain.DecideOutcomeAsync(h.Staff, new Resolution(WrapUpOutcome.Split, share), "Two of five files were usable.");
        var escrow = await h.Escrow.GetStatementAsync();

        var receipt = await h.Project.GetReceiptAsync(h.Buyer);

        var line = Assert.Single(receipt.Returns);
        Assert.Equal(ReceiptReturnKind.SplitShare, line.Kind);
        Assert.Equal(escrow.Refunded, line.Amount);
        Assert.Equal(Handover.Prize, receipt.AmountPaid);
        Assert.Equal(escrow.ReleasedToCreative.Plus(escrow.Fees), receipt.NetPaid);
        var staffCopy = await h.Project.GetReceiptAsync(h.Staff);
        Assert.Equal(receipt.ReceiptNumber, staffCopy.ReceiptNumber);
        Assert.Equal(receipt.Returns, staffCopy.Returns);
    }

    [Fact]
    public async Task Only_the_buyer_and_staff_read_a_receipt_a_draft_has_none_and_is_hidden_from_others()
    {
        var buyer = await Grains.BuyerAsync();
        var otherBuyer = await Grains.BuyerAsync();
        var creative = await Grains.CreativeAsync();
        var staff = await Grains.StaffAsync();
        var open = await fixture.OpenProjectAsync(buyer);
        var draftId = ClusterFixture.NewId("project");
        var draft = Grains.GetGrain<IProjectGrain>(draftId);
        await draft.CreateAsync(buyer, Scenarios.Draft(fixture.Clock.GetUtcNow()));

        await Refused.WithAsync(ErrorKind.Forbidden, () => Grains.GetGrain<IProjectGrain>(open.Id).GetReceiptAsync(otherBuyer));
        await Refused.WithAsync(ErrorKind.Forbidden, () => Grains.GetGrain<IProjectGrain>(open.Id).GetReceiptAsync(creative));
        Assert.Contains("not been paid for yet", await Refused.WithAsync(ErrorKind.Conflict, () => draft.GetReceiptAsync(buyer)), StringComparison.Ordinal);
        await Refused.WithAsync(ErrorKind.NotFound, () => draft.GetReceiptAsync(otherBuyer));
        await Refused.WithAsync(ErrorKind.NotFound, () => draft.GetReceiptAsync(creative));
        await Refused.WithAsync(ErrorKind.Conflict, () => draft.GetReceiptAsync(staff));
        Assert.Equal(buyer.UserId + "@example.com", (await Grains.GetGrain<IProjectGrain>(open.Id).GetReceiptAsync(staff)).BuyerEmail);
    }
}

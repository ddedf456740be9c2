using Marketplace.Contracts.Users;
using Marketplace.Contracts.WrapUps;
using Marketplace.Grains.WrapUps;

namespace Marketplace.Grains.Tests.WrapUps;

/// <summary>
/// What each party may do on the handover page comes from the wrap-up's view, and the wrap-up refuses the same things:
/// once the winner is removed the buyer writes only to staff; once staff hold a case nobody is offered "I need help";
/// the timeline credits the buyer with the award and words an ordinary completion per role, not as a ruling.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class WrapUpViewRulesTests(ClusterFixture fixture)
{
    [Fact]
    public async Task The_escrow_statement_of_a_handover_reaches_its_parties_and_staff_and_nobody_else()
    {
        var h = await Handover.AwardedAsync(fixture);
        var otherBuyer = await fixture.Grains.BuyerAsync();
        var otherCreative = await fixture.Grains.CreativeAsync();

        foreach (var allowed in new[] { h.Buyer, h.Creative, h.Staff })
            Assert.Equal(Handover.Prize, (await h.Grain.GetEscrowStatementAsync(allowed)).Held);
        foreach (var stranger in new[] { otherBuyer, otherCreative, new Actor(otherCreative.UserId, otherCreative.Roles | UserRoles.Staff), new Actor("visitor", UserRoles.None) })
            await Refused.WithAsync(ErrorKind.Forbidden, () => h.Grain.GetEscrowStatementAsync(stranger));
    }

    [Fact]
    public async Task After_the_winner_is_removed_the_buyers_message_to_them_is_refused_and_only_staff_can_be_written_to()
    {
        var h = await Handover.AwardedAsync(fixture);
        await fixture.Grains.GetGrain<IUserGrain>(h.Creative.UserId).RemoveAsync(h.Staff, "Repeated policy violations.");

        var refused = await Refused.WithAsync(ErrorKind.Conflict,
            () => h.Grain.PostMessageAsync(h.Buyer, MessageAudience.BothParties, "Are you still sending the files?"));
        Assert.Contains("The winning creative was removed, so messages to them can't be delivered here", refused);

        var view = await h.Grain.PostMessageAsync(h.Buyer, MessageAudience.Staff, "I still want the design.");
        Assert.False(view.MayWriteToOtherParty);
        Assert.True(view.MayWriteToStaff);
        Assert.False(view.MayAskForHelp);
        Assert.Equal([MessageAudience.Staff], view.Messages.Select(m => m.To));
        var creative = await h.Grain.GetAsync(h.Creative);
        Assert.False(creative.MayWriteToOtherParty);
        Assert.False(creative.MayWriteToStaff);
        Assert.False(creative.MayOpenDispute);
    }

    [Fact]
    public async Task After_the_winner_is_removed_the_buyer_cannot_open_a_dispute_that_silence_would_decide()
    {
        var h = await Handover.AwardedAsync(fixture);
        await h.DeliverAsync();
        Assert.True((await h.Grain.GetAsync(h.Buyer)).MayOpenDispute);
        await fixture.Grains.GetGrain<IUserGrain>(h.Creative.UserId).RemoveAsync(h.Staff, "Stolen artwork.");

        var refused = await Refused.WithAsync(ErrorKind.Conflict, () => h.Grain.OpenDisputeAsync(h.Buyer, "The files are wrong.", []));

        Assert.Contains("there is nobody to dispute with", refused);
        var view = await h.Grain.GetAsync(h.Buyer);
        Assert.False(view.MayOpenDispute);
        Assert.Null(view.Dispute);
    }

    [Fact]
    public async Task Help_is_offered_until_staff_hold_the_case_and_then_no_more()
    {
        var h = await Handover.AwardedAsync(fixture);
        await h.DeliverAsync();
        var before = await h.Grain.GetAsync(h.Buyer);
        Assert.True(before.MayAskForHelp);
        Assert.True(before.MayWriteToOtherParty);

        var queued = await h.Grain.RequestHelpAsync(h.Buyer, "The files don't open.");
        Assert.False(queued.MayAskForHelp);
        Assert.True(queued.MayWriteToOtherParty);
        await h.Grain.ClaimAsync(h.Staff);
        Assert.False((await h.Grain.GetAsync(h.Creative)).MayAskForHelp);
    }

    [Fact]
    public async Task The_timeline_credits_the_buyer_with_the_award_and_words_an_ordinary_completion_for_each_party_by_name()
    {
        var h = await Handover.AwardedAsync(fixture);
        var approved = await h.DeliveredAndApprovedAsync();
        await h.Grain.SignAgreementAsync(h.Creative, approved.AgreementVersion);
        var buyer = await h.Grain.SignAgreementAsync(h.Buyer, approved.AgreementVersion);
        var creative = await h.Grain.GetAsync(h.Creative);
        var staff = await h.Grain.GetAsync(h.Staff);

        var awarded = buyer.Timeline.Single(t => t.Kind == nameof(Started));
        Assert.Equal((h.Buyer.UserId, WrapUpRoles.Buyer), (awarded.ActorId, awarded.ActorRole));
        Assert.False(buyer.OutcomeRuled);
        Assert.Equal("Handover complete: you have the files and the rights; Cai Creative is paid.", buyer.Timeline.Single(t => t.Kind == nameof(SettlementDecided)).Summary);
        Assert.Equal("Handover complete: €425 (the prize of €500 less the 15% marketplace fee) is paid to you.", creative.Timeline.Single(t => t.Kind == nameof(SettlementDecided)).Summary);
        Assert.Equal("Handover complete: Bea Buyer gets the files and the rights; Cai Creative is paid.", staff.Timeline.Single(t => t.Kind == nameof(SettlementDecided)).Summary);
        Assert.DoesNotContain(buyer.Timeline, t => t.Summary.Contains("decided the outcome", StringComparison.Ordinal));
        var delivered = buyer.Timeline.Single(t => t.Kind == nameof(FilesDelivered)).Summary;
        Assert.Matches(@"Automatic release on \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} UTC\.$", delivered);
    }

    [Fact]
    public async Task A_completion_staff_decide_is_worded_as_a_ruling()
    {
        var h = await Handover.AwardedAsync(fixture);
        var version = (await h.DeliveredAndApprovedAsync()).AgreementVersion;
        await h.CaseClaimedAsync();
        await h.Grain.SignAgreementAsync(h.Creative, version);
        await h.Grain.SignAgreementAsync(h.Buyer, version);

        var released = await h.Grain.ReleasePaymentAsync(h.Staff, "Both parties agreed on the phone.");

        Assert.True(released.OutcomeRuled);
        Assert.Contains(released.Timeline, t => t.Summary == "Staff decided the outcome: complete the handover, so Bea Buyer gets the files and the rights and Cai Creative is paid.");
    }
}

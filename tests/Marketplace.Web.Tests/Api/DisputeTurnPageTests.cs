using System.Net;
using Marketplace.Contracts;
using Marketplace.Contracts.Users;
using Marketplace.Contracts.WrapUps;
using Marketplace.Web.Presentation;
using Marketplace.Web.Tests.Infrastructure;
using static Marketplace.Web.Tests.Api.HandoverOutcomePageTests;

namespace Marketplace.Web.Tests.Api;

/// <summary>
/// A dispute says at the top of the handover page whose turn it is: the party who must answer reads that it is their
/// turn, what is asked and by when, with a link to the form; the other reads that they wait, and for whom. The same
/// holds for staff's proposal, until each side has answered. A dispute waiting for staff says so once, with when staff aim to answer.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class DisputeTurnPageTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task Each_side_of_a_dispute_reads_whose_turn_it_is_what_is_asked_and_by_when()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Saltmarsh gin label", "Dana Dunmore", "Eli Etcher");
        var creative = new Actor(h.Creative.UserId, UserRoles.Creative);
        var opened = await h.Grain.OpenDisputeAsync(h.BuyerActor, "The bottle shape in the files is not the one we agreed.", []);
        var due = Display.DateTime(opened.Dispute!.AnswerDueAt!.Value, TimeZoneInfo.Utc);
        Task<string> PageAsync(ApiSession who) => HandoverPageAsync(who, h.PagePath);

        var answering = Section(await PageAsync(h.Creative), "data-dispute-turn");
        Assert.Contains("data-dispute-turn=\"yours\"", answering);
        Assert.Contains($"Your turn: answer the dispute by {due}", answering);
        Assert.Contains("Dana Dunmore opened a dispute: “The bottle shape in the files is not the one we agreed.” Give your side of it", answering);
        Assert.Contains("If you don't answer by then, it is decided for Dana Dunmore.", answering);
        Assert.Contains("href=\"#answer-form\"", answering);
        Assert.Contains("id=\"answer-form\"", await PageAsync(h.Creative));

        var filer = Section(await PageAsync(h.Buyer), "data-dispute-turn");
        Assert.Contains("data-dispute-turn=\"waiting\"", filer);
        Assert.Contains("Waiting for Eli Etcher to answer your dispute", filer);
        Assert.Contains($"Eli Etcher has until {due} to give their side. If they don't answer in time, it is decided for you.", filer);
        Assert.DoesNotContain("Your turn", filer);

        await h.Grain.AnswerDisputeAsync(creative, "The brief's sketch shows this shape; happy to adjust.", []);
        foreach (var party in new[] { h.Buyer, h.Creative })
        {
            var page = await PageAsync(party);
            var waiting = Section(page, "data-dispute-turn");
            Assert.Contains("Waiting for Marketplace support", waiting);
            Assert.Contains("Staff now propose an outcome or decide (we aim to answer by ", waiting);
            // Said once, at the top: not again in a staff card or in the dispute's own card.
            Assert.DoesNotContain("Waiting for our staff", page);
            Assert.DoesNotContain("Our staff will propose", page);
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(page, "aim to answer by"));
        }

        await h.Grain.ClaimAsync(h.Staff);
        var proposed = await h.Grain.ProposeOutcomeAsync(h.Staff, new Resolution(WrapUpOutcome.Refunded), "The agreed shape was not delivered.");
        var proposalDue = Display.DateTime((proposed.Proposal ?? proposed.Dispute!.Proposal)!.DueAt, TimeZoneInfo.Utc);
        foreach (var party in new[] { h.Buyer, h.Creative })
        {
            var turn = Section(await PageAsync(party), "data-dispute-turn");
            Assert.Contains($"Your turn: accept or decline staff's proposal by {proposalDue}", turn);
            Assert.Contains("Staff propose to refund the buyer.", turn);
            Assert.Contains("href=\"#proposal-form\"", turn);
        }

        await h.Grain.RespondToProposalAsync(h.BuyerActor, true, null);
        var buyerWaits = Section(await PageAsync(h.Buyer), "data-dispute-turn");
        Assert.Contains("Waiting for Eli Etcher to answer staff's proposal", buyerWaits);
        Assert.Contains($"Eli Etcher has until {proposalDue} to accept or decline", buyerWaits);
        Assert.Contains("Your turn: accept or decline", Section(await PageAsync(h.Creative), "data-dispute-turn"));
    }

    [Fact]
    public async Task A_dispute_the_creative_must_answer_after_the_buyer_is_removed_says_staff_decide_it_not_the_buyer()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Harbour ferry timetable", "Gus Gone", "Ivy Inker");
        await h.Grain.OpenDisputeAsync(h.BuyerActor, "The timetable columns are in the wrong order.", []);
        await app.Grains.GetGrain<IUserGrain>(h.Buyer.UserId).RemoveAsync(h.Staff, "Chargebacks on several prizes.");

        var page = await HandoverPageAsync(h.Creative, h.PagePath);
        var turn = Section(page, "data-dispute-turn");
        Assert.Contains("Your turn: answer the dispute by", turn);
        Assert.Contains("If you don't answer by then, Marketplace support decides it.", turn);
        Assert.Contains("If you don't answer in time, Marketplace support decides it.", page);
        Assert.DoesNotContain("decided for Gus Gone", page);
    }

    private static async Task<string> HandoverPageAsync(ApiSession who, string path)
    {
        var response = await who.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return TimeTagsOut(WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }
}

using Marketplace.Contracts.Entries;
using Marketplace.Contracts.Projects;
using Marketplace.Contracts.Users;
using Marketplace.Contracts.WrapUps;
using Marketplace.Grains.WrapUps;

namespace Marketplace.Grains.Tests.Entries;

/// <summary>
/// Why staff removed a winning entry or a winner's account is between staff and the creative moderated: the buyer's
/// handover view says what was removed but carries the reason nowhere (not as the view's reason, not in the timeline),
/// and the buyer's view of a removed entry has no reason either. Staff, and the creative who keeps their account, read it.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RemovalReasonPrivacyTests(ClusterFixture fixture)
{
    private const string Reason = "It copies a registered trademark.";

    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task Removing_the_winning_entry_shows_its_reason_to_staff_and_the_creative_but_never_in_the_buyers_view()
    {
        var (buyer, winner, award) = await AwardedAsync();
        var staff = await Grains.StaffAsync();
        await Grains.GetGrain<IEntryGrain>(award.EntryId).RemoveAsync(staff, Reason);
        var wrapUp = Grains.GetGrain<IWrapUpGrain>(award.WrapUpId);

        var buyers = await wrapUp.GetAsync(buyer);
        Assert.Equal(WinnerRemoval.Entry, buyers.WinnerRemoval);
        Assert.Null(buyers.WinnerRemovedReason);
        var buyerStep = buyers.Timeline.Single(t => t.Kind == nameof(WinnerRemoved));
        Assert.Null(buyerStep.Reason);
        Assert.Equal("The winning entry was removed; staff take over the case.", buyerStep.Summary);
        Assert.DoesNotContain(buyers.Timeline, t => (t.Reason + t.Summary).Contains("trademark", StringComparison.Ordinal));

        foreach (var reader in new[] { staff, winner })
        {
            var view = await wrapUp.GetAsync(reader);
            Assert.Equal(Reason, view.WinnerRemovedReason);
            Assert.Equal(Reason, view.Timeline.Single(t => t.Kind == nameof(WinnerRemoved)).Reason);
        }

        Assert.Null((await Grains.GetGrain<IEntryGrain>(award.EntryId).GetAsync(buyer)).StatusReason);
        Assert.Equal(Reason, (await Grains.GetGrain<IEntryGrain>(award.EntryId).GetAsync(winner)).StatusReason);
        Assert.Equal(Reason, (await Grains.GetGrain<IEntryGrain>(award.EntryId).GetAsync(staff)).StatusReason);
    }

    [Fact]
    public async Task Removing_the_winners_account_shows_the_buyer_that_it_went_but_not_why()
    {
        var (buyer, winner, award) = await AwardedAsync();
        var staff = await Grains.StaffAsync();
        await Grains.GetGrain<IUserGrain>(winner.UserId).RemoveAsync(staff, Reason);
        var wrapUp = Grains.GetGrain<IWrapUpGrain>(award.WrapUpId);

        var buyers = await wrapUp.GetAsync(buyer);
        Assert.Equal(WinnerRemoval.Account, buyers.WinnerRemoval);
        Assert.Null(buyers.WinnerRemovedReason);
        Assert.Null(buyers.Timeline.Single(t => t.Kind == nameof(WinnerRemoved)).Reason);
        Assert.Null((await Grains.GetGrain<IEntryGrain>(award.EntryId).GetAsync(buyer)).StatusReason);

        var staffs = await wrapUp.GetAsync(staff);
        Assert.Equal(Reason, staffs.WinnerRemovedReason);
        Assert.Equal(Reason, staffs.Timeline.Single(t => t.Kind == nameof(WinnerRemoved)).Reason);
    }

    [Fact]
    public async Task The_buyer_reads_their_own_decline_reason_but_not_the_reason_staff_removed_an_entry()
    {
        var buyer = await Grains.BuyerAsync();
        var project = await fixture.OpenProjectAsync(buyer);
        var staff = await Grains.StaffAsync();
        var declined = Grains.GetGrain<IEntryGrain>((await fixture.SubmitAsync(await Grains.CreativeAsync(), project.Id)).Id);
        var removed = Grains.GetGrain<IEntryGrain>((await fixture.SubmitAsync(await Grains.CreativeAsync(), project.Id)).Id);

        await declined.DeclineAsync(buyer, "Too busy for a small sign.");
        await removed.RemoveAsync(staff, Reason);

        Assert.Equal("Too busy for a small sign.", (await declined.GetAsync(buyer)).StatusReason);
        var buyerSees = await removed.GetAsync(buyer);
        Assert.Equal(EntryStatus.Removed, buyerSees.Status);
        Assert.Null(buyerSees.StatusReason);
    }

    [Fact]
    public async Task Staff_read_who_took_an_entry_out_and_when_but_only_staff_learn_which_staff_member_removed_it()
    {
        var buyer = await Grains.BuyerAsync();
        var project = await fixture.OpenProjectAsync(buyer);
        var staff = await Grains.StaffAsync();
        var creative = await Grains.CreativeAsync();
        var withdrawn = Grains.GetGrain<IEntryGrain>((await fixture.SubmitAsync(creative, project.Id)).Id);
        var removed = Grains.GetGrain<IEntryGrain>((await fixture.SubmitAsync(creative, project.Id)).Id);
        var declined = Grains.GetGrain<IEntryGrain>((await fixture.SubmitAsync(creative, project.Id)).Id);
        var at = fixture.Clock.GetUtcNow();

        await withdrawn.WithdrawAsync(creative);
        await declined.DeclineAsync(buyer, null);
        await removed.RemoveAsync(staff, Reason);
        fixture.Clock.Advance(TimeSpan.FromMinutes(5));
        await removed.RemoveAsync(staff, Reason);

        Assert.Equal(new EntryStatusChange(EntryStatus.Withdrawn, creative.UserId, at), (await withdrawn.GetAsync(staff)).StatusChange);
        Assert.Equal(new EntryStatusChange(EntryStatus.Declined, buyer.UserId, at), (await declined.GetAsync(staff)).StatusChange);
        Assert.Equal(new EntryStatusChange(EntryStatus.Removed, staff.UserId, at), (await removed.GetAsync(staff)).StatusChange);
        foreach (var party in new[] { buyer, creative })
        {
            Assert.Equal(new EntryStatusChange(EntryStatus.Removed, null, at), (await removed.GetAsync(party)).StatusChange);
        }
    }

    /// <summary>A project whose one entry won: the buyer, the winner and the award.</summary>
    private async Task<(Actor Buyer, Actor Winner, AwardResult Award)> AwardedAsync()
    {
        var buyer = await Grains.BuyerAsync();
        var project = await fixture.OpenProjectAsync(buyer);
        var winner = await Grains.CreativeAsync();
        var winning = await fixture.SubmitAsync(winner, project.Id);
        await fixture.CloseEntriesAsync(project.Id);
        return (buyer, winner, await Grains.GetGrain<IProjectGrain>(project.Id).AwardAsync(buyer, winning.Id));
    }
}

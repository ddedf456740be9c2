using Marketplace.Contracts.Entries;
using Marketplace.Contracts.Projects;
using Marketplace.Contracts.Users;
using Marketplace.Contracts.WrapUps;

namespace Marketplace.Grains.Tests.Entries;

/// <summary>An entry's standing follows its project's real state, and the gallery conversation ends with the contest.</summary>
[Collection(ClusterCollection.Name)]
public sealed class EntryStandingTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private sealed record Contest(Actor Buyer, Actor Winner, Actor Rival, string ProjectId, string WinnerEntryId, string RivalEntryId)
    {
        public IProjectGrain Project(IGrainFactory grains) => grains.GetGrain<IProjectGrain>(ProjectId);
    }

    private async Task<Contest> SelectingAsync()
    {
        var buyer = await Grains.BuyerAsync();
        var winner = await Grains.CreativeAsync();
        var rival = await Grains.CreativeAsync();
        var open = await fixture.OpenProjectAsync(buyer, Scenarios.Draft(fixture.Clock.GetUtcNow()));
        var entry = await fixture.SubmitAsync(winner, open.Id);
        var rivalEntry = await fixture.SubmitAsync(rival, open.Id);
        await fixture.CloseEntriesAsync(open.Id);
        return new Contest(buyer, winner, rival, open.Id, entry.Id, rivalEntry.Id);
    }

    private async Task<EntrySummary> ListedAsync(Actor creative, string entryId) =>
        (await Grains.GetGrain<IUserIndexGrain>(creative.UserId).GetEntriesAsync(creative)).Single(e => e.EntryId == entryId);

    [Fact]
    public async Task Once_another_entry_wins_the_rival_reads_not_chosen_on_its_page_and_in_the_creatives_list()
    {
        var c = await SelectingAsync();
        var rival = Grains.GetGrain<IEntryGrain>(c.RivalEntryId);
        Assert.Equal(EntryStanding.Running, (await ListedAsync(c.Rival, c.RivalEntryId)).Standing);

        await c.Project(Grains).AwardAsync(c.Buyer, c.WinnerEntryId);

        Assert.Equal(EntryStanding.NotChosen, (await rival.GetAsync(c.Rival)).Standing);
        Assert.Equal(EntryStanding.NotChosen, (await rival.GetPublicAsync()).Standing);
        Assert.Equal(EntryStanding.NotChosen, (await ListedAsync(c.Rival, c.RivalEntryId)).Standing);
        Assert.Equal(EntryStanding.Winner, (await ListedAsync(c.Winner, c.WinnerEntryId)).Standing);
    }

    [Fact]
    public async Task Comments_on_an_entry_that_was_not_chosen_are_refused_once_the_contest_is_awarded_while_the_winner_still_takes_them()
    {
        var c = await SelectingAsync();
        var rival = Grains.GetGrain<IEntryGrain>(c.RivalEntryId);
        await rival.CommentAsync(c.Buyer, "Close second.");

        await c.Project(Grains).AwardAsync(c.Buyer, c.WinnerEntryId);

        var refused = await Refused.WithAsync(ErrorKind.Conflict, () => rival.CommentAsync(c.Rival, "Why not mine?"));
        Assert.Contains("comments on this entry are closed", refused, StringComparison.Ordinal);
        var details = await rival.GetAsync(c.Rival);
        Assert.False(details.CommentsOpen);
        Assert.Single(details.Comments);
        var winner = await Grains.GetGrain<IEntryGrain>(c.WinnerEntryId).CommentAsync(c.Buyer, "Congratulations!");
        Assert.True(winner.CommentsOpen);
    }

    [Fact]
    public async Task When_staff_let_the_buyer_award_another_the_not_chosen_entries_are_in_the_running_again()
    {
        var c = await SelectingAsync();
        var award = await c.Project(Grains).AwardAsync(c.Buyer, c.WinnerEntryId);
        var staff = await Grains.StaffAsync();
        var wrapUp = Grains.GetGrain<IWrapUpGrain>(award.WrapUpId);
        await Grains.GetGrain<IUserGrain>(c.Winner.UserId).RemoveAsync(staff, "Repeated policy violations.");
        await wrapUp.ClaimAsync(staff);

        await wrapUp.DecideOutcomeAsync(staff, new Resolution(WrapUpOutcome.AwardAnother), "The buyer chooses again.");

        var rival = Grains.GetGrain<IEntryGrain>(c.RivalEntryId);
        Assert.Equal(EntryStanding.Running, (await ListedAsync(c.Rival, c.RivalEntryId)).Standing);
        Assert.True((await rival.CommentAsync(c.Buyer, "Still in the running.")).CommentsOpen);
    }

    [Fact]
    public async Task A_project_staff_cancel_without_a_winner_closes_its_entries_and_their_comments()
    {
        var c = await SelectingAsync();
        var staff = await Grains.StaffAsync();

        await c.Project(Grains).CancelAsync(staff, "The brief broke the rules.");

        var rival = Grains.GetGrain<IEntryGrain>(c.RivalEntryId);
        Assert.Equal(EntryStanding.Closed, (await rival.GetAsync(c.Rival)).Standing);
        Assert.Equal(EntryStanding.Closed, (await ListedAsync(c.Rival, c.RivalEntryId)).Standing);
        var refused = await Refused.WithAsync(ErrorKind.Conflict, () => rival.CommentAsync(c.Buyer, "Sorry."));
        Assert.Contains("closed without a winner", refused, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_buyers_list_names_the_running_handover_and_the_winners_list_names_the_project()
    {
        var c = await SelectingAsync();

        var award = await c.Project(Grains).AwardAsync(c.Buyer, c.WinnerEntryId);

        var listed = (await Grains.GetGrain<IUserIndexGrain>(c.Buyer.UserId).GetProjectsAsync(c.Buyer)).Single(p => p.ProjectId == c.ProjectId);
        Assert.Equal(award.WrapUpId, listed.ActiveWrapUpId);
        var title = (await c.Project(Grains).GetAsync(c.Buyer)).Brief.Title;
        var won = (await Grains.GetGrain<IUserIndexGrain>(c.Winner.UserId).GetWrapUpsWonAsync(c.Winner)).Single();
        Assert.Equal(title, won.ProjectTitle);
    }
}

using Marketplace.Contracts.Entries;
using Marketplace.Contracts.Notifications;
using Marketplace.Contracts.Projects;
using Marketplace.Contracts.Reports;
using Marketplace.Contracts.WrapUps;
using Marketplace.Grains.Tests.Reviews;
using Marketplace.Grains.Tests.WrapUps;

namespace Marketplace.Grains.Tests.Reports;

/// <summary>
/// Stolen work is often recognised only once the winner is shown, so entries stay reportable while their gallery shows
/// them, after the contest ended too; staff reading a reported winner see its handover (running or ended), which
/// decides what removing it does. On Azurite, with a restart where a report must last.
/// </summary>
public sealed class EndedContestReportTests(PersistentClusterFixture fixture) : IClassFixture<PersistentClusterFixture>
{
    private const string Title = "“A logo for Bread & Butter”";

    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task The_winner_of_a_completed_handover_can_be_reported_staff_see_the_handover_and_a_dismissal_leaves_it_in_the_gallery()
    {
        var h = await Reviewed.CompletedAsync(fixture);
        var winner = await WinningEntryAsync(h);
        var owner = await Grains.CreativeAsync("Orla Original");

        await Reports(winner).ReportAsync(owner, h.ProjectId, new ReportRequest(ReportReason.UsesSomeoneElsesWork, null, "This is my logo from 2019."));
        var now = fixture.Clock.GetUtcNow();
        await fixture.RestartClusterAsync();
        fixture.Clock.SetUtcNow(now);

        var view = await Reports(winner).GetAsync(h.Staff);
        Assert.Equal(ProjectState.Completed, view.ProjectState);
        Assert.Equal(owner.UserId, Assert.Single(view.Open.Reports).ReporterId);
        Assert.Equal(new WinningHandover(h.Id, Running: false, WrapUpOutcome.Completed, view.Winner!.EndedAt), view.Winner);
        Assert.NotNull(view.Winner.EndedAt);
        Assert.Contains(await Grains.GetGrain<IReportQueueGrain>(IReportQueueGrain.Key).ListAsync(h.Staff), e => e.EntryId == winner);

        await Reports(winner).DismissAsync(h.Staff, "Orla's 2019 logo is a different mark.");

        Assert.Equal($"Staff looked at entry #1 in {Title} and left it in the gallery. Thank you for telling us.",
            Assert.Single(await Grains.NoticesAsync(owner), n => n.Kind == NotificationKinds.ReportOutcome).Text);
        Assert.DoesNotContain(await Grains.NoticesAsync(h.Creative), n => n.Kind == NotificationKinds.ReportOutcome);
    }

    [Fact]
    public async Task A_reported_winner_of_a_running_handover_shows_it_running_and_removing_it_sends_the_case_to_staff()
    {
        var h = await Handover.AwardedAsync(fixture);
        var winner = await WinningEntryAsync(h);
        await Reports(winner).ReportAsync(h.Buyer, h.ProjectId, new ReportRequest(ReportReason.UsesSomeoneElsesWork, null, "It is the mark of a company in Leeds."));

        var view = await Reports(winner).GetAsync(h.Staff);
        Assert.Equal(new WinningHandover(h.Id, Running: true, null, null), view.Winner);

        await Grains.GetGrain<IEntryGrain>(winner).RemoveAsync(h.Staff, "Lifted from a registered trademark.");

        Assert.Equal(WinnerRemoval.Entry, (await h.Grain.GetAsync(h.Staff)).WinnerRemoval);
        Assert.NotNull(await h.QueuedCaseAsync());
        Assert.Equal(ReportOutcome.Removed, Assert.Single((await Reports(winner).GetAsync(h.Staff)).Resolved).Outcome);
    }

    [Fact]
    public async Task Entries_of_a_cancelled_contest_are_still_reportable_while_shown_and_a_loser_has_no_winning_handover()
    {
        var buyer = await Grains.BuyerAsync();
        var staff = await Grains.StaffAsync();
        var project = await fixture.OpenProjectAsync(buyer);
        var entry = await fixture.SubmitAsync(await Grains.CreativeAsync(), project.Id);
        await Grains.GetGrain<IProjectGrain>(project.Id).CancelAsync(staff, "The buyer closed the shop.");

        await Reports(entry.Id).ReportAsync(buyer, project.Id, new ReportRequest(ReportReason.Offensive, null, null));

        var view = await Reports(entry.Id).GetAsync(staff);
        Assert.Equal(ProjectState.Cancelled, view.ProjectState);
        Assert.Null(view.Winner);
        Assert.Single(view.Open.Reports);
    }

    private static async Task<string> WinningEntryAsync(Handover h) => (await h.Grain.GetAsync(h.Staff)).EntryId;

    private IEntryReportsGrain Reports(string entryId) => Grains.GetGrain<IEntryReportsGrain>(entryId);
}

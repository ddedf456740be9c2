using Marketplace.Contracts.Catalog;
using Marketplace.Contracts.Entries;
using Marketplace.Contracts.Notifications;
using Marketplace.Contracts.Projects;
using static Marketplace.Testing.Cluster.NoticeText;

namespace Marketplace.Grains.Tests.Projects;

/// <summary>
/// The buyer gives an open contest more time: a later deadline only, within the longest entry period from opening, as
/// often as needed; staff may do it for them (recorded); nobody once entries closed; the creatives who can win hear it.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class EntryDeadlineExtensionTests(ClusterFixture fixture)
{
    private const string Title = "“A logo for Bread & Butter”";

    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task The_buyer_extends_twice_and_the_creatives_who_can_win_hear_each_new_deadline()
    {
        var (buyer, project) = await fixture.BuyerWithOpenProjectAsync();
        var creative = await Grains.CreativeAsync();
        var declined = await Grains.CreativeAsync();
        await fixture.SubmitAsync(creative, project.Id);
        await Grains.GetGrain<IEntryGrain>((await fixture.SubmitAsync(declined, project.Id)).Id).DeclineAsync(buyer, null);
        var grain = Grains.GetGrain<IProjectGrain>(project.Id);
        var later = project.EntryDeadline.AddDays(7);

        var extended = await grain.ExtendEntryDeadlineAsync(buyer, later);
        await grain.ExtendEntryDeadlineAsync(buyer, later);
        var again = await grain.ExtendEntryDeadlineAsync(buyer, later.AddDays(3));

        Assert.Equal(later, extended.EntryDeadline);
        Assert.Equal(later.AddDays(3), again.EntryDeadline);
        Assert.Equal(ProjectState.Open, again.State);
        Assert.Equal(buyer.UserId, again.History[^1].ActorId);
        var told = (await Grains.NoticesAsync(creative)).Where(n => n.Kind == NotificationKinds.EntriesExtended).Reverse().ToList();
        Assert.Equal(2, told.Count);
        Assert.Equal($"The buyer gave {Title} more time: entries now close on {When(later)} instead of {When(project.EntryDeadline)}. Your entry is still in the running, and you can revise it until the winner is chosen.", told[0].Text);
        Assert.Contains($"entries now close on {When(later.AddDays(3))} instead of {When(later)}", told[1].Text, StringComparison.Ordinal);
        Assert.DoesNotContain(await Grains.NoticesAsync(declined), n => n.Kind == NotificationKinds.EntriesExtended);
        Assert.DoesNotContain(await Grains.NoticesAsync(buyer), n => n.Kind == NotificationKinds.EntriesExtended);
        var listed = await Grains.GetGrain<ICatalogGrain>(Categories.Logo).ListOpenAsync();
        Assert.Equal(later.AddDays(3), Assert.Single(listed, i => i.ProjectId == project.Id).EntryDeadline);
    }

    [Fact]
    public async Task The_selection_window_counts_from_the_extended_deadline()
    {
        var (buyer, project) = await fixture.BuyerWithOpenProjectAsync();
        await fixture.SubmitAsync(await Grains.CreativeAsync(), project.Id);
        var grain = Grains.GetGrain<IProjectGrain>(project.Id);
        var later = project.EntryDeadline.AddDays(4);
        await grain.ExtendEntryDeadlineAsync(buyer, later);

        fixture.Clock.SetUtcNow(project.EntryDeadline.AddMinutes(1));
        Assert.Equal(ProjectState.Open, (await grain.GetAsync(buyer)).State);
        var selecting = await fixture.CloseEntriesAsync(project.Id);

        Assert.Equal(ProjectState.Selecting, selecting.State);
        Assert.Equal(later + project.SelectionWindow, selecting.SelectionDeadline);
    }

    [Fact]
    public async Task An_earlier_deadline_or_one_past_the_longest_entry_period_is_refused_with_the_limit_named()
    {
        var (buyer, project) = await fixture.BuyerWithOpenProjectAsync();
        var grain = Grains.GetGrain<IProjectGrain>(project.Id);
        var latest = Assert.IsType<DateTimeOffset>(project.LatestEntryDeadline);
        Assert.Equal(fixture.Clock.GetUtcNow().AddDays(60), latest);

        var earlier = await Refused.WithAsync(ErrorKind.Invalid, () => grain.ExtendEntryDeadlineAsync(buyer, project.EntryDeadline.AddHours(-1)));
        var tooLate = await Refused.WithAsync(ErrorKind.Invalid, () => grain.ExtendEntryDeadlineAsync(buyer, latest.AddMinutes(1)));

        Assert.Equal($"Entries already close on {When(project.EntryDeadline)}. Choose a later date to give the contest more time.", earlier);
        Assert.Equal($"Entries can stay open at most 60 days from when the project opened, so the latest deadline is {When(latest)}. Choose that date or an earlier one.", tooLate);
        Assert.Equal(project.EntryDeadline, (await grain.GetAsync(buyer)).EntryDeadline);
        Assert.Equal(latest, (await grain.ExtendEntryDeadlineAsync(buyer, latest)).EntryDeadline);
    }

    [Fact]
    public async Task Another_buyer_or_a_creative_may_not_extend_a_project()
    {
        var (_, project) = await fixture.BuyerWithOpenProjectAsync();
        var grain = Grains.GetGrain<IProjectGrain>(project.Id);
        var later = project.EntryDeadline.AddDays(2);

        var someoneElse = await Grains.BuyerAsync();
        var creative = await Grains.CreativeAsync();

        var otherBuyer = await Refused.WithAsync(ErrorKind.Forbidden, () => grain.ExtendEntryDeadlineAsync(someoneElse, later));
        await Refused.WithAsync(ErrorKind.Forbidden, () => grain.ExtendEntryDeadlineAsync(creative, later));

        Assert.Equal("Only this project's buyer or Marketplace support can extend its entry period.", otherBuyer);
        Assert.Equal(project.EntryDeadline, (await grain.GetAsync(Actor.System)).EntryDeadline);
    }

    [Fact]
    public async Task Staff_extend_on_the_buyers_behalf_recorded_in_the_history_and_told_to_the_buyer()
    {
        var (buyer, project) = await fixture.BuyerWithOpenProjectAsync();
        var staff = await Grains.StaffAsync();
        var creative = await Grains.CreativeAsync();
        await fixture.SubmitAsync(creative, project.Id);
        var later = project.EntryDeadline.AddDays(5);

        var extended = await Grains.GetGrain<IProjectGrain>(project.Id).ExtendEntryDeadlineAsync(staff, later);

        var recorded = extended.History[^1];
        Assert.Equal(staff.UserId, recorded.ActorId);
        Assert.Contains("by Marketplace support on the buyer's behalf", recorded.Note, StringComparison.Ordinal);
        var buyerTold = Assert.Single(await Grains.NoticesAsync(buyer), n => n.Kind == NotificationKinds.EntriesExtended);
        Assert.Equal($"Marketplace support extended the entry period of {Title}: entries now close on {When(later)} instead of {When(project.EntryDeadline)}.", buyerTold.Text);
        Assert.StartsWith($"Marketplace support gave {Title} more time", Assert.Single(await Grains.NoticesAsync(creative), n => n.Kind == NotificationKinds.EntriesExtended).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_history_line_keeps_its_times_as_instants_for_the_readers_zone_and_in_utc_words()
    {
        var (buyer, project) = await fixture.BuyerWithOpenProjectAsync();
        var later = project.EntryDeadline.AddDays(4);

        var line = (await Grains.GetGrain<IProjectGrain>(project.Id).ExtendEntryDeadlineAsync(buyer, later)).History[^1];

        Assert.Equal($"Entry deadline extended from {When(project.EntryDeadline)} to {When(later)}.", line.Note);
        Assert.Equal([project.EntryDeadline, later], line.Times);
        Assert.Equal(line.Note, TimeMarkers.Write(line.Marked!, TimeZoneInfo.Utc));
        Assert.Null((await Grains.GetGrain<IProjectGrain>(project.Id).GetAsync(buyer)).History[0].Marked);
    }

    [Fact]
    public async Task Nobody_extends_once_entries_closed()
    {
        var (buyer, project) = await fixture.BuyerWithOpenProjectAsync();
        await fixture.SubmitAsync(await Grains.CreativeAsync(), project.Id);
        var selecting = await fixture.CloseEntriesAsync(project.Id);
        var grain = Grains.GetGrain<IProjectGrain>(project.Id);
        var later = fixture.Clock.GetUtcNow().AddDays(3);

        var asBuyer = await Refused.WithAsync(ErrorKind.Conflict, () => grain.ExtendEntryDeadlineAsync(buyer, later));
        await Refused.WithAsync(ErrorKind.Conflict, async () => await grain.ExtendEntryDeadlineAsync(await Grains.StaffAsync(), later));

        Assert.Equal($"Entries to this project already closed on {When(selecting.EntryDeadline)}, so they can no longer be extended. The winner is chosen by {When(selecting.SelectionDeadline!.Value)}.", asBuyer);
        Assert.Null(selecting.LatestEntryDeadline);
        Assert.Equal(selecting.EntryDeadline, (await grain.GetAsync(buyer)).EntryDeadline);
    }

    [Fact]
    public async Task A_refusal_that_names_times_carries_their_instants_so_each_reader_reads_them_in_their_own_zone()
    {
        var (buyer, project) = await fixture.BuyerWithOpenProjectAsync();
        await fixture.SubmitAsync(await Grains.CreativeAsync(), project.Id);
        var selecting = await fixture.CloseEntriesAsync(project.Id);

        var refused = await Assert.ThrowsAsync<MarketplaceException>(() => Grains.GetGrain<IProjectGrain>(project.Id).ExtendEntryDeadlineAsync(buyer, fixture.Clock.GetUtcNow().AddDays(3)));

        Assert.Equal([selecting.EntryDeadline, selecting.SelectionDeadline!.Value], refused.Times);
        Assert.Equal(refused.Message, refused.In(TimeZoneInfo.Utc));
        Assert.DoesNotContain("⟦", refused.Message, StringComparison.Ordinal);
        var kolkata = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
        Assert.Equal($"Entries to this project already closed on {LocalTimes.Format(selecting.EntryDeadline, kolkata, TimeMarkers.ShortPattern)}, so they can no longer be extended. "
            + $"The winner is chosen by {LocalTimes.Format(selecting.SelectionDeadline.Value, kolkata, TimeMarkers.ShortPattern)}.", refused.In(kolkata));
        Assert.EndsWith(" IST.", refused.In(kolkata), StringComparison.Ordinal);
    }
}

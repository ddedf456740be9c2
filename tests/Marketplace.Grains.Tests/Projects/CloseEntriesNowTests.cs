using Marketplace.Contracts.Catalog;
using Marketplace.Contracts.Entries;
using Marketplace.Contracts.Escrow;
using Marketplace.Contracts.Notifications;
using Marketplace.Contracts.Projects;
using Marketplace.Contracts.Users;
using static Marketplace.Testing.Cluster.NoticeText;

namespace Marketplace.Grains.Tests.Projects;

/// <summary>
/// The buyer (or staff for them) closes entries before the deadline: only when the brief allowed early award and an
/// entry can win; the selection window starts then, every creative in the gallery hears it, and a later submit is
/// refused. On Azurite, with a restart where the change must last.
/// </summary>
public sealed class CloseEntriesNowTests(PersistentClusterFixture fixture) : IClassFixture<PersistentClusterFixture>
{
    private const string Title = "“A logo for Bread & Butter”";

    private IGrainFactory Grains => fixture.Grains;
    private DateTimeOffset Now => fixture.Clock.GetUtcNow();

    [Fact]
    public async Task The_buyer_closes_entries_early_the_selection_window_starts_now_and_every_creative_in_the_gallery_hears_it()
    {
        var (buyer, project) = await OpenWithEarlyAwardAsync();
        var running = await Grains.CreativeAsync();
        var declined = await Grains.CreativeAsync();
        await fixture.SubmitAsync(running, project.Id);
        await Grains.GetGrain<IEntryGrain>((await fixture.SubmitAsync(declined, project.Id)).Id).DeclineAsync(buyer, null);
        fixture.Clock.Advance(TimeSpan.FromHours(5));
        var closedAt = Now;

        var closed = await Grains.GetGrain<IProjectGrain>(project.Id).CloseEntriesNowAsync(buyer, null);

        Assert.Equal(ProjectState.Selecting, closed.State);
        Assert.Equal((closedAt, project.EntryDeadline), (closed.EntryDeadline, closed.ScheduledEntryDeadline!.Value));
        Assert.Equal(closedAt + project.SelectionWindow, closed.SelectionDeadline);
        Assert.Equal(buyer.UserId, closed.History[^1].ActorId);
        Assert.DoesNotContain(await Grains.GetGrain<ICatalogGrain>(Categories.Logo).ListOpenAsync(), i => i.ProjectId == project.Id);
        var chooseBy = When(closed.SelectionDeadline!.Value);
        var toChoose = Assert.Single(await Grains.NoticesAsync(buyer), n => n.Kind == NotificationKinds.TimeToChoose);
        Assert.True(toChoose.Asks);
        Assert.Equal($"Entries to {Title} closed with 1 entry to choose from. Choose a winner by {chooseBy}. If you do not, your prize of {Scenarios.Prize} comes back to you and no design or rights are bought.", toChoose.Text);
        var early = $"The buyer closed entries to {Title} early, on {When(closedAt)} instead of {When(project.EntryDeadline)}";
        Assert.Equal($"{early}, and your entry is in the running. The buyer chooses a winner by {chooseBy}; you will hear how it ends.",
            Assert.Single(await Grains.NoticesAsync(running), n => n.Kind == NotificationKinds.EntriesClosed).Text);
        Assert.Equal($"{early}, so it takes no more entries. The buyer chooses a winner by {chooseBy}.",
            Assert.Single(await Grains.NoticesAsync(declined), n => n.Kind == NotificationKinds.EntriesClosed).Text);

        var late = await Refused.WithAsync(ErrorKind.Conflict, () => fixture.SubmitAsync(running, project.Id));
        Assert.Equal($"Entries to this project closed on {When(closedAt)}, so it takes no more entries.", late);
    }

    [Fact]
    public async Task Closing_again_changes_nothing_tells_nobody_twice_and_the_early_close_survives_a_restart()
    {
        var (buyer, project) = await OpenWithEarlyAwardAsync();
        var creative = await Grains.CreativeAsync();
        await fixture.SubmitAsync(creative, project.Id);
        var grain = Grains.GetGrain<IProjectGrain>(project.Id);
        var closed = await grain.CloseEntriesNowAsync(buyer, null);
        var told = (await Grains.NoticesAsync(buyer)).Count + (await Grains.NoticesAsync(creative)).Count;
        fixture.Clock.Advance(TimeSpan.FromMinutes(2));

        var again = await grain.CloseEntriesNowAsync(buyer, null);

        Assert.Equal((closed.EntryDeadline, closed.SelectionDeadline, closed.History.Count), (again.EntryDeadline, again.SelectionDeadline, again.History.Count));
        Assert.Equal(told, (await Grains.NoticesAsync(buyer)).Count + (await Grains.NoticesAsync(creative)).Count);

        var now = Now;
        await fixture.RestartClusterAsync();
        fixture.Clock.SetUtcNow(now);

        var read = await Grains.GetGrain<IProjectGrain>(project.Id).GetAsync(buyer);
        Assert.Equal(ProjectState.Selecting, read.State);
        Assert.Equal((closed.EntryDeadline, closed.ScheduledEntryDeadline, closed.SelectionDeadline), (read.EntryDeadline, read.ScheduledEntryDeadline, read.SelectionDeadline));
        Assert.Equal(closed.History.Count, (await Grains.GetGrain<IProjectGrain>(project.Id).CloseEntriesNowAsync(buyer, null)).History.Count);
    }

    [Fact]
    public async Task After_an_early_close_the_choose_soon_reminder_and_the_refund_follow_the_new_window_not_the_old_deadline()
    {
        var buyer = await Grains.BuyerAsync();
        // Entries were to stay open 20 days; the buyer closes them on the first and has the 5-day window from then.
        var project = await fixture.OpenProjectAsync(buyer, Scenarios.Draft(Now, allowEarlyAward: true) with { EntryDeadline = Now.AddDays(20) });
        await fixture.SubmitAsync(await Grains.CreativeAsync(), project.Id);
        var grain = Grains.GetGrain<IProjectGrain>(project.Id);
        var closed = await grain.CloseEntriesNowAsync(buyer, null);

        fixture.Clock.Advance(TimeSpan.FromDays(3.5));
        await grain.AsReference<IRemindable>().ReceiveReminder("deadline", new TickStatus(Now.UtcDateTime, TimeSpan.FromHours(1), Now.UtcDateTime));

        var soon = Assert.Single(await Grains.NoticesAsync(buyer), n => n.Kind == NotificationKinds.ChooseSoon);
        Assert.Contains($"award its only entry by {When(closed.SelectionDeadline!.Value)}", soon.Text, StringComparison.Ordinal);
        fixture.Clock.Advance(TimeSpan.FromDays(1.5));
        await grain.AsReference<IRemindable>().ReceiveReminder("deadline", new TickStatus(Now.UtcDateTime, TimeSpan.FromHours(1), Now.UtcDateTime));

        Assert.Contains(await Grains.NoticesAsync(buyer), n => n.Kind == NotificationKinds.PrizeRefunded
            && n.Text == $"The time to choose a winner for {Title} ran out, so the project closed and your prize of {Scenarios.Prize} was refunded to you. Your receipt shows the refund.");
        Assert.Equal(Scenarios.Prize, (await Grains.GetGrain<IEscrowGrain>(project.Id).GetStatementAsync()).Refunded);
    }

    [Fact]
    public async Task Closing_early_is_refused_with_the_reason_when_the_brief_promised_the_deadline_no_entry_can_win_or_entries_already_closed()
    {
        var buyer = await Grains.BuyerAsync();
        var creative = await Grains.CreativeAsync();
        var promised = await fixture.OpenProjectAsync(buyer, Scenarios.Draft(Now, allowEarlyAward: false));
        await fixture.SubmitAsync(creative, promised.Id);
        var empty = await fixture.OpenProjectAsync(buyer, Scenarios.Draft(Now, allowEarlyAward: true));
        var allDeclined = await fixture.OpenProjectAsync(buyer, Scenarios.Draft(Now, allowEarlyAward: true));
        await Grains.GetGrain<IEntryGrain>((await fixture.SubmitAsync(creative, allDeclined.Id)).Id).DeclineAsync(buyer, null);
        var draft = Grains.GetGrain<IProjectGrain>(ClusterFixture.NewId("project"));
        await draft.CreateAsync(buyer, Scenarios.Draft(Now, allowEarlyAward: true));

        Assert.Equal($"The brief told creatives that entries stay open until {When(promised.EntryDeadline)} and that the winner is chosen after that, so entries cannot close early. Choose a winner once they close, or ask Marketplace support if the contest must end.",
            await Refused.WithAsync(ErrorKind.Conflict, () => Grains.GetGrain<IProjectGrain>(promised.Id).CloseEntriesNowAsync(buyer, null)));
        Assert.StartsWith("No entries have arrived yet",
            await Refused.WithAsync(ErrorKind.Conflict, () => Grains.GetGrain<IProjectGrain>(empty.Id).CloseEntriesNowAsync(buyer, null)), StringComparison.Ordinal);
        Assert.StartsWith("Every entry in the gallery was declined",
            await Refused.WithAsync(ErrorKind.Conflict, () => Grains.GetGrain<IProjectGrain>(allDeclined.Id).CloseEntriesNowAsync(buyer, null)), StringComparison.Ordinal);
        Assert.StartsWith("This project is still a draft", await Refused.WithAsync(ErrorKind.Conflict, () => draft.CloseEntriesNowAsync(buyer, null)), StringComparison.Ordinal);
        foreach (var refused in new[] { promised, empty, allDeclined })
        {
            var unchanged = await Grains.GetGrain<IProjectGrain>(refused.Id).GetAsync(buyer);
            Assert.Equal((ProjectState.Open, refused.EntryDeadline, (DateTimeOffset?)null), (unchanged.State, unchanged.EntryDeadline, unchanged.ScheduledEntryDeadline));
            Assert.Equal(Scenarios.Prize, (await Grains.GetGrain<IEscrowGrain>(refused.Id).GetStatementAsync()).Held);
        }

        // Entries that closed at their deadline did not close early: the buyer is told when they closed and the date to choose by.
        var selecting = await fixture.CloseEntriesAsync(promised.Id);
        Assert.Equal($"Entries to this project already closed on {When(selecting.EntryDeadline)}. The winner is chosen by {When(selecting.SelectionDeadline!.Value)}.",
            await Refused.WithAsync(ErrorKind.Conflict, () => Grains.GetGrain<IProjectGrain>(promised.Id).CloseEntriesNowAsync(buyer, null)));
    }

    [Fact]
    public async Task Only_the_buyer_or_staff_with_a_reason_close_entries_and_staff_closing_them_is_told_to_the_buyer()
    {
        var (buyer, project) = await OpenWithEarlyAwardAsync();
        var creative = await Grains.CreativeAsync();
        await fixture.SubmitAsync(creative, project.Id);
        var grain = Grains.GetGrain<IProjectGrain>(project.Id);
        var otherBuyer = await Grains.BuyerAsync();
        var staff = await Grains.StaffAsync();
        var suspended = await Grains.BuyerAsync();
        var theirs = await fixture.OpenProjectAsync(suspended, Scenarios.Draft(Now, allowEarlyAward: true));
        await fixture.SubmitAsync(creative, theirs.Id);
        await Grains.GetGrain<IUserGrain>(suspended.UserId).SuspendAsync(staff, "Chargeback under review");

        await Refused.WithAsync(ErrorKind.Forbidden, () => grain.CloseEntriesNowAsync(otherBuyer, null));
        await Refused.WithAsync(ErrorKind.Forbidden, () => grain.CloseEntriesNowAsync(creative, null));
        await Refused.WithAsync(ErrorKind.Forbidden, () => Grains.GetGrain<IProjectGrain>(theirs.Id).CloseEntriesNowAsync(suspended, null));
        await Refused.WithAsync(ErrorKind.Invalid, () => grain.CloseEntriesNowAsync(staff, "  "));
        Assert.Equal(ProjectState.Open, (await grain.GetAsync(buyer)).State);

        var closed = await grain.CloseEntriesNowAsync(staff, "The buyer asked by phone: they have the design they want.");

        Assert.Equal(ProjectState.Selecting, closed.State);
        Assert.Equal(staff.UserId, closed.History[^1].ActorId);
        Assert.Contains("on the buyer's behalf", closed.History[^1].Note, StringComparison.Ordinal);
        Assert.StartsWith($"Marketplace support closed entries to {Title} early for you, with this reason: “The buyer asked by phone: they have the design they want.” Entries to {Title} closed with 1 entry to choose from.",
            Assert.Single(await Grains.NoticesAsync(buyer), n => n.Kind == NotificationKinds.TimeToChoose).Text, StringComparison.Ordinal);
        var told = Assert.Single(await Grains.NoticesAsync(creative), n => n.Kind == NotificationKinds.EntriesClosed && n.Link == "/projects/" + project.Id);
        Assert.StartsWith($"Marketplace support, for the buyer, closed entries to {Title} early", told.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("phone", told.Text, StringComparison.Ordinal);
    }

    private async Task<(Actor Buyer, ProjectView Project)> OpenWithEarlyAwardAsync()
    {
        var buyer = await Grains.BuyerAsync();
        return (buyer, await fixture.OpenProjectAsync(buyer, Scenarios.Draft(Now, allowEarlyAward: true)));
    }
}

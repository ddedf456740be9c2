using Marketplace.Contracts.Entries;
using Marketplace.Contracts.Notifications;
using Marketplace.Contracts.Projects;
using static Marketplace.Testing.Cluster.NoticeText;

namespace Marketplace.Grains.Tests.Notifications;

/// <summary>
/// The buyer's time to choose a winner: told when entries close (how many can win, by when, what happens otherwise),
/// reminded once before the selection deadline unless they awarded, and those calls end with the award or the close.
/// The creatives whose entries can win hear once that entries closed.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class TimeToChooseTests(ClusterFixture fixture)
{
    private const string Title = "“A logo for Bread & Butter”";

    private IGrainFactory Grains => fixture.Grains;

    [Theory]
    [InlineData(1, "1 entry")]
    [InlineData(3, "3 entries")]
    public async Task Entries_closing_tells_the_buyer_how_many_entries_can_win_and_by_when_to_choose(int entries, string counted)
    {
        var (buyer, project) = await fixture.BuyerWithOpenProjectAsync();
        for (var i = 0; i < entries; i++)
        {
            await fixture.SubmitAsync(await Grains.CreativeAsync(), project.Id);
        }

        // A declined entry stays in the gallery but can no longer win, so it is not counted.
        var declined = await fixture.SubmitAsync(await Grains.CreativeAsync(), project.Id);
        await Grains.GetGrain<IEntryGrain>(declined.Id).DeclineAsync(buyer, null);

        var selecting = await fixture.CloseEntriesAsync(project.Id);

        var told = Assert.Single(await Grains.NoticesAsync(buyer), n => n.Kind == NotificationKinds.TimeToChoose);
        Assert.Equal(
            $"Entries to {Title} closed with {counted} to choose from. Choose a winner by {When(selecting.SelectionDeadline!.Value)}. " +
            $"If you do not, your prize of {project.Prize} comes back to you and no design or rights are bought.", told.Text);
        Assert.Equal("/projects/" + project.Id, told.Link);
        Assert.True(told.Asks, "Choosing a winner waits on the buyer.");
        var mails = await MailPickup.WaitForAsync(fixture.MailFolder, EmailOf(buyer), count: entries + 2);
        Assert.Single(mails, m => (m.TextBody ?? "").Contains($"Choose a winner by {When(selecting.SelectionDeadline!.Value)}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Entries_closing_with_every_entry_declined_or_withdrawn_refunds_and_says_why_in_those_words()
    {
        var (buyer, project) = await fixture.BuyerWithOpenProjectAsync();
        var declinedCreative = await Grains.CreativeAsync();
        var withdrawnCreative = await Grains.CreativeAsync();
        var declined = await fixture.SubmitAsync(declinedCreative, project.Id);
        var withdrawn = await fixture.SubmitAsync(withdrawnCreative, project.Id);
        await Grains.GetGrain<IEntryGrain>(declined.Id).DeclineAsync(buyer, null);
        await Grains.GetGrain<IEntryGrain>(withdrawn.Id).WithdrawAsync(withdrawnCreative);

        Assert.Equal(ProjectState.Refunded, (await fixture.CloseEntriesAsync(project.Id)).State);

        var notices = await Grains.NoticesAsync(buyer);
        Assert.DoesNotContain(notices, n => n.Kind == NotificationKinds.TimeToChoose);
        var refund = Assert.Single(notices, n => n.Kind == NotificationKinds.PrizeRefunded);
        Assert.Equal($"Entries to {Title} closed with no entry left to choose from (each was declined, withdrawn or removed), so the project closed and your prize of {project.Prize} was refunded to you. Your receipt shows the refund.", refund.Text);
        var closed = Assert.Single(await Grains.NoticesAsync(declinedCreative), n => n.Kind == NotificationKinds.ProjectClosed);
        Assert.Equal($"Entries to {Title} closed with no entry left that could win, so no design will be chosen. Thank you for taking part.", closed.Text);
        Assert.DoesNotContain(await Grains.NoticesAsync(withdrawnCreative), n => n.Kind is NotificationKinds.ProjectClosed or NotificationKinds.EntriesClosed);
    }

    [Fact]
    public async Task Each_creative_whose_entry_can_win_hears_once_that_entries_closed_and_nobody_else_is_named()
    {
        var (buyer, project) = await fixture.BuyerWithOpenProjectAsync();
        var twice = await Grains.CreativeAsync("Tess Twice");
        var once = await Grains.CreativeAsync("Olly Once");
        var declined = await Grains.CreativeAsync("Dee Declined");
        await fixture.SubmitAsync(twice, project.Id);
        await fixture.SubmitAsync(twice, project.Id);
        await fixture.SubmitAsync(once, project.Id);
        await Grains.GetGrain<IEntryGrain>((await fixture.SubmitAsync(declined, project.Id)).Id).DeclineAsync(buyer, null);

        var selecting = await fixture.CloseEntriesAsync(project.Id);
        await Grains.GetGrain<IProjectGrain>(project.Id).GetAsync(buyer);

        foreach (var creative in new[] { twice, once })
        {
            var told = Assert.Single(await Grains.NoticesAsync(creative), n => n.Kind == NotificationKinds.EntriesClosed);
            Assert.Equal($"Entries to {Title} have closed and your entry is in the running. The buyer chooses a winner by {When(selecting.SelectionDeadline!.Value)}; you will hear how it ends.", told.Text);
            Assert.False(told.Asks);
            Assert.DoesNotContain("Tess", told.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("Olly", told.Text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(await Grains.NoticesAsync(declined), n => n.Kind == NotificationKinds.EntriesClosed);
    }

    [Fact]
    public async Task The_buyer_is_reminded_once_two_days_before_the_selection_deadline()
    {
        var (buyer, project) = await fixture.BuyerWithOpenProjectAsync();
        await fixture.SubmitAsync(await Grains.CreativeAsync(), project.Id);
        await fixture.SubmitAsync(await Grains.CreativeAsync(), project.Id);
        var selecting = await fixture.CloseEntriesAsync(project.Id);
        var grain = Grains.GetGrain<IProjectGrain>(project.Id);
        var deadline = selecting.SelectionDeadline!.Value;

        fixture.Clock.SetUtcNow(deadline - TimeSpan.FromDays(2) - TimeSpan.FromMinutes(5));
        await grain.GetAsync(buyer);
        Assert.DoesNotContain(await Grains.NoticesAsync(buyer), n => n.Kind == NotificationKinds.ChooseSoon);

        fixture.Clock.SetUtcNow(deadline - TimeSpan.FromDays(2) + TimeSpan.FromMinutes(5));
        await grain.GetAsync(buyer);
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        await grain.GetAsync(buyer);

        var reminder = Assert.Single(await Grains.NoticesAsync(buyer), n => n.Kind == NotificationKinds.ChooseSoon);
        Assert.Equal($"2 days left to choose a winner for {Title}: award one of its 2 entries by {When(deadline)}. If you do not, your prize of {project.Prize} comes back to you and no design or rights are bought.", reminder.Text);
        Assert.True(reminder.Asks);
        Assert.Equal(2, (await Grains.NoticesAsync(buyer)).Count(n => n.Asks));
    }

    [Fact]
    public async Task A_selection_window_shorter_than_the_reminder_lead_reminds_halfway_through()
    {
        var buyer = await Grains.BuyerAsync();
        var project = await fixture.OpenProjectAsync(buyer, Scenarios.Draft(fixture.Clock.GetUtcNow()) with { SelectionWindow = TimeSpan.FromDays(1) });
        await fixture.SubmitAsync(await Grains.CreativeAsync(), project.Id);
        var selecting = await fixture.CloseEntriesAsync(project.Id);
        var grain = Grains.GetGrain<IProjectGrain>(project.Id);
        var deadline = selecting.SelectionDeadline!.Value;
        Assert.DoesNotContain(await Grains.NoticesAsync(buyer), n => n.Kind == NotificationKinds.ChooseSoon);

        fixture.Clock.SetUtcNow(deadline - TimeSpan.FromHours(12) + TimeSpan.FromMinutes(1));
        await grain.GetAsync(buyer);

        var reminder = Assert.Single(await Grains.NoticesAsync(buyer), n => n.Kind == NotificationKinds.ChooseSoon);
        Assert.StartsWith($"12 hours left to choose a winner for {Title}: award its only entry by {When(deadline)}.", reminder.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_award_ends_the_call_to_choose_and_no_reminder_follows()
    {
        var (buyer, project) = await fixture.BuyerWithOpenProjectAsync();
        var entry = await fixture.SubmitAsync(await Grains.CreativeAsync(), project.Id);
        var selecting = await fixture.CloseEntriesAsync(project.Id);
        var grain = Grains.GetGrain<IProjectGrain>(project.Id);

        await grain.AwardAsync(buyer, entry.Id);
        fixture.Clock.SetUtcNow(selecting.SelectionDeadline!.Value - TimeSpan.FromHours(1));
        await grain.GetAsync(buyer);

        var notices = await Grains.NoticesAsync(buyer);
        Assert.DoesNotContain(notices, n => n.Kind == NotificationKinds.ChooseSoon);
        var timeToChoose = Assert.Single(notices, n => n.Kind == NotificationKinds.TimeToChoose);
        Assert.True(timeToChoose.StepOver);
        Assert.False(timeToChoose.Asks);
        Assert.Equal($"Entries to {Title} closed with 1 entry to choose from.", timeToChoose.Text);
    }

    [Fact]
    public async Task The_selection_window_running_out_ends_both_calls_to_choose()
    {
        var (buyer, project) = await fixture.BuyerWithOpenProjectAsync();
        await fixture.SubmitAsync(await Grains.CreativeAsync(), project.Id);
        var selecting = await fixture.CloseEntriesAsync(project.Id);
        var grain = Grains.GetGrain<IProjectGrain>(project.Id);
        fixture.Clock.SetUtcNow(selecting.SelectionDeadline!.Value - TimeSpan.FromDays(1));
        await grain.GetAsync(buyer);

        fixture.Clock.SetUtcNow(selecting.SelectionDeadline!.Value + TimeSpan.FromMinutes(1));
        Assert.Equal(ProjectState.Refunded, (await grain.GetAsync(buyer)).State);

        var notices = await Grains.NoticesAsync(buyer);
        var calls = notices.Where(n => n.Kind is NotificationKinds.TimeToChoose or NotificationKinds.ChooseSoon).ToList();
        Assert.Equal(2, calls.Count);
        Assert.All(calls, n => Assert.True(n.StepOver && !n.Asks));
        Assert.Equal($"Marketplace reminded you to choose a winner for {Title} by {When(selecting.SelectionDeadline!.Value)}.", calls.Single(n => n.Kind == NotificationKinds.ChooseSoon).Text);
        Assert.Single(notices, n => n.Kind == NotificationKinds.PrizeRefunded);
    }

    [Fact]
    public async Task Staff_cancelling_while_the_buyer_chooses_ends_the_call_to_choose()
    {
        var (buyer, project) = await fixture.BuyerWithOpenProjectAsync();
        await fixture.SubmitAsync(await Grains.CreativeAsync(), project.Id);
        await fixture.CloseEntriesAsync(project.Id);

        await Grains.GetGrain<IProjectGrain>(project.Id).CancelAsync(await Grains.StaffAsync(), "The buyer asked us to stop the contest.");

        var timeToChoose = Assert.Single(await Grains.NoticesAsync(buyer), n => n.Kind == NotificationKinds.TimeToChoose);
        Assert.True(timeToChoose.StepOver);
        Assert.DoesNotContain(await Grains.NoticesAsync(buyer), n => n.Asks);
    }

    private static string EmailOf(Actor person) => $"{person.UserId}@example.com";
}

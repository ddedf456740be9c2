using Marketplace.Contracts.Entries;
using Marketplace.Contracts.Notifications;
using Marketplace.Contracts.Projects;
using Marketplace.Contracts.Users;
using Marketplace.Contracts.WrapUps;
using Marketplace.Grains.Tests.WrapUps;
using static Marketplace.Testing.Cluster.NoticeText;

namespace Marketplace.Grains.Tests.Notifications;

/// <summary>
/// News about the gallery as a whole: the buyer hears when an entry leaves it (withdrawn, removed by staff, removed with
/// its creative's account), and the creatives whose entries can still win hear when a failed handover reopens the
/// project. Never the person who acted, never the removed creative, never another creative's news, and each once.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class GalleryChangeNotificationTests(ClusterFixture fixture)
{
    private const string Title = "“A logo for Bread & Butter”";

    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task A_withdrawal_tells_the_buyer_the_entry_number_once_linking_to_the_project_and_no_creative()
    {
        var (buyer, project) = await fixture.BuyerWithOpenProjectAsync();
        var stays = await Grains.CreativeAsync("Stella Stays");
        var leaves = await Grains.CreativeAsync("Wes Withdraws");
        await fixture.SubmitAsync(stays, project.Id);
        var entry = EntryOf(await fixture.SubmitAsync(leaves, project.Id));

        await entry.WithdrawAsync(leaves);
        await entry.WithdrawAsync(leaves);

        var told = Assert.Single(await Grains.NoticesAsync(buyer), n => n.Kind == NotificationKinds.EntryWithdrawn);
        Assert.Equal($"Wes Withdraws withdrew entry #2 from {Title}.", told.Text);
        Assert.Equal("/projects/" + project.Id, told.Link);
        Assert.Equal(
            [NotificationKinds.EntryWithdrawn, NotificationKinds.EntrySubmitted, NotificationKinds.EntrySubmitted, NotificationKinds.ProjectFunded],
            (await Grains.NoticesAsync(buyer)).Select(n => n.Kind));
        Assert.Empty(await Grains.NoticesAsync(leaves));
        Assert.Empty(await Grains.NoticesAsync(stays));
    }

    [Fact]
    public async Task Staff_removing_an_entry_tells_the_buyer_it_left_without_the_reason_meant_for_the_creative()
    {
        var (buyer, project) = await fixture.BuyerWithOpenProjectAsync();
        var creative = await Grains.CreativeAsync();
        var staff = await Grains.StaffAsync();
        var entry = EntryOf(await fixture.SubmitAsync(creative, project.Id));

        await entry.RemoveAsync(staff, "It copies a registered trademark.");
        await entry.RemoveAsync(staff, "It copies a registered trademark.");

        var told = Assert.Single(await Grains.NoticesAsync(buyer), n => n.Kind == NotificationKinds.EntryRemoved);
        Assert.Equal($"Marketplace support removed entry #1 from {Title}.", told.Text);
        Assert.Equal("/projects/" + project.Id, told.Link);
        Assert.Empty(await Grains.NoticesAsync(staff));
        Assert.Contains("trademark", Assert.Single(await Grains.NoticesAsync(creative)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removing_a_creatives_account_tells_each_buyer_once_per_entry_in_a_running_gallery_and_never_the_reason()
    {
        const string reason = "Repeated plagiarism of other designers' work.";
        var staff = await Grains.StaffAsync();
        var removed = await Grains.CreativeAsync("Rory Removed");
        var other = await Grains.CreativeAsync("Olly Other");
        var (firstBuyer, first) = await fixture.BuyerWithOpenProjectAsync();
        var (secondBuyer, second) = await fixture.BuyerWithOpenProjectAsync();
        var (finishedBuyer, finished) = await fixture.BuyerWithOpenProjectAsync();
        await fixture.SubmitAsync(other, first.Id);
        await fixture.SubmitAsync(removed, first.Id);
        var declined = EntryOf(await fixture.SubmitAsync(removed, first.Id));
        await declined.DeclineAsync(firstBuyer, null);
        await EntryOf(await fixture.SubmitAsync(removed, second.Id)).WithdrawAsync(removed);
        await fixture.SubmitAsync(removed, second.Id);
        await fixture.SubmitAsync(removed, finished.Id);
        await Grains.GetGrain<IProjectGrain>(finished.Id).CancelAsync(staff, "The buyer's company closed.");
        var user = Grains.GetGrain<IUserGrain>(removed.UserId);
        var removedBefore = (await Grains.NoticesAsync(removed)).Count;

        await user.RemoveAsync(staff, reason);
        await user.RemoveAsync(staff, reason);

        Assert.Equal([$"Marketplace support removed entry #2 from {Title}.", $"Marketplace support removed entry #3 from {Title}."],
            RemovalTexts(await Grains.NoticesAsync(firstBuyer)).Order(StringComparer.Ordinal));
        Assert.Equal([$"Marketplace support removed entry #2 from {Title}."], RemovalTexts(await Grains.NoticesAsync(secondBuyer)));
        Assert.Empty(RemovalTexts(await Grains.NoticesAsync(finishedBuyer)));
        foreach (var buyer in new[] { firstBuyer, secondBuyer, finishedBuyer })
        {
            Assert.DoesNotContain(await Grains.NoticesAsync(buyer), n => n.Text.Contains("plagiarism", StringComparison.OrdinalIgnoreCase));
        }

        Assert.Equal(removedBefore, (await Grains.NoticesAsync(removed)).Count);
        Assert.Empty(await Grains.NoticesAsync(other));
        Assert.Empty(await Grains.NoticesAsync(staff));
    }

    [Fact]
    public async Task Removing_the_winners_account_tells_the_buyer_once_that_the_creative_was_removed_and_leaves_the_winning_entry_to_that_notice()
    {
        var (buyer, project) = await fixture.BuyerWithOpenProjectAsync();
        var staff = await Grains.StaffAsync();
        var winner = await Grains.CreativeAsync();
        var winning = await fixture.SubmitAsync(winner, project.Id);
        await fixture.SubmitAsync(winner, project.Id);
        await fixture.CloseEntriesAsync(project.Id);
        var award = await Grains.GetGrain<IProjectGrain>(project.Id).AwardAsync(buyer, winning.Id);

        await Grains.GetGrain<IUserGrain>(winner.UserId).RemoveAsync(staff, "Policy violations.");
        await Grains.GetGrain<IUserGrain>(winner.UserId).RemoveAsync(staff, "Policy violations.");

        var notices = await Grains.NoticesAsync(buyer);
        var told = Assert.Single(notices, n => n.Kind == NotificationKinds.WinnerRemoved);
        Assert.Equal(AccountRemovedText, told.Text);
        Assert.Equal("/wrapups/" + award.WrapUpId, told.Link);
        Assert.Equal([$"Marketplace support removed entry #2 from {Title}."], RemovalTexts(notices));
        Assert.DoesNotContain(notices, n => n.Text.Contains("Policy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Staff_removing_only_the_winning_entry_tells_the_buyer_once_that_the_entry_was_removed_and_gives_the_handover_to_staff()
    {
        const string reason = "It copies a registered trademark.";
        var (buyer, winner, award) = await AwardedAsync();
        var staff = await Grains.StaffAsync();
        var winning = Grains.GetGrain<IEntryGrain>(award.EntryId);

        await winning.RemoveAsync(staff, reason);
        await winning.RemoveAsync(staff, reason);

        var notices = await Grains.NoticesAsync(buyer);
        var told = Assert.Single(notices, n => n.Kind == NotificationKinds.WinnerRemoved);
        Assert.Equal(EntryRemovedText, told.Text);
        Assert.Equal("/wrapups/" + award.WrapUpId, told.Link);
        Assert.Empty(RemovalTexts(notices));
        Assert.DoesNotContain(notices, n => n.Text.Contains("trademark", StringComparison.Ordinal));
        var creativeTold = Assert.Single(await Grains.NoticesAsync(winner), n => n.Kind is not (NotificationKinds.Awarded or NotificationKinds.EntriesClosed));
        Assert.Equal(NotificationKinds.EntryRemoved, creativeTold.Kind);
        Assert.Contains("trademark", creativeTold.Text, StringComparison.Ordinal);
        Assert.Empty(await Grains.NoticesAsync(staff));

        var wrapUp = Grains.GetGrain<IWrapUpGrain>(award.WrapUpId);
        var handover = await wrapUp.GetAsync(staff);
        Assert.Equal(WinnerRemoval.Entry, handover.WinnerRemoval);
        Assert.Equal(WaitingOn.Staff, handover.WaitingOn);
        Assert.Contains(MediationReason.WinnerRemoved, handover.Mediation!.Reasons);
        var refusal = await Refused.WithAsync(ErrorKind.Forbidden, () => wrapUp.DeliverFilesAsync(winner, [Finals.Image("logo.png")], null));
        Assert.StartsWith("Your winning entry was removed", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removing_the_winners_account_after_their_winning_entry_tells_the_buyer_of_each_once_and_the_other_way_round_only_of_the_account()
    {
        var staff = await Grains.StaffAsync();
        var (entryFirstBuyer, entryFirstWinner, entryFirst) = await AwardedAsync();
        var (accountFirstBuyer, accountFirstWinner, accountFirst) = await AwardedAsync();

        await Grains.GetGrain<IEntryGrain>(entryFirst.EntryId).RemoveAsync(staff, "Stock art.");
        await Grains.GetGrain<IUserGrain>(entryFirstWinner.UserId).RemoveAsync(staff, "Stock art, again and again.");
        await Grains.GetGrain<IUserGrain>(entryFirstWinner.UserId).RemoveAsync(staff, "Stock art, again and again.");
        await Grains.GetGrain<IUserGrain>(accountFirstWinner.UserId).RemoveAsync(staff, "Stock art, again and again.");
        await Grains.GetGrain<IEntryGrain>(accountFirst.EntryId).RemoveAsync(staff, "Stock art.");

        Assert.Equal([EntryRemovedText, AccountRemovedText], WinnerRemovedTexts(await Grains.NoticesAsync(entryFirstBuyer)));
        Assert.Equal([AccountRemovedText], WinnerRemovedTexts(await Grains.NoticesAsync(accountFirstBuyer)));
        Assert.Equal(WinnerRemoval.Account, (await Grains.GetGrain<IWrapUpGrain>(entryFirst.WrapUpId).GetAsync(staff)).WinnerRemoval);
    }

    [Fact]
    public async Task Reopening_tells_each_creative_who_can_still_win_once_with_the_new_deadline_and_nobody_else()
    {
        var (buyer, staff, project, winner, twice, declined, withdrawn, removed, award) = await AwardedGalleryOfEveryStandingAsync();
        var projectGrain = Grains.GetGrain<IProjectGrain>(project.Id);
        var wrapUp = Grains.GetGrain<IWrapUpGrain>(award.WrapUpId);
        await wrapUp.OpenDisputeAsync(buyer, "The winner stopped answering.", []);
        await wrapUp.AnswerDisputeAsync(winner, "I cannot finish it.", []);
        await wrapUp.ClaimAsync(staff);

        var reopen = new Resolution(WrapUpOutcome.Reopened);
        await wrapUp.DecideOutcomeAsync(staff, reopen, "Nobody else fits the brief yet.");
        await wrapUp.DecideOutcomeAsync(staff, reopen, "Nobody else fits the brief yet.");
        await projectGrain.WrapUpEndedAsync(Actor.System, award.WrapUpId, WrapUpOutcome.Reopened);

        var reopened = await projectGrain.GetAsync(buyer);
        var deadline = When(reopened.EntryDeadline);
        var told = Assert.Single(await Grains.NoticesAsync(twice), n => n.Kind == NotificationKinds.ProjectReopened);
        Assert.Equal($"{Title} was reopened: it takes entries again until {deadline}, and your entry can still win.", told.Text);
        Assert.Equal("/projects/" + project.Id, told.Link);
        foreach (var notTold in new[] { winner, declined, withdrawn, removed, buyer, staff })
        {
            Assert.DoesNotContain(await Grains.NoticesAsync(notTold), n => n.Kind == NotificationKinds.ProjectReopened);
        }

        Assert.Single(await Grains.NoticesAsync(buyer), n => n.Text.Contains("open for entries again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Awarding_another_tells_each_creative_who_can_still_win_once_with_the_new_selection_deadline_and_nobody_else()
    {
        var (buyer, staff, project, winner, twice, declined, withdrawn, removed, award) = await AwardedGalleryOfEveryStandingAsync();
        var projectGrain = Grains.GetGrain<IProjectGrain>(project.Id);

        await EndWithAwardAnotherAsync(award, buyer, winner, staff);
        await projectGrain.WrapUpEndedAsync(Actor.System, award.WrapUpId, WrapUpOutcome.AwardAnother);

        var told = Assert.Single(await Grains.NoticesAsync(twice), n => n.Kind == NotificationKinds.ChoosingAgain);
        Assert.Equal($"The buyer of {Title} is choosing a winner again, until {SelectionDeadlineOf(await projectGrain.GetAsync(buyer))}, and your entry can still win.", told.Text);
        Assert.Equal("/projects/" + project.Id, told.Link);
        foreach (var notTold in new[] { winner, declined, withdrawn, removed, buyer, staff })
        {
            Assert.DoesNotContain(await Grains.NoticesAsync(notTold), n => n.Kind == NotificationKinds.ChoosingAgain);
        }

        Assert.Single(await Grains.NoticesAsync(buyer), n => n.Text.Contains("award another entry", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Awarding_again_ends_the_buyers_award_another_call_and_the_creatives_choosing_again()
    {
        var (buyer, staff, project, winner, twice, _, _, _, award) = await AwardedGalleryOfEveryStandingAsync();
        var projectGrain = Grains.GetGrain<IProjectGrain>(project.Id);
        await EndWithAwardAnotherAsync(award, buyer, winner, staff);
        await projectGrain.WrapUpEndedAsync(Actor.System, award.WrapUpId, WrapUpOutcome.AwardAnother);
        var awardAnother = (await Grains.NoticesAsync(buyer)).Single(n => n.Text.Contains("award another entry", StringComparison.Ordinal));
        Assert.True(awardAnother.Asks);
        Assert.Equal("/projects/" + project.Id, awardAnother.Link);
        Assert.True((await Grains.NoticesAsync(twice)).Single(n => n.Kind == NotificationKinds.ChoosingAgain).Asks);

        var next = (await projectGrain.GetGalleryAsync(buyer)).Items.First(i => i.CreativeId == twice.UserId && i.Status == EntryStatus.Active);
        await projectGrain.AwardAsync(buyer, next.EntryId);

        var ended = (await Grains.NoticesAsync(buyer)).Single(n => n.Id == awardAnother.Id);
        Assert.Equal(($"The handover of {Title} ended without completing, so you could award another entry.", true, false), (ended.Text, ended.StepOver, ended.Asks));
        var choosing = (await Grains.NoticesAsync(twice)).Single(n => n.Kind == NotificationKinds.ChoosingAgain);
        Assert.Equal(($"The buyer of {Title} could choose a winner again after a handover did not complete.", true), (choosing.Text, choosing.StepOver));
        Assert.DoesNotContain(await Grains.NoticesAsync(buyer), n => n.Asks);
    }

    [Fact]
    public async Task A_selection_window_running_out_ends_the_award_another_and_choosing_again_calls()
    {
        var (buyer, staff, project, winner, twice, _, _, _, award) = await AwardedGalleryOfEveryStandingAsync();
        var projectGrain = Grains.GetGrain<IProjectGrain>(project.Id);
        await EndWithAwardAnotherAsync(award, buyer, winner, staff);
        await projectGrain.WrapUpEndedAsync(Actor.System, award.WrapUpId, WrapUpOutcome.AwardAnother);

        fixture.Clock.Advance(Scenarios.Draft(fixture.Clock.GetUtcNow()).SelectionWindow + TimeSpan.FromMinutes(1));
        Assert.Equal(ProjectState.Refunded, (await projectGrain.GetAsync(buyer)).State);

        Assert.DoesNotContain(await Grains.NoticesAsync(buyer), n => n.Asks);
        Assert.Contains(await Grains.NoticesAsync(buyer), n => n.Kind == NotificationKinds.PrizeRefunded);
        Assert.True((await Grains.NoticesAsync(twice)).Single(n => n.Kind == NotificationKinds.ChoosingAgain).StepOver);
    }

    [Fact]
    public async Task A_reopened_projects_invitation_to_enter_ends_at_its_new_entry_deadline()
    {
        var (buyer, staff, project, winner, twice, _, _, _, award) = await AwardedGalleryOfEveryStandingAsync();
        var projectGrain = Grains.GetGrain<IProjectGrain>(project.Id);
        await EndWithReopenAsync(award, buyer, winner, staff, projectGrain);
        Assert.True((await Grains.NoticesAsync(twice)).Single(n => n.Kind == NotificationKinds.ProjectReopened).Asks);

        fixture.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        Assert.Equal(ProjectState.Selecting, (await projectGrain.GetAsync(buyer)).State);

        var reopened = (await Grains.NoticesAsync(twice)).Single(n => n.Kind == NotificationKinds.ProjectReopened);
        Assert.Equal(($"{Title} was reopened for entries after a handover did not complete.", true), (reopened.Text, reopened.StepOver));
    }

    [Fact]
    public async Task Declining_a_creatives_last_entry_that_could_win_ends_their_choosing_again_call_and_not_before()
    {
        var (buyer, staff, project, winner, twice, _, _, _, award) = await AwardedGalleryOfEveryStandingAsync();
        var projectGrain = Grains.GetGrain<IProjectGrain>(project.Id);
        await EndWithAwardAnotherAsync(award, buyer, winner, staff);
        await projectGrain.WrapUpEndedAsync(Actor.System, award.WrapUpId, WrapUpOutcome.AwardAnother);
        var entries = (await projectGrain.GetGalleryAsync(buyer)).Items.Where(i => i.CreativeId == twice.UserId && i.Status == EntryStatus.Active).ToList();
        Assert.Equal(2, entries.Count);

        await Grains.GetGrain<IEntryGrain>(entries[0].EntryId).DeclineAsync(buyer, null);
        Assert.True((await Grains.NoticesAsync(twice)).Single(n => n.Kind == NotificationKinds.ChoosingAgain).Asks);

        await Grains.GetGrain<IEntryGrain>(entries[1].EntryId).DeclineAsync(buyer, null);
        var choosing = (await Grains.NoticesAsync(twice)).Single(n => n.Kind == NotificationKinds.ChoosingAgain);
        Assert.Equal(($"The buyer of {Title} could choose a winner again after a handover did not complete.", true, false), (choosing.Text, choosing.StepOver, choosing.Asks));
        // The buyer's own call to award another still stands: only the creative's ended.
        Assert.True((await Grains.NoticesAsync(buyer)).Single(n => n.Text.Contains("award another entry", StringComparison.Ordinal)).Asks);
    }

    [Fact]
    public async Task Extending_a_reopened_projects_entries_supersedes_the_invitation_with_the_new_date()
    {
        var (buyer, staff, project, winner, twice, _, _, _, award) = await AwardedGalleryOfEveryStandingAsync();
        var projectGrain = Grains.GetGrain<IProjectGrain>(project.Id);
        await EndWithReopenAsync(award, buyer, winner, staff, projectGrain);
        var reopened = await projectGrain.GetAsync(buyer);

        var extended = await projectGrain.ExtendEntryDeadlineAsync(buyer, reopened.EntryDeadline.AddDays(3));

        var newDate = When(extended.EntryDeadline);
        var invitation = (await Grains.NoticesAsync(twice)).Single(n => n.Kind == NotificationKinds.ProjectReopened);
        Assert.Equal(($"{Title} was reopened for entries after a handover did not complete.", true, false), (invitation.Text, invitation.StepOver, invitation.Asks));
        Assert.Equal($"Entries now close on {newDate}; see the newer notice.", invitation.Superseded);
        Assert.Contains(newDate, (await Grains.NoticesAsync(twice)).Single(n => n.Kind == NotificationKinds.EntriesExtended).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_failed_award_tells_the_creatives_again_with_a_new_notice_and_an_unreachable_inbox_gets_it_later()
    {
        var (buyer, project) = await fixture.BuyerWithOpenProjectAsync();
        var staff = await Grains.StaffAsync();
        var first = await Grains.CreativeAsync("Fern First");
        var second = await Grains.CreativeAsync("Sid Second");
        var waiting = await Grains.CreativeAsync("Wyn Waiting");
        var firstEntry = await fixture.SubmitAsync(first, project.Id);
        var secondEntry = await fixture.SubmitAsync(second, project.Id);
        await fixture.SubmitAsync(waiting, project.Id);
        await fixture.CloseEntriesAsync(project.Id);
        var projectGrain = Grains.GetGrain<IProjectGrain>(project.Id);

        var firstAward = await projectGrain.AwardAsync(buyer, firstEntry.Id);
        using (InboxOutage.Of(waiting.UserId))
        {
            await EndWithAwardAnotherAsync(firstAward, buyer, first, staff);
        }

        Assert.DoesNotContain(await Grains.NoticesAsync(waiting), n => n.Kind == NotificationKinds.ChoosingAgain);
        var firstDeadline = SelectionDeadlineOf(await projectGrain.GetAsync(buyer));

        // The notice waited in the project; its next write (the second award) hands it over.
        var secondAward = await projectGrain.AwardAsync(buyer, secondEntry.Id);
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        await EndWithAwardAnotherAsync(secondAward, buyer, second, staff);
        await projectGrain.WrapUpEndedAsync(Actor.System, secondAward.WrapUpId, WrapUpOutcome.AwardAnother);

        var secondDeadline = SelectionDeadlineOf(await projectGrain.GetAsync(buyer));
        Assert.NotEqual(firstDeadline, secondDeadline);
        // The second award ended the first "choosing again" (it reads as past); the second failure's stands.
        Assert.Equal([secondDeadline], ChoosingAgainDeadlines(await Grains.NoticesAsync(waiting)));
        Assert.Equal(2, (await Grains.NoticesAsync(waiting)).Count(n => n.Kind == NotificationKinds.ChoosingAgain));
        Assert.Empty(ChoosingAgainDeadlines(await Grains.NoticesAsync(second)));
        Assert.True((await Grains.NoticesAsync(second)).Single(n => n.Kind == NotificationKinds.ChoosingAgain).StepOver);
        Assert.Empty(ChoosingAgainDeadlines(await Grains.NoticesAsync(first)));
    }

    [Fact]
    public async Task An_unreachable_buyer_inbox_does_not_fail_a_withdrawal_and_the_notice_follows_with_the_projects_next_news()
    {
        var (buyer, project) = await fixture.BuyerWithOpenProjectAsync();
        var first = await Grains.CreativeAsync();
        var second = await Grains.CreativeAsync();
        var firstEntry = EntryOf(await fixture.SubmitAsync(first, project.Id));
        var secondEntry = EntryOf(await fixture.SubmitAsync(second, project.Id));

        using (InboxOutage.Of(buyer.UserId))
        {
            Assert.Equal(EntryStatus.Withdrawn, (await firstEntry.WithdrawAsync(first)).Status);
        }

        Assert.DoesNotContain(await Grains.NoticesAsync(buyer), n => n.Kind == NotificationKinds.EntryWithdrawn);

        // The pending notice was stored with the withdrawal; the project's next change hands it over with its own.
        await secondEntry.WithdrawAsync(second);

        var withdrawals = (await Grains.NoticesAsync(buyer)).Where(n => n.Kind == NotificationKinds.EntryWithdrawn).Select(n => n.Text);
        Assert.Equal([$"Cai Creative withdrew entry #1 from {Title}.", $"Cai Creative withdrew entry #2 from {Title}."], withdrawals.Order(StringComparer.Ordinal));
    }

    /// <summary>Staff settle a dispute with "award another"; twice, as a retried decision would.</summary>
    /// <summary>
    /// A closed gallery with one creative in each standing, awarded to the first: the winner (two entries), one who
    /// entered twice and can still win, one declined, one withdrawn, one removed by staff.
    /// </summary>
    private async Task<(Actor Buyer, Actor Staff, ProjectView Project, Actor Winner, Actor Twice, Actor Declined, Actor Withdrawn, Actor Removed, AwardResult Award)> AwardedGalleryOfEveryStandingAsync()
    {
        var (buyer, project) = await fixture.BuyerWithOpenProjectAsync();
        var staff = await Grains.StaffAsync();
        var winner = await Grains.CreativeAsync("Wren Winner");
        var twice = await Grains.CreativeAsync("Tess Twice");
        var declined = await Grains.CreativeAsync("Dana Declined");
        var withdrawn = await Grains.CreativeAsync("Will Withdrawn");
        var removed = await Grains.CreativeAsync("Rhea Removed");
        var winning = await fixture.SubmitAsync(winner, project.Id);
        await fixture.SubmitAsync(winner, project.Id);
        await fixture.SubmitAsync(twice, project.Id);
        await fixture.SubmitAsync(twice, project.Id);
        await EntryOf(await fixture.SubmitAsync(declined, project.Id)).DeclineAsync(buyer, null);
        await EntryOf(await fixture.SubmitAsync(withdrawn, project.Id)).WithdrawAsync(withdrawn);
        await EntryOf(await fixture.SubmitAsync(removed, project.Id)).RemoveAsync(staff, "Stock art.");
        await fixture.CloseEntriesAsync(project.Id);
        var award = await Grains.GetGrain<IProjectGrain>(project.Id).AwardAsync(buyer, winning.Id);
        return (buyer, staff, project, winner, twice, declined, withdrawn, removed, award);
    }

    /// <summary>Staff end the handover by reopening the project for entries, and the project hears of it.</summary>
    private async Task EndWithReopenAsync(AwardResult award, Actor buyer, Actor winner, Actor staff, IProjectGrain projectGrain)
    {
        var wrapUp = Grains.GetGrain<IWrapUpGrain>(award.WrapUpId);
        await wrapUp.OpenDisputeAsync(buyer, "The winner stopped answering.", []);
        await wrapUp.AnswerDisputeAsync(winner, "I cannot finish it.", []);
        await wrapUp.ClaimAsync(staff);
        await wrapUp.DecideOutcomeAsync(staff, new Resolution(WrapUpOutcome.Reopened), "Nobody else fits the brief yet.");
        await projectGrain.WrapUpEndedAsync(Actor.System, award.WrapUpId, WrapUpOutcome.Reopened);
    }

    private async Task EndWithAwardAnotherAsync(AwardResult award, Actor buyer, Actor winner, Actor staff)
    {
        var wrapUp = Grains.GetGrain<IWrapUpGrain>(award.WrapUpId);
        await wrapUp.OpenDisputeAsync(buyer, "The winner stopped answering.", []);
        await wrapUp.AnswerDisputeAsync(winner, "I cannot finish it.", []);
        await wrapUp.ClaimAsync(staff);
        var another = new Resolution(WrapUpOutcome.AwardAnother);
        await wrapUp.DecideOutcomeAsync(staff, another, "Another entry fits the brief.");
        await wrapUp.DecideOutcomeAsync(staff, another, "Another entry fits the brief.");
    }

    private static string SelectionDeadlineOf(ProjectView project) =>
        When(project.SelectionDeadline!.Value);

    /// <summary>The deadlines of the "choosing again" notices that still stand, oldest first.</summary>
    private static List<string> ChoosingAgainDeadlines(IEnumerable<NotificationView> notices) =>
        notices.Where(n => n.Kind == NotificationKinds.ChoosingAgain && n.Asks).Reverse()
            .Select(n => n.Text.Split("until ")[1].Split(", and")[0]).ToList();

    private static string AccountRemovedText =>
        $"The creative who won {Title} was removed from the marketplace. Your prize stays safe in escrow; Marketplace support will help you finish.";

    private static string EntryRemovedText =>
        $"Marketplace support removed the winning entry of {Title}, so its handover cannot go on as before. Your prize stays safe in escrow; Marketplace support will help you finish.";

    private static List<string> WinnerRemovedTexts(IEnumerable<NotificationView> notices) =>
        notices.Where(n => n.Kind == NotificationKinds.WinnerRemoved).Reverse().Select(n => n.Text).ToList();

    /// <summary>A project whose one entry won: the buyer, the winner and the award.</summary>
    private async Task<(Actor Buyer, Actor Winner, AwardResult Award)> AwardedAsync()
    {
        var (buyer, project) = await fixture.BuyerWithOpenProjectAsync();
        var winner = await Grains.CreativeAsync();
        var winning = await fixture.SubmitAsync(winner, project.Id);
        await fixture.CloseEntriesAsync(project.Id);
        return (buyer, winner, await Grains.GetGrain<IProjectGrain>(project.Id).AwardAsync(buyer, winning.Id));
    }

    private static List<string> RemovalTexts(IEnumerable<NotificationView> notices) =>
        notices.Where(n => n.Kind == NotificationKinds.EntryRemoved).Select(n => n.Text).ToList();

    private IEntryGrain EntryOf(EntryDetails entry) => Grains.GetGrain<IEntryGrain>(entry.Id);
}

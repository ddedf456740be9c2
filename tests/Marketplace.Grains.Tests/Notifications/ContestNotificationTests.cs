using Marketplace.Contracts.Entries;
using Marketplace.Contracts.Notifications;
using Marketplace.Contracts.Projects;

namespace Marketplace.Grains.Tests.Notifications;

/// <summary>
/// What the buyer and the creatives of a running contest are told before the handover: new entries, ratings, comments,
/// declines, removals, the award and a cancelled project; never their own actions, never another creative's news.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ContestNotificationTests(ClusterFixture fixture)
{
    private const string Title = "“A logo for Bread & Butter”";

    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task A_new_entry_tells_the_buyer_with_a_link_to_it_and_the_creative_nothing()
    {
        var (buyer, project) = await fixture.BuyerWithOpenProjectAsync();
        var creative = await Grains.CreativeAsync("Cora Creative");

        var entry = await fixture.SubmitAsync(creative, project.Id);

        // Newest first: the entry, after the payment's receipt notice of opening the project.
        var notices = await Grains.NoticesAsync(buyer);
        Assert.Equal([NotificationKinds.EntrySubmitted, NotificationKinds.ProjectFunded], notices.Select(n => n.Kind));
        var told = notices[0];
        Assert.Equal($"Cora Creative submitted entry #1 to {Title}.", told.Text);
        Assert.Equal("/entries/" + entry.Id, told.Link);
        Assert.Empty(await Grains.NoticesAsync(creative));
        Assert.Single(await MailPickup.WaitForAsync(fixture.MailFolder, EmailOf(buyer), count: 2), m => m.Subject?.Contains("submitted entry #1", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Rating_commenting_and_declining_tell_the_creative_and_never_the_buyer_who_did_it()
    {
        var (buyer, project) = await fixture.BuyerWithOpenProjectAsync();
        var creative = await Grains.CreativeAsync();
        var entry = EntryOf(await fixture.SubmitAsync(creative, project.Id));
        var longComment = "Lovely shapes, but " + string.Concat(Enumerable.Repeat("the wheat needs more contrast. ", 20));

        await entry.RateAsync(buyer, 4);
        await entry.CommentAsync(buyer, longComment);
        await entry.DeclineAsync(buyer, "Too close to a competitor's mark.");

        var notices = (await Grains.NoticesAsync(creative)).Reverse().ToList();
        Assert.Equal([NotificationKinds.Rated, NotificationKinds.Comment, NotificationKinds.Declined], notices.Select(n => n.Kind));
        Assert.Equal($"Bea Buyer rated your entry #1 to {Title} 4 of 5 stars.", notices[0].Text);
        Assert.StartsWith($"Bea Buyer commented on your entry #1 to {Title}: “Lovely shapes, but the wheat", notices[1].Text, StringComparison.Ordinal);
        Assert.EndsWith("…”", notices[1].Text, StringComparison.Ordinal);
        Assert.True(notices[1].Text.Length < 300, "A long comment is trimmed in the notice.");
        Assert.Equal($"Bea Buyer declined your entry #1 to {Title}: “Too close to a competitor's mark.” It can no longer win or be revised.", notices[2].Text);
        Assert.All(notices, n => Assert.Equal("/entries/" + entry.GetPrimaryKeyString(), n.Link));
        Assert.Equal([NotificationKinds.EntrySubmitted, NotificationKinds.ProjectFunded], (await Grains.NoticesAsync(buyer)).Select(n => n.Kind));
    }

    [Fact]
    public async Task A_comment_of_several_sentences_is_emailed_under_a_subject_that_does_not_stop_inside_the_quoted_words()
    {
        var (buyer, project) = await fixture.BuyerWithOpenProjectAsync();
        var creative = await Grains.CreativeAsync();
        var entry = EntryOf(await fixture.SubmitAsync(creative, project.Id));

        await entry.CommentAsync(buyer, "Lovely. Make the wheat darker and the C rounder, so it reads on a cup lid at 2 cm.");

        var mail = Assert.Single(await MailPickup.WaitForAsync(fixture.MailFolder, EmailOf(creative)));
        Assert.Equal($"Bea Buyer commented on your entry #1 to {Title}", mail.Subject);
        Assert.Contains($"Bea Buyer commented on your entry #1 to {Title}: “Lovely. Make the wheat darker", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_creatives_reply_tells_the_buyer_and_a_staff_comment_reaches_both()
    {
        var (buyer, project) = await fixture.BuyerWithOpenProjectAsync();
        var creative = await Grains.CreativeAsync("Cora Creative");
        var staff = await Grains.StaffAsync();
        var entry = EntryOf(await fixture.SubmitAsync(creative, project.Id));
        await entry.CommentAsync(buyer, "Could the bread be rounder?");

        await entry.CommentAsync(creative, "Yes,\n  I will send a rounder loaf.");
        await entry.CommentAsync(staff, "Please keep this thread about the design.");

        var buyerNotices = (await Grains.NoticesAsync(buyer)).Reverse().Where(n => n.Kind != NotificationKinds.ProjectFunded).ToList();
        Assert.Equal([NotificationKinds.EntrySubmitted, NotificationKinds.Comment, NotificationKinds.Comment], buyerNotices.Select(n => n.Kind));
        Assert.Equal($"Cora Creative replied about entry #1 to {Title}: “Yes, I will send a rounder loaf.”", buyerNotices[1].Text);
        Assert.StartsWith("Marketplace support commented", buyerNotices[2].Text, StringComparison.Ordinal);
        var creativeNotices = (await Grains.NoticesAsync(creative)).Reverse().ToList();
        Assert.Equal(2, creativeNotices.Count);
        Assert.StartsWith("Bea Buyer commented on your entry", creativeNotices[0].Text, StringComparison.Ordinal);
        Assert.Equal($"Marketplace support commented on your entry #1 to {Title}: “Please keep this thread about the design.”", creativeNotices[1].Text);
        Assert.DoesNotContain(creativeNotices, n => n.Text.Contains("rounder loaf", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_new_version_of_an_entry_tells_the_buyer_with_the_creatives_note()
    {
        var (buyer, project) = await fixture.BuyerWithOpenProjectAsync();
        var creative = await Grains.CreativeAsync("Cora Creative");
        var entry = EntryOf(await fixture.SubmitAsync(creative, project.Id));
        await entry.CommentAsync(buyer, "Could the bread be rounder?");

        await entry.ReviseAsync(creative, new EntryUpload(Scenarios.Original("logo-v2.png"), null, "A rounder loaf, as you asked."));
        await entry.ReviseAsync(creative, new EntryUpload(Scenarios.Original("logo-v3.png"), null, null));

        var buyerNotices = (await Grains.NoticesAsync(buyer)).Reverse().Skip(1).ToList(); // after the payment's notice
        Assert.Equal([NotificationKinds.EntrySubmitted, NotificationKinds.EntryRevised, NotificationKinds.EntryRevised], buyerNotices.Select(n => n.Kind));
        Assert.Equal($"Cora Creative uploaded version 2 of entry #1 to {Title}: “A rounder loaf, as you asked.”", buyerNotices[1].Text);
        Assert.Equal($"Cora Creative uploaded version 3 of entry #1 to {Title}.", buyerNotices[2].Text);
        Assert.Equal("/entries/" + entry.GetPrimaryKeyString(), buyerNotices[2].Link);
        Assert.DoesNotContain(await Grains.NoticesAsync(creative), n => n.Kind == NotificationKinds.EntryRevised);
    }

    [Fact]
    public async Task Notices_about_an_entry_name_it_by_its_gallery_number_so_two_entries_of_one_creative_read_apart()
    {
        var (buyer, project) = await fixture.BuyerWithOpenProjectAsync();
        var creative = await Grains.CreativeAsync("Cora Creative");
        var other = await Grains.CreativeAsync("Omar Other");
        await fixture.SubmitAsync(creative, project.Id);
        await fixture.SubmitAsync(other, project.Id);
        var third = EntryOf(await fixture.SubmitAsync(creative, project.Id));

        await third.RateAsync(buyer, 5);
        await third.CommentAsync(creative, "This one is the bolder take.");
        await third.DeclineAsync(buyer, null);

        var creativeNotices = (await Grains.NoticesAsync(creative)).Reverse().ToList();
        Assert.Equal($"Bea Buyer rated your entry #3 to {Title} 5 of 5 stars.", creativeNotices[0].Text);
        Assert.Equal($"Bea Buyer declined your entry #3 to {Title}. It can no longer win or be revised.", creativeNotices[1].Text);
        var buyerNotices = (await Grains.NoticesAsync(buyer)).Reverse().Where(n => n.Kind != NotificationKinds.ProjectFunded).ToList();
        Assert.Equal(
            [$"Cora Creative submitted entry #1 to {Title}.", $"Omar Other submitted entry #2 to {Title}.", $"Cora Creative submitted entry #3 to {Title}.",
             $"Cora Creative replied about entry #3 to {Title}: “This one is the bolder take.”"],
            buyerNotices.Select(n => n.Text));
    }

    [Fact]
    public async Task Staff_removing_an_entry_tells_its_creative_why_once()
    {
        var (_, project) = await fixture.BuyerWithOpenProjectAsync();
        var creative = await Grains.CreativeAsync();
        var staff = await Grains.StaffAsync();
        var entry = EntryOf(await fixture.SubmitAsync(creative, project.Id));

        await entry.RemoveAsync(staff, "It copies a registered trademark.");
        await entry.RemoveAsync(staff, "It copies a registered trademark.");

        var told = Assert.Single(await Grains.NoticesAsync(creative));
        Assert.Equal(NotificationKinds.EntryRemoved, told.Kind);
        Assert.Equal($"Marketplace support removed your entry #1 to {Title} from the gallery: “It copies a registered trademark.” If you think this is a mistake, write to help@marketplace.example.", told.Text);
    }

    [Fact]
    public async Task Repeating_a_rating_or_a_decline_tells_the_creative_once_and_a_new_rating_again()
    {
        var (buyer, project) = await fixture.BuyerWithOpenProjectAsync();
        var creative = await Grains.CreativeAsync();
        var entry = EntryOf(await fixture.SubmitAsync(creative, project.Id));

        await entry.RateAsync(buyer, 2);
        await entry.RateAsync(buyer, 2);
        await entry.RateAsync(buyer, 1);
        await entry.DeclineAsync(buyer, null);
        await entry.DeclineAsync(buyer, null);

        var notices = (await Grains.NoticesAsync(creative)).Reverse().ToList();
        Assert.Equal([NotificationKinds.Rated, NotificationKinds.Rated, NotificationKinds.Declined], notices.Select(n => n.Kind));
        Assert.EndsWith("1 of 5 stars.", notices[1].Text, StringComparison.Ordinal);
        Assert.Equal($"Bea Buyer declined your entry #1 to {Title}. It can no longer win or be revised.", notices[2].Text);
    }

    [Fact]
    public async Task Awarding_tells_each_other_creative_once_and_the_winner_only_that_they_won()
    {
        var (buyer, project) = await fixture.BuyerWithOpenProjectAsync();
        var winner = await Grains.CreativeAsync("Wren Winner");
        var twice = await Grains.CreativeAsync("Tess Twice");
        var declined = await Grains.CreativeAsync();
        var withdrawn = await Grains.CreativeAsync();
        var winning = await fixture.SubmitAsync(winner, project.Id);
        await fixture.SubmitAsync(twice, project.Id);
        await fixture.SubmitAsync(twice, project.Id);
        var toDecline = await fixture.SubmitAsync(declined, project.Id);
        await EntryOf(toDecline).DeclineAsync(buyer, null);
        await EntryOf(await fixture.SubmitAsync(withdrawn, project.Id)).WithdrawAsync(withdrawn);
        await fixture.CloseEntriesAsync(project.Id);
        var projectGrain = Grains.GetGrain<IProjectGrain>(project.Id);

        await projectGrain.AwardAsync(buyer, winning.Id);
        await projectGrain.AwardAsync(buyer, winning.Id);

        Assert.Equal([NotificationKinds.Awarded, NotificationKinds.EntriesClosed], (await Grains.NoticesAsync(winner)).Select(n => n.Kind));
        var told = Assert.Single(await Grains.NoticesAsync(twice), n => n.Kind != NotificationKinds.EntriesClosed);
        Assert.Equal(NotificationKinds.NotChosen, told.Kind);
        Assert.Equal($"The buyer of {Title} chose another design. Thank you for taking part.", told.Text);
        Assert.Equal("/projects/" + project.Id, told.Link);
        Assert.Equal([NotificationKinds.Declined, NotificationKinds.NotChosen], (await Grains.NoticesAsync(declined)).Reverse().Select(n => n.Kind));
        Assert.Empty(await Grains.NoticesAsync(withdrawn));
        Assert.DoesNotContain(await Grains.NoticesAsync(buyer), n => n.Kind is NotificationKinds.NotChosen or NotificationKinds.Awarded);
    }

    [Fact]
    public async Task Staff_cancelling_a_project_tells_the_creatives_in_its_gallery()
    {
        var (buyer, project) = await fixture.BuyerWithOpenProjectAsync();
        var staff = await Grains.StaffAsync();
        var first = await Grains.CreativeAsync();
        var second = await Grains.CreativeAsync();
        await fixture.SubmitAsync(first, project.Id);
        await fixture.SubmitAsync(second, project.Id);

        await Grains.GetGrain<IProjectGrain>(project.Id).CancelAsync(staff, "The buyer's company closed.");

        foreach (var creative in new[] { first, second })
        {
            var told = Assert.Single(await Grains.NoticesAsync(creative));
            Assert.Equal(NotificationKinds.ProjectClosed, told.Kind);
            Assert.Equal($"{Title} was cancelled, so no design will be chosen. Thank you for taking part.", told.Text);
        }

        var refund = Assert.Single(await Grains.NoticesAsync(buyer), n => n.Kind == NotificationKinds.PrizeRefunded);
        Assert.Equal($"Marketplace support cancelled {Title}, so the project closed and your prize of {project.Prize} was refunded to you. Your receipt shows the refund.", refund.Text);
        Assert.Equal($"/buyer/projects/{project.Id}/receipt", refund.Link);
        Assert.Equal(
            [NotificationKinds.PrizeRefunded, NotificationKinds.EntrySubmitted, NotificationKinds.EntrySubmitted, NotificationKinds.ProjectFunded],
            (await Grains.NoticesAsync(buyer)).Select(n => n.Kind));
    }

    [Fact]
    public async Task A_selection_window_ending_without_an_award_tells_the_creatives_the_project_closed()
    {
        var (buyer, project) = await fixture.BuyerWithOpenProjectAsync();
        var creative = await Grains.CreativeAsync();
        await fixture.SubmitAsync(creative, project.Id);
        var selecting = await fixture.CloseEntriesAsync(project.Id);

        fixture.Clock.Advance(selecting.SelectionWindow + TimeSpan.FromMinutes(1));
        Assert.Equal(ProjectState.Refunded, (await Grains.GetGrain<IProjectGrain>(project.Id).GetAsync(Actor.System)).State);

        var told = Assert.Single(await Grains.NoticesAsync(creative), n => n.Kind == NotificationKinds.ProjectClosed);
        Assert.Equal($"{Title} closed without a winner: the buyer did not choose a design in time.", told.Text);
        var refund = Assert.Single(await Grains.NoticesAsync(buyer), n => n.Kind == NotificationKinds.PrizeRefunded);
        Assert.Equal($"The time to choose a winner for {Title} ran out, so the project closed and your prize of {project.Prize} was refunded to you. Your receipt shows the refund.", refund.Text);
    }

    [Fact]
    public async Task A_project_no_one_entered_refunds_the_buyer_and_tells_them_why()
    {
        var (buyer, project) = await fixture.BuyerWithOpenProjectAsync();

        fixture.Clock.Advance(project.EntryDeadline - fixture.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        Assert.Equal(ProjectState.Refunded, (await Grains.GetGrain<IProjectGrain>(project.Id).GetAsync(Actor.System)).State);

        // The payment when it opened, then its refund: nothing else happened.
        var notices = await Grains.NoticesAsync(buyer);
        Assert.Equal([NotificationKinds.PrizeRefunded, NotificationKinds.ProjectFunded], notices.Select(n => n.Kind));
        Assert.Equal($"No entries arrived for {Title} by its deadline, so the project closed and your prize of {project.Prize} was refunded to you. Your receipt shows the refund.", notices[0].Text);
    }

    [Fact]
    public async Task A_creative_never_sees_what_the_buyer_told_another_creative()
    {
        var (buyer, project) = await fixture.BuyerWithOpenProjectAsync();
        var cora = await Grains.CreativeAsync("Cora Creative");
        var other = await Grains.CreativeAsync("Olly Other");
        var coras = EntryOf(await fixture.SubmitAsync(cora, project.Id));
        var others = EntryOf(await fixture.SubmitAsync(other, project.Id));

        await coras.RateAsync(buyer, 5);
        await coras.CommentAsync(buyer, "This is the one, Cora.");
        await others.RateAsync(buyer, 2);
        await fixture.CloseEntriesAsync(project.Id);
        await Grains.GetGrain<IProjectGrain>(project.Id).AwardAsync(buyer, coras.GetPrimaryKeyString());

        var olly = await Grains.NoticesAsync(other);
        Assert.Equal([NotificationKinds.Rated, NotificationKinds.EntriesClosed, NotificationKinds.NotChosen], olly.Reverse().Select(n => n.Kind));
        Assert.All(olly, n => Assert.DoesNotContain("Cora", n.Text, StringComparison.Ordinal));
        Assert.All(olly, n => Assert.DoesNotContain("5 of 5", n.Text, StringComparison.Ordinal));
        Assert.DoesNotContain(await Grains.NoticesAsync(cora), n => n.Text.Contains("2 of 5", StringComparison.Ordinal));
        await Refused.WithAsync(ErrorKind.Forbidden, () => Grains.InboxOf(cora).GetAsync(other));
    }

    [Fact]
    public async Task An_unreachable_inbox_does_not_fail_the_action_and_later_gets_each_notice_once()
    {
        var (buyer, project) = await fixture.BuyerWithOpenProjectAsync();
        var creative = await Grains.CreativeAsync();
        var entry = EntryOf(await fixture.SubmitAsync(creative, project.Id));

        using (InboxOutage.Of(creative.UserId))
        {
            var rated = await entry.RateAsync(buyer, 3);
            Assert.Equal(3, rated.Rating);
        }

        Assert.Empty(await Grains.NoticesAsync(creative));

        // The entry's next write hands over what is still pending, then its own news.
        await entry.CommentAsync(buyer, "Nice start.");
        await entry.CommentAsync(buyer, "Still thinking.");

        var kinds = (await Grains.NoticesAsync(creative)).Reverse().Select(n => n.Kind).ToList();
        Assert.Equal([NotificationKinds.Rated, NotificationKinds.Comment, NotificationKinds.Comment], kinds);
    }

    [Fact]
    public async Task Pending_notices_go_out_when_the_entry_is_next_activated()
    {
        var (buyer, project) = await fixture.BuyerWithOpenProjectAsync();
        var creative = await Grains.CreativeAsync();
        var entry = EntryOf(await fixture.SubmitAsync(creative, project.Id));
        using (InboxOutage.Of(creative.UserId))
        {
            await entry.RateAsync(buyer, 5);
        }

        // A new activation reads the stored pending list and hands it over without anyone acting on the entry.
        await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await entry.GetPublicAsync();

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await Grains.NoticesAsync(creative)).Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(NotificationKinds.Rated, Assert.Single(await Grains.NoticesAsync(creative)).Kind);
    }

    private IEntryGrain EntryOf(EntryDetails entry) => Grains.GetGrain<IEntryGrain>(entry.Id);

    private static string EmailOf(Actor person) => $"{person.UserId}@example.com";
}

using Marketplace.Contracts.Notifications;
using Marketplace.Contracts.Projects;
using Marketplace.Contracts.Reviews;
using Marketplace.Contracts.Users;
using Marketplace.Contracts.WrapUps;
using Marketplace.Grains.Tests.WrapUps;

namespace Marketplace.Grains.Tests.Reviews;

/// <summary>Who may review, edit, reply and hide, on the product's storage (Azurite).</summary>
public sealed class ReviewRuleTests(PersistentClusterFixture fixture) : IClassFixture<PersistentClusterFixture>
{
    [Fact]
    public async Task Only_the_buyer_of_a_completed_handover_may_review_its_creative()
    {
        var running = await Handover.AwardedAsync(fixture);
        await Refused.WithAsync(ErrorKind.Conflict, () => running.Review().WriteAsync(running.Buyer, 5, "Lovely."));
        var h = await Reviewed.CompletedAsync(fixture);
        var otherBuyer = await fixture.Grains.BuyerAsync("Olga Other");

        await Refused.WithAsync(ErrorKind.Forbidden, () => h.Review().WriteAsync(h.Creative, 5, "I was great."));
        await Refused.WithAsync(ErrorKind.Forbidden, () => h.Review().WriteAsync(otherBuyer, 1, "Never worked with them."));
        await Refused.WithAsync(ErrorKind.Forbidden, () => h.Review().WriteAsync(h.Staff, 5, "Staff may not review."));
        await Refused.WithAsync(ErrorKind.Forbidden, () => h.Review().GetAsync(otherBuyer));
        Assert.True((await h.Review().GetAsync(h.Buyer)).MayWrite);
        Assert.False((await h.Review().GetAsync(h.Creative)).MayWrite);

        var review = await h.Review().WriteAsync(h.Buyer, 5, "  Quick, careful and kind.  ");

        Assert.Equal("Quick, careful and kind.", review.Text);
        Assert.Equal(h.Creative.UserId, review.CreativeId);
        var panel = await h.Review().GetAsync(h.Buyer);
        Assert.False(panel.MayWrite);
        Assert.True(panel.MayEdit);
        Assert.True((await h.Review().GetAsync(h.Creative)).MayReply);
    }

    [Theory]
    [InlineData(WrapUpOutcome.Split)]
    [InlineData(WrapUpOutcome.Refunded)]
    public async Task A_handover_settled_by_a_split_or_refund_takes_no_review(WrapUpOutcome outcome)
    {
        var decision = outcome == WrapUpOutcome.Split ? new Resolution(outcome, new Money(20_000, Scenarios.Prize.Currency)) : new Resolution(outcome);
        var h = await Reviewed.DecidedAsync(fixture, decision);

        var refusal = await Refused.WithAsync(ErrorKind.Conflict, () => h.Review().WriteAsync(h.Buyer, 2, "It went wrong."));

        Assert.Contains("cannot be reviewed", refusal);
        Assert.False((await h.Review().GetAsync(h.Buyer)).MayWrite);
        Assert.Empty((await fixture.Profile(h.Creative).GetAsync(Actor.System)).Reviews);
    }

    [Fact]
    public async Task The_buyer_writes_once_then_edits_within_the_edit_window_and_not_after()
    {
        var h = await Reviewed.CompletedAsync(fixture);
        var first = await h.Review().WriteAsync(h.Buyer, 4, "Good work.");
        fixture.Clock.Advance(TimeSpan.FromDays(13));

        var edited = await h.Review().WriteAsync(h.Buyer, 5, "Good work, and the sign maker loved the EPS.");

        Assert.Equal(first.WrittenAt, edited.WrittenAt);
        Assert.Equal(fixture.Clock.GetUtcNow(), edited.EditedAt);
        Assert.Equal(first.WrittenAt.AddDays(14), edited.EditableUntil);
        var profile = await fixture.Profile(h.Creative).GetAsync(Actor.System);
        Assert.Equal(5, Assert.Single(profile.Reviews).Stars);

        fixture.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var refusal = await Refused.WithAsync(ErrorKind.Conflict, () => h.Review().WriteAsync(h.Buyer, 1, "Changed my mind."));

        Assert.Contains("14 days", refusal);
        Assert.False((await h.Review().GetAsync(h.Buyer)).MayEdit);
        Assert.Equal(5, Assert.Single((await fixture.Profile(h.Creative).GetAsync(Actor.System)).Reviews).Stars);
    }

    [Theory]
    [InlineData(0, "Fine.")]
    [InlineData(6, "Fine.")]
    [InlineData(2, "")]
    [InlineData(1, "   ")]
    [InlineData(3, null)]
    public async Task Bad_ratings_and_low_ratings_without_a_reason_are_refused_and_nothing_is_written(int stars, string? text)
    {
        var h = await Reviewed.CompletedAsync(fixture);

        await Refused.WithAsync(ErrorKind.Invalid, () => h.Review().WriteAsync(h.Buyer, stars, text));

        Assert.Null((await h.Review().GetAsync(h.Buyer)).Review);
        Assert.Empty((await fixture.Profile(h.Creative).GetAsync(Actor.System)).Reviews);
    }

    [Fact]
    public async Task A_review_longer_than_2000_characters_is_refused_and_a_high_rating_may_stand_alone()
    {
        var h = await Reviewed.CompletedAsync(fixture);

        var refusal = await Refused.WithAsync(ErrorKind.Invalid, () => h.Review().WriteAsync(h.Buyer, 5, new string('a', 2001)));
        var review = await h.Review().WriteAsync(h.Buyer, 4, null);

        Assert.Contains("2000", refusal);
        Assert.Equal("", review.Text);
    }

    [Fact]
    public async Task Only_the_reviewed_creative_replies_once_and_both_sides_are_told()
    {
        var h = await Reviewed.CompletedAsync(fixture);
        await Refused.WithAsync(ErrorKind.NotFound, () => h.Review().ReplyAsync(h.Creative, "Thanks!"));
        await h.Review().WriteAsync(h.Buyer, 2, "The files came two days late.");
        var otherCreative = await fixture.Grains.CreativeAsync("Rex Rival");

        await Refused.WithAsync(ErrorKind.Forbidden, () => h.Review().ReplyAsync(otherCreative, "Not me."));
        await Refused.WithAsync(ErrorKind.Forbidden, () => h.Review().ReplyAsync(h.Buyer, "Replying to myself."));
        await Refused.WithAsync(ErrorKind.Invalid, () => h.Review().ReplyAsync(h.Creative, " "));
        await Refused.WithAsync(ErrorKind.Invalid, () => h.Review().ReplyAsync(h.Creative, new string('b', 1001)));
        var replied = await h.Review().ReplyAsync(h.Creative, "Sorry: the print PDF needed a second proof.");
        await Refused.WithAsync(ErrorKind.Conflict, () => h.Review().ReplyAsync(h.Creative, "And another thing."));

        Assert.Equal("Sorry: the print PDF needed a second proof.", replied.Reply);
        var told = Assert.Single(await fixture.Grains.NoticesAsync(h.Creative), n => n.Kind == NotificationKinds.Reviewed);
        Assert.Equal("Bea Buyer reviewed your work on “A logo for Bread & Butter”: 2 out of 5 stars. It is on your public profile; you can reply once, from the handover's page.", told.Text);
        Assert.Equal("/wrapups/" + h.Id, told.Link);
        var answered = Assert.Single(await fixture.Grains.NoticesAsync(h.Buyer), n => n.Kind == NotificationKinds.ReviewReplied);
        Assert.Equal("Cai Creative replied to your review of “A logo for Bread & Butter”.", answered.Text);
        Assert.Equal("/creatives/" + h.Creative.UserId, answered.Link);
    }

    [Fact]
    public async Task Staff_hide_a_review_or_reply_with_a_reason_only_staff_read_and_nobody_else_may()
    {
        var h = await Reviewed.CompletedAsync(fixture);
        await h.Review().WriteAsync(h.Buyer, 1, "Rude and slow.");
        await h.Review().ReplyAsync(h.Creative, "Here is the buyer's phone number: 555-0100.");

        await Refused.WithAsync(ErrorKind.Forbidden, () => h.Review().HideAsync(h.Buyer, ReviewPart.Reply, "I dislike it."));
        await Refused.WithAsync(ErrorKind.Forbidden, () => h.Review().HideAsync(h.Creative, ReviewPart.Review, "Unfair."));
        await Refused.WithAsync(ErrorKind.Invalid, () => h.Review().HideAsync(h.Staff, ReviewPart.Reply, " "));
        await h.Review().HideAsync(h.Staff, ReviewPart.Reply, "Personal details of the buyer.");

        var visitor = await fixture.Profile(h.Creative).GetAsync(Actor.System);
        var shown = Assert.Single(visitor.Reviews);
        Assert.Null(shown.Reply);
        Assert.Null(shown.ReplyHiddenReason);
        Assert.Equal(1, visitor.RatingCount);

        await h.Review().HideAsync(h.Staff, ReviewPart.Review, "Abusive words.");
        visitor = await fixture.Profile(h.Creative).GetAsync(Actor.System);
        var staffView = await fixture.Profile(h.Creative).GetAsync(h.Staff);

        Assert.Empty(visitor.Reviews);
        Assert.Null(visitor.AverageRating);
        var hidden = Assert.Single(staffView.Reviews);
        Assert.Equal("Abusive words.", hidden.HiddenReason);
        Assert.Equal("Personal details of the buyer.", hidden.ReplyHiddenReason);
        var buyerPanel = await h.Review().GetAsync(h.Buyer);
        Assert.True(buyerPanel.Review!.Hidden);
        Assert.Null(buyerPanel.Review.HiddenReason);
        Assert.False(buyerPanel.MayEdit);
        await Refused.WithAsync(ErrorKind.Conflict, () => h.Review().WriteAsync(h.Buyer, 2, "Slow, anyway."));
    }

    [Fact]
    public async Task A_profile_counts_wins_paid_handovers_and_visible_ratings_and_shows_the_winning_designs()
    {
        var signedUp = fixture.Clock.GetUtcNow();
        var h = await Reviewed.CompletedAsync(fixture);
        var newcomer = await fixture.Grains.CreativeAsync("Nia New");
        await h.Review().WriteAsync(h.Buyer, 4, "Good.");
        // A second handover of the same creative that staff refund does not count as a win.
        var buyer = await fixture.Grains.BuyerAsync();
        var project = await fixture.OpenProjectAsync(buyer);
        var entry = await fixture.SubmitAsync(h.Creative, project.Id);
        await fixture.CloseEntriesAsync(project.Id);
        var award = await fixture.Grains.GetGrain<IProjectGrain>(project.Id).AwardAsync(buyer, entry.Id);
        var refunded = Handover.Of(fixture, award, buyer, h.Creative, h.Staff);
        await refunded.DeliverAsync();
        await refunded.Grain.OpenDisputeAsync(buyer, "Nothing usable.", []);
        await refunded.Grain.ClaimAsync(h.Staff);
        await refunded.Grain.DecideOutcomeAsync(h.Staff, new Resolution(WrapUpOutcome.Refunded), "Nothing usable was delivered.");

        var profile = await fixture.Profile(h.Creative).GetAsync(Actor.System);

        Assert.Equal(1, profile.ContestsWon);
        Assert.Equal(1, profile.HandoversCompleted);
        Assert.Equal(4.0, profile.AverageRating);
        Assert.Equal(1, profile.RatingCount);
        var work = Assert.Single(profile.WinningEntries);
        Assert.Equal(h.ProjectId, work.ProjectId);
        Assert.Equal("Cai Creative", profile.DisplayName);
        Assert.Equal(signedUp, profile.MemberSince);
        Assert.True((await fixture.Profile(newcomer).GetAsync(Actor.System)).IsNew);
    }

    [Fact]
    public async Task A_buyers_record_counts_winners_chosen_and_contests_closed_without_a_choice_but_not_cancellations()
    {
        var buyer = await fixture.Grains.BuyerAsync("Bea Baker");
        var creative = await fixture.Grains.CreativeAsync();
        var staff = await fixture.Grains.StaffAsync();
        Assert.True((await fixture.Record(buyer).GetAsync()).IsFirstContest);
        // Chose a winner (the handover still running counts: the choice is made).
        var chosen = await fixture.OpenProjectAsync(buyer);
        var winner = await fixture.SubmitAsync(creative, chosen.Id);
        await fixture.CloseEntriesAsync(chosen.Id);
        await fixture.Grains.GetGrain<IProjectGrain>(chosen.Id).AwardAsync(buyer, winner.Id);
        // Let the selection window pass with an entry to choose from.
        var lapsed = await fixture.OpenProjectAsync(buyer);
        await fixture.SubmitAsync(creative, lapsed.Id);
        // Cancelled by the buyer before any entry, and by staff while choosing: neither counts.
        var cancelled = await fixture.OpenProjectAsync(buyer);
        await fixture.Grains.GetGrain<IProjectGrain>(cancelled.Id).CancelAsync(buyer, "Plans changed.");
        var staffCancelled = await fixture.OpenProjectAsync(buyer);
        await fixture.SubmitAsync(creative, staffCancelled.Id);
        await fixture.CloseEntriesAsync(lapsed.Id);
        await fixture.Grains.GetGrain<IProjectGrain>(staffCancelled.Id).CancelAsync(staff, "The brief copies another company's logo.");
        fixture.Clock.Advance(Scenarios.Draft(fixture.Clock.GetUtcNow()).SelectionWindow + TimeSpan.FromMinutes(1));
        Assert.Equal(ProjectState.Refunded, (await fixture.Grains.GetGrain<IProjectGrain>(lapsed.Id).GetAsync(buyer)).State);

        var record = await fixture.Record(buyer).GetAsync();

        Assert.Equal(new BuyerRecordView(buyer.UserId, "Bea Baker", ContestsRun: 2, WinnersChosen: 1, ClosedWithoutChoice: 1), record);
    }

    [Fact]
    public async Task A_removed_creatives_profile_is_gone_while_a_suspended_ones_shows_as_usual()
    {
        var h = await Reviewed.CompletedAsync(fixture);
        await h.Review().WriteAsync(h.Buyer, 5, "Great.");

        await fixture.Grains.GetGrain<IUserGrain>(h.Creative.UserId).SuspendAsync(h.Staff, "Spam comments.");
        Assert.Single((await fixture.Profile(h.Creative).GetAsync(Actor.System)).Reviews);
        await fixture.Grains.GetGrain<IUserGrain>(h.Creative.UserId).RemoveAsync(h.Staff, "Spam comments again.");

        await Refused.WithAsync(ErrorKind.NotFound, () => fixture.Profile(h.Creative).GetAsync(Actor.System));
        await Refused.WithAsync(ErrorKind.NotFound, () => fixture.Grains.GetGrain<ICreativeProfileGrain>("nobody-here").GetAsync(Actor.System));
        await Refused.WithAsync(ErrorKind.NotFound, () => fixture.Profile(h.Buyer).GetAsync(Actor.System));
    }

    [Fact]
    public async Task Reviews_replies_hidden_parts_profiles_and_records_survive_a_cluster_restart()
    {
        var h = await Reviewed.CompletedAsync(fixture);
        await h.Review().WriteAsync(h.Buyer, 5, "Would hire again.");
        await h.Review().ReplyAsync(h.Creative, "Thank you, Bea!");
        await h.Review().HideAsync(h.Staff, ReviewPart.Reply, "Testing the record.");
        var now = fixture.Clock.GetUtcNow();
        var panel = await h.Review().GetAsync(h.Staff);
        var profile = await fixture.Profile(h.Creative).GetAsync(h.Staff);
        var record = await fixture.Record(h.Buyer).GetAsync();

        await fixture.RestartClusterAsync();
        fixture.Clock.SetUtcNow(now);

        Assert.Equal(panel.Review, (await h.Review().GetAsync(h.Staff)).Review);
        var after = await fixture.Profile(h.Creative).GetAsync(h.Staff);
        Assert.Equal(profile.Reviews, after.Reviews);
        Assert.Equal((profile.ContestsWon, profile.HandoversCompleted, profile.AverageRating), (after.ContestsWon, after.HandoversCompleted, after.AverageRating));
        Assert.Equal(record, await fixture.Record(h.Buyer).GetAsync());
    }
}

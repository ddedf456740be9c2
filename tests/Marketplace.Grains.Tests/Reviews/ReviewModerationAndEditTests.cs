using Marketplace.Contracts.Notifications;
using Marketplace.Contracts.Reviews;

namespace Marketplace.Grains.Tests.Reviews;

/// <summary>
/// Staff undo a mistaken hide of a review or reply (the record keeps both steps, the average follows), and a buyer's
/// change to a review is news to the creative, whose reply stays marked as written before the change. On Azurite, with
/// a restart where the record must last.
/// </summary>
public sealed class ReviewModerationAndEditTests(PersistentClusterFixture fixture) : IClassFixture<PersistentClusterFixture>
{
    [Fact]
    public async Task Staff_show_a_hidden_review_again_it_counts_in_the_average_and_the_record_keeps_hide_and_show_after_a_restart()
    {
        var h = await Reviewed.CompletedAsync(fixture);
        var other = await fixture.Grains.StaffAsync("Tess Staff");
        await h.Review().WriteAsync(h.Buyer, 2, "The files came two days late.");
        var toldBefore = (await fixture.Grains.NoticesAsync(h.Buyer)).Count + (await fixture.Grains.NoticesAsync(h.Creative)).Count;
        await h.Review().HideAsync(h.Staff, ReviewPart.Review, "Looked like a personal attack.");
        Assert.Null((await fixture.Profile(h.Creative).GetAsync(Actor.System)).AverageRating);
        var hiddenAt = fixture.Clock.GetUtcNow();
        fixture.Clock.Advance(TimeSpan.FromHours(3));

        var shown = await h.Review().ShowAgainAsync(other, ReviewPart.Review, "Support spoke to both: the review is fair.");

        Assert.False(shown.Hidden);
        var visitor = await fixture.Profile(h.Creative).GetAsync(Actor.System);
        Assert.Equal(2.0, visitor.AverageRating);
        Assert.Equal(1, visitor.RatingCount);
        var publicReview = Assert.Single(visitor.Reviews);
        Assert.Null(publicReview.ReviewModeration);
        Assert.Null((await h.Review().GetAsync(h.Buyer)).Review!.ReviewModeration);
        Assert.True((await h.Review().GetAsync(h.Buyer)).MayEdit);
        Assert.True((await h.Review().GetAsync(h.Creative)).MayReply);
        var expected = new ModerationRecord([
            new ModerationStep(ModerationAction.Hidden, h.Staff.UserId, "Sam Staff", hiddenAt, "Looked like a personal attack."),
            new ModerationStep(ModerationAction.ShownAgain, other.UserId, "Tess Staff", fixture.Clock.GetUtcNow(), "Support spoke to both: the review is fair."),
        ]);
        Assert.Equal(expected, shown.ReviewModeration);
        Assert.Equal(expected, Assert.Single((await fixture.Profile(h.Creative).GetAsync(h.Staff)).Reviews).ReviewModeration);
        // Hiding told nobody, so showing again tells nobody.
        Assert.Equal(toldBefore, (await fixture.Grains.NoticesAsync(h.Buyer)).Count + (await fixture.Grains.NoticesAsync(h.Creative)).Count);

        var now = fixture.Clock.GetUtcNow();
        await fixture.RestartClusterAsync();
        fixture.Clock.SetUtcNow(now);

        Assert.Equal(expected, (await h.Review().GetAsync(h.Staff)).Review!.ReviewModeration);
        Assert.Equal(2.0, (await fixture.Profile(h.Creative).GetAsync(Actor.System)).AverageRating);
    }

    [Fact]
    public async Task Showing_again_is_idempotent_for_the_same_note_and_a_conflict_for_anything_not_hidden()
    {
        var h = await Reviewed.CompletedAsync(fixture);
        await h.Review().WriteAsync(h.Buyer, 5, "Lovely.");
        await h.Review().ReplyAsync(h.Creative, "Thank you!");
        Assert.Equal("This review is not hidden, so there is nothing to show again.",
            await Refused.WithAsync(ErrorKind.Conflict, () => h.Review().ShowAgainAsync(h.Staff, ReviewPart.Review, "Nothing hidden.")));
        await h.Review().HideAsync(h.Staff, ReviewPart.Reply, "Wrong reply hidden.");

        var first = await h.Review().ShowAgainAsync(h.Staff, ReviewPart.Reply, "Hid the wrong reply.");
        var again = await h.Review().ShowAgainAsync(h.Staff, ReviewPart.Reply, "Hid the wrong reply.");

        Assert.Equal(first, again);
        Assert.Equal(2, again.ReplyModeration!.Steps.Count);
        Assert.Equal("Thank you!", Assert.Single((await fixture.Profile(h.Creative).GetAsync(Actor.System)).Reviews).Reply);
        Assert.Equal("This reply is not hidden, so there is nothing to show again.",
            await Refused.WithAsync(ErrorKind.Conflict, () => h.Review().ShowAgainAsync(h.Staff, ReviewPart.Reply, "Another note.")));
        // A second hide and show-again adds to the record; nothing is forgotten.
        await h.Review().HideAsync(h.Staff, ReviewPart.Reply, "Hidden again.");
        var record = (await h.Review().ShowAgainAsync(h.Staff, ReviewPart.Reply, "Shown again, again.")).ReplyModeration!;
        Assert.Equal([ModerationAction.Hidden, ModerationAction.ShownAgain, ModerationAction.Hidden, ModerationAction.ShownAgain], record.Steps.Select(s => s.Action));
    }

    [Fact]
    public async Task Only_active_staff_show_a_review_again_and_a_note_is_required()
    {
        var h = await Reviewed.CompletedAsync(fixture);
        var stranger = await fixture.Grains.BuyerAsync("Olga Other");
        await h.Review().WriteAsync(h.Buyer, 1, "Rude.");
        await h.Review().HideAsync(h.Staff, ReviewPart.Review, "Abusive.");
        var forged = new Actor(h.Buyer.UserId, h.Buyer.Roles | UserRoles.Staff);

        foreach (var refused in new[] { h.Buyer, h.Creative, stranger, forged })
        {
            await Refused.WithAsync(ErrorKind.Forbidden, () => h.Review().ShowAgainAsync(refused, ReviewPart.Review, "Let it show."));
        }

        Assert.Equal("Please give a note for the record (why it is shown again).",
            await Refused.WithAsync(ErrorKind.Invalid, () => h.Review().ShowAgainAsync(h.Staff, ReviewPart.Review, "  ")));
        await Refused.WithAsync(ErrorKind.Invalid, () => h.Review().ShowAgainAsync(h.Staff, ReviewPart.Review, new string('n', 1001)));
        Assert.True((await h.Review().GetAsync(h.Staff)).Review!.Hidden);
        Assert.Empty((await fixture.Profile(h.Creative).GetAsync(Actor.System)).Reviews);
    }

    [Fact]
    public async Task Each_change_to_a_review_tells_the_creative_once_and_a_reply_already_posted_stays_marked_as_written_before_it()
    {
        var h = await Reviewed.CompletedAsync(fixture);
        await h.Review().WriteAsync(h.Buyer, 5, "Great work.");
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        await h.Review().ReplyAsync(h.Creative, "Thank you, it was a pleasure.");
        fixture.Clock.Advance(TimeSpan.FromDays(1));

        await h.Review().WriteAsync(h.Buyer, 4, "Great work, but the EPS needed a second round.");
        await h.Review().WriteAsync(h.Buyer, 4, "Great work, but the EPS needed a second round.");
        var edited = await h.Review().WriteAsync(h.Buyer, 4, "Great work; the EPS needed a second round.");

        var changes = (await fixture.Grains.NoticesAsync(h.Creative)).Where(n => n.Kind == NotificationKinds.ReviewChanged).OrderBy(n => n.Id, StringComparer.Ordinal).ToList();
        Assert.Equal(
            [
                "Bea Buyer changed the review of your work on “A logo for Bread & Butter”: 4 out of 5 stars (was 5). It now reads: “Great work, but the EPS needed a second round.” Your reply stays as you wrote it; readers see that it was posted before the review was changed.",
                "Bea Buyer changed the review of your work on “A logo for Bread & Butter”: still 4 out of 5 stars. It now reads: “Great work; the EPS needed a second round.” Your reply stays as you wrote it; readers see that it was posted before the review was changed.",
            ],
            changes.Select(n => n.Text));
        Assert.All(changes, n => Assert.Equal("/wrapups/" + h.Id, n.Link));
        Assert.True(edited.ReplyBeforeChange);
        var onProfile = Assert.Single((await fixture.Profile(h.Creative).GetAsync(Actor.System)).Reviews);
        Assert.Equal("Thank you, it was a pleasure.", onProfile.Reply);
        Assert.Equal(edited.EditedAt, onProfile.EditedAt);
        Assert.True(onProfile.ReplyBeforeChange);
    }

    [Fact]
    public async Task A_change_before_any_reply_invites_one_and_a_reply_after_the_change_is_not_marked()
    {
        var h = await Reviewed.CompletedAsync(fixture);
        await h.Review().WriteAsync(h.Buyer, 3, "Slow at first.");
        fixture.Clock.Advance(TimeSpan.FromHours(1));

        await h.Review().WriteAsync(h.Buyer, 4, "Slow at first, then quick.");
        fixture.Clock.Advance(TimeSpan.FromHours(1));
        var replied = await h.Review().ReplyAsync(h.Creative, "Thanks for updating it.");

        var told = Assert.Single(await fixture.Grains.NoticesAsync(h.Creative), n => n.Kind == NotificationKinds.ReviewChanged);
        Assert.EndsWith("4 out of 5 stars (was 3). It now reads: “Slow at first, then quick.” You can reply once, from the handover's page.", told.Text, StringComparison.Ordinal);
        Assert.False(replied.ReplyBeforeChange);
        Assert.False(Assert.Single((await fixture.Profile(h.Creative).GetAsync(Actor.System)).Reviews).ReplyBeforeChange);
    }
}

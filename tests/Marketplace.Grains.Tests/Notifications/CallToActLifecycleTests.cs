using Marketplace.Contracts.Entries;
using Marketplace.Contracts.Notifications;
using Marketplace.Contracts.Users;
using Marketplace.Contracts.WrapUps;
using Marketplace.Grains.Tests.WrapUps;
using Marketplace.Grains.WrapUps;
using static Marketplace.Testing.Cluster.NoticeText;

namespace Marketplace.Grains.Tests.Notifications;

/// <summary>
/// A notice that asks its reader to act by a date stays true: when the date moves (staff extend it, the buyer pauses
/// or resumes the automatic release) the old notice reads as past with a line saying the date moved, and a new notice
/// carries the new date; that new call ends with the step like any other. And the clocks' own notices (automatic
/// release, stall, unanswered dispute, lapsed proposal) say what happened in the timeline's words.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CallToActLifecycleTests(ClusterFixture fixture)
{
    private const string Title = "“A logo for Bread & Butter”";
    private static readonly WrapUpOptions Limits = new();

    [Fact]
    public async Task Extending_the_review_date_supersedes_the_old_notice_and_a_new_notice_carries_the_new_date_until_the_buyer_approves()
    {
        var h = await Handover.AwardedAsync(fixture);
        await h.DeliverAsync();
        await h.CaseClaimedAsync();

        var extended = await h.Grain.ExtendDeadlineAsync(h.Staff, WrapUpDeadlineKind.AutoRelease, TimeSpan.FromDays(2), "The buyer is travelling.");
        var newDate = When(extended.Deadlines.Single(d => d.Kind == WrapUpDeadlineKind.AutoRelease).DueAt);

        var buyer = await fixture.Grains.NoticesAsync(h.Buyer);
        var old = buyer.Single(n => n.Kind == NotificationKinds.FilesDelivered);
        Assert.Equal(($"Cai Creative delivered the final files for {Title}.", true, false), (old.Text, old.StepOver, old.Asks));
        Assert.Equal($"That date moved to {newDate}; see the newer notice.", old.Superseded);
        var renewed = buyer.Single(n => n.Kind == NotificationKinds.DeadlineMoved);
        Assert.True(renewed.Asks);
        Assert.Equal(
            $"Marketplace support gave you more time to review the final files for {Title}. Approve them or ask for changes by {newDate}; after that they are approved and paid automatically.",
            renewed.Text);
        Assert.Equal(
            $"Marketplace support gave Bea Buyer more time to review your files for {Title}. Unless they approve or ask for changes first, the automatic release is now on {newDate}.",
            (await fixture.Grains.NoticesAsync(h.Creative)).Single(n => n.Kind == NotificationKinds.DeadlineMoved).Text);

        await h.Grain.ApproveAsync(h.Buyer, null);

        var over = (await fixture.Grains.NoticesAsync(h.Buyer)).Single(n => n.Kind == NotificationKinds.DeadlineMoved);
        Assert.Equal(($"Marketplace support gave you more time to review the final files for {Title}.", true, null), (over.Text, over.StepOver, over.Superseded));
        // The superseded one keeps its own words: the date moved, then the step ended.
        Assert.Equal($"That date moved to {newDate}; see the newer notice.", (await fixture.Grains.NoticesAsync(h.Buyer)).Single(n => n.Kind == NotificationKinds.FilesDelivered).Superseded);
        Assert.DoesNotContain(await fixture.Grains.NoticesAsync(h.Buyer), n => n.Asks);
    }

    [Fact]
    public async Task Pausing_the_automatic_release_supersedes_the_review_date_tells_the_creative_why_and_resuming_sends_the_new_date()
    {
        var h = await Handover.AwardedAsync(fixture);
        await h.DeliverAsync();
        await h.AdvanceAsync(TimeSpan.FromDays(1));
        var pausedAt = h.Now;

        await h.Grain.PauseAutoReleaseAsync(h.Buyer, "Waiting for the printer's proof.");

        var old = (await fixture.Grains.NoticesAsync(h.Buyer)).Single(n => n.Kind == NotificationKinds.FilesDelivered);
        Assert.Equal((true, $"The automatic release was paused on {When(pausedAt)}, so that date no longer applies."), (old.StepOver, old.Superseded));
        Assert.Equal(
            $"Bea Buyer paused the automatic release for {Title}: “Waiting for the printer's proof.” Your files wait for their review, and nothing is paid automatically until it is resumed. You can write to them on the handover page.",
            (await fixture.Grains.NoticesAsync(h.Creative)).Single(n => n.Kind == NotificationKinds.ReleasePaused).Text);

        await h.AdvanceAsync(TimeSpan.FromDays(1));
        var resumed = await h.Grain.ResumeAutoReleaseAsync(h.Buyer);
        var newDate = When(resumed.Deadlines.Single(d => d.Kind == WrapUpDeadlineKind.AutoRelease).DueAt);
        Assert.Equal(When(h.Now + Limits.AutoReleaseAfter - TimeSpan.FromDays(1)), newDate);

        var call = Assert.Single(await fixture.Grains.NoticesAsync(h.Buyer), n => n.Asks);
        Assert.Equal(
            $"The automatic release for {Title} runs again. Review the files, then approve them or ask for changes by {newDate}; after that they are approved and paid automatically.",
            call.Text);
        Assert.Equal(
            $"Bea Buyer resumed the automatic release for {Title}. Unless they approve or ask for changes first, your files are approved and paid on {newDate}.",
            (await fixture.Grains.NoticesAsync(h.Creative)).Single(n => n.Kind == NotificationKinds.DeadlineMoved).Text);
    }

    [Fact]
    public async Task Extending_a_dispute_answer_supersedes_the_answerers_notice_and_tells_the_filer_the_new_date()
    {
        var h = await Handover.AwardedAsync(fixture);
        await h.DeliverAsync();
        await h.Grain.OpenDisputeAsync(h.Buyer, "The colours are wrong.", []);
        await h.Grain.ClaimAsync(h.Staff);

        var extended = await h.Grain.ExtendDeadlineAsync(h.Staff, WrapUpDeadlineKind.DisputeAnswer, TimeSpan.FromDays(3), "The creative is ill.");
        var newDate = When(extended.Dispute!.AnswerDueAt!.Value);

        var creative = await fixture.Grains.NoticesAsync(h.Creative);
        var old = creative.Single(n => n.Kind == NotificationKinds.Dispute);
        Assert.Equal(($"Bea Buyer opened a dispute on {Title}: “The colours are wrong.”", $"That date moved to {newDate}; see the newer notice."), (old.Text, old.Superseded));
        var renewed = Assert.Single(creative, n => n.Asks);
        Assert.Equal($"Marketplace support gave you more time to answer Bea Buyer's dispute on {Title}. Answer by {newDate}, or it is decided in their favour.", renewed.Text);
        var filer = (await fixture.Grains.NoticesAsync(h.Buyer)).Single(n => n.Kind == NotificationKinds.DeadlineMoved);
        Assert.Equal($"Marketplace support gave Cai Creative more time to answer your dispute on {Title}. If they do not answer by {newDate}, it is decided in your favour.", filer.Text);
        Assert.False(filer.Asks);

        await h.Grain.AnswerDisputeAsync(h.Creative, "They match the brief.", []);
        Assert.DoesNotContain(await fixture.Grains.NoticesAsync(h.Creative), n => n.Asks);
    }

    [Fact]
    public async Task Extending_a_proposal_renews_the_call_only_for_the_party_who_has_not_accepted()
    {
        var h = await RefundProposedAndAcceptedByTheBuyerAsync();

        var extended = await h.Grain.ExtendDeadlineAsync(h.Staff, WrapUpDeadlineKind.ProposalResponse, TimeSpan.FromDays(1), "The creative asked for a day.");
        var newDate = When(extended.Proposal!.DueAt);

        var creative = await fixture.Grains.NoticesAsync(h.Creative);
        Assert.Equal($"That date moved to {newDate}; see the newer notice.", creative.Single(n => n.Kind == NotificationKinds.Proposal).Superseded);
        Assert.Equal($"Marketplace support gave you more time to answer its proposal for {Title}. Accept or decline it by {newDate}.", Assert.Single(creative, n => n.Asks).Text);
        var buyer = await fixture.Grains.NoticesAsync(h.Buyer);
        // Her call ended when she accepted (step over, not superseded); she hears the new date as news.
        Assert.Equal((true, null), (buyer.Single(n => n.Kind == NotificationKinds.Proposal).StepOver, buyer.Single(n => n.Kind == NotificationKinds.Proposal).Superseded));
        Assert.Equal($"Marketplace support gave Cai Creative more time to answer its proposal for {Title}, which you accepted. They have until {newDate}.",
            buyer.Single(n => n.Kind == NotificationKinds.DeadlineMoved).Text);
        Assert.DoesNotContain(buyer, n => n.Asks);
    }

    [Fact]
    public async Task An_automatic_release_tells_both_parties_why_in_the_timelines_words()
    {
        var h = await Handover.AwardedAsync(fixture);
        await h.DeliverAsync();

        await h.AdvanceAsync(Limits.AutoReleaseAfter);

        Assert.Equal(
            $"The handover of {Title} is complete: the design is yours. You did not approve the files or ask for changes before the automatic release date, so Marketplace approved them and released the prize. Download the original files from the handover page; your receipt shows what you paid.",
            (await fixture.Grains.NoticesAsync(h.Buyer)).Single(n => n.Kind == NotificationKinds.Completed).Text);
        Assert.Equal(
            $"Payment released: {new Money(42_500, "EUR")} (the prize of {Handover.Prize} less the 15% marketplace fee) for {Title} is on its way to you. Bea Buyer did not approve the files or ask for changes before the automatic release date, so Marketplace approved them and released the prize. Your earnings page lists the payout and the fee.",
            (await fixture.Grains.NoticesAsync(h.Creative)).Single(n => n.Kind == NotificationKinds.Paid).Text);
        // Each links what its reader needs: the buyer the handover's files (the email adds the receipt), the creative the earnings.
        Assert.Equal("/wrapups/" + h.Id, (await fixture.Grains.NoticesAsync(h.Buyer)).Single(n => n.Kind == NotificationKinds.Completed).Link);
        Assert.Equal("/creative/earnings", (await fixture.Grains.NoticesAsync(h.Creative)).Single(n => n.Kind == NotificationKinds.Paid).Link);
        Assert.Contains((await h.Grain.GetAsync(h.Buyer)).Timeline,
            t => t.Summary == "Bea Buyer did not approve the files or ask for changes before the automatic release date, so Marketplace approved them and released the prize.");
    }

    [Fact]
    public async Task A_stalled_handover_reminds_the_waited_on_party_then_tells_both_who_did_not_act_when_it_goes_to_staff()
    {
        var h = await Handover.AwardedAsync(fixture);

        await h.AdvanceAsync(Limits.NudgeAfter);
        var nudge = (await fixture.Grains.NoticesAsync(h.Creative)).Single(n => n.Kind == NotificationKinds.Reminder);
        Assert.Equal(
            $"Reminder: the handover of {Title} waits on you. Bea Buyer is waiting for your final files: upload them to receive the prize. If it still waits on you, the case goes to the staff queue for support to help.",
            nudge.Text);
        Assert.True(nudge.Asks);

        await h.AdvanceAsync(Limits.QueueAfter - Limits.NudgeAfter);

        Assert.Equal(
            $"Marketplace support will help with the handover of {Title}. You had still not acted after the reminder, so the case went to the staff queue for support to help. You can still act on the handover page; support will write to you there.",
            (await fixture.Grains.NoticesAsync(h.Creative)).Single(n => n.Kind == NotificationKinds.StaffStepIn).Text);
        Assert.Equal(
            $"Marketplace support will help with the handover of {Title}. Cai Creative had still not acted after the reminder, so the case went to the staff queue for support to help. Support will write to you on the handover page.",
            (await fixture.Grains.NoticesAsync(h.Buyer)).Single(n => n.Kind == NotificationKinds.StaffStepIn).Text);
        Assert.Contains((await h.Grain.GetAsync(h.Buyer)).Timeline,
            t => t.Summary == "Cai Creative had still not acted after the reminder, so the case went to the staff queue for support to help.");

        await h.DeliverAsync();
        var past = (await fixture.Grains.NoticesAsync(h.Creative)).Single(n => n.Kind == NotificationKinds.Reminder);
        Assert.Equal(($"Marketplace reminded you that the handover of {Title} waited on you.", true), (past.Text, past.StepOver));
    }

    [Fact]
    public async Task An_unanswered_dispute_tells_both_parties_it_was_decided_by_the_rule_and_what_they_can_do()
    {
        var h = await Handover.AwardedAsync(fixture);
        await h.DeliverAsync();
        await h.Grain.OpenDisputeAsync(h.Buyer, "The colours are wrong.", []);

        await h.AdvanceAsync(Limits.DisputeAnswerWithin);

        Assert.Equal(
            $"You were refunded {Handover.Prize} for {Title}. Cai Creative did not answer your dispute in time, so it is decided for you by the rule for unanswered disputes. Your receipt shows the refund.",
            (await fixture.Grains.NoticesAsync(h.Buyer)).Single(n => n.Kind == NotificationKinds.Ended).Text);
        Assert.Equal(
            $"The handover of {Title} ended with a refund to the buyer; the design and its rights stay yours. You did not answer Bea Buyer's dispute in time, so it is decided for Bea Buyer by the rule for unanswered disputes. If you think this is wrong, write to {SupportContact.Email}.",
            (await fixture.Grains.NoticesAsync(h.Creative)).Single(n => n.Kind == NotificationKinds.Ended).Text);
        Assert.Equal($"/buyer/projects/{h.ProjectId}/receipt", (await fixture.Grains.NoticesAsync(h.Buyer)).Single(n => n.Kind == NotificationKinds.Ended).Link);
        var dispute = (await fixture.Grains.NoticesAsync(h.Creative)).Single(n => n.Kind == NotificationKinds.Dispute);
        Assert.True(dispute.StepOver);
    }

    [Fact]
    public async Task A_lapsed_proposal_tells_each_party_who_did_not_answer_in_the_timelines_words()
    {
        var h = await RefundProposedAndAcceptedByTheBuyerAsync();

        await h.AdvanceAsync(Limits.ProposalAnswerWithin);

        Assert.Equal(
            $"No agreement on staff's proposal for {Title}. You accepted, but Cai Creative did not answer staff's proposal in time, so it lapsed; staff will decide the outcome, and you will hear it here.",
            (await fixture.Grains.NoticesAsync(h.Buyer)).First(n => n.Kind == NotificationKinds.Proposal).Text);
        Assert.Equal(
            $"No agreement on staff's proposal for {Title}. Bea Buyer accepted, but you did not answer staff's proposal in time, so it lapsed; staff will decide the outcome, and you will hear it here.",
            (await fixture.Grains.NoticesAsync(h.Creative)).First(n => n.Kind == NotificationKinds.Proposal).Text);
        Assert.Contains((await h.Grain.GetAsync(h.Staff)).Timeline,
            t => t.Summary == "Bea Buyer accepted, but Cai Creative did not answer staff's proposal in time, so it lapsed; staff will decide the outcome.");
        Assert.DoesNotContain(await fixture.Grains.NoticesAsync(h.Creative), n => n.Asks);
    }

    /// <summary>A disputed, answered handover where staff proposed a refund and only the buyer has accepted.</summary>
    [Fact]
    public async Task Removing_the_winning_entry_ends_the_winners_call_to_upload_the_files()
    {
        var h = await Handover.AwardedAsync(fixture);
        Assert.True((await fixture.Grains.NoticesAsync(h.Creative)).Single(n => n.Kind == NotificationKinds.Awarded).Asks);
        var entryId = (await h.Grain.GetAsync(h.Staff)).EntryId;

        await fixture.Grains.GetGrain<IEntryGrain>(entryId).RemoveAsync(h.Staff, "It copies a registered trademark.");

        var won = (await fixture.Grains.NoticesAsync(h.Creative)).Single(n => n.Kind == NotificationKinds.Awarded);
        Assert.Equal(($"You won {Title} with entry #1! Bea Buyer chose it.", true, false, null), (won.Text, won.StepOver, won.Asks, won.Superseded));
        Assert.DoesNotContain(await fixture.Grains.NoticesAsync(h.Creative), n => n.Asks);
    }

    [Fact]
    public async Task Removing_the_winner_after_delivery_supersedes_the_buyers_review_date_since_nothing_is_approved_automatically()
    {
        var h = await Handover.AwardedAsync(fixture);
        await h.DeliverAsync();
        Assert.True((await fixture.Grains.NoticesAsync(h.Buyer)).Single(n => n.Kind == NotificationKinds.FilesDelivered).Asks);

        await fixture.Grains.GetGrain<IUserGrain>(h.Creative.UserId).RemoveAsync(h.Staff, "Stock art, again and again.");

        var review = (await fixture.Grains.NoticesAsync(h.Buyer)).Single(n => n.Kind == NotificationKinds.FilesDelivered);
        Assert.Equal(($"Cai Creative delivered the final files for {Title}.", true, false), (review.Text, review.StepOver, review.Asks));
        Assert.Equal("The winner was removed, so that date no longer applies: nothing is approved automatically, and Marketplace support will help you finish.", review.Superseded);
        Assert.Empty((await h.Grain.GetAsync(h.Staff)).Deadlines);
        // Nothing is released on the old date either: the page and the notice agree.
        await h.AdvanceAsync(Limits.AutoReleaseAfter + TimeSpan.FromHours(1));
        Assert.Null((await h.Grain.GetAsync(h.Staff)).Outcome);
    }

    [Fact]
    public async Task Closing_the_buyers_account_supersedes_the_creatives_call_to_answer_a_proposal_staff_now_decide()
    {
        var h = await RefundProposedAndAcceptedByTheBuyerAsync();
        Assert.True((await fixture.Grains.NoticesAsync(h.Creative)).Single(n => n.Kind == NotificationKinds.Proposal).Asks);

        await fixture.Grains.GetGrain<IUserGrain>(h.Buyer.UserId).RemoveAsync(h.Staff, "Payment fraud.");

        var proposal = (await fixture.Grains.NoticesAsync(h.Creative)).Single(n => n.Kind == NotificationKinds.Proposal);
        Assert.Equal((true, false), (proposal.StepOver, proposal.Asks));
        Assert.Equal("The buyer's account was closed, so that date no longer applies: Marketplace support decides how the handover ends.", proposal.Superseded);
        Assert.Null((await h.Grain.GetAsync(h.Staff)).Proposal);
    }

    [Fact]
    public async Task Closing_the_buyers_account_leaves_the_winners_call_to_upload_standing_since_staff_finish_with_them()
    {
        var h = await Handover.AwardedAsync(fixture);

        await fixture.Grains.GetGrain<IUserGrain>(h.Buyer.UserId).RemoveAsync(h.Staff, "Payment fraud.");

        Assert.True((await fixture.Grains.NoticesAsync(h.Creative)).Single(n => n.Kind == NotificationKinds.Awarded).Asks);
    }

    private async Task<Handover> RefundProposedAndAcceptedByTheBuyerAsync()
    {
        var h = await Handover.AwardedAsync(fixture);
        await h.DeliverAsync();
        await h.Grain.OpenDisputeAsync(h.Buyer, "The colours are wrong.", []);
        await h.Grain.AnswerDisputeAsync(h.Creative, "They match the brief.", []);
        await h.Grain.ClaimAsync(h.Staff);
        await h.Grain.ProposeOutcomeAsync(h.Staff, new Resolution(WrapUpOutcome.Refunded), "The colours differ from the brief.");
        await h.Grain.RespondToProposalAsync(h.Buyer, true, null);
        return h;
    }
}

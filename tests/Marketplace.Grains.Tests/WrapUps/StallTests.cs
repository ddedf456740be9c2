using Marketplace.Contracts.Mediation;
using Marketplace.Contracts.WrapUps;
using Marketplace.Grains.WrapUps;

namespace Marketplace.Grains.Tests.WrapUps;

[Collection(ClusterCollection.Name)]
public sealed class StallTests(ClusterFixture fixture)
{
    private static readonly WrapUpOptions Limits = new();

    [Fact]
    public async Task The_view_says_when_the_awaited_creative_will_be_reminded_and_stops_once_the_reminder_went()
    {
        var h = await Handover.AwardedAsync(fixture);
        var started = Assert.Single((await h.Grain.GetAsync(h.Buyer)).Timeline, t => t.Kind == nameof(Started));

        Assert.Equal(started.At + Limits.NudgeAfter, (await h.Grain.GetAsync(h.Buyer)).ReminderDueAt);
        await h.AdvanceAsync(Limits.NudgeAfter);

        var nudged = await h.Grain.GetAsync(h.Buyer);
        Assert.Contains(nudged.Timeline, t => t.Kind == nameof(Nudged));
        Assert.Null(nudged.ReminderDueAt);
    }

    [Fact]
    public async Task While_files_are_awaited_the_view_gives_the_date_staff_step_in_and_a_message_from_the_winner_does_not_move_it()
    {
        var h = await Handover.AwardedAsync(fixture);
        var started = Assert.Single((await h.Grain.GetAsync(h.Buyer)).Timeline, t => t.Kind == nameof(Started)).At;
        Assert.Equal(started + Limits.QueueAfter, (await h.Grain.GetAsync(h.Buyer)).StaffStepInAt);
        Assert.Equal(started + Limits.QueueAfter, (await h.Grain.GetAsync(h.Creative)).StaffStepInAt);

        await h.AdvanceAsync(TimeSpan.FromDays(1));
        await h.Grain.PostMessageAsync(h.Creative, MessageAudience.BothParties, "Nearly there, one more day.");

        var afterMessage = await h.Grain.GetAsync(h.Buyer);
        Assert.Equal((started + Limits.NudgeAfter, started + Limits.QueueAfter), (afterMessage.ReminderDueAt, afterMessage.StaffStepInAt));
        await h.AdvanceAsync(Limits.QueueAfter - TimeSpan.FromDays(1));
        Assert.Equal([MediationReason.Stalled], (await h.QueuedCaseAsync())!.Case.Reasons);
        Assert.Null((await h.Grain.GetAsync(h.Buyer)).StaffStepInAt);
    }

    [Fact]
    public async Task Staff_giving_the_winner_more_time_moves_the_files_date_and_a_change_request_starts_a_new_one()
    {
        var h = await Handover.AwardedAsync(fixture);
        var first = (await h.Grain.GetAsync(h.Buyer)).StaffStepInAt!.Value;
        await h.CaseClaimedAsync();

        await h.Grain.ExtendDeadlineAsync(h.Staff, WrapUpDeadlineKind.Response, TimeSpan.FromDays(2), "The winner is ill this week.");
        Assert.Equal(first + TimeSpan.FromDays(2), (await h.Grain.GetAsync(h.Buyer)).StaffStepInAt);

        await h.DeliverAsync();
        Assert.Null((await h.Grain.GetAsync(h.Buyer)).StaffStepInAt);
        await h.AdvanceAsync(TimeSpan.FromDays(1));
        await h.Grain.RequestChangesAsync(h.Buyer, "Make the blue darker, please.");
        Assert.Equal(h.Now + Limits.QueueAfter, (await h.Grain.GetAsync(h.Creative)).StaffStepInAt);
    }

    [Fact]
    public async Task A_silent_creative_is_nudged_then_queued_then_claimed_and_resolved()
    {
        var h = await Handover.AwardedAsync(fixture);

        await h.AdvanceAsync(Limits.NudgeAfter - TimeSpan.FromMinutes(1));
        Assert.DoesNotContain((await h.Grain.GetAsync(h.Staff)).Timeline, t => t.Kind == nameof(Nudged));

        await h.AdvanceAsync(TimeSpan.FromMinutes(1));
        var nudged = await h.Grain.GetAsync(h.Creative);
        Assert.Equal("Marketplace reminded Cai Creative on the site and by email that the handover waits on them.", Assert.Single(nudged.Timeline, t => t.Kind == nameof(Nudged)).Summary);
        Assert.Null(await h.QueuedCaseAsync());

        await h.AdvanceAsync(Limits.QueueAfter - Limits.NudgeAfter);
        var queued = Assert.IsType<MediationCaseView>(await h.QueuedCaseAsync());
        Assert.Equal([MediationReason.Stalled], queued.Case.Reasons);
        Assert.Equal(WrapUpStep.AwaitingFiles, queued.Case.Step);
        Assert.Equal(WaitingOn.Creative, queued.Case.WaitingOn);
        Assert.Equal(TimeSpan.Zero, queued.Age);
        Assert.False(queued.Overdue);

        fixture.Clock.Advance(TimeSpan.FromHours(3));
        var claimed = await h.Grain.ClaimAsync(h.Staff);
        Assert.Equal(h.Staff.UserId, claimed.Mediation!.ClaimedBy);
        var held = Assert.IsType<MediationCaseView>(await h.QueuedCaseAsync());
        Assert.Equal(h.Staff.UserId, held.Case.ClaimedBy);
        Assert.Equal(TimeSpan.FromHours(3), held.Age);

        await h.Grain.PostMessageAsync(h.Staff, MessageAudience.Creative, "Can you upload the finals today?");
        await h.DeliverAsync();
        var closed = await h.Grain.CloseMediationAsync(h.Staff, "The creative delivered; back to the ordinary path.");

        Assert.Null(closed.Mediation);
        Assert.Equal(WrapUpStep.InReview, closed.Step);
        Assert.Null(await h.QueuedCaseAsync());
        Assert.Single(closed.Timeline, t => t.Kind == nameof(Nudged));
    }

    [Fact]
    public async Task A_buyer_who_does_not_sign_is_nudged_and_queued()
    {
        var h = await Handover.AwardedAsync(fixture);
        var version = (await h.DeliveredAndApprovedAsync()).AgreementVersion;
        await h.Grain.SignAgreementAsync(h.Creative, version);

        await h.AdvanceAsync(Limits.QueueAfter);

        var view = await h.Grain.GetAsync(h.Staff);
        Assert.Equal(WaitingOn.Buyer, view.WaitingOn);
        Assert.Contains(view.Timeline, t => t.Kind == nameof(Nudged) && t.Summary == "Marketplace reminded Bea Buyer on the site and by email that the handover waits on them.");
        Assert.Equal(WaitingOn.Buyer, (await h.QueuedCaseAsync())!.Case.WaitingOn);
    }

    [Fact]
    public async Task The_waited_on_party_acting_clears_the_stall_and_the_unclaimed_case()
    {
        var h = await Handover.AwardedAsync(fixture);
        await h.AdvanceAsync(Limits.QueueAfter);
        Assert.NotNull(await h.QueuedCaseAsync());

        var delivered = await h.DeliverAsync();

        Assert.Null(delivered.Mediation);
        Assert.Null(await h.QueuedCaseAsync());
        Assert.Contains(delivered.Timeline, t => t.Kind == nameof(StallCleared));
    }

    [Fact]
    public async Task The_other_party_acting_does_not_clear_a_stall()
    {
        var h = await Handover.AwardedAsync(fixture);
        await h.AdvanceAsync(Limits.NudgeAfter + TimeSpan.FromHours(1));

        await h.Grain.PostMessageAsync(h.Buyer, MessageAudience.BothParties, "Any news?");
        await h.AdvanceAsync(Limits.QueueAfter - Limits.NudgeAfter);

        Assert.NotNull(await h.QueuedCaseAsync());
    }

    [Fact]
    public async Task Either_party_can_ask_for_help_at_any_step()
    {
        var h = await Handover.AwardedAsync(fixture);

        var view = await h.Grain.RequestHelpAsync(h.Creative, "I cannot export the AI file.");

        Assert.Equal([MediationReason.HelpRequested], view.Mediation!.Reasons);
        Assert.Equal([MediationReason.HelpRequested], (await h.QueuedCaseAsync())!.Case.Reasons);
        Assert.Empty((await h.Grain.GetAsync(h.Buyer)).Messages);
        Assert.Single((await h.Grain.GetAsync(h.Staff)).Messages);
        await Refused.WithAsync(ErrorKind.Forbidden, () => h.Grain.RequestHelpAsync(h.Staff, "me too"));
    }

    [Fact]
    public async Task A_case_past_the_response_target_is_flagged_overdue_and_listed_first()
    {
        var older = await Handover.AwardedAsync(fixture);
        await older.Grain.RequestHelpAsync(older.Buyer, "First");
        fixture.Clock.Advance(TimeSpan.FromHours(1));
        var newer = await Handover.AwardedAsync(fixture);
        await newer.Grain.RequestHelpAsync(newer.Buyer, "Second");
        fixture.Clock.Advance(Limits.StaffResponseTarget - TimeSpan.FromMinutes(30));

        var list = await newer.Queue.ListAsync(newer.Staff);
        var olderCase = Assert.Single(list, c => c.Case.CaseId == older.Id);
        var newerCase = Assert.Single(list, c => c.Case.CaseId == newer.Id);
        Assert.True(olderCase.Overdue);
        Assert.False(newerCase.Overdue);
        Assert.True(list.ToList().IndexOf(olderCase) < list.ToList().IndexOf(newerCase));
        Assert.All(list.TakeWhile(c => c.Overdue), c => Assert.True(c.Overdue));
        Assert.DoesNotContain(list.SkipWhile(c => c.Overdue), c => c.Overdue);

        await older.Grain.ClaimAsync(older.Staff);
        Assert.False((await older.QueuedCaseAsync())!.Overdue);
    }

    [Fact]
    public async Task One_staff_member_holds_a_case_and_a_second_claim_names_them()
    {
        var h = await Handover.AwardedAsync(fixture);
        var other = await fixture.Grains.StaffAsync("Olga Other");
        await h.CaseClaimedAsync();

        var message = await Refused.WithAsync(ErrorKind.Conflict, () => h.Grain.ClaimAsync(other));
        Assert.Contains("Sam Staff", message);
        await Refused.WithAsync(ErrorKind.Conflict, () => h.Grain.PostMessageAsync(other, MessageAudience.Buyer, "Hi"));
        await Refused.WithAsync(ErrorKind.Conflict, () => h.Grain.ReleaseClaimAsync(other));

        await h.Grain.ReleaseClaimAsync(h.Staff);
        var taken = await h.Grain.ClaimAsync(other);
        Assert.Equal(other.UserId, taken.Mediation!.ClaimedBy);
        Assert.Equal(other.UserId, (await h.QueuedCaseAsync())!.Case.ClaimedBy);
    }

    [Fact]
    public async Task Only_staff_see_the_queue_and_claim_cases()
    {
        var h = await Handover.AwardedAsync(fixture);
        await h.Grain.RequestHelpAsync(h.Buyer, "Help");

        await Refused.WithAsync(ErrorKind.Forbidden, () => h.Queue.ListAsync(h.Buyer));
        await Refused.WithAsync(ErrorKind.Forbidden, () => h.Queue.ListAsync(Actor.System));
        await Refused.WithAsync(ErrorKind.Forbidden, () => h.Queue.ListAsync(new Actor(h.Buyer.UserId, UserRoles.Staff)));
        await Refused.WithAsync(ErrorKind.Forbidden, () => h.Grain.ClaimAsync(h.Creative));
        var queued = (await h.QueuedCaseAsync())!.Case;
        await Refused.WithAsync(ErrorKind.Forbidden, () => h.Queue.UpsertAsync(h.Staff, queued));
        await Refused.WithAsync(ErrorKind.Forbidden, () => h.Queue.RemoveAsync(h.Staff, h.Id));
    }
}

using Marketplace.Contracts.Escrow;
using Marketplace.Contracts.WrapUps;
using Marketplace.Grains.WrapUps;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace Marketplace.Grains.Tests.WrapUps;

[Collection(ClusterCollection.Name)]
public sealed class AutoReleaseTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Limit = new WrapUpOptions().AutoReleaseAfter;

    [Fact]
    public async Task The_buyers_silence_approves_and_pays_after_the_limit()
    {
        var h = await Handover.AwardedAsync(fixture);
        await h.DeliverAsync();

        await h.AdvanceAsync(Limit - TimeSpan.FromMinutes(1));
        var before = await h.Grain.GetAsync(h.Buyer);
        Assert.Equal(WrapUpStep.InReview, before.Step);
        Assert.Equal(TimeSpan.FromMinutes(1), Assert.Single(before.Deadlines).TimeLeft);

        await h.AdvanceAsync(TimeSpan.FromMinutes(1));
        var after = await h.Grain.GetAsync(h.Buyer);

        Assert.Equal(WrapUpOutcome.Completed, after.Outcome);
        Assert.Contains(after.Timeline, t => t.Kind == nameof(AutoReleaseFired) && t.ActorRole == WrapUpRoles.System);
        Assert.True(after.CanDownloadFinals);
        Assert.Equal(0, (await h.Escrow.GetStatementAsync()).Held.Minor);
    }

    [Fact]
    public async Task Automatic_release_fires_once_only()
    {
        var h = await Handover.AwardedAsync(fixture);
        await h.DeliverAsync();
        await h.AdvanceAsync(Limit);

        await h.AdvanceAsync(Limit);
        await h.Grain.EvaluateDeadlinesAsync(Actor.System);

        var view = await h.Grain.GetAsync(h.Staff);
        Assert.Single(view.Timeline, t => t.Kind == nameof(AutoReleaseFired));
        Assert.Single((await h.Escrow.GetStatementAsync()).Movements, m => m.Kind == EscrowMovementKind.ReleasedToCreative);
    }

    [Fact]
    public async Task A_pause_with_a_reason_stops_the_clock_and_resuming_keeps_the_time_left()
    {
        var h = await Handover.AwardedAsync(fixture);
        await h.DeliverAsync();
        await h.AdvanceAsync(TimeSpan.FromDays(2));
        await Refused.WithAsync(ErrorKind.Invalid, () => h.Grain.PauseAutoReleaseAsync(h.Buyer, ""));
        await Refused.WithAsync(ErrorKind.Forbidden, () => h.Grain.PauseAutoReleaseAsync(h.Creative, "Not my call"));

        var paused = await h.Grain.PauseAutoReleaseAsync(h.Buyer, "Waiting for the printer's proof.");
        await h.AdvanceAsync(Limit * 3);

        var still = await h.Grain.GetAsync(h.Buyer);
        Assert.Null(still.Outcome);
        Assert.True(paused.AutoReleasePaused);
        Assert.Equal("Waiting for the printer's proof.", still.PauseReason);
        Assert.Contains(still.Timeline, t => t.Kind == nameof(AutoReleasePaused) && t.ActorId == h.Buyer.UserId);

        var resumed = await h.Grain.ResumeAutoReleaseAsync(h.Buyer);
        Assert.Equal(Limit - TimeSpan.FromDays(2), Assert.Single(resumed.Deadlines).TimeLeft);
        await h.AdvanceAsync(Limit - TimeSpan.FromDays(2));
        Assert.Equal(WrapUpOutcome.Completed, (await h.Grain.GetAsync(h.Buyer)).Outcome);
    }

    [Fact]
    public async Task A_dispute_stops_the_automatic_release()
    {
        var h = await Handover.AwardedAsync(fixture);
        await h.DeliverAsync();
        await h.Grain.OpenDisputeAsync(h.Buyer, "The files are not the design I picked.", []);
        await h.Grain.AnswerDisputeAsync(h.Creative, "They are.", []);

        await h.AdvanceAsync(Limit * 2);

        var view = await h.Grain.GetAsync(h.Buyer);
        Assert.Null(view.Outcome);
        Assert.DoesNotContain(view.Timeline, t => t.Kind == nameof(AutoReleaseFired));
        Assert.Equal(Handover.Prize, (await h.Escrow.GetStatementAsync()).Held);
    }

    [Fact]
    public async Task Approving_or_asking_for_changes_stops_the_automatic_release()
    {
        var h = await Handover.AwardedAsync(fixture);
        await h.DeliverAsync();
        await h.Grain.RequestChangesAsync(h.Buyer, "Brown bread please.");

        await h.AdvanceAsync(Limit * 2);

        Assert.Null((await h.Grain.GetAsync(h.Buyer)).Outcome);
    }

    [Fact]
    public async Task Starting_a_wrap_up_registers_its_durable_deadline_reminder()
    {
        var h = await Handover.AwardedAsync(fixture);
        var table = fixture.Cluster.GetSiloServiceProvider().GetRequiredService<IReminderTable>();

        var rows = await table.ReadRows(h.Grain.GetGrainId());

        var reminder = Assert.Single(rows.Reminders, r => r.ReminderName == WrapUpGrain.DeadlinesReminder);
        Assert.Equal(new WrapUpOptions().CheckEvery, reminder.Period);
    }

    [Fact]
    public async Task Only_the_marketplace_itself_applies_deadlines()
    {
        var h = await Handover.AwardedAsync(fixture);

        await Refused.WithAsync(ErrorKind.Forbidden, () => h.Grain.EvaluateDeadlinesAsync(h.Buyer));
        await Refused.WithAsync(ErrorKind.Forbidden, () => h.Grain.EvaluateDeadlinesAsync(h.Staff));
    }
}

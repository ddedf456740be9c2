using Marketplace.Contracts.Catalog;
using Marketplace.Contracts.Entries;
using Marketplace.Contracts.Escrow;
using Marketplace.Contracts.Projects;
using Marketplace.Contracts.Users;
using Marketplace.Contracts.WrapUps;

namespace Marketplace.Grains.Tests.Projects;

[Collection(ClusterCollection.Name)]
public sealed class AwardingTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private sealed record Contest(Actor Buyer, Actor Creative, Actor Rival, string ProjectId, string EntryId, string RivalEntryId, IProjectGrain Project);

    private async Task<Contest> SelectingAsync(bool allowEarlyAward = false, bool closeEntries = true)
    {
        var buyer = await Grains.BuyerAsync();
        var creative = await Grains.CreativeAsync();
        var rival = await Grains.CreativeAsync();
        var open = await fixture.OpenProjectAsync(buyer, Scenarios.Draft(fixture.Clock.GetUtcNow(), allowEarlyAward: allowEarlyAward));
        var entry = await fixture.SubmitAsync(creative, open.Id);
        var rivalEntry = await fixture.SubmitAsync(rival, open.Id);
        if (closeEntries)
        {
            await fixture.CloseEntriesAsync(open.Id);
        }

        return new Contest(buyer, creative, rival, open.Id, entry.Id, rivalEntry.Id, Grains.GetGrain<IProjectGrain>(open.Id));
    }

    /// <summary>Staff end the wrap-up with <paramref name="outcome"/> the way the handover does it: winner removed, case claimed, decided.</summary>
    private async Task EndWrapUpAsync(Contest contest, string wrapUpId, WrapUpOutcome outcome)
    {
        var staff = await Grains.StaffAsync();
        var wrapUp = Grains.GetGrain<IWrapUpGrain>(wrapUpId);
        await Grains.GetGrain<IUserGrain>(contest.Creative.UserId).RemoveAsync(staff, "Repeated policy violations.");
        await wrapUp.ClaimAsync(staff);
        await wrapUp.DecideOutcomeAsync(staff, new Resolution(outcome), "Decided with both parties.");
    }

    [Fact]
    public async Task Awarding_makes_one_winner_and_starts_the_first_wrap_up()
    {
        var c = await SelectingAsync();

        var award = await c.Project.AwardAsync(c.Buyer, c.EntryId);

        var view = await c.Project.GetAsync(c.Buyer);
        var wrapUp = await Grains.GetGrain<IWrapUpGrain>(award.WrapUpId).GetAsync(c.Buyer);
        Assert.Equal($"{c.ProjectId}/1", award.WrapUpId);
        Assert.Equal((ProjectState.Awarded, c.EntryId, c.Creative.UserId), (view.State, view.WinnerEntryId, view.WinnerCreativeId));
        Assert.Equal(EntryStatus.Won, (await Grains.GetGrain<IEntryGrain>(c.EntryId).GetAsync(c.Creative)).Status);
        Assert.NotNull(wrapUp);
        Assert.Contains(await Grains.GetGrain<IUserIndexGrain>(c.Creative.UserId).GetWrapUpsWonAsync(c.Creative), w => w.WrapUpId == award.WrapUpId);
    }

    [Fact]
    public async Task A_second_award_is_a_conflict_and_repeating_the_same_award_changes_nothing()
    {
        var c = await SelectingAsync();
        var first = await c.Project.AwardAsync(c.Buyer, c.EntryId);

        var repeated = await c.Project.AwardAsync(c.Buyer, c.EntryId);
        await Refused.WithAsync(ErrorKind.Conflict, () => c.Project.AwardAsync(c.Buyer, c.RivalEntryId));

        Assert.Equal(first, repeated);
        Assert.Equal(1, (await c.Project.GetAsync(c.Buyer)).Attempt);
    }

    [Fact]
    public async Task Two_concurrent_awards_end_with_one_winner_and_one_clear_refusal()
    {
        var c = await SelectingAsync();

        var results = await Task.WhenAll(
            Attempt(() => c.Project.AwardAsync(c.Buyer, c.EntryId)),
            Attempt(() => c.Project.AwardAsync(c.Buyer, c.RivalEntryId)));

        var winner = Assert.Single(results, r => r.Award is not null).Award!;
        var refusal = Assert.Single(results, r => r.Error is not null).Error!;
        Assert.Equal(ErrorKind.Conflict, refusal.Kind);
        Assert.Equal(winner.EntryId, (await c.Project.GetAsync(c.Buyer)).WinnerEntryId);
        Assert.Single((await c.Project.GetGalleryAsync(c.Buyer)).Items, i => i.Status == EntryStatus.Won);

        static async Task<(AwardResult? Award, MarketplaceException? Error)> Attempt(Func<Task<AwardResult>> award)
        {
            try
            {
                return (await award(), null);
            }
            catch (MarketplaceException e)
            {
                return (null, e);
            }
        }
    }

    [Fact]
    public async Task Awarding_is_refused_to_anyone_but_the_buyer()
    {
        var c = await SelectingAsync();
        var staff = await Grains.StaffAsync();

        await Refused.WithAsync(ErrorKind.Forbidden, () => c.Project.AwardAsync(c.Creative, c.EntryId));
        await Refused.WithAsync(ErrorKind.Forbidden, () => c.Project.AwardAsync(staff, c.EntryId));
        await Refused.WithAsync(ErrorKind.Forbidden, () => c.Project.AwardAsync(Actor.System, c.EntryId));

        Assert.Equal(ProjectState.Selecting, (await c.Project.GetAsync(c.Buyer)).State);
    }

    [Fact]
    public async Task Entries_still_open_cannot_be_awarded_unless_the_brief_allows_early_award()
    {
        var plain = await SelectingAsync(closeEntries: false);
        var early = await SelectingAsync(allowEarlyAward: true, closeEntries: false);

        await Refused.WithAsync(ErrorKind.Conflict, () => plain.Project.AwardAsync(plain.Buyer, plain.EntryId));
        var award = await early.Project.AwardAsync(early.Buyer, early.EntryId);

        Assert.Equal(early.EntryId, award.EntryId);
        Assert.DoesNotContain(await Grains.GetGrain<ICatalogGrain>(Categories.Logo).ListOpenAsync(), i => i.ProjectId == early.ProjectId);
    }

    [Fact]
    public async Task Declined_withdrawn_unknown_and_removed_creatives_entries_cannot_be_awarded()
    {
        var c = await SelectingAsync();
        var staff = await Grains.StaffAsync();
        await Grains.GetGrain<IEntryGrain>(c.RivalEntryId).DeclineAsync(c.Buyer, "No.");
        await Grains.GetGrain<IUserGrain>(c.Creative.UserId).RemoveAsync(staff, "Policy violations.");

        await Refused.WithAsync(ErrorKind.Conflict, () => c.Project.AwardAsync(c.Buyer, c.RivalEntryId));
        await Refused.WithAsync(ErrorKind.NotFound, () => c.Project.AwardAsync(c.Buyer, c.EntryId));
        await Refused.WithAsync(ErrorKind.NotFound, () => c.Project.AwardAsync(c.Buyer, "no-such-entry"));

        Assert.Null((await c.Project.GetAsync(c.Buyer)).WinnerEntryId);
    }

    [Fact]
    public async Task A_winning_entry_cannot_be_withdrawn_or_declined()
    {
        var c = await SelectingAsync();
        await c.Project.AwardAsync(c.Buyer, c.EntryId);
        var entry = Grains.GetGrain<IEntryGrain>(c.EntryId);

        await Refused.WithAsync(ErrorKind.Conflict, () => entry.WithdrawAsync(c.Creative));
        await Refused.WithAsync(ErrorKind.Conflict, () => entry.DeclineAsync(c.Buyer, "changed mind"));
    }

    [Fact]
    public async Task Removing_the_winner_tells_the_open_wrap_up()
    {
        var c = await SelectingAsync();
        var staff = await Grains.StaffAsync();
        var award = await c.Project.AwardAsync(c.Buyer, c.EntryId);

        await Grains.GetGrain<IUserGrain>(c.Creative.UserId).RemoveAsync(staff, "Repeated policy violations.");

        var wrapUp = await Grains.GetGrain<IWrapUpGrain>(award.WrapUpId).GetAsync(staff);
        Assert.Contains(wrapUp.Timeline, e => $"{e.Reason} {e.Summary}".Contains("Repeated policy violations.", StringComparison.Ordinal));
        Assert.DoesNotContain((await c.Project.GetGalleryAsync(c.Buyer)).Items, i => i.EntryId == c.EntryId);
        Assert.Equal(ProjectState.Awarded, (await c.Project.GetAsync(c.Buyer)).State);
    }

    [Fact]
    public async Task Award_another_returns_to_selecting_without_the_old_winner_and_the_next_award_is_attempt_two()
    {
        var c = await SelectingAsync();
        var first = await c.Project.AwardAsync(c.Buyer, c.EntryId);

        await EndWrapUpAsync(c, first.WrapUpId, WrapUpOutcome.AwardAnother);

        var view = await c.Project.GetAsync(c.Buyer);
        Assert.Equal(ProjectState.Selecting, view.State);
        Assert.Equal(fixture.Clock.GetUtcNow() + view.SelectionWindow, view.SelectionDeadline);
        Assert.Null(view.WinnerEntryId);
        Assert.DoesNotContain((await c.Project.GetGalleryAsync(c.Buyer)).Items, i => i.EntryId == c.EntryId);
        await Refused.WithAsync(ErrorKind.NotFound, () => c.Project.AwardAsync(c.Buyer, c.EntryId));
        var second = await c.Project.AwardAsync(c.Buyer, c.RivalEntryId);
        Assert.Equal($"{c.ProjectId}/2", second.WrapUpId);
        Assert.Equal(Scenarios.Prize, (await Grains.GetGrain<IEscrowGrain>(c.ProjectId).GetStatementAsync()).Held);
    }

    [Fact]
    public async Task Reopened_takes_entries_again_with_a_new_deadline()
    {
        var c = await SelectingAsync();
        var first = await c.Project.AwardAsync(c.Buyer, c.EntryId);

        await EndWrapUpAsync(c, first.WrapUpId, WrapUpOutcome.Reopened);

        var view = await c.Project.GetAsync(c.Buyer);
        Assert.Equal((ProjectState.Open, 1), (view.State, view.TimesReopened));
        Assert.Equal(fixture.Clock.GetUtcNow().AddDays(7), view.EntryDeadline);
        Assert.Contains(await Grains.GetGrain<ICatalogGrain>(Categories.Logo).ListOpenAsync(), i => i.ProjectId == c.ProjectId);
        var late = await Grains.CreativeAsync();
        Assert.Equal(EntryStatus.Active, (await fixture.SubmitAsync(late, c.ProjectId)).Status);
    }

    [Fact]
    public async Task A_refunded_wrap_up_refunds_the_project_for_good()
    {
        var c = await SelectingAsync();
        var award = await c.Project.AwardAsync(c.Buyer, c.EntryId);

        await EndWrapUpAsync(c, award.WrapUpId, WrapUpOutcome.Refunded);
        var again = await c.Project.WrapUpEndedAsync(Actor.System, award.WrapUpId, WrapUpOutcome.Refunded);

        Assert.Equal(ProjectState.Refunded, again.State);
        Assert.Equal(Scenarios.Prize, (await Grains.GetGrain<IEscrowGrain>(c.ProjectId).GetStatementAsync()).Refunded);
        await Refused.WithAsync(ErrorKind.Conflict, () => c.Project.AwardAsync(c.Buyer, c.RivalEntryId));
        await Refused.WithAsync(ErrorKind.Conflict, () => c.Project.WrapUpEndedAsync(Actor.System, $"{c.ProjectId}/9", WrapUpOutcome.Completed));
        Assert.Equal(ProjectState.Refunded, (await c.Project.GetAsync(c.Buyer)).State);
    }
}

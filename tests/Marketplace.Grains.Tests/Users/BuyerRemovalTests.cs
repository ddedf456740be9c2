using Marketplace.Contracts.Catalog;
using Marketplace.Contracts.Entries;
using Marketplace.Contracts.Escrow;
using Marketplace.Contracts.Mediation;
using Marketplace.Contracts.Notifications;
using Marketplace.Contracts.Projects;
using Marketplace.Contracts.Users;
using Marketplace.Contracts.WrapUps;
using Marketplace.Grains.Tests.WrapUps;
using Marketplace.Grains.WrapUps;

namespace Marketplace.Grains.Tests.Users;

/// <summary>
/// Staff remove a buyer's account: every project they were buying ends without leaving money or people hanging. Drafts
/// cancel; running contests close with the prize refunded once and each entrant told once (no reason); an awarded
/// handover goes to staff as "buyer removed", where staff act in the buyer's place and no clock acts on their silence.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class BuyerRemovalTests(ClusterFixture fixture)
{
    private const string Reason = "Paid with stolen cards.";
    private const string Title = "“A logo for Bread & Butter”";
    private const string ClosedNotice = $"Marketplace support closed {Title}, so its prize will not be awarded. Your entry and its rights stay yours. Thank you for taking part.";
    private const string WinnerNotice = $"The buyer's account was closed; Marketplace support will finish the handover of {Title} with you. Your prize stays safe in escrow.";

    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task A_removed_buyers_draft_is_cancelled_with_nothing_moved_in_escrow()
    {
        var buyer = await Grains.BuyerAsync();
        var staff = await Grains.StaffAsync();
        var draft = Grains.GetGrain<IProjectGrain>(ClusterFixture.NewId("project"));
        await draft.CreateAsync(buyer, Scenarios.Draft(fixture.Clock.GetUtcNow()));

        await RemoveAsync(buyer, staff);

        Assert.Equal(ProjectState.Cancelled, (await draft.GetAsync(staff)).State);
        Assert.Empty((await Grains.GetGrain<IEscrowGrain>(draft.GetPrimaryKeyString()).GetStatementAsync()).Movements);
    }

    [Fact]
    public async Task Open_and_selecting_projects_close_with_the_prize_refunded_once_and_each_entrant_told_once_without_the_reason()
    {
        var buyer = await Grains.BuyerAsync();
        var staff = await Grains.StaffAsync();
        var ana = await Grains.CreativeAsync("Ana Entrant");
        var ben = await Grains.CreativeAsync("Ben Entrant");
        var wes = await Grains.CreativeAsync("Wes Withdrew");
        var selecting = await fixture.OpenProjectAsync(buyer);
        await fixture.SubmitAsync(ana, selecting.Id);
        await fixture.CloseEntriesAsync(selecting.Id);
        var open = await fixture.OpenProjectAsync(buyer);
        await fixture.SubmitAsync(ana, open.Id);
        await fixture.SubmitAsync(ana, open.Id);
        await fixture.SubmitAsync(ben, open.Id);
        await Grains.GetGrain<IEntryGrain>((await fixture.SubmitAsync(wes, open.Id)).Id).WithdrawAsync(wes);
        var before = new Dictionary<Actor, int> { [ana] = await CountAsync(ana), [ben] = await CountAsync(ben), [wes] = await CountAsync(wes) };

        await RemoveAsync(buyer, staff);
        await RemoveAsync(buyer, staff);

        foreach (var id in new[] { open.Id, selecting.Id })
        {
            var project = await Grains.GetGrain<IProjectGrain>(id).GetAsync(staff);
            Assert.Equal(ProjectState.Cancelled, project.State);
            var escrow = await Grains.GetGrain<IEscrowGrain>(id).GetStatementAsync();
            var refund = Assert.Single(escrow.Movements, m => m.Kind == EscrowMovementKind.RefundedToBuyer);
            Assert.Equal((Scenarios.Prize, buyer.UserId), (refund.Amount, refund.PartyId));
            Assert.Equal(0, escrow.Held.Minor);
            Assert.Equal(0, escrow.Fees.Minor);
        }

        Assert.DoesNotContain(await Grains.GetGrain<ICatalogGrain>(Categories.Logo).ListOpenAsync(), i => i.ProjectId == open.Id);
        await Refused.WithAsync(ErrorKind.Conflict, () => fixture.SubmitAsync(ben, open.Id));
        // Ana has entries in both galleries: one notice per project, each once, however often the removal runs.
        var anaTold = (await Grains.NoticesAsync(ana)).Where(n => n.Kind == NotificationKinds.ProjectClosed).ToList();
        Assert.Equal(2, anaTold.Count);
        Assert.All(anaTold, n => Assert.Equal(ClosedNotice, n.Text));
        Assert.Equal(ClosedNotice, Assert.Single(await Grains.NoticesAsync(ben), n => n.Kind == NotificationKinds.ProjectClosed).Text);
        Assert.Equal(before[ana] + 2, await CountAsync(ana));
        Assert.Equal(before[ben] + 1, await CountAsync(ben));
        Assert.Equal(before[wes], await CountAsync(wes));
        Assert.All(await Grains.NoticesAsync(ana), n => Assert.DoesNotContain("stolen", n.Text, StringComparison.OrdinalIgnoreCase));
        // The buyer hears (by email too) where their money went, once per project.
        Assert.Equal(2, (await Grains.NoticesAsync(buyer)).Count(n => n.Kind == NotificationKinds.PrizeRefunded));
    }

    [Fact]
    public async Task An_awarded_handover_goes_to_staff_as_buyer_removed_and_the_winner_is_told_once_without_the_reason()
    {
        var h = await Handover.AwardedAsync(fixture);
        var buyerNotices = await CountAsync(h.Buyer);

        await RemoveAsync(h.Buyer, h.Staff);
        await RemoveAsync(h.Buyer, h.Staff);

        var queued = Assert.IsType<MediationCaseView>(await h.QueuedCaseAsync());
        Assert.Equal([MediationReason.BuyerRemoved], queued.Case.Reasons);
        Assert.Equal(ProjectState.Awarded, (await h.Project.GetAsync(h.Staff)).State);
        Assert.Equal(Scenarios.Prize, (await h.Escrow.GetStatementAsync()).Held);
        var told = Assert.Single(await Grains.NoticesAsync(h.Creative), n => n.Kind == NotificationKinds.BuyerRemoved);
        Assert.Equal(WinnerNotice, told.Text);
        Assert.Equal("/wrapups/" + h.Id, told.Link);
        Assert.Equal(buyerNotices, await CountAsync(h.Buyer));

        var creative = await h.Grain.GetAsync(h.Creative);
        var staff = await h.Grain.GetAsync(h.Staff);
        Assert.True(creative.BuyerRemoved);
        Assert.Null(creative.BuyerRemovedReason);
        Assert.Null(Assert.Single(creative.Timeline, t => t.Kind == nameof(BuyerRemoved)).Reason);
        Assert.False(creative.MayWriteToOtherParty);
        Assert.False(creative.MayOpenDispute);
        Assert.Equal(Reason, staff.BuyerRemovedReason);
        Assert.Equal(Reason, Assert.Single(staff.Timeline, t => t.Kind == nameof(BuyerRemoved)).Reason);
        await Refused.WithAsync(ErrorKind.Conflict, () => h.Grain.PostMessageAsync(h.Creative, MessageAudience.BothParties, "Hello?"));
        await Refused.WithAsync(ErrorKind.Conflict, () => h.Grain.OpenDisputeAsync(h.Creative, "Nobody answers.", []));
        await h.Grain.PostMessageAsync(h.Creative, MessageAudience.Staff, "What happens now?");
    }

    [Fact]
    public async Task Staff_finish_the_handover_in_the_buyers_place_without_consent_and_no_clock_pays_on_the_buyers_silence()
    {
        var h = await Handover.AwardedAsync(fixture);
        await RemoveAsync(h.Buyer, h.Staff);

        // The creative still delivers; the automatic release does not start, and time alone moves nothing.
        var delivered = await h.DeliverAsync();
        Assert.Empty(delivered.Deadlines);
        await h.AdvanceAsync(TimeSpan.FromDays(30));
        Assert.Equal(WrapUpStep.InReview, (await h.Grain.GetAsync(h.Staff)).Step);
        Assert.Equal(Scenarios.Prize, (await h.Escrow.GetStatementAsync()).Held);

        await h.Grain.ClaimAsync(h.Staff);
        await Refused.WithAsync(ErrorKind.Conflict, () => h.Grain.PostMessageAsync(h.Staff, MessageAudience.Buyer, "Are you there?"));
        // No consent is given (none can be): the journal records that in its place.
        var inPlace = new OnBehalf(h.Buyer.UserId, new Consent("", default), "Checked the files against the winning entry.");
        await h.Grain.ApproveAsync(h.Staff, "Matches the entry.", inPlace);
        await h.Grain.SignAgreementAsync(h.Staff, delivered.AgreementVersion, inPlace);
        var signed = await h.Grain.SignAgreementAsync(h.Creative, delivered.AgreementVersion);
        Assert.Equal(WrapUpStep.AwaitingRelease, signed.Step);
        Assert.Null(signed.Outcome);
        Assert.Contains("buyer's account was closed", await Refused.WithAsync(ErrorKind.Conflict, () => h.Grain.ReleasePaymentAsync(h.Staff, "Both signed.")));
        await Refused.WithAsync(ErrorKind.Conflict, () => h.Grain.ProposeOutcomeAsync(h.Staff, new Resolution(WrapUpOutcome.Completed), "Fair."));
        await Refused.WithAsync(ErrorKind.Conflict, () => h.Grain.DecideOutcomeAsync(h.Staff, new Resolution(WrapUpOutcome.Reopened), "Try again."));
        await Refused.WithAsync(ErrorKind.Conflict, () => h.Grain.CloseMediationAsync(h.Staff, "Done."));

        var done = await h.Grain.DecideOutcomeAsync(h.Staff, new Resolution(WrapUpOutcome.Completed), "Files checked; the creative delivered what they won.");

        Assert.Equal(WrapUpOutcome.Completed, done.Outcome);
        Assert.Equal(ProjectState.Completed, (await h.Project.GetAsync(h.Staff)).State);
        var paid = Assert.Single((await h.Escrow.GetStatementAsync()).Movements, m => m.Kind == EscrowMovementKind.ReleasedToCreative);
        Assert.Equal(h.Creative.UserId, paid.PartyId);
        var forBuyer = done.Timeline.Where(t => t.OnBehalfOf == h.Buyer.UserId).ToList();
        Assert.Equal([nameof(Approved), nameof(AgreementSigned)], forBuyer.Select(t => t.Kind));
        Assert.All(forBuyer, t => Assert.Equal(Consent.NotPossibleBuyerRemoved, t.Consent?.How));
        Assert.Equal("Staff approved the final files in the buyer's place.", forBuyer[0].Summary);
        Assert.Contains(await Grains.NoticesAsync(h.Creative), n => n.Kind == NotificationKinds.Approved && n.Text.Contains("in the buyer's place", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_dispute_the_removed_buyer_can_no_longer_answer_waits_for_staff_instead_of_defaulting()
    {
        var h = await Handover.AwardedAsync(fixture);
        await h.DeliverAsync();
        await h.Grain.OpenDisputeAsync(h.Creative, "The buyer stopped answering.", []);

        await RemoveAsync(h.Buyer, h.Staff);
        await h.AdvanceAsync(TimeSpan.FromDays(30));

        var view = await h.Grain.GetAsync(h.Staff);
        Assert.Null(view.Outcome);
        Assert.Equal(DisputeStage.AwaitingStaff, view.Dispute!.Stage);
        Assert.Empty(view.Deadlines);
        Assert.Equal(Scenarios.Prize, (await h.Escrow.GetStatementAsync()).Held);
        await h.Grain.ClaimAsync(h.Staff);
        var refunded = await h.Grain.DecideOutcomeAsync(h.Staff, new Resolution(WrapUpOutcome.Refunded), "The files do not match the brief.");
        Assert.Equal(WrapUpOutcome.Refunded, refunded.Outcome);
        // The closed account still hears that its money came back.
        Assert.Contains(await Grains.NoticesAsync(h.Buyer), n => n.Kind == NotificationKinds.Ended && n.Text.StartsWith("You were refunded", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Removing_someone_who_buys_and_creates_closes_their_projects_and_takes_their_entries_out_of_galleries()
    {
        var both = await Grains.BuyerAsync("Bo Both");
        await Grains.GetGrain<IUserGrain>(both.UserId).AddRoleAsync(both, UserRoles.Creative);
        both = both with { Roles = both.Roles | UserRoles.Creative };
        var staff = await Grains.StaffAsync();
        var otherBuyer = await Grains.BuyerAsync();
        var theirs = await fixture.OpenProjectAsync(both);
        var elsewhere = await fixture.OpenProjectAsync(otherBuyer);
        var entry = await fixture.SubmitAsync(both, elsewhere.Id);

        await RemoveAsync(both, staff);

        Assert.Equal(ProjectState.Cancelled, (await Grains.GetGrain<IProjectGrain>(theirs.Id).GetAsync(staff)).State);
        Assert.Equal(EntryStatus.Removed, (await Grains.GetGrain<IProjectGrain>(elsewhere.Id).GetEntryAsync(Actor.System, entry.Id)).Status);
        Assert.Equal(ProjectState.Open, (await Grains.GetGrain<IProjectGrain>(elsewhere.Id).GetAsync(staff)).State);
    }

    [Fact]
    public async Task Only_staff_other_than_themselves_remove_a_buyer_and_a_refused_removal_changes_nothing()
    {
        var buyer = await Grains.BuyerAsync();
        var creative = await Grains.CreativeAsync();
        var project = await fixture.OpenProjectAsync(buyer);
        var user = Grains.GetGrain<IUserGrain>(buyer.UserId);

        await Refused.WithAsync(ErrorKind.Forbidden, () => user.RemoveAsync(creative, Reason));
        await Refused.WithAsync(ErrorKind.Forbidden, () => user.RemoveAsync(buyer, Reason));
        await Refused.WithAsync(ErrorKind.Forbidden, () => user.RemoveAsync(creative with { Roles = UserRoles.Staff }, Reason));

        Assert.Equal(UserStatus.Active, (await user.GetCardAsync()).Status);
        Assert.Equal(ProjectState.Open, (await Grains.GetGrain<IProjectGrain>(project.Id).GetAsync(buyer)).State);
        Assert.Equal(Scenarios.Prize, (await Grains.GetGrain<IEscrowGrain>(project.Id).GetStatementAsync()).Held);
    }

    private Task RemoveAsync(Actor buyer, Actor staff) => Grains.GetGrain<IUserGrain>(buyer.UserId).RemoveAsync(staff, Reason);

    private async Task<int> CountAsync(Actor person) => (await Grains.NoticesAsync(person)).Count;
}

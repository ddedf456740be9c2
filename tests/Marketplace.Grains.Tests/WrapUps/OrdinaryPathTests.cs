using Marketplace.Contracts.Escrow;
using Marketplace.Contracts.Projects;
using Marketplace.Contracts.WrapUps;
using Marketplace.Grains.WrapUps;

namespace Marketplace.Grains.Tests.WrapUps;

[Collection(ClusterCollection.Name)]
public sealed class OrdinaryPathTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Awarding_asks_the_winner_for_the_briefs_formats()
    {
        var handover = await Handover.AwardedAsync(fixture);

        var view = await handover.Grain.GetAsync(handover.Creative);

        Assert.Equal(WrapUpStep.AwaitingFiles, view.Step);
        Assert.Equal(WaitingOn.Creative, view.WaitingOn);
        Assert.Equal(["SVG", "PNG"], view.DeliverableFormats);
        Assert.Equal(handover.Buyer.UserId, view.BuyerId);
        Assert.Equal(nameof(Started), Assert.Single(view.Timeline).Kind);
    }

    [Fact]
    public async Task The_ordinary_path_delivers_approves_signs_pays_and_unlocks_the_originals()
    {
        var h = await Handover.AwardedAsync(fixture);

        var delivered = await h.DeliverAsync();
        Assert.Equal(WrapUpStep.InReview, delivered.Step);
        Assert.Equal(WaitingOn.Buyer, delivered.WaitingOn);
        Assert.Equal(TimeSpan.FromDays(5), Assert.Single(delivered.Deadlines, d => d.Kind == WrapUpDeadlineKind.AutoRelease).TimeLeft);
        Assert.False(await h.Grain.CanDownloadFinalsAsync(h.Buyer));

        var approved = await h.Grain.ApproveAsync(h.Buyer, "Perfect.");
        Assert.Equal(WrapUpStep.AwaitingSignatures, approved.Step);
        Assert.Equal(WaitingOn.Buyer | WaitingOn.Creative, approved.WaitingOn);
        Assert.Empty(approved.Deadlines);

        await h.Grain.SignAgreementAsync(h.Creative, approved.AgreementVersion);
        var done = await h.Grain.SignAgreementAsync(h.Buyer, approved.AgreementVersion);

        Assert.Equal(WrapUpStep.Ended, done.Step);
        Assert.Equal(WrapUpOutcome.Completed, done.Outcome);
        Assert.True(done.CanDownloadFinals);
        Assert.Equal(2, (await h.Grain.GetFinalsForDownloadAsync(h.Buyer)).Count);
        var escrow = await h.Escrow.GetStatementAsync();
        Assert.Equal(0, escrow.Held.Minor);
        Assert.Equal(Handover.Prize.Minor, escrow.ReleasedToCreative.Minor + escrow.Fees.Minor);
        Assert.Equal(ProjectState.Completed, (await h.Project.GetAsync(h.Buyer)).State);
        Assert.Equal(
            [nameof(Started), nameof(FilesDelivered), nameof(Approved), nameof(AgreementSigned), nameof(AgreementSigned),
             nameof(SettlementDecided), nameof(Ended), nameof(ProjectInformed)],
            done.Timeline.Select(t => t.Kind));
        Assert.All(done.Signatures, s => Assert.Equal(approved.AgreementVersion, s.AgreementVersion));
        var listed = (await fixture.Grains.GetGrain<Marketplace.Contracts.Users.IUserIndexGrain>(h.Buyer.UserId).GetProjectsAsync(h.Buyer)).Single(p => p.ProjectId == h.ProjectId);
        Assert.Null(listed.ActiveWrapUpId);
        Assert.Equal(h.Id, listed.CompletedWrapUpId);
    }

    [Fact]
    public async Task Asking_for_changes_sends_the_creative_back_to_work_with_the_request()
    {
        var h = await Handover.AwardedAsync(fixture);
        await h.DeliverAsync();

        var view = await h.Grain.RequestChangesAsync(h.Buyer, "Please make the bread brown.");

        Assert.Equal(WrapUpStep.AwaitingFiles, view.Step);
        Assert.Equal(WaitingOn.Creative, view.WaitingOn);
        Assert.Equal(["Please make the bread brown."], view.ChangeRequests);
        Assert.Empty(view.Deadlines);
        var second = await h.DeliverAsync(Finals.Image("logo-brown.png"));
        Assert.Equal(2, second.LatestDelivery!.Round);
        Assert.Equal("logo-brown.png", Assert.Single(second.LatestDelivery.Files).File.FileName);
    }

    [Fact]
    public async Task Only_the_parties_and_staff_see_the_handover()
    {
        var h = await Handover.AwardedAsync(fixture);
        var stranger = await fixture.Grains.BuyerAsync("Nosy Neighbour");

        await Refused.WithAsync(ErrorKind.Forbidden, () => h.Grain.GetAsync(stranger));
        await Refused.WithAsync(ErrorKind.Forbidden, () => h.Grain.GetAsync(Actor.System));
        await Refused.WithAsync(ErrorKind.Forbidden, () => h.Grain.GetAsync(new Actor(stranger.UserId, UserRoles.Staff)));
        Assert.Equal(h.Id, (await h.Grain.GetAsync(h.Staff)).WrapUpId);
    }

    [Fact]
    public async Task Each_step_refuses_the_wrong_party_and_the_wrong_time()
    {
        var h = await Handover.AwardedAsync(fixture);
        var version = (await h.Grain.GetAsync(h.Buyer)).AgreementVersion;

        await Refused.WithAsync(ErrorKind.Conflict, () => h.Grain.ApproveAsync(h.Buyer, null));
        await Refused.WithAsync(ErrorKind.Conflict, () => h.Grain.SignAgreementAsync(h.Buyer, version));
        await Refused.WithAsync(ErrorKind.Forbidden, () => h.Grain.DeliverFilesAsync(h.Buyer, [Finals.Image("x.png")], null));
        await Refused.WithAsync(ErrorKind.Forbidden, () => h.Grain.DeliverFilesAsync(h.Staff, [Finals.Image("x.png")], null));
        await Refused.WithAsync(ErrorKind.Invalid, () => h.Grain.DeliverFilesAsync(h.Creative, [], null));
        await Refused.WithAsync(ErrorKind.Invalid, () => h.Grain.DeliverFilesAsync(h.Creative,
            [new FinalFile(Finals.Stored("x.png", "image/png", StorageNames.Containers.Originals), null)], null));

        await h.DeliverAsync();
        await Refused.WithAsync(ErrorKind.Conflict, () => h.DeliverAsync());
        await Refused.WithAsync(ErrorKind.Forbidden, () => h.Grain.ApproveAsync(h.Creative, null));
        await Refused.WithAsync(ErrorKind.Invalid, () => h.Grain.RequestChangesAsync(h.Buyer, " "));

        await h.Grain.ApproveAsync(h.Buyer, null);
        await Refused.WithAsync(ErrorKind.Conflict, () => h.Grain.ApproveAsync(h.Buyer, null));
        await Refused.WithAsync(ErrorKind.Invalid, () => h.Grain.SignAgreementAsync(h.Creative, "1999-01"));
        await h.Grain.SignAgreementAsync(h.Creative, version);
        await Refused.WithAsync(ErrorKind.Conflict, () => h.Grain.SignAgreementAsync(h.Creative, version));
        await h.Grain.SignAgreementAsync(h.Buyer, version);

        var ended = await Refused.WithAsync(ErrorKind.Conflict, () => h.Grain.RequestHelpAsync(h.Buyer, "Help"));
        Assert.Contains("ended", ended);
        await Refused.WithAsync(ErrorKind.Conflict, () => h.Grain.OpenDisputeAsync(h.Buyer, "Changed my mind", []));
        await Refused.WithAsync(ErrorKind.Forbidden, () => h.Grain.StartAsync(h.Buyer, null!));
    }

    [Fact]
    public async Task A_terminal_wrap_up_never_changes_again_and_money_moved_once()
    {
        var h = await Handover.AwardedAsync(fixture);
        var version = (await h.DeliveredAndApprovedAsync()).AgreementVersion;
        await h.Grain.SignAgreementAsync(h.Creative, version);
        var done = await h.Grain.SignAgreementAsync(h.Buyer, version);

        await h.AdvanceAsync(TimeSpan.FromDays(30));

        var later = await h.Grain.GetAsync(h.Staff);
        Assert.Equal(done.Timeline.Count, later.Timeline.Count);
        Assert.Equal(WrapUpOutcome.Completed, later.Outcome);
        var statement = await h.Escrow.GetStatementAsync();
        Assert.Single(statement.Movements, m => m.Kind == EscrowMovementKind.ReleasedToCreative);
        await Refused.WithAsync(ErrorKind.Conflict, () => h.Grain.PauseAutoReleaseAsync(h.Buyer, "wait"));
    }

    [Fact]
    public async Task A_suspended_buyer_cannot_act()
    {
        var h = await Handover.AwardedAsync(fixture);
        await h.DeliverAsync();
        await fixture.Grains.GetGrain<Marketplace.Contracts.Users.IUserGrain>(h.Buyer.UserId).SuspendAsync(h.Staff, "Chargeback");

        var message = await Refused.WithAsync(ErrorKind.Forbidden, () => h.Grain.ApproveAsync(h.Buyer, null));

        Assert.Contains("suspended", message);
    }
}

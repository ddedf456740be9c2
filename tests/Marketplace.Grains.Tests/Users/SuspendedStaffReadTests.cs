using Marketplace.Contracts.Projects;
using Marketplace.Contracts.Users;

namespace Marketplace.Grains.Tests.Users;

/// <summary>
/// Staff read what others cannot (a person's profile and lists, a buyer's draft) only while their own account is
/// active staff: the grains ask the user grain rather than trusting the staff role the web passes.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SuspendedStaffReadTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task A_suspended_staff_member_reads_no_ones_profile_lists_or_draft_while_active_staff_still_do()
    {
        var buyer = await Grains.BuyerAsync();
        var staff = await Grains.StaffAsync("Sam Staff");
        var suspended = await Grains.StaffAsync("Sid Suspended");
        await Grains.GetGrain<IUserGrain>(suspended.UserId).SuspendAsync(staff, "Looked up people without a case.");
        var draft = Grains.GetGrain<IProjectGrain>(ClusterFixture.NewId("project"));
        await draft.CreateAsync(buyer, Scenarios.Draft(fixture.Clock.GetUtcNow()));
        var user = Grains.GetGrain<IUserGrain>(buyer.UserId);
        var lists = Grains.GetGrain<IUserIndexGrain>(buyer.UserId);

        var refused = await Refused.WithAsync(ErrorKind.Forbidden, () => user.GetProfileAsync(suspended));
        await Refused.WithAsync(ErrorKind.Forbidden, () => lists.GetProjectsAsync(suspended));
        await Refused.WithAsync(ErrorKind.Forbidden, () => lists.GetEntriesAsync(suspended));
        await Refused.WithAsync(ErrorKind.Forbidden, () => lists.GetWrapUpsWonAsync(suspended));
        await Refused.WithAsync(ErrorKind.Forbidden, () => draft.GetAsync(suspended));
        await Refused.WithAsync(ErrorKind.Forbidden, () => draft.GetGalleryAsync(suspended));

        Assert.Contains("suspended", refused);
        Assert.Equal(buyer.UserId, (await user.GetProfileAsync(staff)).Id);
        Assert.Single(await lists.GetProjectsAsync(staff));
        Assert.Equal(ProjectState.Draft, (await draft.GetAsync(staff)).State);
    }

    [Fact]
    public async Task A_staff_role_the_user_grain_does_not_back_reads_nothing_and_a_stranger_learns_no_draft_exists()
    {
        var buyer = await Grains.BuyerAsync();
        var creative = await Grains.CreativeAsync();
        var claimingStaff = new Actor(creative.UserId, creative.Roles | UserRoles.Staff);
        var draft = Grains.GetGrain<IProjectGrain>(ClusterFixture.NewId("project"));
        await draft.CreateAsync(buyer, Scenarios.Draft(fixture.Clock.GetUtcNow()));

        await Refused.WithAsync(ErrorKind.Forbidden, () => Grains.GetGrain<IUserGrain>(buyer.UserId).GetProfileAsync(claimingStaff));
        await Refused.WithAsync(ErrorKind.Forbidden, () => Grains.GetGrain<IUserIndexGrain>(buyer.UserId).GetProjectsAsync(claimingStaff));
        await Refused.WithAsync(ErrorKind.Forbidden, () => draft.GetAsync(claimingStaff));
        await Refused.WithAsync(ErrorKind.NotFound, () => draft.GetAsync(creative));
    }
}

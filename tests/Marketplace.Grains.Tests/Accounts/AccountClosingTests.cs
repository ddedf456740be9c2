using Marketplace.Contracts.Accounts;
using Marketplace.Contracts.Projects;
using Marketplace.Contracts.Reviews;
using Marketplace.Contracts.Users;
using Marketplace.Grains.Tests.WrapUps;

namespace Marketplace.Grains.Tests.Accounts;

/// <summary>
/// A person closes their own account, with their password, once nothing runs for them; while something does, the
/// refusal names each thing and what to do.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class AccountClosingTests(ClusterFixture fixture)
{
    private static Actor Holder(AccountInfo account) => new(account.UserId, account.Roles);

    [Fact]
    public async Task Closing_is_refused_while_a_contest_of_theirs_is_open_and_the_refusal_names_it()
    {
        var email = Accounts.NewEmail();
        var buyer = await fixture.SignedUpAsync(email);
        await fixture.OpenProjectAsync(Holder(buyer));

        var refused = await Refused.WithAsync(ErrorKind.Conflict, () => fixture.Account(email).CloseAccountAsync(Holder(buyer), Accounts.Password));

        Assert.Contains("Your contest A logo for Bread & Butter is still open: cancel it or wait until it ends.", refused);
        Assert.Equal(SignInStatus.Succeeded, (await fixture.Account(email).SignInAsync(Accounts.Password)).Status);
    }

    [Fact]
    public async Task Closing_is_refused_while_a_contest_waits_for_the_buyer_to_choose()
    {
        var (buyer, project) = await fixture.BuyerWithOpenProjectAsync();
        await fixture.SubmitAsync(await fixture.Grains.CreativeAsync(), project.Id);
        await fixture.CloseEntriesAsync(project.Id);

        var refused = await Refused.WithAsync(ErrorKind.Conflict, () => fixture.Grains.GetGrain<IUserGrain>(buyer.UserId).CloseAsync(Actor.System));

        Assert.Contains("is waiting for you to choose a winner", refused);
    }

    [Fact]
    public async Task Closing_is_refused_while_an_entry_can_still_win_and_allowed_once_it_is_withdrawn()
    {
        var email = Accounts.NewEmail();
        var creative = await fixture.SignedUpAsync(email, UserRoles.Creative);
        var (_, project) = await fixture.BuyerWithOpenProjectAsync();
        var entry = await fixture.SubmitAsync(Holder(creative), project.Id);

        var refused = await Refused.WithAsync(ErrorKind.Conflict, () => fixture.Account(email).CloseAccountAsync(Holder(creative), Accounts.Password));
        await fixture.Grains.GetGrain<Contracts.Entries.IEntryGrain>(entry.Id).WithdrawAsync(Holder(creative));
        await fixture.Account(email).CloseAccountAsync(Holder(creative), Accounts.Password);

        Assert.Contains("Your entry #1 in A logo for Bread & Butter can still win: withdraw it, or wait until the contest ends.", refused);
        Assert.Equal(SignInStatus.Closed, (await fixture.Account(email).SignInAsync(Accounts.Password)).Status);
    }

    [Fact]
    public async Task Closing_is_refused_for_both_parties_while_their_handover_runs()
    {
        var h = await Handover.AwardedAsync(fixture);

        var buyerRefused = await Refused.WithAsync(ErrorKind.Conflict, () => fixture.Grains.GetGrain<IUserGrain>(h.Buyer.UserId).CloseAsync(Actor.System));
        var creativeRefused = await Refused.WithAsync(ErrorKind.Conflict, () => fixture.Grains.GetGrain<IUserGrain>(h.Creative.UserId).CloseAsync(Actor.System));

        Assert.Contains("The handover of your contest", buyerRefused);
        Assert.Contains("which you won, has not ended", creativeRefused);
        Assert.Equal(UserStatus.Active, (await fixture.Grains.GetGrain<IUserGrain>(h.Buyer.UserId).GetCardAsync()).Status);
    }

    [Fact]
    public async Task A_closed_account_signs_in_nobody_ends_its_sessions_cancels_its_drafts_and_staff_see_who_closed_it()
    {
        var email = Accounts.NewEmail();
        var buyer = await fixture.SignedUpAsync(email, UserRoles.Buyer | UserRoles.Creative);
        var staff = await fixture.Grains.StaffAsync();
        var draft = fixture.Grains.GetGrain<IProjectGrain>(ClusterFixture.NewId("project"));
        await draft.CreateAsync(Holder(buyer), Scenarios.Draft(fixture.Clock.GetUtcNow()));

        await fixture.Account(email).CloseAccountAsync(Holder(buyer), Accounts.Password);

        var closed = await fixture.Account(email).SignInAsync(Accounts.Password);
        Assert.Equal(SignInStatus.Closed, closed.Status);
        Assert.Contains("You closed this account", closed.Message);
        Assert.False(await fixture.Account(email).IsSessionCurrentAsync(buyer.SecurityStamp));
        Assert.Equal(ProjectState.Cancelled, (await draft.GetAsync(staff)).State);
        var profile = await fixture.Grains.GetGrain<IUserGrain>(buyer.UserId).GetProfileAsync(staff);
        Assert.Equal((UserStatus.Closed, buyer.UserId, null), (profile.Status, profile.StatusChangedBy, profile.StatusReason));
        await Refused.WithAsync(ErrorKind.NotFound, () => fixture.Grains.GetGrain<ICreativeProfileGrain>(buyer.UserId).GetAsync(staff));
        await Refused.WithAsync(ErrorKind.Forbidden, () => fixture.Grains.GetGrain<IProjectGrain>(ClusterFixture.NewId("project")).CreateAsync(Holder(buyer), Scenarios.Draft(fixture.Clock.GetUtcNow())));
        var reset = HandledCalls.NextAsync(email, nameof(IAccountGrain.RequestPasswordResetAsync));
        fixture.Account(email).RequestPasswordResetAsync().Ignore();
        await reset;
        Assert.Empty(MailPickup.To(fixture.MailFolder, email));
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_counts_toward_the_lockout_and_staff_and_strangers_cannot_close()
    {
        var email = Accounts.NewEmail();
        var account = await fixture.SignedUpAsync(email);
        var stranger = await fixture.SignedUpAsync(Accounts.NewEmail());
        var staffEmail = Accounts.NewEmail();
        var staff = await fixture.Account(staffEmail).EnsureStaffAsync(Actor.System, new NewAccount(staffEmail, Accounts.Password, "Sam Staff", UserRoles.Staff));

        for (var i = 1; i < AccountRules.MaxFailedAttempts; i++)
            await Refused.WithAsync(ErrorKind.Invalid, () => fixture.Account(email).CloseAccountAsync(Holder(account), "not my password"));
        var locked = await Refused.WithAsync(ErrorKind.Conflict, () => fixture.Account(email).CloseAccountAsync(Holder(account), "not my password"));
        await Refused.WithAsync(ErrorKind.Forbidden, () => fixture.Account(email).CloseAccountAsync(Holder(stranger), Accounts.Password));
        var staffRefused = await Refused.WithAsync(ErrorKind.Forbidden, () => fixture.Account(staffEmail).CloseAccountAsync(Holder(staff), Accounts.Password));

        Assert.Contains("Too many wrong passwords", locked);
        Assert.Contains("Marketplace:Staff", staffRefused);
        Assert.Equal(UserStatus.Active, (await fixture.Grains.GetGrain<IUserGrain>(account.UserId).GetCardAsync()).Status);
    }
}

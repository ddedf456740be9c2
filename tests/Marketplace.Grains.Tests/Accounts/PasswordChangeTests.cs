using Marketplace.Contracts.Accounts;
using Marketplace.Contracts.Notifications;

namespace Marketplace.Grains.Tests.Accounts;

/// <summary>A signed-in person changes their password: the current one is asked for, and sessions from before end.</summary>
[Collection(ClusterCollection.Name)]
public sealed class PasswordChangeTests(ClusterFixture fixture)
{
    private static Actor Holder(AccountInfo account) => new(account.UserId, account.Roles);

    [Fact]
    public async Task The_holder_changes_the_password_with_the_current_one_and_gets_a_new_stamp_that_ends_older_sessions()
    {
        var email = Accounts.NewEmail();
        var before = await fixture.SignedUpAsync(email);

        var after = await fixture.Account(email).ChangePasswordAsync(Holder(before), Accounts.Password, Accounts.NewPassword);

        Assert.NotEqual(before.SecurityStamp, after.SecurityStamp);
        Assert.False(await fixture.Account(email).IsSessionCurrentAsync(before.SecurityStamp));
        Assert.True(await fixture.Account(email).IsSessionCurrentAsync(after.SecurityStamp));
        Assert.Equal(SignInStatus.Failed, (await fixture.Account(email).SignInAsync(Accounts.Password)).Status);
        Assert.Equal(SignInStatus.Succeeded, (await fixture.Account(email).SignInAsync(Accounts.NewPassword)).Status);
    }

    [Fact]
    public async Task A_wrong_current_password_is_refused_and_counts_toward_the_lockout()
    {
        var email = Accounts.NewEmail();
        var account = await fixture.SignedUpAsync(email);

        var wrong = await Refused.WithAsync(ErrorKind.Invalid, () => fixture.Account(email).ChangePasswordAsync(Holder(account), "not my password", Accounts.NewPassword));
        for (var i = 2; i < AccountRules.MaxFailedAttempts; i++)
            await Refused.WithAsync(ErrorKind.Invalid, () => fixture.Account(email).ChangePasswordAsync(Holder(account), "not my password", Accounts.NewPassword));
        var locked = await Refused.WithAsync(ErrorKind.Conflict, () => fixture.Account(email).ChangePasswordAsync(Holder(account), "not my password", Accounts.NewPassword));

        Assert.Contains("current password is not right", wrong);
        Assert.Contains("Too many wrong passwords", locked);
        Assert.Equal(SignInStatus.LockedOut, (await fixture.Account(email).SignInAsync(Accounts.Password)).Status);
        Assert.True(await fixture.Account(email).IsSessionCurrentAsync(account.SecurityStamp));
    }

    [Fact]
    public async Task A_new_password_that_breaks_the_sign_up_rule_is_refused_and_the_old_one_keeps_working()
    {
        var email = Accounts.NewEmail();
        var account = await fixture.SignedUpAsync(email);

        var refused = await Refused.WithAsync(ErrorKind.Invalid, () => fixture.Account(email).ChangePasswordAsync(Holder(account), Accounts.Password, "short"));

        Assert.Contains($"at least {AccountRules.MinPasswordLength} characters", refused);
        Assert.Equal(SignInStatus.Succeeded, (await fixture.Account(email).SignInAsync(Accounts.Password)).Status);
    }

    [Fact]
    public async Task Nobody_changes_another_persons_password_and_staff_passwords_come_from_configuration()
    {
        var email = Accounts.NewEmail();
        var staffEmail = Accounts.NewEmail();
        await fixture.SignedUpAsync(email);
        var stranger = await fixture.SignedUpAsync(Accounts.NewEmail());
        var staff = await fixture.Account(staffEmail).EnsureStaffAsync(Actor.System, new NewAccount(staffEmail, Accounts.Password, "Sam Staff", UserRoles.Staff));

        await Refused.WithAsync(ErrorKind.Forbidden, () => fixture.Account(email).ChangePasswordAsync(Holder(stranger), Accounts.Password, Accounts.NewPassword));
        var staffRefused = await Refused.WithAsync(ErrorKind.Forbidden, () => fixture.Account(staffEmail).ChangePasswordAsync(Holder(staff), Accounts.Password, Accounts.NewPassword));

        Assert.Contains("Marketplace:Staff", staffRefused);
        Assert.Equal(SignInStatus.Succeeded, (await fixture.Account(email).SignInAsync(Accounts.Password)).Status);
    }

    [Fact]
    public async Task Changing_the_password_cancels_a_pending_reset_link()
    {
        var email = Accounts.NewEmail();
        var account = await fixture.SignedUpAsync(email);
        var token = await fixture.ResetTokenAsync(email);

        await fixture.Account(email).ChangePasswordAsync(Holder(account), Accounts.Password, Accounts.NewPassword);

        await Refused.WithAsync(ErrorKind.NotFound, () => fixture.Account(email).ResetPasswordAsync(token, "a stranger's password"));
    }

    [Fact]
    public async Task After_a_change_the_person_is_told_by_email_that_their_password_changed()
    {
        var email = Accounts.NewEmail();
        var account = await fixture.SignedUpAsync(email);

        await fixture.Account(email).ChangePasswordAsync(Holder(account), Accounts.Password, Accounts.NewPassword);

        var mail = Assert.Single(await MailPickup.WaitForAsync(fixture.MailFolder, email));
        Assert.StartsWith("Your password was changed", mail.Subject);
        Assert.Equal(NotificationKinds.PasswordChanged, Assert.Single(await fixture.Grains.NoticesAsync(Holder(account))).Kind);
    }

    [Fact]
    public async Task Staff_seeded_again_with_the_same_password_stay_signed_in_and_a_new_configured_password_ends_their_sessions()
    {
        var email = Accounts.NewEmail();
        var seed = new NewAccount(email, Accounts.Password, "Sam Staff", UserRoles.Staff);
        var first = await fixture.Account(email).EnsureStaffAsync(Actor.System, seed);

        var again = await fixture.Account(email).EnsureStaffAsync(Actor.System, seed);
        var changed = await fixture.Account(email).EnsureStaffAsync(Actor.System, seed with { Password = Accounts.NewPassword });

        Assert.Equal(first.SecurityStamp, again.SecurityStamp);
        Assert.NotEqual(first.SecurityStamp, changed.SecurityStamp);
        Assert.False(await fixture.Account(email).IsSessionCurrentAsync(first.SecurityStamp));
    }
}

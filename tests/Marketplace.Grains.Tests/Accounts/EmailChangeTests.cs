using Marketplace.Contracts.Accounts;
using Marketplace.Contracts.Users;

namespace Marketplace.Grains.Tests.Accounts;

/// <summary>
/// A person moves their account to another address: the link goes to the new address, nothing changes until it is
/// followed, then only the new address signs in, with the same password and user, and the old address is told.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class EmailChangeTests(ClusterFixture fixture)
{
    private static Actor Holder(AccountInfo account) => new(account.UserId, account.Roles);

    [Fact]
    public async Task Following_the_link_moves_sign_in_to_the_new_address_with_the_same_password_and_the_old_address_is_told()
    {
        var (oldEmail, newEmail) = (Accounts.NewEmail(), Accounts.NewEmail());
        var account = await fixture.SignedUpAsync(oldEmail);
        var staff = await fixture.Grains.StaffAsync();

        await fixture.Account(oldEmail).RequestEmailChangeAsync(Holder(account), Accounts.Password, newEmail);
        var token = await EmailChangeMail.WaitForTokenAsync(fixture.MailFolder, newEmail);
        Assert.Equal(SignInStatus.Succeeded, (await fixture.Account(oldEmail).SignInAsync(Accounts.Password)).Status);
        Assert.Equal(SignInStatus.Failed, (await fixture.Account(newEmail).SignInAsync(Accounts.Password)).Status);
        Assert.Equal(newEmail, await fixture.Account(oldEmail).CheckEmailChangeAsync(token));

        var moved = await fixture.Account(oldEmail).ConfirmEmailChangeAsync(token);

        Assert.Equal((newEmail, account.UserId), (moved.Email, moved.UserId));
        Assert.Equal(SignInStatus.Failed, (await fixture.Account(oldEmail).SignInAsync(Accounts.Password)).Status);
        var signedIn = await fixture.Account(newEmail).SignInAsync(Accounts.Password);
        Assert.Equal((SignInStatus.Succeeded, account.UserId), (signedIn.Status, signedIn.Account!.UserId));
        Assert.False(await fixture.Account(oldEmail).IsSessionCurrentAsync(account.SecurityStamp));
        Assert.Equal(newEmail, (await fixture.Grains.GetGrain<IUserGrain>(account.UserId).GetProfileAsync(Holder(account))).Email);
        Assert.Equal(newEmail, (await fixture.Grains.GetGrain<IUserGrain>(account.UserId).GetContactAsync(Actor.System)).Email);
        var found = await fixture.Grains.GetGrain<IUserDirectoryGrain>(IUserDirectoryGrain.Key).SearchAsync(staff, newEmail);
        Assert.Equal(account.UserId, Assert.Single(found.Users).Id);

        var told = Assert.Single(await MailPickup.WaitForAsync(fixture.MailFolder, oldEmail));
        Assert.Equal("Your Marketplace sign-in address was changed", told.Subject);
        Assert.Contains(newEmail, told.TextBody);
        Assert.Contains(SupportContact.Email, told.TextBody);
    }

    [Fact]
    public async Task After_the_move_notification_emails_go_to_the_new_address()
    {
        var (oldEmail, newEmail) = (Accounts.NewEmail(), Accounts.NewEmail());
        var account = await fixture.SignedUpAsync(oldEmail);
        await fixture.Account(oldEmail).RequestEmailChangeAsync(Holder(account), Accounts.Password, newEmail);
        await fixture.Account(oldEmail).ConfirmEmailChangeAsync(await EmailChangeMail.WaitForTokenAsync(fixture.MailFolder, newEmail));

        await fixture.Account(newEmail).ChangePasswordAsync(Holder(account), Accounts.Password, Accounts.NewPassword);

        var mail = await MailPickup.WaitForAsync(fixture.MailFolder, newEmail, 2);
        Assert.Contains(mail, m => (m.Subject ?? "").StartsWith("Your password was changed", StringComparison.Ordinal));
        Assert.DoesNotContain(MailPickup.To(fixture.MailFolder, oldEmail), m => (m.Subject ?? "").StartsWith("Your password was changed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_link_works_once_and_expires_after_a_day()
    {
        var (oldEmail, newEmail) = (Accounts.NewEmail(), Accounts.NewEmail());
        var account = await fixture.SignedUpAsync(oldEmail);

        var requested = await fixture.Account(oldEmail).RequestEmailChangeAsync(Holder(account), Accounts.Password, newEmail);
        var first = await EmailChangeMail.WaitForTokenAsync(fixture.MailFolder, newEmail);
        Assert.Equal(fixture.Clock.GetUtcNow().AddHours(AccountRules.EmailChangeLinkHours), requested.ExpiresAt);
        fixture.Clock.Advance(TimeSpan.FromHours(AccountRules.EmailChangeLinkHours));
        var expired = await Refused.WithAsync(ErrorKind.Conflict, () => fixture.Account(oldEmail).ConfirmEmailChangeAsync(first));
        Assert.Contains("expired", expired);
        Assert.Equal(SignInStatus.Succeeded, (await fixture.Account(oldEmail).SignInAsync(Accounts.Password)).Status);

        await fixture.Account(oldEmail).RequestEmailChangeAsync(Holder(account), Accounts.Password, newEmail);
        // Both emails may carry the same Date (whole seconds), so the new link is the one that is not the first.
        var second = Assert.Single(EmailChangeMail.TokensIn(await MailPickup.WaitForAsync(fixture.MailFolder, newEmail, 2)).Except([first]));
        await Refused.WithAsync(ErrorKind.NotFound, () => fixture.Account(oldEmail).ConfirmEmailChangeAsync(first));
        await fixture.Account(oldEmail).ConfirmEmailChangeAsync(second);
        var used = await Refused.WithAsync(ErrorKind.Conflict, () => fixture.Account(oldEmail).ConfirmEmailChangeAsync(second));

        Assert.Contains($"signs in with {newEmail} now", used);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_counts_toward_the_lockout()
    {
        var email = Accounts.NewEmail();
        var account = await fixture.SignedUpAsync(email);

        var wrong = await Refused.WithAsync(ErrorKind.Invalid, () => fixture.Account(email).RequestEmailChangeAsync(Holder(account), "not my password", Accounts.NewEmail()));
        for (var i = 2; i < AccountRules.MaxFailedAttempts; i++)
            await Refused.WithAsync(ErrorKind.Invalid, () => fixture.Account(email).RequestEmailChangeAsync(Holder(account), "not my password", Accounts.NewEmail()));
        var locked = await Refused.WithAsync(ErrorKind.Conflict, () => fixture.Account(email).RequestEmailChangeAsync(Holder(account), "not my password", Accounts.NewEmail()));

        Assert.Contains("current password is not right", wrong);
        Assert.Contains("Too many wrong passwords", locked);
        Assert.Equal(SignInStatus.LockedOut, (await fixture.Account(email).SignInAsync(Accounts.Password)).Status);
    }

    [Fact]
    public async Task The_same_address_a_malformed_one_a_taken_one_staff_and_strangers_are_refused_and_nothing_is_sent()
    {
        var email = Accounts.NewEmail();
        var taken = Accounts.NewEmail();
        var account = await fixture.SignedUpAsync(email);
        var stranger = await fixture.SignedUpAsync(taken);
        var staffEmail = Accounts.NewEmail();
        var staff = await fixture.Account(staffEmail).EnsureStaffAsync(Actor.System, new NewAccount(staffEmail, Accounts.Password, "Sam Staff", UserRoles.Staff));

        var same = await Refused.WithAsync(ErrorKind.Invalid, () => fixture.Account(email).RequestEmailChangeAsync(Holder(account), Accounts.Password, email.ToUpperInvariant()));
        var malformed = await Refused.WithAsync(ErrorKind.Invalid, () => fixture.Account(email).RequestEmailChangeAsync(Holder(account), Accounts.Password, "name at example"));
        var inUse = await Refused.WithAsync(ErrorKind.Conflict, () => fixture.Account(email).RequestEmailChangeAsync(Holder(account), Accounts.Password, taken));
        await Refused.WithAsync(ErrorKind.Forbidden, () => fixture.Account(email).RequestEmailChangeAsync(Holder(stranger), Accounts.Password, Accounts.NewEmail()));
        var staffRefused = await Refused.WithAsync(ErrorKind.Forbidden, () => fixture.Account(staffEmail).RequestEmailChangeAsync(Holder(staff), Accounts.Password, Accounts.NewEmail()));

        Assert.Contains("already your address", same);
        Assert.Contains("valid email address", malformed);
        Assert.Contains("already has a Marketplace account", inUse);
        Assert.Contains("Marketplace:Staff", staffRefused);
        Assert.Empty(MailPickup.To(fixture.MailFolder, taken));
    }

    [Fact]
    public async Task An_address_that_got_an_account_after_the_link_was_sent_is_refused_and_the_old_address_keeps_signing_in()
    {
        var (oldEmail, newEmail) = (Accounts.NewEmail(), Accounts.NewEmail());
        var account = await fixture.SignedUpAsync(oldEmail);
        await fixture.Account(oldEmail).RequestEmailChangeAsync(Holder(account), Accounts.Password, newEmail);
        var token = await EmailChangeMail.WaitForTokenAsync(fixture.MailFolder, newEmail);
        var newcomer = await fixture.Account(newEmail).RegisterAsync(new NewAccount(newEmail, "someone else's password", "Nia Newcomer", UserRoles.Creative));

        var refused = await Refused.WithAsync(ErrorKind.Conflict, () => fixture.Account(oldEmail).ConfirmEmailChangeAsync(token));

        Assert.Contains("already has a Marketplace account", refused);
        Assert.Equal(SignInStatus.Succeeded, (await fixture.Account(oldEmail).SignInAsync(Accounts.Password)).Status);
        Assert.Equal(newcomer.UserId, (await fixture.Account(newEmail).SignInAsync("someone else's password")).Account!.UserId);
        Assert.Equal(oldEmail, (await fixture.Grains.GetGrain<IUserGrain>(account.UserId).GetContactAsync(Actor.System)).Email);
    }

    [Fact]
    public async Task An_address_moved_away_from_is_free_for_a_new_account_and_signs_in_nobody_until_then()
    {
        var (oldEmail, newEmail) = (Accounts.NewEmail(), Accounts.NewEmail());
        var account = await fixture.SignedUpAsync(oldEmail);
        await fixture.Account(oldEmail).RequestEmailChangeAsync(Holder(account), Accounts.Password, newEmail);
        await fixture.Account(oldEmail).ConfirmEmailChangeAsync(await EmailChangeMail.WaitForTokenAsync(fixture.MailFolder, newEmail));
        Assert.Null(await fixture.Account(oldEmail).GetAsync());

        var newcomer = await fixture.Account(oldEmail).RegisterAsync(new NewAccount(oldEmail, "a newcomer's password", "Nia Newcomer", UserRoles.Buyer));

        Assert.NotEqual(account.UserId, newcomer.UserId);
        Assert.Equal(newcomer.UserId, (await fixture.Account(oldEmail).SignInAsync("a newcomer's password")).Account!.UserId);
        Assert.Equal(account.UserId, (await fixture.Account(newEmail).SignInAsync(Accounts.Password)).Account!.UserId);
    }
}

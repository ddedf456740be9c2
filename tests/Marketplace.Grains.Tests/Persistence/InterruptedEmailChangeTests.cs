using Marketplace.Contracts.Accounts;
using Marketplace.Contracts.Users;
using Marketplace.Grains.Tests.Accounts;

namespace Marketplace.Grains.Tests.Persistence;

/// <summary>
/// Moving an account and closing one on the product's real storage: a move the silo died in the middle of is finished
/// by following the link again on the next cluster, and at no point do both addresses sign in; a closure stays closed.
/// </summary>
public sealed class InterruptedEmailChangeTests(PersistentClusterFixture fixture) : IClassFixture<PersistentClusterFixture>
{
    private IAccountGrain Account(string email) => fixture.Grains.GetGrain<IAccountGrain>(email);

    [Fact]
    public async Task A_move_cut_off_by_a_cluster_restart_is_finished_by_following_the_link_again_and_never_lets_both_addresses_sign_in()
    {
        var (oldEmail, newEmail) = (Accounts.Accounts.NewEmail(), Accounts.Accounts.NewEmail());
        var account = await Account(oldEmail).RegisterAsync(new NewAccount(oldEmail, Accounts.Accounts.Password, "Mo Mover", UserRoles.Creative));
        await Account(oldEmail).RequestEmailChangeAsync(new Actor(account.UserId, account.Roles), Accounts.Accounts.Password, newEmail);
        var token = await EmailChangeMail.WaitForTokenAsync(fixture.MailFolder, newEmail);

        // The profile is unreachable when the move gets to it, and the whole cluster stops before anything retries.
        using (CallOutage.Of(account.UserId, nameof(IUserGrain.ChangeEmailAsync)))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => Account(oldEmail).ConfirmEmailChangeAsync(token));
            await fixture.RestartClusterAsync();
        }

        var signIns = (await Account(oldEmail).SignInAsync(Accounts.Accounts.Password), await Account(newEmail).SignInAsync(Accounts.Accounts.Password));
        Assert.Equal((SignInStatus.Failed, SignInStatus.Succeeded), (signIns.Item1.Status, signIns.Item2.Status));

        var moved = await Account(oldEmail).ConfirmEmailChangeAsync(token);

        Assert.Equal((newEmail, account.UserId), (moved.Email, moved.UserId));
        Assert.Equal(newEmail, (await fixture.Grains.GetGrain<IUserGrain>(account.UserId).GetContactAsync(Actor.System)).Email);
        Assert.Single(await MailPickup.WaitForAsync(fixture.MailFolder, oldEmail));
        Assert.Equal(SignInStatus.Failed, (await Account(oldEmail).SignInAsync(Accounts.Accounts.Password)).Status);
        await Refused.WithAsync(ErrorKind.Conflict, () => Account(oldEmail).ConfirmEmailChangeAsync(token));
    }

    [Fact]
    public async Task A_closed_account_stays_closed_after_a_cluster_restart()
    {
        var email = Accounts.Accounts.NewEmail();
        var account = await Account(email).RegisterAsync(new NewAccount(email, Accounts.Accounts.Password, "Cleo Closer", UserRoles.Buyer));
        await Account(email).CloseAccountAsync(new Actor(account.UserId, account.Roles), Accounts.Accounts.Password);

        await fixture.RestartClusterAsync();

        Assert.Equal(SignInStatus.Closed, (await Account(email).SignInAsync(Accounts.Accounts.Password)).Status);
        Assert.False(await Account(email).IsSessionCurrentAsync(account.SecurityStamp));
        Assert.Equal(UserStatus.Closed, (await fixture.Grains.GetGrain<IUserGrain>(account.UserId).GetCardAsync()).Status);
    }
}

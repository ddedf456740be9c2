using Marketplace.Contracts.Accounts;
using Marketplace.Contracts.Users;

namespace Marketplace.Grains.Tests.Accounts;

/// <summary>Removing a person ends the sessions they already had, not only their next sign-in.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RemovedAccountSessionTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Removing_a_person_ends_their_sessions_and_they_cannot_sign_in_again()
    {
        var email = Accounts.NewEmail();
        var account = await fixture.SignedUpAsync(email);
        var staff = await fixture.Grains.StaffAsync();

        await fixture.Grains.GetGrain<IUserGrain>(account.UserId).RemoveAsync(staff, "Paid with stolen cards.");

        Assert.False(await fixture.Account(email).IsSessionCurrentAsync(account.SecurityStamp));
        Assert.Equal(SignInStatus.Removed, (await fixture.Account(email).SignInAsync(Accounts.Password)).Status);
    }

    [Fact]
    public async Task Only_the_system_ends_an_accounts_sessions()
    {
        var email = Accounts.NewEmail();
        var account = await fixture.SignedUpAsync(email);
        var staff = await fixture.Grains.StaffAsync();

        foreach (var caller in new[] { new Actor(account.UserId, account.Roles), staff })
        {
            await Refused.WithAsync(ErrorKind.Forbidden, () => fixture.Account(email).EndSessionsAsync(caller));
        }

        Assert.True(await fixture.Account(email).IsSessionCurrentAsync(account.SecurityStamp));
    }
}

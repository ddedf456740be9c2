using Marketplace.Contracts.Accounts;

namespace Marketplace.Grains.Tests.Accounts;

/// <summary>Signing out ends that one session on the account for good; the account's other sessions stay.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SignedOutSessionTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_signed_out_session_is_no_longer_current_while_the_accounts_other_sessions_stay()
    {
        var email = Accounts.NewEmail();
        var account = await fixture.SignedUpAsync(email);
        const string laptop = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
        const string phone = "00112233445566778899aabbccddeeff";

        await fixture.Account(email).EndSessionAsync(laptop);
        await fixture.Account(email).EndSessionAsync(laptop);

        Assert.False(await fixture.Account(email).IsSessionCurrentAsync(account.SecurityStamp, laptop));
        Assert.True(await fixture.Account(email).IsSessionCurrentAsync(account.SecurityStamp, phone));
        var signedInAgain = await fixture.Account(email).SignInAsync(Accounts.Password);
        Assert.Equal(account.SecurityStamp, signedInAgain.Account!.SecurityStamp);
    }

    [Fact]
    public async Task More_sign_outs_than_an_account_remembers_end_every_session_rather_than_forget_one()
    {
        var email = Accounts.NewEmail();
        var account = await fixture.SignedUpAsync(email);
        var sessions = Enumerable.Range(0, AccountRules.MaxEndedSessions + 1).Select(i => $"session-{i:D4}").ToList();

        foreach (var session in sessions.SkipLast(1)) await fixture.Account(email).EndSessionAsync(session);
        Assert.True(await fixture.Account(email).IsSessionCurrentAsync(account.SecurityStamp, "still-signed-in"));
        Assert.False(await fixture.Account(email).IsSessionCurrentAsync(account.SecurityStamp, sessions[0]));

        await fixture.Account(email).EndSessionAsync(sessions[^1]);

        Assert.False(await fixture.Account(email).IsSessionCurrentAsync(account.SecurityStamp, "still-signed-in"));
        var fresh = (await fixture.Account(email).SignInAsync(Accounts.Password)).Account!;
        Assert.True(await fixture.Account(email).IsSessionCurrentAsync(fresh.SecurityStamp, "a-new-session"));
    }

    [Fact]
    public async Task Ending_a_session_of_an_email_with_no_account_creates_nothing()
    {
        var email = Accounts.NewEmail();

        await fixture.Account(email).EndSessionAsync("0f1e2d3c4b5a69788796a5b4c3d2e1f0");

        Assert.Null(await fixture.Account(email).GetAsync());
    }
}

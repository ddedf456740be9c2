using Marketplace.Contracts;
using Marketplace.Contracts.Accounts;
using Marketplace.Contracts.Users;
using Marketplace.Testing.Cluster;

namespace Marketplace.Web.Tests.Accounts;

[CollectionDefinition(ClusterCollection.Name)]
public sealed class ClusterCollectionDefinition : ICollectionFixture<ClusterFixture>;

[Collection(ClusterCollection.Name)]
public sealed class AccountGrainTests(ClusterFixture fixture)
{
    private const string Password = "correct horse battery";

    private static string NewEmail() => $"person-{Guid.NewGuid():N}@example.com";

    private IAccountGrain Account(string email) => fixture.Grains.GetGrain<IAccountGrain>(AccountEmail.Normalize(email)!);

    [Fact]
    public async Task Sign_up_creates_the_user_profile_and_signs_in_with_the_same_password()
    {
        var email = NewEmail();
        var account = await Account(email).RegisterAsync(new NewAccount(email, Password, "Ada Lovelace", UserRoles.Creative));

        var card = await fixture.Grains.GetGrain<IUserGrain>(account.UserId).GetCardAsync();
        Assert.Equal("Ada Lovelace", card.DisplayName);
        Assert.Equal(UserRoles.Creative, card.Roles);

        var outcome = await Account(email).SignInAsync(Password);
        Assert.Equal(SignInStatus.Succeeded, outcome.Status);
        Assert.Equal(account.UserId, outcome.Account!.UserId);
    }

    [Fact]
    public async Task The_password_is_stored_only_as_a_hash()
    {
        var email = NewEmail();
        await Account(email).RegisterAsync(new NewAccount(email, Password, "Hash Check", UserRoles.Buyer));
        var outcome = await Account(email).SignInAsync(Password.ToUpperInvariant());
        Assert.Equal(SignInStatus.Failed, outcome.Status);
        Assert.Null(outcome.Account);
    }

    [Fact]
    public async Task Sign_up_refuses_staff_a_taken_email_and_a_short_password()
    {
        var email = NewEmail();
        var staff = await Assert.ThrowsAsync<MarketplaceException>(() =>
            Account(email).RegisterAsync(new NewAccount(email, Password, "Mallory", UserRoles.Staff | UserRoles.Buyer)));
        Assert.Equal(ErrorKind.Forbidden, staff.Kind);

        var weak = await Assert.ThrowsAsync<MarketplaceException>(() =>
            Account(email).RegisterAsync(new NewAccount(email, "short", "Weak", UserRoles.Buyer)));
        Assert.Equal(ErrorKind.Invalid, weak.Kind);
        Assert.Null(await Account(email).GetAsync());

        await Account(email).RegisterAsync(new NewAccount(email, Password, "First", UserRoles.Buyer));
        var taken = await Assert.ThrowsAsync<MarketplaceException>(() =>
            Account(email).RegisterAsync(new NewAccount(email, Password, "Second", UserRoles.Creative)));
        Assert.Equal(ErrorKind.Conflict, taken.Kind);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_until_the_lockout_ends()
    {
        var email = NewEmail();
        await Account(email).RegisterAsync(new NewAccount(email, Password, "Locked Larry", UserRoles.Buyer));

        for (var i = 1; i < AccountRules.MaxFailedAttempts; i++)
            Assert.Equal(SignInStatus.Failed, (await Account(email).SignInAsync("wrong password " + i)).Status);
        Assert.Equal(SignInStatus.LockedOut, (await Account(email).SignInAsync("wrong again")).Status);

        var whileLocked = await Account(email).SignInAsync(Password);
        Assert.Equal(SignInStatus.LockedOut, whileLocked.Status);
        Assert.Contains("Try again after", whileLocked.Message);

        fixture.Clock.Advance(TimeSpan.FromMinutes(AccountRules.LockoutMinutes + 1));
        Assert.Equal(SignInStatus.Succeeded, (await Account(email).SignInAsync(Password)).Status);
    }

    [Fact]
    public async Task An_unknown_email_fails_like_a_wrong_password()
    {
        var outcome = await Account(NewEmail()).SignInAsync(Password);
        Assert.Equal(SignInStatus.Failed, outcome.Status);
        Assert.Null(outcome.Account);
    }

    /// <summary>Lockout would otherwise tell which emails have accounts: an address nobody uses locks the same way, and stays unstored.</summary>
    [Fact]
    public async Task An_unknown_email_locks_after_five_tries_like_an_account_and_nothing_is_stored_for_it()
    {
        var known = NewEmail();
        var unknown = NewEmail();
        await Account(known).RegisterAsync(new NewAccount(known, Password, "Known Kim", UserRoles.Buyer));

        var answers = new List<(SignInStatus Known, SignInStatus Unknown)>();
        for (var i = 0; i <= AccountRules.MaxFailedAttempts; i++)
            answers.Add(((await Account(known).SignInAsync("wrong " + i)).Status, (await Account(unknown).SignInAsync("wrong " + i)).Status));

        Assert.All(answers, pair => Assert.Equal(pair.Known, pair.Unknown));
        Assert.Equal(SignInStatus.LockedOut, answers[^1].Unknown);
        var lockedUnknown = await Account(unknown).SignInAsync(Password);
        var lockedKnown = await Account(known).SignInAsync(Password);
        Assert.Equal(lockedKnown.Message, lockedUnknown.Message);
        Assert.Null(await Account(unknown).GetAsync());
        fixture.Clock.Advance(TimeSpan.FromMinutes(AccountRules.LockoutMinutes + 1));
        Assert.Equal(SignInStatus.Failed, (await Account(unknown).SignInAsync(Password)).Status);
    }

    [Fact]
    public async Task Staff_accounts_come_only_from_the_system_and_are_idempotent()
    {
        var email = NewEmail();
        var request = new NewAccount(email, Password, "Sam Staff", UserRoles.Staff);
        var refused = await Assert.ThrowsAsync<MarketplaceException>(() =>
            Account(email).EnsureStaffAsync(new Actor("u-someone", UserRoles.Buyer), request));
        Assert.Equal(ErrorKind.Forbidden, refused.Kind);

        var first = await Account(email).EnsureStaffAsync(Actor.System, request);
        var second = await Account(email).EnsureStaffAsync(Actor.System, request);
        Assert.Equal(first.UserId, second.UserId);
        Assert.True(second.Roles.HasFlag(UserRoles.Staff));
        Assert.True((await fixture.Grains.GetGrain<IUserGrain>(first.UserId).GetCardAsync()).Roles.HasFlag(UserRoles.Staff));
    }

    [Fact]
    public async Task A_removed_person_cannot_sign_in()
    {
        var email = NewEmail();
        var account = await Account(email).RegisterAsync(new NewAccount(email, Password, "Rule Breaker", UserRoles.Creative));
        var staff = await fixture.Grains.StaffAsync();
        await fixture.Grains.GetGrain<IUserGrain>(account.UserId).RemoveAsync(staff, "Repeated plagiarism.");

        var outcome = await Account(email).SignInAsync(Password);
        Assert.Equal(SignInStatus.Removed, outcome.Status);
        Assert.Null(outcome.Account);
    }
}

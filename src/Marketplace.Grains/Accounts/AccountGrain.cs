using Marketplace.Contracts;
using Marketplace.Contracts.Accounts;
using Marketplace.Contracts.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Grains.Accounts;

[GenerateSerializer]
public sealed record AccountState
{
    [Id(0)] public string UserId { get; init; } = "";
    [Id(1)] public string DisplayName { get; init; } = "";
    [Id(2)] public UserRoles Roles { get; init; }
    [Id(3)] public string PasswordHash { get; init; } = "";
    [Id(4)] public int FailedAttempts { get; init; }
    [Id(5)] public DateTimeOffset? LockedUntil { get; init; }
    [Id(6)] public DateTimeOffset CreatedAt { get; init; }
}

public sealed class AccountGrain(
    [PersistentState("account", StorageNames.GrainStorage)] IPersistentState<AccountState> account,
    [FromKeyedServices(MarketplaceClock.Key)] TimeProvider time) : Grain, IAccountGrain
{
    // The hasher is stateless and thread-safe; its format carries the algorithm version for rehashing.
    private static readonly PasswordHasher<AccountState> Hasher = new();
    private static readonly string UnknownAccountHash = Hasher.HashPassword(new AccountState(), "no account has this password");

    private string Email => this.GetPrimaryKeyString();

    public async Task<AccountInfo> RegisterAsync(NewAccount request)
    {
        if (request.Roles.HasFlag(UserRoles.Staff))
            throw MarketplaceException.Forbidden("Staff accounts are created by the marketplace team, not by sign-up.");
        if ((request.Roles & (UserRoles.Buyer | UserRoles.Creative)) == UserRoles.None)
            throw MarketplaceException.Invalid("Choose whether you join as a buyer or as a creative.");
        if (account.RecordExists)
            throw MarketplaceException.Conflict("An account with this email already exists. Sign in instead, or use another email.");
        EnsureValid(request);
        var userId = "u-" + Guid.NewGuid().ToString("N");
        // The profile first: an account must never sign in as a user that does not exist.
        await GrainFactory.GetGrain<IUserGrain>(userId).RegisterAsync(Actor.System, Registration(request));
        await CreateAsync(request, userId);
        return Info();
    }

    public async Task<AccountInfo> EnsureStaffAsync(Actor actor, NewAccount request)
    {
        if (!actor.IsSystem)
            throw MarketplaceException.Forbidden("Only the marketplace itself can create staff accounts.");
        EnsureValid(request);
        var userId = account.RecordExists ? account.State.UserId : "s-" + Guid.NewGuid().ToString("N");
        var profile = await GrainFactory.GetGrain<IUserGrain>(userId).SeedStaffAsync(Actor.System, Registration(request) with { Roles = request.Roles | UserRoles.Staff });
        await CreateAsync(request with { Roles = profile.Roles }, userId);
        return Info();
    }

    public async Task<SignInOutcome> SignInAsync(string password)
    {
        if (!account.RecordExists)
        {
            // Same work as a real check, so response time does not tell which emails have accounts.
            Hasher.VerifyHashedPassword(new AccountState(), UnknownAccountHash, password ?? "");
            return new SignInOutcome(SignInStatus.Failed, null, null);
        }

        var now = time.GetUtcNow();
        if (IsLockedAt(now))
            return new SignInOutcome(SignInStatus.LockedOut, null, account.State.LockedUntil);

        var verdict = Hasher.VerifyHashedPassword(account.State, account.State.PasswordHash, password ?? "");
        if (verdict == PasswordVerificationResult.Failed)
            return await RecordFailureAsync(now);

        // The profile is the authority on roles (a person may add one) and on removal.
        var card = await GrainFactory.GetGrain<IUserGrain>(account.State.UserId).GetCardAsync();
        if (card.Status == UserStatus.Removed)
            return new SignInOutcome(SignInStatus.Removed, null, null);

        account.State = account.State with
        {
            Roles = card.Roles,
            DisplayName = card.DisplayName,
            FailedAttempts = 0,
            LockedUntil = null,
            PasswordHash = verdict == PasswordVerificationResult.SuccessRehashNeeded
                ? Hasher.HashPassword(account.State, password!)
                : account.State.PasswordHash,
        };
        await account.WriteStateAsync();
        return new SignInOutcome(SignInStatus.Succeeded, Info(), null);
    }

    public Task<AccountInfo?> GetAsync() => Task.FromResult(account.RecordExists ? Info() : null);

    private bool IsLockedAt(DateTimeOffset now) => account.State.LockedUntil is { } until && until > now;

    private async Task<SignInOutcome> RecordFailureAsync(DateTimeOffset now)
    {
        var failures = account.State.FailedAttempts + 1;
        var lockNow = failures >= AccountRules.MaxFailedAttempts;
        account.State = account.State with
        {
            FailedAttempts = lockNow ? 0 : failures,
            LockedUntil = lockNow ? now.AddMinutes(AccountRules.LockoutMinutes) : account.State.LockedUntil,
        };
        await account.WriteStateAsync();
        return lockNow
            ? new SignInOutcome(SignInStatus.LockedOut, null, account.State.LockedUntil)
            : new SignInOutcome(SignInStatus.Failed, null, null);
    }

    private async Task CreateAsync(NewAccount request, string userId)
    {
        account.State = new AccountState
        {
            UserId = userId,
            DisplayName = request.DisplayName.Trim(),
            Roles = request.Roles,
            CreatedAt = account.RecordExists ? account.State.CreatedAt : time.GetUtcNow(),
        };
        account.State = account.State with { PasswordHash = Hasher.HashPassword(account.State, request.Password) };
        await account.WriteStateAsync();
    }

    private void EnsureValid(NewAccount request)
    {
        if (AccountEmail.Normalize(request.Email) != Email)
            throw MarketplaceException.Invalid("Enter a valid email address, like name@example.com.");
        if (string.IsNullOrWhiteSpace(request.DisplayName) || request.DisplayName.Trim().Length > AccountRules.MaxDisplayNameLength)
            throw MarketplaceException.Invalid($"Enter a display name of 1 to {AccountRules.MaxDisplayNameLength} characters.");
        if (request.Password is null || request.Password.Length < AccountRules.MinPasswordLength)
            throw MarketplaceException.Invalid($"Choose a password of at least {AccountRules.MinPasswordLength} characters.");
        if (request.Password.Length > AccountRules.MaxPasswordLength)
            throw MarketplaceException.Invalid($"Choose a password of at most {AccountRules.MaxPasswordLength} characters.");
    }

    private static UserRegistration Registration(NewAccount request) =>
        new(request.DisplayName.Trim(), AccountEmail.Normalize(request.Email)!, request.Roles & ~UserRoles.Staff);

    private AccountInfo Info() => new(Email, account.State.UserId, account.State.DisplayName, account.State.Roles);
}

using System.Security.Cryptography;
using Marketplace.Contracts;
using Marketplace.Contracts.Accounts;
using Marketplace.Contracts.Users;
using Marketplace.Email;
using Marketplace.Grains.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

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

    /// <summary>Random, replaced whenever the password changes; sessions carry it (empty only in accounts stored before it existed).</summary>
    [Id(7)] public string SecurityStamp { get; init; } = "";

    /// <summary>The latest password-reset link (an earlier one is replaced), kept after use so a second use can be told apart.</summary>
    [Id(8)] public PasswordResetLink? ResetLink { get; init; }

    /// <summary>How often the password was changed: numbers the "password changed" notices, so a retried hand-over shows once.</summary>
    [Id(9)] public int PasswordChanges { get; init; }

    /// <summary>Notices waiting for the person's inbox (<see cref="NoticeOutbox"/>).</summary>
    [Id(10)] public List<PendingNotice> PendingNotices { get; init; } = [];

    /// <summary>
    /// Sessions signed out (id → when), kept for <see cref="AccountRules.SessionDays"/>: a cookie cannot outlive that
    /// once it is refused. Replaced whole, never changed in place, as interleaved session checks read it.
    /// </summary>
    [Id(11)] public Dictionary<string, DateTimeOffset> EndedSessions { get; init; } = [];

    /// <summary>The latest email-change link (an earlier one is replaced), kept after use so a second use can be told apart.</summary>
    [Id(12)] public EmailChangeLink? EmailChange { get; init; }

    /// <summary>
    /// The address this account moved to. Set before the new address's account is written, so from then on this address
    /// signs nobody in: the old and the new address can never both sign in.
    /// </summary>
    [Id(13)] public string? MovedTo { get; init; }

    /// <summary>Every step of the move is done (profile, directory, the old address told); the record only forwards now.</summary>
    [Id(14)] public bool MoveFinished { get; init; }
}

/// <summary>
/// Sign-up, sign-in and lockout here; changing and resetting the password, and the security stamp that ends older
/// sessions, in <c>AccountGrain.Passwords.cs</c>.
/// </summary>
public sealed partial class AccountGrain(
    [PersistentState("account", StorageNames.GrainStorage)] IPersistentState<AccountState> account,
    [FromKeyedServices(MarketplaceClock.Key)] TimeProvider time,
    IEmailSender sender,
    IOptions<EmailOptions> emailOptions,
    ILogger<AccountGrain> logger) : Grain, IAccountGrain, IRemindable
{
    // The hasher is stateless and thread-safe; its format carries the algorithm version for rehashing.
    private static readonly PasswordHasher<AccountState> Hasher = new();
    private static readonly string UnknownAccountHash = Hasher.HashPassword(new AccountState(), "no account has this password");

    private string Email => this.GetPrimaryKeyString();

    private IUserGrain User => GrainFactory.GetGrain<IUserGrain>(account.State.UserId);

    public async Task<AccountInfo> RegisterAsync(NewAccount request)
    {
        if (request.Roles.HasFlag(UserRoles.Staff))
            throw MarketplaceException.Forbidden("Staff accounts are created by the marketplace team, not by sign-up.");
        if ((request.Roles & (UserRoles.Buyer | UserRoles.Creative)) == UserRoles.None)
            throw MarketplaceException.Invalid("Choose whether you join as a buyer or as a creative.");
        if (IsTaken)
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
        if (!SignsIn)
        {
            // Same work as a real check, so response time does not tell which emails have accounts.
            Hasher.VerifyHashedPassword(new AccountState(), UnknownAccountHash, password ?? "");
            return FailUnknownAccount(time.GetUtcNow());
        }

        var now = time.GetUtcNow();
        if (IsLockedAt(now))
            return new SignInOutcome(SignInStatus.LockedOut, null, account.State.LockedUntil);

        var verdict = Hasher.VerifyHashedPassword(account.State, account.State.PasswordHash, password ?? "");
        if (verdict == PasswordVerificationResult.Failed)
            return await RecordFailureAsync(now);

        // The profile is the authority on roles (a person may add one) and on removal.
        var card = await User.GetCardAsync();
        if (card.Status == UserStatus.Removed)
            return new SignInOutcome(SignInStatus.Removed, null, null);
        if (card.Status == UserStatus.Closed)
            return new SignInOutcome(SignInStatus.Closed, null, null);

        account.State = account.State with
        {
            Roles = card.Roles,
            DisplayName = card.DisplayName,
            FailedAttempts = 0,
            LockedUntil = null,
            PasswordHash = verdict == PasswordVerificationResult.SuccessRehashNeeded
                ? Hasher.HashPassword(account.State, password!)
                : account.State.PasswordHash,
            // Accounts stored before stamps existed get theirs at their next sign-in.
            SecurityStamp = account.State.SecurityStamp.Length > 0 ? account.State.SecurityStamp : NewSecurityStamp(),
        };
        await account.WriteStateAsync();
        return new SignInOutcome(SignInStatus.Succeeded, Info(), null);
    }

    public Task<AccountInfo?> GetAsync() => Task.FromResult(SignsIn ? Info() : null);

    /// <summary>An account stored here that has not moved to another address: the only kind that signs anyone in.</summary>
    private bool SignsIn => account.RecordExists && account.State.MovedTo is null;

    private bool IsLockedAt(DateTimeOffset now) => account.State.LockedUntil is { } until && until > now;

    /// <summary>
    /// An email with no account locks after the same number of tries as a real one, so the lockout does not tell
    /// which emails have accounts. Counted in memory only (nothing is stored for an address nobody signed up with), so
    /// a restart or an idle activation forgets it: that only shortens a lockout no account depends on.
    /// </summary>
    private SignInOutcome FailUnknownAccount(DateTimeOffset now) =>
        IsLockedAt(now) ? new SignInOutcome(SignInStatus.LockedOut, null, account.State.LockedUntil) : CountFailure(now);

    private async Task<SignInOutcome> RecordFailureAsync(DateTimeOffset now)
    {
        var outcome = CountFailure(now);
        await account.WriteStateAsync();
        return outcome;
    }

    /// <summary>One more wrong password in a row; the fifth locks the account for 15 minutes.</summary>
    private SignInOutcome CountFailure(DateTimeOffset now)
    {
        var failures = account.State.FailedAttempts + 1;
        var lockNow = failures >= AccountRules.MaxFailedAttempts;
        account.State = account.State with
        {
            FailedAttempts = lockNow ? 0 : failures,
            LockedUntil = lockNow ? now.AddMinutes(AccountRules.LockoutMinutes) : account.State.LockedUntil,
        };
        return lockNow
            ? new SignInOutcome(SignInStatus.LockedOut, null, account.State.LockedUntil)
            : new SignInOutcome(SignInStatus.Failed, null, null);
    }

    /// <summary>
    /// Writes the account afresh (staff are re-seeded from configuration at every start). The stamp stays while the
    /// password is the same, so a restart signs nobody out; a new configured password ends the old sessions.
    /// </summary>
    private async Task CreateAsync(NewAccount request, string userId)
    {
        var before = SignsIn ? account.State : null;
        var samePassword = before is { SecurityStamp.Length: > 0 }
            && Hasher.VerifyHashedPassword(before, before.PasswordHash, request.Password) != PasswordVerificationResult.Failed;
        account.State = new AccountState
        {
            UserId = userId,
            DisplayName = request.DisplayName.Trim(),
            Roles = request.Roles,
            CreatedAt = before?.CreatedAt ?? time.GetUtcNow(),
            SecurityStamp = samePassword ? before!.SecurityStamp : NewSecurityStamp(),
            PasswordChanges = before?.PasswordChanges ?? 0,
            PendingNotices = before?.PendingNotices ?? [],
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
        RequirePasswordRules(request.Password);
    }

    /// <summary>The one password rule, for sign-up, reset and change alike.</summary>
    private static void RequirePasswordRules(string? password)
    {
        if (password is null || password.Length < AccountRules.MinPasswordLength)
            throw MarketplaceException.Invalid($"Choose a password of at least {AccountRules.MinPasswordLength} characters.");
        if (password.Length > AccountRules.MaxPasswordLength)
            throw MarketplaceException.Invalid($"Choose a password of at most {AccountRules.MaxPasswordLength} characters.");
    }

    private static string NewSecurityStamp() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static UserRegistration Registration(NewAccount request) =>
        new(request.DisplayName.Trim(), AccountEmail.Normalize(request.Email)!, request.Roles & ~UserRoles.Staff);

    private AccountInfo Info() => new(Email, account.State.UserId, account.State.DisplayName, account.State.Roles, account.State.SecurityStamp);
}

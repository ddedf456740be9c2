namespace Marketplace.Contracts.Accounts;

/// <summary>
/// The sign-in credentials of one person (key: the normalized email, see <see cref="AccountEmail.Normalize"/>).
/// Holds only the password hash, the user id it signs in as, and the lockout counters; the profile itself
/// lives in the user grain. Passwords are hashed and checked here so that lockout cannot be raced.
/// </summary>
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>
    /// Opens the account for this email as a buyer and/or creative. Refused when the email is taken,
    /// the password is too weak, or staff is asked for: staff accounts come from <see cref="EnsureStaffAsync"/> only.
    /// </summary>
    Task<AccountInfo> RegisterAsync(NewAccount account);

    /// <summary>
    /// Creates or updates a staff account from configuration or seed data. Only <see cref="Actor.System"/> may call it.
    /// Idempotent: a second call with the same email keeps the user id.
    /// </summary>
    Task<AccountInfo> EnsureStaffAsync(Actor actor, NewAccount account);

    /// <summary>
    /// Checks the password. After <see cref="AccountRules.MaxFailedAttempts"/> wrong passwords in a row the account
    /// is locked for <see cref="AccountRules.LockoutMinutes"/> minutes and even the right password is refused until then.
    /// An unknown email fails exactly like a wrong password, so sign-in never reveals who has an account.
    /// </summary>
    Task<SignInOutcome> SignInAsync(string password);

    /// <summary>The account, or null when no account exists for this email.</summary>
    Task<AccountInfo?> GetAsync();
}

/// <summary>What a person gives when signing up.</summary>
[GenerateSerializer, Immutable]
public sealed record NewAccount(
    [property: Id(0)] string Email,
    [property: Id(1)] string Password,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] UserRoles Roles);

[GenerateSerializer, Immutable]
public sealed record AccountInfo(
    [property: Id(0)] string Email,
    [property: Id(1)] string UserId,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] UserRoles Roles);

public enum SignInStatus
{
    Succeeded,
    Failed,
    LockedOut,
    /// <summary>Staff removed the person for policy violations; they cannot sign in to act.</summary>
    Removed,
}

/// <summary>The outcome of a sign-in; <see cref="Account"/> is set only when it succeeded.</summary>
[GenerateSerializer, Immutable]
public sealed record SignInOutcome(
    [property: Id(0)] SignInStatus Status,
    [property: Id(1)] AccountInfo? Account,
    [property: Id(2)] DateTimeOffset? LockedUntil)
{
    public string Message => Status switch
    {
        SignInStatus.Succeeded => "Signed in.",
        SignInStatus.Removed => "This account was closed for breaking the marketplace rules. Write to help@marketplace.example if you think this is a mistake.",
        SignInStatus.LockedOut => $"Too many wrong passwords. Try again after {LockedUntil:HH:mm} UTC, or use the help page.",
        _ => "That email and password don't match. Check both and try again.",
    };
}

public static class AccountRules
{
    public const int MaxFailedAttempts = 5;
    public const int LockoutMinutes = 15;
    public const int MinPasswordLength = 10;
    public const int MaxPasswordLength = 200;
    public const int MaxDisplayNameLength = 60;
}

public static class AccountEmail
{
    /// <summary>The grain key for an email: trimmed and lower-cased, or null when it is not a plausible address.</summary>
    public static string? Normalize(string? email)
    {
        var trimmed = email?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > 254) return null;
        var at = trimmed.IndexOf('@');
        var valid = at > 0 && at == trimmed.LastIndexOf('@') && trimmed.IndexOf('.', at) > at + 1
            && !trimmed.EndsWith('.') && !trimmed.Any(char.IsWhiteSpace);
        return valid ? trimmed : null;
    }
}

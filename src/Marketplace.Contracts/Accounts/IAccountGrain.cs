using Orleans.Concurrency;

namespace Marketplace.Contracts.Accounts;

/// <summary>
/// The sign-in credentials of one person (key: the normalized email, see <see cref="AccountEmail.Normalize"/>).
/// Holds only the password hash, the user id it signs in as, the lockout counters, the security stamp sessions carry
/// and the hash of the latest password-reset link; the profile itself lives in the user grain. Passwords are hashed
/// and checked here so that lockout cannot be raced.
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

    /// <summary>
    /// Someone asked to reset this account's password. One-way, so the caller learns nothing and is answered as fast
    /// whether or not the account exists. When it exists, is not removed and is not staff (staff passwords come from
    /// configuration), a new single-use link valid for <see cref="AccountRules.ResetLinkMinutes"/> minutes replaces any
    /// earlier one and is emailed to this address; only its hash is kept. A request within
    /// <see cref="AccountRules.ResetEmailSpacingMinutes"/> minute of the last link is ignored (that link is on its way),
    /// so nobody can flood the mailbox.
    /// </summary>
    [OneWay]
    Task RequestPasswordResetAsync();

    /// <summary>
    /// When the reset link with this token expires; it stays unused. Refused with NotFound when the token is not this
    /// account's latest link (mistyped, or replaced by a newer one), Conflict when it was used or has expired, Forbidden
    /// when the account was removed.
    /// </summary>
    Task<DateTimeOffset> CheckPasswordResetAsync(string token);

    /// <summary>
    /// Sets a new password through a reset link (refused as <see cref="CheckPasswordResetAsync"/> refuses, or Invalid
    /// when the password breaks the sign-up rules, which leaves the link usable). Uses the link up, clears the lockout,
    /// ends every session (a new security stamp) and tells the person their password was changed.
    /// </summary>
    Task<AccountInfo> ResetPasswordAsync(string token, string newPassword);

    /// <summary>
    /// The signed-in account holder changes their password, giving the current one: a wrong one is Invalid and counts
    /// toward the lockout like a wrong sign-in (Conflict while locked). Staff are Forbidden (their passwords come from
    /// configuration). Ends every other session and cancels a pending reset link; the result carries the new stamp for
    /// the caller's own session. The person is told their password was changed.
    /// </summary>
    Task<AccountInfo> ChangePasswordAsync(Actor actor, string currentPassword, string newPassword);

    /// <summary>
    /// Whether a session that carries this security stamp (from <see cref="AccountInfo.SecurityStamp"/> at sign-in) is
    /// still good: false once the password changed since, when there is no account, or when the session with this
    /// <paramref name="sessionId"/> was signed out (<see cref="EndSessionAsync"/>). Read-only and interleaved: the
    /// web asks on every request, even while this account is sending a reset email.
    /// </summary>
    [AlwaysInterleave]
    Task<bool> IsSessionCurrentAsync(string securityStamp, string? sessionId = null);

    /// <summary>
    /// Signs one session out for good: from its next request its cookie is refused, even a copy kept elsewhere, while
    /// the account's other sessions stay. The id is the random one the web put in that session's signed cookie.
    /// </summary>
    Task EndSessionAsync(string sessionId);

    /// <summary>
    /// Ends every session of this account at its next request (a new stamp), without changing the password: the system
    /// calls it when staff remove the person, so a removed account keeps no way in through a cookie it already had.
    /// </summary>
    Task EndSessionsAsync(Actor actor);

    /// <summary>
    /// The signed-in holder asks to sign in with another address, giving the current password (a wrong one is Invalid
    /// and counts toward the lockout like a wrong sign-in; Conflict while locked). Refused: staff (Forbidden: their
    /// addresses come from configuration), a malformed address or this one (Invalid), an address that already has an
    /// account (Conflict: sign-up already tells anyone that, so hiding it here would protect nothing). A single-use link
    /// valid for <see cref="AccountRules.EmailChangeLinkHours"/> hours is emailed to the new address (only its hash is
    /// kept; a newer request replaces it). Nothing else changes until it is followed.
    /// </summary>
    Task<EmailChangeRequested> RequestEmailChangeAsync(Actor actor, string currentPassword, string newEmail);

    /// <summary>
    /// The address the email-change link with this token moves the account to; the link stays unused (a mail scanner
    /// opening it uses nothing up). Refused as <see cref="ConfirmEmailChangeAsync"/> refuses.
    /// </summary>
    Task<string> CheckEmailChangeAsync(string token);

    /// <summary>
    /// Follows the email-change link: the account moves to the new address. This address stops signing in first (it is
    /// saved as moved before anything else), then the new address's account is written with the same user id and
    /// password, the profile, staff directory and notification emails follow, every session ends, and this address is
    /// told by email. A durable reminder finishes a move a crash interrupted, and following the link again does too.
    /// Refused: NotFound (not this account's latest link), Conflict (used, expired, or the new address got an account
    /// meanwhile: then nothing moves), Forbidden (the account was removed or closed). Returns the account as it signs in now.
    /// </summary>
    Task<AccountInfo> ConfirmEmailChangeAsync(string token);

    /// <summary>
    /// Only <see cref="Actor.System"/> (the account being moved here): becomes that account under this address. Refused
    /// with Conflict when this address signs in someone else; repeating it for the same person changes nothing.
    /// </summary>
    Task<AccountInfo> ReceiveMovedAccountAsync(Actor actor, MovedAccount moved);

    /// <summary>
    /// Whether this address belongs to an account (one moved away from it does not count once the move finished).
    /// Read-only and interleaved, so two accounts asking about each other's addresses cannot wait on each other.
    /// </summary>
    [AlwaysInterleave]
    Task<bool> IsTakenAsync();

    /// <summary>
    /// The holder closes their own account, giving the current password (counted toward the lockout like a sign-in).
    /// Refused with Conflict, listing each thing and what to do, while anything still runs for them (see
    /// <c>IUserGrain.CloseAsync</c>). Then every session ends and sign-in is refused for good. Staff are Forbidden.
    /// </summary>
    Task CloseAccountAsync(Actor actor, string currentPassword);
}

/// <summary>An email change waiting for its link to be followed.</summary>
[GenerateSerializer, Immutable]
public sealed record EmailChangeRequested(
    [property: Id(0)] string NewEmail,
    [property: Id(1)] DateTimeOffset ExpiresAt);

/// <summary>What moves from the old address's account to the new one: the person and their password, nothing else.</summary>
[GenerateSerializer, Immutable]
public sealed record MovedAccount(
    [property: Id(0)] string FromEmail,
    [property: Id(1)] string UserId,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] UserRoles Roles,
    [property: Id(4)] string PasswordHash,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] int PasswordChanges);

/// <summary>What a person gives when signing up.</summary>
[GenerateSerializer, Immutable]
public sealed record NewAccount(
    [property: Id(0)] string Email,
    [property: Id(1)] string Password,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] UserRoles Roles);

/// <summary>
/// An account as the web signs it in. <see cref="SecurityStamp"/> changes whenever the password does; the session
/// cookie carries it, so sessions from before a change end (<see cref="IAccountGrain.IsSessionCurrentAsync"/>).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AccountInfo(
    [property: Id(0)] string Email,
    [property: Id(1)] string UserId,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] UserRoles Roles,
    [property: Id(4)] string SecurityStamp);

public enum SignInStatus
{
    Succeeded,
    Failed,
    LockedOut,
    /// <summary>Staff removed the person for policy violations; they cannot sign in to act.</summary>
    Removed,
    /// <summary>The person closed their own account.</summary>
    Closed,
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
        SignInStatus.Closed => $"You closed this account, so it no longer signs in. Write to {SupportContact.Email} if you want it back.",
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
    public const int ResetLinkMinutes = 60;
    public const int ResetEmailSpacingMinutes = 1;

    /// <summary>How long an email-change link works: a day, as the person may read the new mailbox later.</summary>
    public const int EmailChangeLinkHours = 24;

    /// <summary>How long a session cookie lives without being used (it slides while used).</summary>
    public const int SessionDays = 14;

    /// <summary>Signed-out sessions an account remembers; more within <see cref="SessionDays"/> end every session instead.</summary>
    public const int MaxEndedSessions = 100;

    public const int MaxSessionIdLength = 64;
}

public static class AccountEmail
{
    public const int MaxLength = 254;

    /// <summary>The grain key for an email: trimmed and lower-cased, or null when it is not a plausible address.</summary>
    public static string? Normalize(string? email)
    {
        var trimmed = email?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxLength) return null;
        var at = trimmed.IndexOf('@');
        var valid = at > 0 && at == trimmed.LastIndexOf('@') && trimmed.IndexOf('.', at) > at + 1
            && !trimmed.EndsWith('.') && !trimmed.Any(char.IsWhiteSpace);
        return valid ? trimmed : null;
    }
}

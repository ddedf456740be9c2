using System.Security.Claims;
using Marketplace.Contracts;
using Marketplace.Contracts.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Marketplace.Web.Accounts;

/// <summary>Sign-up, sign-in and passwords for pages and API alike: the account grain checks, this issues the cookie.</summary>
public sealed partial class AccountService(IGrainFactory grains, ILogger<AccountService> logger)
{
    /// <summary>The one answer to a reset request, whether or not an account uses the address.</summary>
    public const string ResetRequested = "If an account uses that address, we've sent a link to it. The link works once, for 1 hour.";

    /// <param name="detectedZone">The browser's time zone (sign-up's hidden field), kept as the person's; unknown ones are ignored.</param>
    public async Task<AccountInfo> SignUpAsync(HttpContext http, string? email, string? password, string? displayName, UserRoles roles, string? detectedZone = null)
    {
        var key = AccountEmail.Normalize(email)
            ?? throw MarketplaceException.Invalid("Enter a valid email address, like name@example.com.");
        var account = await grains.GetGrain<IAccountGrain>(key)
            .RegisterAsync(new NewAccount(key, password ?? "", displayName ?? "", roles));
        await IssueCookieAsync(http, account);
        await KeepDetectedZoneAsync(account, detectedZone);
        return account;
    }

    /// <summary>Signs in, or returns the refusal (wrong password, locked out) for the page to show.</summary>
    public async Task<SignInOutcome> SignInAsync(HttpContext http, string? email, string? password, string? detectedZone = null)
    {
        var key = AccountEmail.Normalize(email);
        if (key is null) return new SignInOutcome(SignInStatus.Failed, null, null);
        var outcome = await grains.GetGrain<IAccountGrain>(key).SignInAsync(password ?? "");
        if (outcome.Account is { } account)
        {
            await IssueCookieAsync(http, account);
            await KeepDetectedZoneAsync(account, detectedZone);
        }

        return outcome;
    }

    /// <summary>Ends this session on the account first, so a copy of its cookie no longer signs anyone in, then deletes the cookie.</summary>
    public async Task SignOutAsync(HttpContext http)
    {
        var email = http.User.FindFirstValue(ClaimTypes.Email);
        var session = http.User.FindFirstValue(ActorClaims.SessionClaim);
        if (email is not null && session is not null) await grains.GetGrain<IAccountGrain>(email).EndSessionAsync(session);
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    /// <summary>
    /// Hands the request to the account and returns at once (a one-way call): whether an account uses the address,
    /// and whether an email goes out, shows neither in the answer nor in its timing. Only a malformed address is refused.
    /// </summary>
    public Task RequestPasswordResetAsync(string? email)
    {
        var key = AccountEmail.Normalize(email)
            ?? throw MarketplaceException.Invalid("Enter a valid email address, like name@example.com.");
        return grains.GetGrain<IAccountGrain>(key).RequestPasswordResetAsync();
    }

    /// <summary>When the reset link expires; refused (404, 409/410, 403) when it cannot be used.</summary>
    public Task<DateTimeOffset> CheckResetLinkAsync(string? token) => AccountOf(token).CheckPasswordResetAsync(token!);

    /// <summary>Sets the new password through the link. Nobody is signed in by it: the person signs in with the new password.</summary>
    public Task<AccountInfo> ResetPasswordAsync(string? token, string? password) => AccountOf(token).ResetPasswordAsync(token!, password ?? "");

    /// <summary>Changes the signed-in person's password and re-issues their cookie with the new stamp, so this session stays while all others end.</summary>
    public async Task<AccountInfo> ChangePasswordAsync(HttpContext http, string? currentPassword, string? newPassword)
    {
        var actor = http.User.RequireActor();
        var email = http.User.FindFirstValue(ClaimTypes.Email) ?? throw MarketplaceException.Forbidden("Sign in first.");
        var account = await grains.GetGrain<IAccountGrain>(email).ChangePasswordAsync(actor, currentPassword ?? "", newPassword ?? "");
        await IssueCookieAsync(http, account);
        return account;
    }

    /// <summary>Emails a link to the new address; nothing changes until it is followed.</summary>
    public Task<EmailChangeRequested> RequestEmailChangeAsync(HttpContext http, string? currentPassword, string? newEmail) =>
        SignedInAccount(http).RequestEmailChangeAsync(http.User.RequireActor(), currentPassword ?? "", newEmail ?? "");

    /// <summary>The address an email-change link moves the account to; refused (404, 409, 403) when it cannot be used.</summary>
    public Task<string> CheckEmailChangeAsync(string? token) => AccountOfEmailChange(token).CheckEmailChangeAsync(token!);

    /// <summary>
    /// Moves the account. Every session ends; a browser signed in as this same person gets a fresh cookie for the new
    /// address, so following the link on the device that asked keeps them signed in.
    /// </summary>
    public async Task<AccountInfo> ConfirmEmailChangeAsync(HttpContext http, string? token)
    {
        var account = await AccountOfEmailChange(token).ConfirmEmailChangeAsync(token!);
        if (http.User.ToActor() is { } actor && actor.Is(account.UserId)) await IssueCookieAsync(http, account);
        return account;
    }

    /// <summary>Closes the signed-in person's account (refused with what still runs), then deletes this session's cookie.</summary>
    public async Task CloseAccountAsync(HttpContext http, string? currentPassword)
    {
        await SignedInAccount(http).CloseAccountAsync(http.User.RequireActor(), currentPassword ?? "");
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    /// <summary>What stops the signed-in person closing their account, in sentences saying what to do; empty when nothing does.</summary>
    public Task<IReadOnlyList<string>> RunningAsync(HttpContext http)
    {
        var actor = http.User.RequireActor();
        return grains.GetGrain<Contracts.Users.IUserGrain>(actor.UserId).GetRunningAsync(actor);
    }

    /// <summary>The signed-in person's copy of their data.</summary>
    public Task<Contracts.Users.PersonalDataExport> ExportAsync(HttpContext http)
    {
        var actor = http.User.RequireActor();
        return grains.GetGrain<Contracts.Users.IPersonalDataGrain>(actor.UserId).ExportAsync(actor);
    }

    private IAccountGrain SignedInAccount(HttpContext http) =>
        grains.GetGrain<IAccountGrain>(http.User.FindFirstValue(ClaimTypes.Email) ?? throw MarketplaceException.Forbidden("Sign in first."));

    /// <summary>The account an email-change token names; a token that cannot be ours never reaches a grain.</summary>
    private IAccountGrain AccountOfEmailChange(string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
            throw MarketplaceException.Invalid("Give the token from the link in the email: the part of its address after “token=”.");
        return EmailChangeTokens.TryReadEmail(token, out var email)
            ? grains.GetGrain<IAccountGrain>(email)
            : throw MarketplaceException.NotFound(EmailChangeTokens.NotValid);
    }

    /// <summary>The account a reset token names; a token that cannot be ours never reaches a grain.</summary>
    private IAccountGrain AccountOf(string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
            throw MarketplaceException.Invalid("Give the token from the reset link: the part of its address after “token=”.");
        return PasswordResetTokens.TryReadEmail(token, out var email)
            ? grains.GetGrain<IAccountGrain>(email)
            : throw MarketplaceException.NotFound(PasswordResetTokens.NotValid);
    }

    /// <summary>
    /// The browser's zone, kept by the inbox while the person has none (a choice on the account page wins). Signing in
    /// never fails for it: without it, times read in UTC, labelled.
    /// </summary>
    private async Task KeepDetectedZoneAsync(AccountInfo account, string? detectedZone)
    {
        if (string.IsNullOrWhiteSpace(detectedZone)) return;
        try
        {
            var actor = new Actor(account.UserId, account.Roles);
            await grains.GetGrain<Contracts.Notifications.INotificationInboxGrain>(account.UserId).DetectTimeZoneAsync(actor, detectedZone);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogZoneNotKept(logger, e, account.UserId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The time zone the browser of {UserId} reported could not be kept; their times read in UTC")]
    private static partial void LogZoneNotKept(ILogger logger, Exception exception, string userId);

    private static Task IssueCookieAsync(HttpContext http, AccountInfo account) =>
        http.SignInAsync(
            CookieAuthenticationDefaults.AuthenticationScheme,
            ActorClaims.ToPrincipal(account, CookieAuthenticationDefaults.AuthenticationScheme),
            new AuthenticationProperties { IsPersistent = true });
}

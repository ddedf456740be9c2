using System.Security.Claims;
using Marketplace.Contracts;
using Marketplace.Contracts.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Marketplace.Web.Accounts;

/// <summary>Sign-up, sign-in and passwords for pages and API alike: the account grain checks, this issues the cookie.</summary>
public sealed class AccountService(IGrainFactory grains)
{
    /// <summary>The one answer to a reset request, whether or not an account uses the address.</summary>
    public const string ResetRequested = "If an account uses that address, we've sent a link to it. The link works once, for 1 hour.";

    public async Task<AccountInfo> SignUpAsync(HttpContext http, string? email, string? password, string? displayName, UserRoles roles)
    {
        var key = AccountEmail.Normalize(email)
            ?? throw MarketplaceException.Invalid("Enter a valid email address, like name@example.com.");
        var account = await grains.GetGrain<IAccountGrain>(key)
            .RegisterAsync(new NewAccount(key, password ?? "", displayName ?? "", roles));
        await IssueCookieAsync(http, account);
        return account;
    }

    /// <summary>Signs in, or returns the refusal (wrong password, locked out) for the page to show.</summary>
    public async Task<SignInOutcome> SignInAsync(HttpContext http, string? email, string? password)
    {
        var key = AccountEmail.Normalize(email);
        if (key is null) return new SignInOutcome(SignInStatus.Failed, null, null);
        var outcome = await grains.GetGrain<IAccountGrain>(key).SignInAsync(password ?? "");
        if (outcome.Account is { } account) await IssueCookieAsync(http, account);
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

    /// <summary>The account a reset token names; a token that cannot be ours never reaches a grain.</summary>
    private IAccountGrain AccountOf(string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
            throw MarketplaceException.Invalid("Give the token from the reset link: the part of its address after “token=”.");
        return PasswordResetTokens.TryReadEmail(token, out var email)
            ? grains.GetGrain<IAccountGrain>(email)
            : throw MarketplaceException.NotFound(PasswordResetTokens.NotValid);
    }

    private static Task IssueCookieAsync(HttpContext http, AccountInfo account) =>
        http.SignInAsync(
            CookieAuthenticationDefaults.AuthenticationScheme,
            ActorClaims.ToPrincipal(account, CookieAuthenticationDefaults.AuthenticationScheme),
            new AuthenticationProperties { IsPersistent = true });
}

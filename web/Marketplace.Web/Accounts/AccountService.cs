using Marketplace.Contracts;
using Marketplace.Contracts.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Marketplace.Web.Accounts;

/// <summary>Sign-up and sign-in for pages and API alike: the account grain checks, this issues the cookie.</summary>
public sealed class AccountService(IGrainFactory grains)
{
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

    public Task SignOutAsync(HttpContext http) => http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);

    private static Task IssueCookieAsync(HttpContext http, AccountInfo account) =>
        http.SignInAsync(
            CookieAuthenticationDefaults.AuthenticationScheme,
            ActorClaims.ToPrincipal(account, CookieAuthenticationDefaults.AuthenticationScheme),
            new AuthenticationProperties { IsPersistent = true });
}

using System.Security.Claims;
using Marketplace.Contracts.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Marketplace.Web.Accounts;

/// <summary>
/// Ends sessions that began before the password last changed. The cookie carries the account's security stamp from
/// sign-in; on every request it is compared with the account grain's. Every request rather than every few minutes:
/// the check is one call to an account grain that is already in memory (interleaved, read-only), and a reset then
/// ends a stolen session at its very next request, on every web server at once, with no cache to go stale. A cookie
/// without a stamp (issued before stamps existed) has ended too: its owner signs in once more.
/// </summary>
public static class SessionStamps
{
    public static async Task RejectEndedSessionAsync(CookieValidatePrincipalContext context)
    {
        var email = context.Principal?.FindFirstValue(ClaimTypes.Email);
        var stamp = context.Principal?.FindFirstValue(ActorClaims.StampClaim);
        var grains = context.HttpContext.RequestServices.GetRequiredService<IGrainFactory>();
        if (email is null || stamp is null || !await grains.GetGrain<IAccountGrain>(email).IsSessionCurrentAsync(stamp))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }
}

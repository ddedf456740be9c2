using System.Security.Claims;
using Marketplace.Contracts.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Marketplace.Web.Accounts;

/// <summary>
/// Ends sessions that began before the password last changed. The cookie carries the account's security stamp from
/// sign-in; on every request it is compared with the account grain's. Every request rather than every few minutes:
/// the check is one call to an account grain that is already in memory (interleaved, read-only), and a reset then
/// ends a stolen session at its very next request, on every web server at once, with no cache to go stale. The cookie
/// also carries its own session id, which signing out records on the account, so a copy of a signed-out cookie is
/// refused too. A cookie without a stamp or a session id (issued before they existed) has ended: its owner signs in once more.
/// </summary>
public static class SessionStamps
{
    public static async Task RejectEndedSessionAsync(CookieValidatePrincipalContext context)
    {
        var email = context.Principal?.FindFirstValue(ClaimTypes.Email);
        var stamp = context.Principal?.FindFirstValue(ActorClaims.StampClaim);
        var session = context.Principal?.FindFirstValue(ActorClaims.SessionClaim);
        var grains = context.HttpContext.RequestServices.GetRequiredService<IGrainFactory>();
        if (email is null || stamp is null || session is null || !await grains.GetGrain<IAccountGrain>(email).IsSessionCurrentAsync(stamp, session))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }
}

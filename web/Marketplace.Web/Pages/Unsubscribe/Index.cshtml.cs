using Marketplace.Contracts;
using Marketplace.Contracts.Notifications;
using Marketplace.Web.Extensions;
using Marketplace.Web.Presentation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Marketplace.Web.Pages.Unsubscribe;

/// <summary>
/// The one-click unsubscribe link of optional emails. Public, no sign-in: the token is the permission, and all it can
/// do is turn contest activity email off. Opening it (GET) only checks the token, because mail scanners follow links;
/// the button, or the mail client's RFC 8058 one-click POST, turns the email off. That POST comes from a mail server
/// with no cookie and no form, so there is no antiforgery token to ask for: a forged request would need the token,
/// which is the credential. Attempts count against the sign-in rate limit, so tokens cannot be guessed quickly.
/// </summary>
[IgnoreAntiforgeryToken]
[EnableRateLimiting(WebExtensions.SignInLimit)]
public sealed class IndexModel(IGrainFactory grains) : PageModel
{
    public string? Refusal { get; private set; }
    public bool AlreadyOff { get; private set; }
    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token)
    {
        KeepPrivate();
        try
        {
            AlreadyOff = (await InboxFor(token).CheckUnsubscribeTokenAsync(token)).ContestActivity == ContestActivityEmail.None;
        }
        catch (MarketplaceException refused) when (refused.Kind == ErrorKind.NotFound)
        {
            return NotFound(refused);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token)
    {
        KeepPrivate();
        try
        {
            await InboxFor(token).UnsubscribeAsync(token);
        }
        catch (MarketplaceException refused) when (refused.Kind == ErrorKind.NotFound)
        {
            return NotFound(refused);
        }

        Done = true;
        return Page();
    }

    private PageResult NotFound(MarketplaceException refused)
    {
        Refusal = this.InViewerZone(refused);
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    /// <summary>The URL is the secret: never cached, never sent on as a referrer, never indexed.</summary>
    private void KeepPrivate()
    {
        Response.Headers.CacheControl = "no-cache, no-store";
        Response.Headers.Pragma = "no-cache";
        Response.Headers["Referrer-Policy"] = "no-referrer";
        Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
    }

    private INotificationInboxGrain InboxFor(string token) =>
        // Only keys we hand out (Ids.IsWellFormed): a made-up token never activates a stray grain.
        LinkTokens.TryReadKey(token, 64, out var userId) && Presentation.Ids.IsWellFormed(userId)
            ? grains.GetGrain<INotificationInboxGrain>(userId)
            : throw MarketplaceException.NotFound("This unsubscribe link is not valid. To change which emails you get, sign in and open your email settings.");
}

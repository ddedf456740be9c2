using Marketplace.Contracts;
using Marketplace.Web.Accounts;
using Marketplace.Web.Errors;
using Marketplace.Web.Extensions;
using Marketplace.Web.Presentation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Marketplace.Web.Pages.Account.Email;

/// <summary>
/// The page the email-change link opens. Opening it only checks the link (a mail scanner that follows it uses nothing
/// up); the button moves the account. Anyone holding the link may press it: the password was given when it was asked
/// for, and the link proves the new mailbox is theirs.
/// </summary>
[EnableRateLimiting(WebExtensions.SignInLimit)]
public sealed class ConfirmModel(AccountService accounts) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public string? NewEmail { get; private set; }

    /// <summary>Why the link cannot be used, when it cannot.</summary>
    public string? LinkProblem { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        NotCached();
        try
        {
            NewEmail = await accounts.CheckEmailChangeAsync(Token);
        }
        catch (MarketplaceException refused)
        {
            return Unusable(refused);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        NotCached();
        try
        {
            var account = await accounts.ConfirmEmailChangeAsync(HttpContext, Token);
            var signedIn = User.ToActor()?.Is(account.UserId) == true;
            TempData["Flash"] = signedIn
                ? $"Your account now signs in with {account.Email}. Every other device was signed out."
                : $"Your account now signs in with {account.Email}. Sign in with it and your password.";
            return LocalRedirect(signedIn ? "/account" : "/account/signin");
        }
        catch (MarketplaceException refused)
        {
            return Unusable(refused);
        }
    }

    private PageResult Unusable(MarketplaceException refused)
    {
        LinkProblem = this.InViewerZone(refused);
        Response.StatusCode = ErrorStatus.For(refused);
        return Page();
    }

    private void NotCached() => Response.Headers.CacheControl = "no-store";
}

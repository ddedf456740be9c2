using System.ComponentModel.DataAnnotations;
using Marketplace.Contracts;
using Marketplace.Contracts.Accounts;
using Marketplace.Web.Accounts;
using Marketplace.Web.Errors;
using Marketplace.Web.Extensions;
using Marketplace.Web.Presentation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Marketplace.Web.Pages.Account;

/// <summary>
/// The page the reset email links to. Opening it only checks the link (a mail scanner that follows it uses nothing up);
/// the new password is set by the form. A link that cannot be used says why and offers a new one.
/// </summary>
[EnableRateLimiting(WebExtensions.SignInLimit)]
public sealed class ResetModel(AccountService accounts) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty, Required(ErrorMessage = "Choose a new password.")]
    public string? Password { get; set; }

    [BindProperty, Required(ErrorMessage = "Type the new password a second time."), Compare(nameof(Password), ErrorMessage = "The two passwords are not the same. Type them again.")]
    public string? ConfirmPassword { get; set; }

    public DateTimeOffset? ExpiresAt { get; private set; }

    /// <summary>Why the link cannot be used, when it cannot.</summary>
    public string? LinkProblem { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        NotCached();
        try
        {
            ExpiresAt = await accounts.CheckResetLinkAsync(Token);
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
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        try
        {
            await accounts.ResetPasswordAsync(Token, Password);
        }
        catch (MarketplaceException refused) when (refused.Kind == ErrorKind.Invalid && !string.IsNullOrWhiteSpace(Token))
        {
            // The password broke the rule; the link is still good, so the form stays.
            ModelState.AddModelError(nameof(Password), this.InViewerZone(refused));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        catch (MarketplaceException refused)
        {
            return Unusable(refused);
        }

        TempData["Flash"] = "Your password was changed. Sign in with the new one.";
        return LocalRedirect("/account/signin");
    }

    private PageResult Unusable(MarketplaceException refused)
    {
        LinkProblem = this.InViewerZone(refused);
        Response.StatusCode = ErrorStatus.For(refused);
        return Page();
    }

    /// <summary>The address carries the token: neither the page nor its answer to the form belongs in any cache.</summary>
    private void NotCached() => Response.Headers.CacheControl = "no-store";
}

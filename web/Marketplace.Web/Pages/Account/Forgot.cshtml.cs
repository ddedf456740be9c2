using System.ComponentModel.DataAnnotations;
using Marketplace.Contracts;
using Marketplace.Web.Accounts;
using Marketplace.Web.Extensions;
using Marketplace.Web.Presentation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Marketplace.Web.Pages.Account;

/// <summary>"Forgot your password?": every well-formed address gets the same answer, so the page tells nobody who has an account.</summary>
[EnableRateLimiting(WebExtensions.SignInLimit)]
public sealed class ForgotModel(AccountService accounts) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Enter the email you signed up with.")]
    public string? Email { get; set; }

    /// <summary>The request went out: the page shows the one neutral answer instead of the form.</summary>
    public bool Sent { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (ModelState.IsValid)
        {
            try
            {
                await accounts.RequestPasswordResetAsync(Email);
                Sent = true;
                return Page();
            }
            catch (MarketplaceException refused) when (refused.Kind == ErrorKind.Invalid)
            {
                ModelState.AddModelError(nameof(Email), this.InViewerZone(refused));
            }
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}

using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Marketplace.Contracts;
using Marketplace.Web.Accounts;
using Marketplace.Web.Errors;
using Marketplace.Web.Extensions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Marketplace.Web.Pages.Account;

/// <summary>The signed-in person's account: who they are signed in as, and changing their password.</summary>
[Authorize]
[EnableRateLimiting(WebExtensions.SignInLimit)]
public sealed class IndexModel(AccountService accounts) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Enter your current password.")]
    public string? CurrentPassword { get; set; }

    [BindProperty, Required(ErrorMessage = "Choose a new password.")]
    public string? NewPassword { get; set; }

    [BindProperty, Required(ErrorMessage = "Type the new password a second time."), Compare(nameof(NewPassword), ErrorMessage = "The two new passwords are not the same. Type them again.")]
    public string? ConfirmPassword { get; set; }

    public string Email => User.FindFirstValue(ClaimTypes.Email) ?? "";

    /// <summary>Staff passwords come from configuration; the grain refuses them, and the page says so instead of offering a form.</summary>
    public bool IsStaff => User.ToActor()?.IsStaff == true;

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (ModelState.IsValid)
        {
            try
            {
                await accounts.ChangePasswordAsync(HttpContext, CurrentPassword, NewPassword);
                TempData["Flash"] = "Your password was changed. You stay signed in here; every other device and browser was signed out.";
                return LocalRedirect("/account");
            }
            catch (MarketplaceException refused) when (refused.Kind is ErrorKind.Invalid or ErrorKind.Conflict or ErrorKind.Forbidden)
            {
                ModelState.AddModelError("", refused.Message);
                Response.StatusCode = ErrorStatus.For(refused);
                return Page();
            }
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}

using System.ComponentModel.DataAnnotations;
using Marketplace.Contracts.Accounts;
using Marketplace.Web.Accounts;
using Marketplace.Web.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Marketplace.Web.Pages.Account;

[EnableRateLimiting(WebExtensions.SignInLimit)]
public sealed class SignInModel(AccountService accounts, TimeProvider clock) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Enter your email.")]
    public string? Email { get; set; }

    [BindProperty, Required(ErrorMessage = "Enter your password.")]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Filled by <c>time-zone.js</c>; kept only while the person has no zone set.</summary>
    [BindProperty]
    public string? TimeZone { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            Response.StatusCode = 400;
            return Page();
        }
        var outcome = await accounts.SignInAsync(HttpContext, Email, Password, TimeZone);
        if (outcome.Status != SignInStatus.Succeeded)
        {
            ModelState.AddModelError("", outcome.Message);
            Response.StatusCode = outcome.Status == SignInStatus.LockedOut ? 429 : 400;
            if (outcome.LockedUntil is { } until) RetryAfter.Set(Response, until - clock.GetUtcNow());
            return Page();
        }
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : HomeFor(outcome.Account!));
    }

    private static string HomeFor(AccountInfo account) =>
        account.Roles.HasFlag(Contracts.UserRoles.Staff) ? "/staff"
        : account.Roles.HasFlag(Contracts.UserRoles.Buyer) ? "/buyer/projects"
        : "/creative/entries";
}

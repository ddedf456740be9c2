using System.ComponentModel.DataAnnotations;
using Marketplace.Contracts;
using Marketplace.Web.Accounts;
using Marketplace.Web.Extensions;
using Marketplace.Web.Presentation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Marketplace.Web.Pages.Account;

[EnableRateLimiting(WebExtensions.SignInLimit)]
public sealed class SignUpModel(AccountService accounts) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Enter your email."), EmailAddress(ErrorMessage = "Enter a valid email address, like name@example.com.")]
    public string? Email { get; set; }

    [BindProperty, Required(ErrorMessage = "Enter the name others will see."), StringLength(60, ErrorMessage = "Keep the name under 60 characters.")]
    public string? DisplayName { get; set; }

    [BindProperty, Required(ErrorMessage = "Choose a password."), StringLength(200, MinimumLength = 10, ErrorMessage = "Choose a password of at least 10 characters.")]
    public string? Password { get; set; }

    // Checked on submit only (no [Required]): bound on GET too, so the header's "Join" (no role) would open the page
    // on an error the visitor has not made yet.
    [BindProperty(SupportsGet = true)]
    public string? Role { get; set; }

    /// <summary>Filled by <c>time-zone.js</c> with the browser's zone; empty without JavaScript (then UTC).</summary>
    [BindProperty]
    public string? TimeZone { get; set; }

    public IActionResult OnGet() => User.ToActor() is null ? Page() : Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        var roles = Role switch
        {
            "buyer" => UserRoles.Buyer,
            "creative" => UserRoles.Creative,
            _ => UserRoles.None,
        };
        if (roles == UserRoles.None) ModelState.AddModelError(nameof(Role), "Choose how you want to use Marketplace: get a design or design and get paid.");
        if (!ModelState.IsValid) return PageWithStatus();

        try
        {
            await accounts.SignUpAsync(HttpContext, Email, Password, DisplayName, roles, TimeZone);
        }
        catch (MarketplaceException refused) when (refused.Kind is ErrorKind.Invalid or ErrorKind.Conflict)
        {
            ModelState.AddModelError("", this.InViewerZone(refused));
            return PageWithStatus(refused.Kind == ErrorKind.Conflict ? 409 : 400);
        }
        TempData["Flash"] = roles == UserRoles.Buyer
            ? "Welcome! Post your first project whenever you're ready."
            : "Welcome! Browse the open projects and submit your first entry.";
        return LocalRedirect(roles == UserRoles.Buyer ? "/buyer/projects/new" : "/projects");
    }

    private PageResult PageWithStatus(int status = 400)
    {
        Response.StatusCode = status;
        return Page();
    }
}

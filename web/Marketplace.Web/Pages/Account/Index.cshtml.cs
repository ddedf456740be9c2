using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Marketplace.Contracts;
using Marketplace.Contracts.Notifications;
using Marketplace.Web.Accounts;
using Marketplace.Web.Errors;
using Marketplace.Web.Extensions;
using Marketplace.Web.Presentation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Marketplace.Web.Pages.Account;

/// <summary>
/// The signed-in person's account: who they are signed in as, changing their password or email address, downloading
/// their data and closing the account. Each form posts to its own handler and shows its own errors beside it.
/// </summary>
[Authorize]
[EnableRateLimiting(WebExtensions.SignInLimit)]
public sealed class IndexModel(AccountService accounts, IGrainFactory grains, ViewerTime local, TimeProvider clock) : PageModel
{
    public const string PasswordForm = "password";
    public const string EmailForm = "email";
    public const string CloseForm = "close";
    public const string ZoneForm = "zone";

    [BindProperty]
    public string? TimeZoneId { get; set; }

    /// <summary>Every zone this server knows, by region, with its offset now.</summary>
    public IReadOnlyList<LocalTimes.ZoneChoice> ZoneChoices { get; private set; } = [];

    /// <summary>"14:05 CET": the time now in the person's zone, so they can see the choice is right.</summary>
    public string NowThere => LocalTimes.Format(clock.GetUtcNow(), local.Zone, "HH:mm");

    [BindProperty, Required(ErrorMessage = "Enter your current password.")]
    public string? CurrentPassword { get; set; }

    [BindProperty, Required(ErrorMessage = "Choose a new password.")]
    public string? NewPassword { get; set; }

    [BindProperty, Required(ErrorMessage = "Type the new password a second time."), Compare(nameof(NewPassword), ErrorMessage = "The two new passwords are not the same. Type them again.")]
    public string? ConfirmPassword { get; set; }

    // The other forms' fields are checked in their handlers: the attributes above would refuse them otherwise.
    [BindProperty]
    public string? NewEmail { get; set; }

    [BindProperty]
    public string? EmailPassword { get; set; }

    [BindProperty]
    public string? ClosePassword { get; set; }

    [BindProperty]
    public bool ConfirmClose { get; set; }

    /// <summary>The form whose post came back refused, so only it shows errors and has them beside its fields.</summary>
    public string? PostedForm { get; private set; }

    public string Email => User.FindFirstValue(ClaimTypes.Email) ?? "";

    /// <summary>Staff passwords come from configuration; the grain refuses them, and the page says so instead of offering a form.</summary>
    public bool IsStaff => User.ToActor()?.IsStaff == true;

    public UserRoles Roles => User.ToActor()?.Roles ?? UserRoles.None;

    /// <summary>What stops the person closing their account now, said before they try.</summary>
    public IReadOnlyList<string> Running { get; private set; } = [];

    public async Task OnGetAsync()
    {
        TimeZoneId = local.Zone.Id;
        await LoadRunningAsync();
    }

    /// <summary>The zone every time on the site and in emails is shown in; the next daily summary moves with it.</summary>
    public async Task<IActionResult> OnPostTimeZoneAsync()
    {
        PostedForm = ZoneForm;
        ModelState.Clear();
        var actor = User.RequireActor();
        try
        {
            var saved = await grains.GetGrain<INotificationInboxGrain>(actor.UserId).SetTimeZoneAsync(actor, TimeZoneId ?? "");
            var zone = LocalTimes.ZoneOrUtc(saved);
            TempData["Flash"] = $"Saved. Times on Marketplace and in our emails now read in {LocalTimes.Name(saved)} (it is {LocalTimes.Format(clock.GetUtcNow(), zone, "HH:mm")} there now).";
            return LocalRedirect("/account");
        }
        catch (MarketplaceException refused) when (refused.Kind == ErrorKind.Invalid)
        {
            return await RefusedAsync(refused, nameof(TimeZoneId));
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        PostedForm = PasswordForm;
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
                return await RefusedAsync(refused, refused.Message.Contains("current password", StringComparison.Ordinal) ? nameof(CurrentPassword) : "");
            }
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadRunningAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostEmailAsync()
    {
        PostedForm = EmailForm;
        ModelState.Clear();
        if (string.IsNullOrWhiteSpace(NewEmail)) ModelState.AddModelError(nameof(NewEmail), "Enter the new email address.");
        if (string.IsNullOrEmpty(EmailPassword)) ModelState.AddModelError(nameof(EmailPassword), "Enter your current password.");
        if (!ModelState.IsValid) return await RefusedAsync(null, "");

        try
        {
            var requested = await accounts.RequestEmailChangeAsync(HttpContext, EmailPassword, NewEmail);
            TempData["Flash"] = EmailChangeWords.Sent(requested, local.Zone);
            return LocalRedirect("/account");
        }
        catch (MarketplaceException refused) when (refused.Kind is ErrorKind.Invalid or ErrorKind.Conflict or ErrorKind.Forbidden)
        {
            return await RefusedAsync(refused, refused.Message.Contains("password", StringComparison.Ordinal) ? nameof(EmailPassword) : nameof(NewEmail));
        }
    }

    public async Task<IActionResult> OnPostCloseAsync()
    {
        PostedForm = CloseForm;
        ModelState.Clear();
        if (string.IsNullOrEmpty(ClosePassword)) ModelState.AddModelError(nameof(ClosePassword), "Enter your current password.");
        if (!ConfirmClose) ModelState.AddModelError(nameof(ConfirmClose), "Tick the box to confirm you want to close your account for good.");
        if (!ModelState.IsValid) return await RefusedAsync(null, "");

        try
        {
            await accounts.CloseAccountAsync(HttpContext, ClosePassword);
            TempData["Flash"] = "Your account is closed and you are signed out. Thank you for using Marketplace.";
            return LocalRedirect("/");
        }
        catch (MarketplaceException refused) when (refused.Kind is ErrorKind.Invalid or ErrorKind.Conflict or ErrorKind.Forbidden)
        {
            return await RefusedAsync(refused, refused.Message.Contains("password", StringComparison.Ordinal) ? nameof(ClosePassword) : "");
        }
    }

    /// <summary>The page again with the refusal beside the field it concerns (or above the form) and the words typed kept; passwords are never sent back.</summary>
    private async Task<IActionResult> RefusedAsync(MarketplaceException? refused, string field)
    {
        if (refused is not null) ModelState.AddModelError(field, this.InViewerZone(refused));
        Response.StatusCode = refused is null ? StatusCodes.Status400BadRequest : ErrorStatus.For(refused);
        await LoadRunningAsync();
        return Page();
    }

    private async Task LoadRunningAsync()
    {
        ZoneChoices = LocalTimes.Choices(clock.GetUtcNow());
        TimeZoneId ??= local.Zone.Id;
        await LoadRunningOnlyAsync();
    }

    private async Task LoadRunningOnlyAsync()
    {
        if (!IsStaff) Running = await accounts.RunningAsync(HttpContext);
    }
}

using Marketplace.Contracts;
using Marketplace.Contracts.Users;
using Marketplace.Web.Accounts;
using Marketplace.Web.Errors;
using Marketplace.Web.Presentation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Staff.Users;

/// <summary>
/// User moderation: find people by name or email, see their status and roles, suspend, reinstate or remove them.
/// The user grain enforces the rules (staff only, a reason, removed is for good) and, on removal, sends the
/// removed winner's open handovers to the staff queue.
/// </summary>
public sealed class IndexModel(IGrainFactory grains) : PageModel
{
    public const int Shown = 100;

    public IReadOnlyList<UserProfile> Users { get; private set; } = [];
    public int Matches { get; private set; }
    public string? Error { get; private set; }

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public UserStatus? Status { get; set; }

    public Task OnGetAsync() => LoadAsync();

    public Task<IActionResult> OnPostSuspendAsync(string userId, string? reason) =>
        ActAsync(userId, async (u, a) => $"{(await u.SuspendAsync(a, reason ?? "")).DisplayName} is suspended: they can sign in but not act.");

    public Task<IActionResult> OnPostReinstateAsync(string userId) =>
        ActAsync(userId, async (u, a) => $"{(await u.ReinstateAsync(a)).DisplayName} may act again.");

    public Task<IActionResult> OnPostRemoveAsync(string userId, string? reason, bool confirm) =>
        ActAsync(userId, async (u, a) =>
        {
            if (!confirm) throw MarketplaceException.Invalid("Tick the confirmation: removal is for good.");
            var removed = await u.RemoveAsync(a, reason ?? "");
            return $"{removed.DisplayName} was removed. Their entries left the galleries; any handover they won is now in the staff queue.";
        });

    private async Task<IActionResult> ActAsync(string userId, Func<IUserGrain, Actor, Task<string>> act)
    {
        try
        {
            TempData["Flash"] = await act(StaffConsole.User(grains, userId), User.RequireActor());
            return Redirect(Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/staff/users",
                new Dictionary<string, string?> { ["q"] = Q, ["status"] = Status?.ToString() }.Where(p => !string.IsNullOrEmpty(p.Value))));
        }
        catch (MarketplaceException refused)
        {
            Error = this.InViewerZone(refused);
            Response.StatusCode = ErrorStatus.For(refused);
            await LoadAsync();
            return Page();
        }
    }

    private async Task LoadAsync()
    {
        var found = await grains.GetGrain<IUserDirectoryGrain>(IUserDirectoryGrain.Key).SearchAsync(User.RequireActor(), Q, Status, Shown);
        Matches = found.Total;
        Users = found.Users;
    }
}

using Marketplace.Contracts;
using Marketplace.Contracts.Notifications;
using Marketplace.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Notifications;

/// <summary>
/// The person's notifications, newest first. Reading the page changes nothing; opening an unread one marks it read and
/// goes to its page; "Mark all read" marks them all.
/// </summary>
public sealed class IndexModel(IGrainFactory grains) : PageModel
{
    public InboxView Inbox { get; private set; } = new([], 0);

    public async Task OnGetAsync()
    {
        Inbox = await MyInbox().GetAsync(User.RequireActor());
        // The header shows this count without asking the inbox a second time.
        ViewData[NotificationsLinkViewComponent.UnreadKey] = Inbox.Unread;
    }

    /// <summary>
    /// Marks one read (an id not in the inbox is the grain's 404 and nothing changes), then redirects to the page the
    /// inbox stored for it. Only the id comes from the form, and the stored link is checked to be local again, so this
    /// can never send anyone off the site.
    /// </summary>
    public async Task<IActionResult> OnPostOpenAsync(string? id)
    {
        if (string.IsNullOrWhiteSpace(id)) throw MarketplaceException.Invalid("Choose a notification to open.");
        var actor = User.RequireActor();
        await MyInbox().MarkReadAsync(actor, [id]);
        var link = (await MyInbox().GetAsync(actor)).Notifications.FirstOrDefault(n => n.Id == id)?.Link;
        return LocalRedirect(link is not null && Url.IsLocalUrl(link) ? link : "/notifications");
    }

    public async Task<IActionResult> OnPostReadAllAsync()
    {
        await MyInbox().MarkReadAsync(User.RequireActor(), null);
        TempData["Flash"] = "All notifications are marked read.";
        return RedirectToPage();
    }

    private INotificationInboxGrain MyInbox() => grains.GetGrain<INotificationInboxGrain>(User.RequireActor().UserId);
}

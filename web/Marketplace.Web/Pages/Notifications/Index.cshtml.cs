using Marketplace.Contracts.Notifications;
using Marketplace.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Notifications;

/// <summary>The person's notifications, newest first. Reading the page changes nothing; "Mark all read" does.</summary>
public sealed class IndexModel(IGrainFactory grains) : PageModel
{
    public InboxView Inbox { get; private set; } = new([], 0);

    public async Task OnGetAsync()
    {
        var actor = User.RequireActor();
        Inbox = await grains.GetGrain<INotificationInboxGrain>(actor.UserId).GetAsync(actor);
        // The header shows this count without asking the inbox a second time.
        ViewData[NotificationsLinkViewComponent.UnreadKey] = Inbox.Unread;
    }

    public async Task<IActionResult> OnPostReadAllAsync()
    {
        var actor = User.RequireActor();
        await grains.GetGrain<INotificationInboxGrain>(actor.UserId).MarkReadAsync(actor, null);
        TempData["Flash"] = "All notifications are marked read.";
        return RedirectToPage();
    }
}

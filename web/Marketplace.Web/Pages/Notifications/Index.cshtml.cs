using Marketplace.Contracts;
using Marketplace.Contracts.Notifications;
using System.Globalization;
using Marketplace.Web.Accounts;
using Marketplace.Web.Presentation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Notifications;

/// <summary>
/// The person's notifications, newest first, in groups: "Needs you" (calls to act that still stand, however old), then
/// the rest by the day they arrived in the reader's zone ("Today", "Yesterday", "Mon 23 Nov"), unread ones marked and
/// read ones quiet. The newest <see cref="PageSize"/> show, and "Show older" adds as many again (<c>?show=</c>), up to
/// all the inbox keeps. Reading the page changes nothing; opening an unread one marks it read and goes to its page;
/// "Mark all as read" marks them all.
/// </summary>
public sealed class IndexModel(IGrainFactory grains, TimeProvider clock, ViewerTime local) : PageModel
{
    public const int PageSize = 20;

    /// <summary>The view data naming the notice that takes focus (<see cref="FirstNewlyShownId"/>) for <c>_Notification</c>.</summary>
    public const string FocusKey = "FocusNotice";

    public InboxView Inbox { get; private set; } = new([], 0);

    /// <summary>How many of the newest show now.</summary>
    public int Shown { get; private set; } = PageSize;

    public int NextShow => Math.Min(Shown + PageSize, NotificationLimits.Kept);

    public async Task OnGetAsync([FromQuery] int? show)
    {
        Shown = Math.Clamp(show ?? PageSize, PageSize, NotificationLimits.Kept);
        Inbox = await MyInbox().GetNewestAsync(User.RequireActor(), Shown);
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

    /// <summary>
    /// The page's groups, each newest first: what still waits on the reader, then one group per day in the reader's
    /// zone, so a phone can scan by when. Empty groups are left out.
    /// </summary>
    public IEnumerable<(string Id, string Heading, IReadOnlyList<NotificationView> Notices)> Groups()
    {
        var asks = Inbox.Notifications.Where(n => n.Asks).ToList();
        if (asks.Count > 0) yield return ("needs-you", "Needs you", asks);
        foreach (var day in Inbox.Notifications.Where(n => !n.Asks).GroupBy(n => LocalDay(n.At)).OrderByDescending(d => d.Key))
        {
            yield return ("day-" + day.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), DayHeading(day.Key), day.ToList());
        }
    }

    /// <summary>"Today", "Yesterday", "Mon 23 Nov" (with the year when it is not this year's), in the reader's zone.</summary>
    public string DayHeading(DateOnly day)
    {
        var today = LocalDay(clock.GetUtcNow());
        return day == today ? "Today"
            : day == today.AddDays(-1) ? "Yesterday"
            : day.ToString(day.Year == today.Year ? "ddd d MMM" : "ddd d MMM yyyy", CultureInfo.InvariantCulture);
    }

    private DateOnly LocalDay(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, local.Zone).DateTime);

    /// <summary>
    /// After "Show older": the first notice in page order that the previous page did not show, which takes focus (and so
    /// scrolls into view), so a keyboard or screen reader user carries on where the list grew instead of at the top.
    /// Null on the first page. A call to act is never new here: it shows on every page, however old.
    /// </summary>
    public string? FirstNewlyShownId()
    {
        var shownBefore = Shown - PageSize;
        if (shownBefore <= 0) return null;
        var newlyShown = Inbox.Notifications.OrderByDescending(n => n.At).Take(Shown).Skip(shownBefore).Where(n => !n.Asks).Select(n => n.Id).ToHashSet();
        return Groups().SelectMany(g => g.Notices).FirstOrDefault(n => newlyShown.Contains(n.Id))?.Id;
    }

    public async Task<IActionResult> OnPostReadAllAsync()
    {
        await MyInbox().MarkReadAsync(User.RequireActor(), null);
        TempData["Flash"] = "All notifications are marked as read.";
        return RedirectToPage();
    }

    private INotificationInboxGrain MyInbox() => grains.GetGrain<INotificationInboxGrain>(User.RequireActor().UserId);
}

using Marketplace.Contracts.Notifications;
using Marketplace.Web.Accounts;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Pages;

/// <summary>
/// The header's "Notifications" link with the unread count: one grain call per page, none when the page already
/// knows the count (<see cref="UnreadKey"/>). If the inbox cannot answer, the link shows without a count rather than
/// failing the whole page.
/// </summary>
public sealed partial class NotificationsLinkViewComponent(IGrainFactory grains, ILogger<NotificationsLinkViewComponent> logger) : ViewComponent
{
    public const string UnreadKey = "UnreadNotifications";

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var actor = UserClaimsPrincipal.RequireActor();
        return View(ViewData[UnreadKey] as int? ?? await UnreadAsync(actor));
    }

    private async Task<int?> UnreadAsync(Contracts.Actor actor)
    {
        try
        {
            return await grains.GetGrain<INotificationInboxGrain>(actor.UserId).CountUnreadAsync(actor);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogCountFailed(logger, e, actor.UserId);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The unread notifications of {UserId} could not be counted for the header")]
    private static partial void LogCountFailed(ILogger logger, Exception exception, string userId);
}

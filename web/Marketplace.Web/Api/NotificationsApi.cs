using Marketplace.Contracts;
using Marketplace.Contracts.Notifications;
using Marketplace.Web.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marketplace.Web.Api;

/// <summary>The signed-in person's notifications. The inbox grain lets only its owner in; the route names no one else.</summary>
public static class NotificationsApi
{
    /// <summary>The ids to mark read; none (or no body) marks all.</summary>
    public sealed record MarkReadRequest(IReadOnlyList<string>? Ids);

    public sealed record UnreadCount(int Unread);

    public static RouteGroupBuilder MapNotificationsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/me/notifications").WithTags("Notifications").RequireAuthorization();
        group.MapGet("", GetAsync).WithSummary(
            "The signed-in person's notifications, newest first, and how many are unread. With take=N (1-200): the newest N plus every call to act that still stands, and how many older ones were left out.");
        group.MapPost("/read", MarkReadAsync)
            .WithSummary("Marks the given notification ids read, or all of them without ids. An id not in your inbox is 404 and nothing changes.");
        return api;
    }

    private static async Task<Ok<InboxView>> GetAsync(int? take, IGrainFactory grains, HttpContext http)
    {
        var actor = http.User.RequireActor();
        var inbox = grains.GetGrain<INotificationInboxGrain>(actor.UserId);
        if (take is null)
        {
            return TypedResults.Ok(await inbox.GetAsync(actor));
        }

        if (take is < 1 or > NotificationLimits.Kept)
        {
            throw MarketplaceException.Invalid($"Ask for between 1 and {NotificationLimits.Kept} notifications (take), or leave take out for all of them.");
        }

        return TypedResults.Ok(await inbox.GetNewestAsync(actor, take.Value));
    }

    private static async Task<Ok<UnreadCount>> MarkReadAsync(MarkReadRequest? request, IGrainFactory grains, HttpContext http)
    {
        var actor = http.User.RequireActor();
        var unread = await grains.GetGrain<INotificationInboxGrain>(actor.UserId).MarkReadAsync(actor, request?.Ids?.ToArray());
        return TypedResults.Ok(new UnreadCount(unread));
    }
}

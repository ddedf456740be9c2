using Marketplace.Contracts;
using Marketplace.Contracts.Notifications;

namespace Marketplace.Testing.Cluster;

/// <summary>Reads a person's notifications through the real inbox grain, as that person (only the owner may read it).</summary>
public static class Inboxes
{
    public static INotificationInboxGrain InboxOf(this IGrainFactory grains, Actor person) =>
        grains.GetGrain<INotificationInboxGrain>(person.UserId);

    /// <summary>The person's notifications, newest first.</summary>
    public static async Task<IReadOnlyList<NotificationView>> NoticesAsync(this IGrainFactory grains, Actor person) =>
        (await grains.InboxOf(person).GetAsync(person)).Notifications;
}

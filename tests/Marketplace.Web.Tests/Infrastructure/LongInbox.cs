using Marketplace.Contracts;
using Marketplace.Contracts.Notifications;

namespace Marketplace.Web.Tests.Infrastructure;

/// <summary>
/// An inbox longer than one page of /notifications, so every group and "Show older" are on it: the oldest notice asks the
/// person to act (and still stands), then <paramref name="messages"/> messages ("Message number 1 …" oldest), all read
/// but the newest two.
/// </summary>
public static class LongInbox
{
    public static async Task FillAsync(MarketplaceAppFixture app, ApiSession person, int messages = 44)
    {
        var inbox = app.Grains.GetGrain<INotificationInboxGrain>(person.UserId);
        var at = app.Clock.GetUtcNow();
        await inbox.AddAsync(Actor.System, new NewNotification($"test/{person.UserId}/0", NotificationKinds.Proposal,
            "Marketplace support proposes an outcome for “Long list”: accept or decline by Fri 4 Dec, 12:00 UTC.", "/projects", at,
            new CallToAct("test/long-list", 1, "Marketplace support proposed an outcome for “Long list”.")));
        for (var i = 1; i <= messages; i++)
        {
            await inbox.AddAsync(Actor.System, new NewNotification($"test/{person.UserId}/{i}", NotificationKinds.Message, $"Message number {i} about “Long list”.", "/projects", at.AddMinutes(i)));
        }

        var readIds = Enumerable.Range(0, messages - 1).Select(i => $"test/{person.UserId}/{i}").ToArray();
        await person.ReadAsync(await person.PostJsonAsync("/api/v1/me/notifications/read", new { ids = readIds }));
    }
}

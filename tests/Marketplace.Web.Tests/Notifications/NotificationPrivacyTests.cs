using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Notifications;

/// <summary>
/// The notifications API and page over HTTP: each person reads and marks only their own inbox. Someone else's id is
/// answered exactly like an id that never existed (404 with a message), and nothing changes in anyone's inbox.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed partial class NotificationPrivacyTests(MarketplaceAppFixture app)
{
    private const string Inbox = "/api/v1/me/notifications";
    private const string Read = "/api/v1/me/notifications/read";

    [Fact]
    public async Task Nobody_reads_or_marks_another_persons_notifications_and_a_foreign_id_changes_nothing()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Private kite logo", "Petra Private", "Kit Creator");
        using var stranger = await ApiSession.SignUpAsync(app, "buyer", "Nosy Parker");
        await h.BuyerReadTheNewsBeforeTheDeliveryAsync();
        var buyerNotice = Assert.Single(await h.Buyer.NotificationsAsync(), n => !n.GetProperty("read").GetBoolean());
        var buyerId = buyerNotice.GetProperty("id").GetString()!;
        Assert.Contains("Kit Creator delivered the final files", buyerNotice.GetProperty("text").GetString());
        Assert.Equal("/wrapups/" + h.WrapUpId, buyerNotice.GetProperty("link").GetString());

        // Each inbox holds only its owner's news: the creative's "you won" is not in the buyer's, nothing is in the stranger's.
        var creativeInbox = await h.Creative.InboxAsync();
        Assert.Contains(creativeInbox.GetProperty("notifications").EnumerateArray(), n => n.GetProperty("text").GetString()!.StartsWith("You won", StringComparison.Ordinal));
        Assert.DoesNotContain(creativeInbox.GetProperty("notifications").EnumerateArray(), n => n.GetProperty("text").GetString()!.Contains("delivered the final files", StringComparison.Ordinal));
        var strangerInbox = await stranger.InboxAsync();
        Assert.Empty(strangerInbox.GetProperty("notifications").EnumerateArray());
        Assert.Equal(0, strangerInbox.GetProperty("unread").GetInt32());

        // The stranger, and the other party with one of their own ids alongside, name the buyer's notification: 404, all or nothing.
        var creativeOwnId = creativeInbox.GetProperty("notifications")[0].GetProperty("id").GetString()!;
        var creativeUnread = creativeInbox.GetProperty("unread").GetInt32();
        var byStranger = await stranger.ReadAsync(await stranger.PostJsonAsync(Read, new { ids = new[] { buyerId } }), HttpStatusCode.NotFound);
        Assert.Equal($"There is no notification '{buyerId}' in your inbox.", byStranger.GetProperty("detail").GetString());
        var unknownId = "wrapup/" + h.WrapUpId + "/999";
        var byCreative = await h.Creative.ReadAsync(await h.Creative.PostJsonAsync(Read, new { ids = new[] { creativeOwnId, unknownId } }), HttpStatusCode.NotFound);
        Assert.Contains(unknownId, byCreative.GetProperty("detail").GetString());
        Assert.Equal(creativeUnread, (await h.Creative.InboxAsync()).GetProperty("unread").GetInt32());
        Assert.Equal(1, (await h.Buyer.InboxAsync()).GetProperty("unread").GetInt32());

        // Anonymous callers are refused before any inbox is asked.
        using var anonymous = app.NewApiClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(Inbox)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync(Read, new { ids = new[] { buyerId } })).StatusCode);
        Assert.Equal(1, (await h.Buyer.InboxAsync()).GetProperty("unread").GetInt32());

        // The owner marks it read; a repeat is harmless.
        Assert.Equal(0, (await h.Buyer.ReadAsync(await h.Buyer.PostJsonAsync(Read, new { ids = new[] { buyerId } }))).GetProperty("unread").GetInt32());
        Assert.Equal(0, (await h.Buyer.ReadAsync(await h.Buyer.PostJsonAsync(Read, new { ids = new[] { buyerId } }))).GetProperty("unread").GetInt32());
        Assert.True((await h.Buyer.InboxAsync()).GetProperty("notifications")[0].GetProperty("read").GetBoolean());
    }

    [Fact]
    public async Task Marking_read_without_ids_marks_all_and_a_malformed_body_is_a_400_that_changes_nothing()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Bulk bell logo", "Bella Bulk", "Ben Bulk");
        await h.HelpedAsync();
        var unread = (await h.Creative.InboxAsync()).GetProperty("unread").GetInt32();
        Assert.True(unread >= 2, $"The creative should have been told of the award and of staff stepping in; unread: {unread}.");

        var malformed = await h.Creative.Http.PostAsync(Read, new StringContent("{\"ids\": 5}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("detail", await malformed.Content.ReadAsStringAsync());
        Assert.Equal(unread, (await h.Creative.InboxAsync()).GetProperty("unread").GetInt32());

        Assert.Equal(0, (await h.Creative.ReadAsync(await h.Creative.Http.PostAsync(Read, null))).GetProperty("unread").GetInt32());
        var after = await h.Creative.InboxAsync();
        Assert.All(after.GetProperty("notifications").EnumerateArray(), n => Assert.True(n.GetProperty("read").GetBoolean()));
        // The buyer's inbox is their own: the creative's "mark all" left it alone.
        Assert.True((await h.Buyer.InboxAsync()).GetProperty("unread").GetInt32() > 0);
    }

    [Fact]
    public async Task The_page_sends_anonymous_visitors_to_sign_in_and_refuses_to_open_someone_elses_notification()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Page pear logo", "Paula Page", "Pete Page");
        using var stranger = await ApiSession.SignUpAsync(app, "creative", "Page Snooper");
        await h.BuyerReadTheNewsBeforeTheDeliveryAsync();
        var buyerId = (await h.Buyer.InboxAsync()).GetProperty("notifications")[0].GetProperty("id").GetString()!;

        using var anonymous = app.NewApiClient();
        var redirected = await anonymous.GetAsync("/notifications");
        Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
        Assert.Contains("/account/signin", redirected.Headers.Location!.ToString());

        var page = await stranger.Http.GetStringAsync("/notifications");
        Assert.Contains("No notifications yet.", page);
        var refused = await PostFormAsync(stranger.Http, "/notifications?handler=Open", page, new() { ["id"] = buyerId });
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Contains("in your inbox", await refused.Content.ReadAsStringAsync());
        var empty = await PostFormAsync(stranger.Http, "/notifications?handler=Open", page, new() { ["id"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(1, (await h.Buyer.InboxAsync()).GetProperty("unread").GetInt32());

        // The owner's open goes to the page stored with the notification, on this site.
        var ownPage = await h.Buyer.Http.GetStringAsync("/notifications");
        var opened = await PostFormAsync(h.Buyer.Http, "/notifications?handler=Open", ownPage, new() { ["id"] = buyerId });
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal("/wrapups/" + h.WrapUpId, opened.Headers.Location!.ToString());
        Assert.Equal(0, (await h.Buyer.InboxAsync()).GetProperty("unread").GetInt32());
    }

    private static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, string pageHtml, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = AntiforgeryField().Match(pageHtml).Groups[1].Value;
        return client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

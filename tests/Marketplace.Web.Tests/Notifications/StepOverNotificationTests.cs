using System.Net;
using System.Text.Json;
using Marketplace.Contracts;
using Marketplace.Contracts.Notifications;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Notifications;

/// <summary>
/// A notice that asked someone to act ("approve … by Sun 29 Nov", "upload the final files") reads as past once the
/// handover moves on: the wrap-up tells the inbox, the text loses its call and deadline, and the page says the step is
/// over. A call that still stands (the winner still has to sign) keeps its words.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class StepOverNotificationTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task Once_the_buyer_approves_her_review_by_notice_and_the_winners_upload_call_read_as_past_and_the_sign_call_stands()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Past tense bakery logo", "Penny Past", "Carl Calls");
        var review = Notice(await h.Buyer.InboxAsync(), NotificationKinds.FilesDelivered);
        Assert.Matches(@"Review them, then approve or ask for changes by \w{3} \d{1,2} \w{3}", review.GetProperty("text").GetString());
        Assert.False(review.GetProperty("stepOver").GetBoolean());
        // The delivery already ended the winner's "upload the final files" call.
        var won = Notice(await h.Creative.InboxAsync(), NotificationKinds.Awarded);
        Assert.True(won.GetProperty("stepOver").GetBoolean());
        Assert.Equal("You won “Past tense bakery logo” with entry #1! Penny Past chose it.", won.GetProperty("text").GetString());

        await h.Buyer.ReadAsync(await h.Buyer.PostJsonAsync(h.ApiPath + "/approve", new { note = "Lovely." }));

        var past = Notice(await h.Buyer.InboxAsync(), NotificationKinds.FilesDelivered);
        Assert.True(past.GetProperty("stepOver").GetBoolean());
        Assert.Equal("Carl Calls delivered the final files for “Past tense bakery logo”.", past.GetProperty("text").GetString());
        Assert.False(past.GetProperty("read").GetBoolean());

        var sign = Notice(await h.Creative.InboxAsync(), NotificationKinds.Approved);
        Assert.False(sign.GetProperty("stepOver").GetBoolean());
        Assert.EndsWith("Sign the transfer agreement to get paid.", sign.GetProperty("text").GetString());

        // The page shows the past words and says there is nothing to do; no deadline is left on it.
        var page = WebUtility.HtmlDecode(await h.Buyer.Http.GetStringAsync("/notifications"));
        Assert.Contains("Carl Calls delivered the final files for “Past tense bakery logo”.", page);
        Assert.Contains("data-step-over>Done</span>", page);
        Assert.Contains("Nothing to do here now.", page);
        Assert.DoesNotContain("approve or ask for changes by", page);

        // The buyer signs: her own steps are over, the winner's call to sign still stands until they sign.
        await h.Buyer.ReadAsync(await h.Buyer.PostJsonAsync(h.ApiPath + "/sign", new { agreementVersion = (await h.Buyer.ReadAsync(await h.Buyer.Http.GetAsync(h.ApiPath))).GetProperty("agreementVersion").GetString() }));
        Assert.False(Notice(await h.Creative.InboxAsync(), NotificationKinds.Approved).GetProperty("stepOver").GetBoolean());
    }

    [Fact]
    public async Task Only_the_system_ends_calls_to_act_in_an_inbox()
    {
        using var person = await ApiSession.SignUpAsync(app, "buyer", "Ida Inbox");
        var inbox = app.Grains.GetGrain<INotificationInboxGrain>(person.UserId);
        var refused = await Assert.ThrowsAsync<MarketplaceException>(() => inbox.EndCallsAsync(new Actor(person.UserId, UserRoles.Buyer), "wrapup/p-x/1", 99));
        Assert.Equal(ErrorKind.Forbidden, refused.Kind);
    }


    private static JsonElement Notice(JsonElement inbox, string kind) =>
        Assert.Single(inbox.GetProperty("notifications").EnumerateArray(), n => n.GetProperty("kind").GetString() == kind);
}

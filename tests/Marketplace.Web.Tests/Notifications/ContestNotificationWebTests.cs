using System.Net;
using Marketplace.Contracts.Notifications;
using Marketplace.Testing.Cluster;
using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Notifications;

/// <summary>
/// Contest news through the site: a creative's entry reaches the buyer's inbox (API, page and email) with a link to the
/// entry, and the buyer's rating reaches the creative, never the buyer who gave it; a withdrawal reaches the buyer with
/// a link to the project, whose gallery they can still open.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class ContestNotificationWebTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task The_buyer_is_told_of_a_new_entry_and_the_creative_of_the_buyers_rating()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Greta Gallery");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Rhea Rated");
        var projectId = await buyer.OpenProjectAsync("Orchard cider label");
        var entryId = await creative.SubmitEntryAsync(projectId, DemoArt.Logo("Orchard", "entry", 2, 400, 300));

        // Newest first: the entry, then the buyer's payment for the project.
        var buyerNotices = await buyer.NotificationsAsync();
        Assert.Equal([NotificationKinds.EntrySubmitted, NotificationKinds.ProjectFunded], buyerNotices.Select(n => n.GetProperty("kind").GetString()));
        var arrived = buyerNotices[0];
        Assert.Equal("Rhea Rated submitted entry #1 to “Orchard cider label”.", arrived.GetProperty("text").GetString());
        Assert.Equal("/entries/" + entryId, arrived.GetProperty("link").GetString());
        Assert.Contains("Rhea Rated submitted entry #1 to", await buyer.Http.GetStringAsync("/notifications"));
        Assert.Single(await MailPickup.WaitForAsync(app.MailFolder, buyer.Email, count: 2), m => m.Subject == "Rhea Rated submitted entry #1 to “Orchard cider label”.");

        await buyer.ReadAsync(await buyer.PostJsonAsync($"/api/v1/entries/{entryId}/rating", new { stars = 5 }));

        var rated = Assert.Single(await creative.NotificationsAsync());
        Assert.Equal("Greta Gallery rated your entry #1 to “Orchard cider label” 5 of 5 stars.", rated.GetProperty("text").GetString());
        Assert.Equal("/entries/" + entryId, rated.GetProperty("link").GetString());
        Assert.Equal(2, (await buyer.NotificationsAsync()).Count); // the buyer is not told of their own rating
    }

    [Fact]
    public async Task A_withdrawal_tells_the_buyer_with_a_link_to_the_project_gallery_they_can_open_where_the_entry_page_is_gone()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Hana Harbour");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Wim Withdraws");
        var projectId = await buyer.OpenProjectAsync("Harbour ferry timetable");
        var entryId = await creative.SubmitEntryAsync(projectId, DemoArt.Logo("Harbour", "entry", 3, 400, 300));

        await creative.ReadAsync(await creative.PostJsonAsync($"/api/v1/entries/{entryId}/withdraw", new { }));

        var told = Assert.Single(await buyer.NotificationsAsync(), n => n.GetProperty("kind").GetString() == "entry-withdrawn");
        Assert.Equal("Wim Withdraws withdrew entry #1 from “Harbour ferry timetable”.", told.GetProperty("text").GetString());
        var link = told.GetProperty("link").GetString()!;
        Assert.Equal("/projects/" + projectId, link);
        Assert.Contains("Harbour ferry timetable", await buyer.Http.GetStringAsync(link));
        Assert.Equal(HttpStatusCode.NotFound, (await buyer.Http.GetAsync("/entries/" + entryId)).StatusCode);
        Assert.Empty(await creative.NotificationsAsync());
    }
}

using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Marketplace.Contracts.Notifications;
using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Api;

/// <summary>
/// Staff remove one entry from its page (a form post with antiforgery, as the browser sends it): the entry leaves the
/// gallery, its creative is told why, the buyer only that it left. A missing reason or confirmation changes nothing and
/// says what to do; buyers and creatives never see the form and are refused when they post it anyway.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed partial class EntryRemovalPageTests(MarketplaceAppFixture app)
{
    private const string Reason = "It copies a registered trademark.";

    [Fact]
    public async Task Staff_remove_an_entry_from_its_page_it_leaves_the_gallery_the_creative_hears_why_and_the_buyer_only_that_it_left()
    {
        var (buyer, creative, projectId, entryId) = await EntryAsync("Harbour cafe logo", "Cora Copies");
        using var staff = await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        var page = await staff.Http.GetStringAsync("/entries/" + entryId);
        Assert.Contains("Remove this entry (staff)", page);

        var removed = await PostFormAsync(staff.Http, entryId, page, new() { ["reason"] = Reason, ["confirm"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal("/projects/" + projectId, removed.Headers.Location!.ToString());
        var projectPage = await staff.Http.GetStringAsync("/projects/" + projectId);
        Assert.Contains("Entry #1 by Cora Copies was removed from the gallery. Cora Copies was told why. The buyer was told entry #1 left, without the reason.", projectPage);
        Assert.DoesNotContain(await GalleryAsync(buyer, projectId), e => e == entryId);
        Assert.Equal(HttpStatusCode.NotFound, (await buyer.Http.GetAsync("/entries/" + entryId)).StatusCode);

        var creativeTold = Assert.Single(await creative.NoticesAsync(), n => n.Kind == NotificationKinds.EntryRemoved);
        Assert.Equal("Marketplace support removed your entry #1 to “Harbour cafe logo” from the gallery: “" + Reason + "” If you think this is a mistake, write to help@marketplace.example.", creativeTold.Text);
        var buyerNotices = await buyer.NoticesAsync();
        Assert.Equal("Marketplace support removed entry #1 from “Harbour cafe logo”.", Assert.Single(buyerNotices, n => n.Kind == NotificationKinds.EntryRemoved).Text);
        Assert.DoesNotContain(buyerNotices, n => n.Text.Contains("trademark", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_removal_without_a_reason_or_without_the_confirmation_reshows_the_page_with_what_to_do_and_changes_nothing()
    {
        var (buyer, creative, projectId, entryId) = await EntryAsync("Bike repair van", "Nia Nothing");
        using var staff = await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        var page = await staff.Http.GetStringAsync("/entries/" + entryId);

        var noReason = await PostFormAsync(staff.Http, entryId, page, new() { ["reason"] = "  ", ["confirm"] = "true" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var noReasonPage = await noReason.Content.ReadAsStringAsync();
        Assert.Contains("<strong>Not done:</strong> Please give a reason.", noReasonPage);
        Assert.Contains("Remove this entry (staff)", noReasonPage);

        var unconfirmed = await PostFormAsync(staff.Http, entryId, page, new() { ["reason"] = Reason });
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        var unconfirmedPage = await unconfirmed.Content.ReadAsStringAsync();
        Assert.Contains("Tick the confirmation: removing an entry is for good.", unconfirmedPage);
        Assert.Contains(">" + Reason + "</textarea>", unconfirmedPage);

        Assert.Contains(entryId, await GalleryAsync(buyer, projectId));
        Assert.Equal(HttpStatusCode.OK, (await buyer.Http.GetAsync("/entries/" + entryId)).StatusCode);
        Assert.DoesNotContain(await creative.NoticesAsync(), n => n.Kind == NotificationKinds.EntryRemoved);
        Assert.DoesNotContain(await buyer.NoticesAsync(), n => n.Kind == NotificationKinds.EntryRemoved);
    }

    [Fact]
    public async Task The_buyer_and_the_creative_see_no_removal_form_and_are_refused_when_they_post_one()
    {
        var (buyer, creative, projectId, entryId) = await EntryAsync("Corner bakery sign", "Remy Refused");

        foreach (var (who, session) in new[] { ("buyer", buyer), ("creative", creative) })
        {
            var page = await session.Http.GetStringAsync("/entries/" + entryId);
            Assert.DoesNotContain("Remove this entry", page);
            Assert.DoesNotContain("handler=Remove", page);

            var refused = await PostFormAsync(session.Http, entryId, page, new() { ["reason"] = "I want it gone.", ["confirm"] = "true" });
            Assert.True(refused.StatusCode == HttpStatusCode.Forbidden, $"{who}: {(int)refused.StatusCode}");
            Assert.Contains("Only staff can remove entries.", await refused.Content.ReadAsStringAsync());
        }

        Assert.Contains(entryId, await GalleryAsync(buyer, projectId));
        Assert.DoesNotContain(await creative.NoticesAsync(), n => n.Kind == NotificationKinds.EntryRemoved);
        Assert.DoesNotContain(await buyer.NoticesAsync(), n => n.Kind == NotificationKinds.EntryRemoved);
    }

    /// <summary>A buyer's open project with one entry from a new creative.</summary>
    private async Task<(ApiSession Buyer, ApiSession Creative, string ProjectId, string EntryId)> EntryAsync(string title, string creativeName)
    {
        var buyer = await ApiSession.SignUpAsync(app, "buyer", "Bo Buyer");
        var creative = await ApiSession.SignUpAsync(app, "creative", creativeName);
        var projectId = await buyer.OpenProjectAsync(title);
        return (buyer, creative, projectId, await creative.SubmitEntryAsync(projectId, DemoArt.Logo(title, "entry", 2, 400, 300)));
    }

    private static async Task<List<string>> GalleryAsync(ApiSession session, string projectId) =>
        (await session.ReadAsync(await session.Http.GetAsync($"/api/v1/projects/{projectId}/gallery"))).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("entryId").GetString()!).ToList();


    private static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string entryId, string pageHtml, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = AntiforgeryField().Match(pageHtml).Groups[1].Value;
        return client.PostAsync($"/entries/{entryId}?handler=Remove", new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

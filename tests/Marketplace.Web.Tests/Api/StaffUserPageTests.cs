using System.Net;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Api;

/// <summary>
/// Before suspending or removing someone, staff open /staff/users/{id}: the person's projects as buyer, entries as
/// creative and the handovers they are part of, each linked. Nobody but staff may open it.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class StaffUserPageTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task Staff_see_a_persons_projects_entries_and_handovers_with_links_from_the_users_list()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Bertha Checked");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Carl Checked");
        using var staff = await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        var awardedId = await buyer.OpenProjectAsync("Van livery for a flower stall");
        var openId = await buyer.OpenProjectAsync("Menu board for a flower stall café");
        var winningEntry = await creative.SubmitEntryAsync(awardedId);
        var otherEntry = await creative.SubmitEntryAsync(openId);
        var award = await buyer.ReadAsync(await buyer.PostJsonAsync($"/api/v1/projects/{awardedId}/award", new { entryId = winningEntry }));
        var wrapUpId = award.GetProperty("wrapUpId").GetString()!;

        var list = await PageAsync(staff, "/staff/users?q=" + Uri.EscapeDataString(creative.Email));
        var buyerPage = await PageAsync(staff, "/staff/users/" + buyer.UserId);
        var creativePage = await PageAsync(staff, "/staff/users/" + creative.UserId);

        Assert.Contains($"href=\"/staff/users/{creative.UserId}\"", list);
        Assert.Contains("Bertha Checked", buyerPage);
        Assert.Contains($"<a href=\"/projects/{awardedId}\">Van livery for a flower stall</a>", buyerPage);
        Assert.Contains($"<a href=\"/projects/{openId}\">Menu board for a flower stall café</a>", buyerPage);
        Assert.Contains($"href=\"/staff/cases/{wrapUpId}\"", buyerPage);
        Assert.Contains("No entries.", buyerPage);
        Assert.Contains($"href=\"/entries/{winningEntry}\"", creativePage);
        Assert.Contains($"href=\"/entries/{otherEntry}\"", creativePage);
        Assert.Contains($"href=\"/staff/cases/{wrapUpId}\"", creativePage);
        Assert.Contains("No projects.", creativePage);
    }

    [Fact]
    public async Task Buyers_creatives_and_visitors_are_sent_away_from_a_persons_staff_page_and_unknown_ids_are_404()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Nosy Buyer");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Nosy Creative");
        using var staff = await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        using var visitor = new ApiSession(app.NewApiClient());
        var path = "/staff/users/" + creative.UserId;

        await ExpectSentToAsync(buyer, path, "/error/403");
        await ExpectSentToAsync(creative, path, "/error/403");
        await ExpectSentToAsync(visitor, path, "/account/signin");
        Assert.Equal(HttpStatusCode.NotFound, (await staff.Http.GetAsync("/staff/users/u-nobody-" + Guid.NewGuid().ToString("N"))).StatusCode);
    }

    /// <summary>A page refused to them sends people on: visitors to sign in, signed-in non-staff to the 403 page.</summary>
    private static async Task ExpectSentToAsync(ApiSession session, string path, string to)
    {
        var response = await session.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(to, response.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Nosy Creative", await response.Content.ReadAsStringAsync());
    }

    private static async Task<string> PageAsync(ApiSession session, string path)
    {
        var response = await session.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }
}

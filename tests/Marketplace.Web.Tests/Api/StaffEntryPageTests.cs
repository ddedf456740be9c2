using System.Net;
using Marketplace.Contracts.Users;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Api;

/// <summary>
/// Staff mediate, so they open every entry page: a removed or withdrawn entry shows them its status, who took it out,
/// when and why, and its versions. Buyers and other creatives still get 404 for entries that left the gallery.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class StaffEntryPageTests(MarketplaceAppFixture app)
{
    private const string Reason = "It traces a stock photo of a lighthouse.";

    [Fact]
    public async Task Staff_open_a_removed_entry_and_read_who_removed_it_when_why_and_its_versions()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Lena Lighthouse");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Tracy Tracer");
        using var staff = await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        var projectId = await buyer.OpenProjectAsync("Lighthouse cafe sign");
        var entryId = await creative.SubmitEntryAsync(projectId);
        await creative.ReviseEntryAsync(entryId, "Lighthouse", "Taller tower, as asked.");
        await staff.ReadAsync(await staff.PostJsonAsync($"/api/v1/staff/entries/{entryId}/remove", new { reason = Reason }));
        var staffName = (await app.Grains.GetGrain<IUserGrain>(staff.UserId).GetCardAsync()).DisplayName;

        var response = await staff.Http.GetAsync("/entries/" + entryId);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Entry by Tracy Tracer", page);
        Assert.Contains($"Removed by {staffName} (staff)", page);
        Assert.Contains($"Reason given to Tracy Tracer: <q data-removal-reason>{Reason}</q>", page);
        Assert.Contains("data-versions", page);
        Assert.Contains("What changed: Taller tower, as asked.", page);
        Assert.DoesNotContain("Remove this entry (staff)", page);
        Assert.DoesNotContain("data-contest", page);

        await ExpectHiddenAsync(entryId, buyer, "Tracy Tracer");
    }

    [Fact]
    public async Task Staff_open_a_withdrawn_entry_and_read_that_its_creative_withdrew_it()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Walt Waiting");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Wren Withdrawn");
        using var staff = await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        var projectId = await buyer.OpenProjectAsync("Harbour ferry timetable");
        var entryId = await creative.SubmitEntryAsync(projectId);
        await creative.ReadAsync(await creative.Http.PostAsync($"/api/v1/entries/{entryId}/withdraw", null));

        var response = await staff.Http.GetAsync("/entries/" + entryId);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Withdrawn by Wren Withdrawn (the creative)", page);
        Assert.Contains("data-staff-outcome", page);
        Assert.Contains("This entry was withdrawn, so comments are closed.", page);
        Assert.DoesNotContain("Remove this entry (staff)", page);

        await ExpectHiddenAsync(entryId, buyer, "Wren Withdrawn");
    }

    /// <summary>The project's buyer, another creative and a visitor get the plain 404 that names nobody.</summary>
    private async Task ExpectHiddenAsync(string entryId, ApiSession buyer, string creativeName)
    {
        using var rival = await ApiSession.SignUpAsync(app, "creative", "Rita Rival");
        using var visitor = new ApiSession(app.NewApiClient());
        foreach (var (who, session) in new[] { ("the buyer", buyer), ("another creative", rival), ("a visitor", visitor) })
        {
            var response = await session.Http.GetAsync("/entries/" + entryId);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{who}: {(int)response.StatusCode}");
            Assert.DoesNotContain(creativeName, body);
        }
    }
}

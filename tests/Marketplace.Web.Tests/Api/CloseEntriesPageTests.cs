using System.Net;
using System.Text.Json;
using Marketplace.Web.Demo;
using Marketplace.Web.Presentation;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Api;

/// <summary>
/// "Close entries now" on the site and the API: the brief tells creatives the buyer may choose early, the buyer confirms
/// on a page that says it cannot be undone, creatives then read that the buyer is choosing and until when, and a refusal
/// (a brief that promised the deadline, staff without a reason) comes back with the grain's reason.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class CloseEntriesPageTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task The_buyer_confirms_closing_entries_and_creatives_read_that_the_buyer_is_choosing_until_the_new_date()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Cleo Closer");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Cy Contender");
        var projectId = await buyer.OpenProjectAsync("Allotment society banner");
        var path = "/projects/" + projectId;
        Assert.Contains("The buyer may choose a winner, or close entries, before then", await PageAsync(creative, path));
        Assert.DoesNotContain("data-close-entries-link", await PageAsync(buyer, path));
        await creative.SubmitEntryAsync(projectId, DemoArt.Logo("Allotment", "entry", 3, 400, 300));

        Assert.Contains($"href=\"{path}/close-entries\"", await PageAsync(buyer, path));
        Assert.DoesNotContain("data-close-entries-link", await PageAsync(creative, path));
        var confirm = await PageAsync(buyer, path + "/close-entries");
        Assert.Contains("You choose from the 1 entry that can win.", confirm);
        Assert.Contains("Creatives still working on a first entry are not told", confirm);
        Assert.Contains("This cannot be undone.", confirm);
        Assert.DoesNotContain("name=\"reason\"", confirm);

        var closed = await PostFormAsync(buyer, path + "/close-entries", []);

        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.Equal(path, closed.Headers.Location?.OriginalString);
        var project = await ProjectAsync(buyer, projectId);
        Assert.Equal("Selecting", project.GetProperty("state").GetString());
        var chooseBy = Display.DateTime(project.GetProperty("selectionDeadline").GetDateTimeOffset(), TimeZoneInfo.Utc);
        Assert.Contains($"Entries are closed. Choose a winner by {chooseBy}. The creatives in the gallery were told.", await PageAsync(buyer, path));
        var creativePage = await PageAsync(creative, path);
        Assert.Contains($"Entries closed early, on {Display.DateTime(project.GetProperty("entryDeadline").GetDateTimeOffset(), TimeZoneInfo.Utc)}", creativePage);
        Assert.Contains($"The buyer is choosing a winner until {chooseBy}", creativePage);
        Assert.DoesNotContain($"href=\"{path}/submit\"", creativePage);
        var late = await creative.ReadAsync(await creative.UploadAsync($"/api/v1/projects/{projectId}/entries", "file", "late.png", DemoArt.Logo("Allotment", "late", 4, 400, 300)), HttpStatusCode.Conflict);
        Assert.Equal("This project no longer takes entries.", late.GetProperty("detail").GetString());
        // The confirmation is done with: opening it again leads back to the project.
        var again = await buyer.Http.GetAsync(path + "/close-entries");
        Assert.Equal((HttpStatusCode.Redirect, path), (again.StatusCode, again.Headers.Location?.OriginalString));
    }

    [Fact]
    public async Task A_brief_that_promised_its_deadline_offers_no_early_close_and_a_forced_one_is_refused_with_the_reason_on_the_page_and_the_api()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Pia Promise");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Kai Keen");
        using var staff = await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        var created = await buyer.ReadAsync(await buyer.PostJsonAsync("/api/v1/projects", new
        {
            title = "Village fête poster", description = "A poster for the village summer fête: games, cakes, a brass band.", category = "print",
            prize = 25_000, currency = "USD", entryDeadline = DateTimeOffset.UtcNow.AddDays(10), selectionDays = 7, allowEarlyAward = false,
            deliverableFormats = new[] { "PDF" },
        }), HttpStatusCode.Created);
        var projectId = created.GetProperty("id").GetString()!;
        await buyer.ReadAsync(await buyer.Http.PostAsync($"/api/v1/projects/{projectId}/open", null));
        await creative.SubmitEntryAsync(projectId, DemoArt.Logo("Fete", "entry", 5, 400, 300));
        var path = "/projects/" + projectId;
        Assert.DoesNotContain("data-close-entries-link", await PageAsync(buyer, path));
        Assert.DoesNotContain("data-early-choice", await PageAsync(creative, path));

        var refused = await PostFormAsync(buyer, path + "/close-entries", []);
        var api = await buyer.ReadAsync(await buyer.PostJsonAsync($"/api/v1/projects/{projectId}/close-entries", new { }), HttpStatusCode.Conflict);
        var noReason = await staff.ReadAsync(await staff.PostJsonAsync($"/api/v1/projects/{projectId}/close-entries", new { reason = " " }), HttpStatusCode.BadRequest);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var detail = api.GetProperty("detail").GetString()!;
        Assert.StartsWith("The brief told creatives that entries stay open until", detail, StringComparison.Ordinal);
        Assert.Contains($"<strong>Not done:</strong> {detail}", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        Assert.Contains("reason", noReason.GetProperty("detail").GetString());
        Assert.Equal("Open", (await ProjectAsync(buyer, projectId)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Staff_close_entries_for_the_buyer_with_a_reason_the_buyer_reads()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Bo Busy");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Ivy Inker");
        using var staff = await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        var projectId = await buyer.OpenProjectAsync("Bowls club badge");
        await creative.SubmitEntryAsync(projectId, DemoArt.Logo("Bowls", "entry", 6, 400, 300));
        var path = "/projects/" + projectId;
        Assert.Contains("Close entries for the buyer", await PageAsync(staff, path));
        Assert.Contains("name=\"reason\"", await PageAsync(staff, path + "/close-entries"));

        var closed = await PostFormAsync(staff, path + "/close-entries", new() { ["reason"] = "The buyer phoned: they have the design they want." });

        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        var asked = Assert.Single(await buyer.NotificationsAsync(), n => n.GetProperty("kind").GetString() == "time-to-choose");
        Assert.StartsWith("Marketplace support closed entries to “Bowls club badge” early for you, with this reason: “The buyer phoned: they have the design they want.” Entries to",
            asked.GetProperty("text").GetString(), StringComparison.Ordinal);
        var told = Assert.Single(await creative.NotificationsAsync(), n => n.GetProperty("kind").GetString() == "entries-closed");
        Assert.DoesNotContain("phoned", told.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    private static async Task<string> PageAsync(ApiSession who, string path)
    {
        using var response = await who.Http.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        return TimeTagsOut(WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    private static async Task<HttpResponseMessage> PostFormAsync(ApiSession who, string url, Dictionary<string, string> form)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-XSRF-TOKEN", await who.AntiforgeryTokenAsync());
        return await who.Http.SendAsync(request);
    }

    private static async Task<JsonElement> ProjectAsync(ApiSession session, string projectId) =>
        await session.ReadAsync(await session.Http.GetAsync("/api/v1/projects/" + projectId));
}

using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Marketplace.Web.Demo;
using Marketplace.Web.Presentation;
using Marketplace.Web.Tests.Infrastructure;
using static Marketplace.Testing.Cluster.NoticeText;

namespace Marketplace.Web.Tests.Api;

/// <summary>
/// The buyer's time to choose on the site: an open contest is given more time from its page or the API (the buyer or
/// staff, nobody else, never once entries closed); once entries close the project page and "My projects" say by when to
/// choose, and the notice waits under "Needs you". On the test clock, so entries can close.
/// </summary>
[Collection(ClockedAppCollection.Name)]
public sealed partial class TimeToChoosePageTests(ClockedAppFixture app)
{
    [Fact]
    public async Task The_buyer_gives_an_open_contest_more_time_from_its_page_and_a_refused_day_says_why_beside_the_form()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Gil Giver");
        using var other = await ApiSession.SignUpAsync(app, "buyer", "Olly Other");
        var projectId = await buyer.OpenProjectAsync("Lantern festival poster");
        var path = "/projects/" + projectId;
        var page = await buyer.Http.GetStringAsync(path);
        var deadline = (await ProjectAsync(buyer, projectId)).GetProperty("entryDeadline").GetDateTimeOffset();
        var latest = app.Clock.GetUtcNow().AddDays(60);
        Assert.Contains("Give creatives more time to enter", page);
        Assert.Contains($"max=\"{latest:yyyy-MM-dd}\"", page);
        Assert.DoesNotContain("data-extend-entries", await other.Http.GetStringAsync(path));

        var tooFar = await PostAsync(buyer, path + "?handler=Extend", page, new() { ["entryDeadline"] = latest.AddDays(1).ToString("yyyy-MM-dd") });
        Assert.Equal(HttpStatusCode.BadRequest, tooFar.StatusCode);
        Assert.Matches(ExtendFormWithRefusal(), WebUtility.HtmlDecode(await tooFar.Content.ReadAsStringAsync()));
        var forged = await PostAsync(other, path + "?handler=Extend", await other.Http.GetStringAsync(path), new() { ["entryDeadline"] = deadline.AddDays(3).ToString("yyyy-MM-dd") });
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(deadline, (await ProjectAsync(buyer, projectId)).GetProperty("entryDeadline").GetDateTimeOffset());

        var extended = await PostAsync(buyer, path + "?handler=Extend", page, new() { ["entryDeadline"] = deadline.AddDays(5).ToString("yyyy-MM-dd") });

        Assert.Equal(HttpStatusCode.Redirect, extended.StatusCode);
        var newDeadline = new DateTimeOffset(DateOnly.FromDateTime(deadline.UtcDateTime.AddDays(5)).ToDateTime(new TimeOnly(23, 59)), TimeSpan.Zero);
        Assert.Equal(newDeadline, (await ProjectAsync(buyer, projectId)).GetProperty("entryDeadline").GetDateTimeOffset());
        var after = TimeTagsOut(WebUtility.HtmlDecode(await buyer.Http.GetStringAsync(path)));
        Assert.Contains($"Entries now close on {Display.DateTime(newDeadline, TimeZoneInfo.Utc)}. Creatives with an entry in the running were told.", after);
        Assert.Contains($"Entries close on {Display.DateTime(newDeadline, TimeZoneInfo.Utc)}.", after);
    }

    [Fact]
    public async Task The_entry_deadline_route_extends_for_the_buyer_and_staff_refuses_everyone_else_and_nobody_once_entries_closed()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Ada Api");
        using var other = await ApiSession.SignUpAsync(app, "buyer", "Olly Other");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Cam Creative");
        using var staff = await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        using var anonymous = new ApiSession(app.NewApiClient());
        var projectId = await buyer.OpenProjectAsync("Tram stop map");
        await creative.SubmitEntryAsync(projectId, DemoArt.Logo("Tram", "entry", 4, 400, 300));
        var route = $"/api/v1/projects/{projectId}/entry-deadline";
        var deadline = (await ProjectAsync(buyer, projectId)).GetProperty("entryDeadline").GetDateTimeOffset();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostJsonAsync(route, new { entryDeadline = deadline.AddDays(1) })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostJsonAsync(route, new { entryDeadline = deadline.AddDays(1) })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await creative.PostJsonAsync(route, new { entryDeadline = deadline.AddDays(1) })).StatusCode);
        var missing = await buyer.ReadAsync(await buyer.PostJsonAsync(route, new { }), HttpStatusCode.BadRequest);
        Assert.StartsWith("Give the new entry deadline", missing.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var earlier = await buyer.ReadAsync(await buyer.PostJsonAsync(route, new { entryDeadline = deadline.AddDays(-1) }), HttpStatusCode.BadRequest);
        Assert.StartsWith("Entries already close on", earlier.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var byBuyer = await buyer.ReadAsync(await buyer.PostJsonAsync(route, new { entryDeadline = deadline.AddDays(2) }));
        var byStaff = await staff.ReadAsync(await staff.PostJsonAsync(route, new { entryDeadline = deadline.AddDays(3) }));

        Assert.Equal(deadline.AddDays(2), byBuyer.GetProperty("entryDeadline").GetDateTimeOffset());
        Assert.Equal(deadline.AddDays(3), byStaff.GetProperty("entryDeadline").GetDateTimeOffset());
        var told = (await creative.NotificationsAsync()).Where(n => n.GetProperty("kind").GetString() == "entries-extended").ToList();
        Assert.Equal(2, told.Count);
        Assert.StartsWith("Marketplace support gave “Tram stop map” more time", told[0].GetProperty("text").GetString(), StringComparison.Ordinal);

        app.Advance(deadline.AddDays(3) - app.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        var closed = await buyer.ReadAsync(await buyer.PostJsonAsync(route, new { entryDeadline = deadline.AddDays(4) }), HttpStatusCode.Conflict);
        Assert.StartsWith("Entries to this project already closed on", closed.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostJsonAsync(route, new { entryDeadline = deadline.AddDays(4) })).StatusCode);
    }

    [Fact]
    public async Task The_buyer_reads_when_entries_close_and_once_they_have_choose_a_winner_by_on_the_project_and_My_projects_and_the_notice_waits_under_Needs_you()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Cleo Chooser");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Cy Contender");
        using var visitor = new ApiSession(app.NewApiClient());
        var projectId = await buyer.OpenProjectAsync("Seaside ice cream sign");
        await creative.SubmitEntryAsync(projectId, DemoArt.Logo("Seaside", "entry", 2, 400, 300));
        await creative.SubmitEntryAsync(projectId, DemoArt.Logo("Seaside", "other", 3, 400, 300));
        var deadline = (await ProjectAsync(buyer, projectId)).GetProperty("entryDeadline").GetDateTimeOffset();

        var whileOpen = TimeTagsOut(WebUtility.HtmlDecode(await buyer.Http.GetStringAsync("/projects/" + projectId)));
        Assert.Contains($"Entries close {Display.DateTime(deadline, TimeZoneInfo.Utc)} ({Display.Relative(deadline, app.Clock.GetUtcNow())}); then you have 7 days to choose a winner.", whileOpen);
        Assert.DoesNotContain("data-entries-close", await visitor.Http.GetStringAsync("/projects/" + projectId));

        app.Advance(deadline - app.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        var page = TimeTagsOut(WebUtility.HtmlDecode(await buyer.Http.GetStringAsync("/projects/" + projectId)));

        var chooseBy = deadline.AddDays(7);
        Assert.Contains($"Choose a winner by {Display.DateTime(chooseBy, TimeZoneInfo.Utc)}</strong> (in 7 days). If you do not, your $300 prize comes back to you and no design or rights are bought.", page);
        Assert.DoesNotContain("data-extend-entries", page);
        Assert.DoesNotContain("data-choose-by", await visitor.Http.GetStringAsync("/projects/" + projectId));
        var row = RowOf(TimeTagsOut(WebUtility.HtmlDecode(await buyer.Http.GetStringAsync("/buyer/projects"))), projectId);
        Assert.Contains($"Choose a winner by {Display.DateTime(chooseBy, TimeZoneInfo.Utc)} (in 7 days)", row);

        var notifications = WebUtility.HtmlDecode(await buyer.Http.GetStringAsync("/notifications"));
        var needsYou = notifications[..notifications.IndexOf("</section>", StringComparison.Ordinal)];
        Assert.Contains("Needs you", needsYou);
        Assert.Contains($"Entries to “Seaside ice cream sign” closed with 2 entries to choose from. Choose a winner by {When(chooseBy)}.", needsYou);
        var creativeTold = Assert.Single(await creative.NotificationsAsync(), n => n.GetProperty("kind").GetString() == "entries-closed");
        Assert.False(creativeTold.GetProperty("asks").GetBoolean());
    }

    private static async Task<JsonElement> ProjectAsync(ApiSession session, string projectId) =>
        await session.ReadAsync(await session.Http.GetAsync("/api/v1/projects/" + projectId));


    private static string RowOf(string list, string projectId)
    {
        var start = list.IndexOf($"data-project=\"{projectId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"{projectId} is not in the list");
        var end = list.IndexOf("data-project=", start + 1, StringComparison.Ordinal);
        return end < 0 ? list[start..] : list[start..end];
    }

    private static Task<HttpResponseMessage> PostAsync(ApiSession session, string url, string pageHtml, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = AntiforgeryField().Match(pageHtml).Groups[1].Value;
        return session.Http.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("<details[^>]* open=\"open\"[^>]*data-extend-entries>(?:(?!</form>).)*data-refusal><strong>Not done:</strong> Entries can stay open at most 60 days from when the project opened", RegexOptions.Singleline)]
    private static partial Regex ExtendFormWithRefusal();
}

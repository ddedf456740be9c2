using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.TimeZones;

/// <summary>
/// A person's time zone through the site: the API refuses a zone or hour it does not know with a message and changes
/// nothing; a signed-in person in Kolkata reads a deadline in IST while a visitor reads it in UTC, both in a
/// <c>&lt;time&gt;</c> element carrying UTC; the JSON keeps ISO 8601 UTC; staff see the choice, read-only.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class TimeZoneWebTests(MarketplaceAppFixture app)
{
    private const string Zone = "/api/v1/me/time-zone";
    private const string Settings = "/api/v1/me/email-settings";

    [Fact]
    public async Task An_unknown_zone_or_hour_is_refused_with_what_to_send_and_changes_nothing()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Zed Zoneless");
        var before = await buyer.ReadAsync(await buyer.Http.GetAsync(Zone));
        Assert.Equal("UTC", before.GetProperty("timeZone").GetString());
        Assert.False(before.GetProperty("chosen").GetBoolean());

        var unknown = await buyer.ReadAsync(await buyer.Http.PutAsJsonAsync(Zone, new { timeZone = "Mars/Olympus_Mons" }, ApiSession.Json), HttpStatusCode.BadRequest);
        Assert.Equal("“Mars/Olympus_Mons” is not a time zone we know. Choose one from the list, or give an IANA time zone name such as Europe/Berlin or America/New_York.",
            unknown.GetProperty("detail").GetString());
        var windows = await buyer.ReadAsync(await buyer.Http.PutAsJsonAsync(Zone, new { timeZone = "W. Europe Standard Time" }, ApiSession.Json), HttpStatusCode.BadRequest);
        Assert.Contains("is not a time zone we know", windows.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var missing = await buyer.ReadAsync(await buyer.Http.PutAsJsonAsync(Zone, new { }, ApiSession.Json), HttpStatusCode.BadRequest);
        Assert.Contains("Set timeZone to an IANA time zone name", missing.GetProperty("detail").GetString(), StringComparison.Ordinal);
        foreach (var hour in new[] { 24, -1 })
        {
            var refused = await buyer.ReadAsync(await buyer.Http.PutAsJsonAsync(Settings, new { contestActivity = "Daily", summaryHour = hour }, ApiSession.Json), HttpStatusCode.BadRequest);
            Assert.StartsWith("Choose the hour of the daily summary as a whole hour from 0 (midnight) to 23", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.False((await buyer.ReadAsync(await buyer.Http.GetAsync(Zone))).GetProperty("chosen").GetBoolean());
        var settings = await buyer.ReadAsync(await buyer.Http.GetAsync(Settings));
        Assert.Equal("Each", settings.GetProperty("contestActivity").GetString());
        Assert.Equal(8, settings.GetProperty("summaryHour").GetInt32());

        var saved = await buyer.ReadAsync(await buyer.Http.PutAsJsonAsync(Zone, new { timeZone = "America/New_York" }, ApiSession.Json));
        Assert.Equal("America/New_York", saved.GetProperty("timeZone").GetString());
        var daily = await buyer.ReadAsync(await buyer.Http.PutAsJsonAsync(Settings, new { contestActivity = "Daily", summaryHour = 18 }, ApiSession.Json));
        Assert.Equal(18, daily.GetProperty("summaryHour").GetInt32());
        Assert.Equal("America/New_York", daily.GetProperty("timeZone").GetString());
        // Leaving the hour out keeps it.
        var kept = await buyer.ReadAsync(await buyer.Http.PutAsJsonAsync(Settings, new { contestActivity = "Daily" }, ApiSession.Json));
        Assert.Equal(18, kept.GetProperty("summaryHour").GetInt32());

        using var anonymous = app.NewApiClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsJsonAsync(Zone, new { timeZone = "Asia/Tokyo" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(Zone)).StatusCode);
    }

    [Fact]
    public async Task A_buyer_in_Kolkata_reads_the_entry_deadline_in_IST_a_visitor_in_UTC_and_the_API_keeps_UTC()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Kavya Kolkata");
        await buyer.ReadAsync(await buyer.Http.PutAsJsonAsync(Zone, new { timeZone = "Asia/Kolkata" }, ApiSession.Json));
        var projectId = await buyer.OpenProjectAsync("Chai stall signboard");
        var json = await buyer.ReadAsync(await buyer.Http.GetAsync($"/api/v1/projects/{projectId}"));
        var raw = json.GetProperty("entryDeadline").GetString()!;
        Assert.EndsWith("+00:00", raw, StringComparison.Ordinal);
        var deadline = DateTimeOffset.Parse(raw, CultureInfo.InvariantCulture);
        var utcAttribute = $"<time datetime=\"{deadline.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}\">";

        var ist = TimeZoneInfo.ConvertTime(deadline, TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata"));
        var buyerPage = await PageAsync(buyer.Http, $"/projects/{projectId}");
        Assert.Contains($"Entries close {utcAttribute}{ist.ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture)} IST</time>", buyerPage, StringComparison.Ordinal);
        Assert.DoesNotContain(" UTC</time>", buyerPage, StringComparison.Ordinal);

        using var visitor = app.NewApiClient();
        var visitorPage = await PageAsync(visitor, $"/projects/{projectId}");
        Assert.Contains($"{utcAttribute}{deadline.UtcDateTime.ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture)} UTC</time>", visitorPage, StringComparison.Ordinal);
        Assert.DoesNotContain(" IST", visitorPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_see_a_persons_email_choice_and_time_zone_on_their_user_page_and_only_staff_do()
    {
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Olu Lagos");
        using var other = await ApiSession.SignUpAsync(app, "creative", "Nosy Neighbour");
        using var staff = await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        var before = await PageAsync(staff.Http, "/staff/users/" + creative.UserId);
        Assert.Contains("Contest activity emails</dt>", before, StringComparison.Ordinal);
        Assert.Contains("An email for each one", before, StringComparison.Ordinal);
        Assert.Contains("Not set: UTC", before, StringComparison.Ordinal);

        await creative.ReadAsync(await creative.Http.PutAsJsonAsync(Zone, new { timeZone = "Africa/Lagos" }, ApiSession.Json));
        await creative.ReadAsync(await creative.Http.PutAsJsonAsync(Settings, new { contestActivity = "Daily", summaryHour = 19 }, ApiSession.Json));
        var after = await PageAsync(staff.Http, "/staff/users/" + creative.UserId);
        Assert.Contains("One summary a day, at 19:00 their time", after, StringComparison.Ordinal);
        Assert.Contains("Africa/Lagos (their time now: ", after, StringComparison.Ordinal);
        Assert.Contains(" WAT)", after, StringComparison.Ordinal);

        using var nosy = await other.Http.GetAsync("/staff/users/" + creative.UserId);
        Assert.NotEqual(HttpStatusCode.OK, nosy.StatusCode);
        Assert.DoesNotContain("Africa/Lagos", await nosy.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_day_a_buyer_picks_for_entries_to_close_ends_at_23_59_in_her_own_zone_on_the_payment_page_the_brief_and_the_draft()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Nell New-York");
        await buyer.ReadAsync(await buyer.Http.PutAsJsonAsync(Zone, new { timeZone = "America/New_York" }, ApiSession.Json));
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, newYork).DateTime);

        var form = await PageAsync(buyer.Http, "/buyer/projects/new");
        Assert.Contains($"value=\"{today.AddDays(7):yyyy-MM-dd}\"", form, StringComparison.Ordinal);
        Assert.Contains("At the end of that day, 23:59 America/New York time.", form, StringComparison.Ordinal);

        var day = today.AddDays(10);
        using var posted = await buyer.Http.PostAsync("/buyer/projects/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = FormValue(form, "__RequestVerificationToken"),
            ["FormId"] = FormValue(form, "FormId"),
            ["Title"] = "Shop sign for a Brooklyn bagel bakery",
            ["Category"] = "logo",
            ["Description"] = "A bold sign for a corner bagel bakery, read from across the street.",
            ["Prize"] = "300",
            ["EntryDeadline"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["SelectionDays"] = "7",
            ["DeliverableFormats"] = "PNG",
        }));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var id = posted.Headers.Location!.ToString().Split('/')[3];

        // 23:59 that day in New York is 04:59 the next day in UTC: the API keeps the instant, the pages her day.
        var json = await buyer.ReadAsync(await buyer.Http.GetAsync($"/api/v1/projects/{id}"));
        var deadline = DateTimeOffset.Parse(json.GetProperty("entryDeadline").GetString()!, CultureInfo.InvariantCulture);
        Assert.Equal(new DateTimeOffset(day.ToDateTime(new TimeOnly(23, 59)), newYork.GetUtcOffset(day.ToDateTime(new TimeOnly(23, 59)))), deadline);
        var dayWords = day.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
        Assert.Contains($"<dt>Entries close</dt><dd>{dayWords}</dd>", PageText.TimeTagsOut(await PageAsync(buyer.Http, $"/buyer/projects/{id}/fund")), StringComparison.Ordinal);
        Assert.Contains($"value=\"{day:yyyy-MM-dd}\"", await PageAsync(buyer.Http, $"/buyer/projects/{id}/edit"), StringComparison.Ordinal);
        await buyer.ReadAsync(await buyer.Http.PostAsync($"/api/v1/projects/{id}/open", null));
        Assert.Matches($"Entries close {dayWords}, 23:59 E[SD]T", PageText.TimeTagsOut(await PageAsync(buyer.Http, $"/projects/{id}")));
    }

    private static string FormValue(string html, string name) =>
        System.Text.RegularExpressions.Regex.Match(html, $"name=\"{name}\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;

    private static async Task<string> PageAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }
}

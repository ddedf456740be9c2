using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Reports;

/// <summary>
/// Reporting an entry over the API and on its page (form posts with antiforgery, as the browser sends them), and staff
/// working the reports at /staff/reports: bad input is a 400 that says what to fix and stores nothing, a repeat is a
/// 409 saying when, and staff dismiss or remove by form with each reporter told the outcome.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed partial class EntryReportWebTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task Bad_reports_are_refused_with_400s_that_say_what_to_fix_a_repeat_with_409_and_an_entry_that_left_with_404()
    {
        var (_, first, copy) = await ContestAsync("Harbour cafe sign");
        using var reporter = await ApiSession.SignUpAsync(app, "creative", "Rhea Reporter");
        var url = $"/api/v1/entries/{copy.Entry}/reports";

        var refusals = new (object Body, string Says)[]
        {
            (new { reason = "ugly" }, "Choose why you are reporting this entry: one of copies-another-entry, uses-someone-elses-work, offensive, not-for-this-brief, something-else."),
            (new { reason = (string?)null }, "Choose why you are reporting this entry"),
            (new { reason = "copies-another-entry" }, "Give the number of the entry this one copies"),
            (new { reason = "copies-another-entry", copiesEntryNumber = 9 }, "There is no entry #9 in this gallery."),
            (new { reason = "copies-another-entry", copiesEntryNumber = 2 }, "Entry #2 is the entry you are reporting."),
            (new { reason = "something-else" }, "a note is needed when the reason is"),
            (new { reason = "offensive", note = new string('n', 1001) }, "The note is too long (at most 1000 characters)."),
        };
        foreach (var (body, says) in refusals)
        {
            var response = await reporter.PostJsonAsync(url, body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(says, (await reporter.ReadAsync(response, HttpStatusCode.BadRequest)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        var made = await reporter.ReadAsync(await reporter.PostJsonAsync(url, new { reason = "copies-another-entry", copiesEntryNumber = 1, note = "Mine is #1? No, but it came first." }), HttpStatusCode.Created);
        Assert.Equal(first.Entry, made.GetProperty("copiesEntryId").GetString());
        var repeat = await reporter.ReadAsync(await reporter.PostJsonAsync(url, new { reason = "offensive" }), HttpStatusCode.Conflict);
        Assert.StartsWith("You reported this entry on ", repeat.GetProperty("detail").GetString(), StringComparison.Ordinal);

        await first.Creative.ReadAsync(await first.Creative.Http.PostAsync($"/api/v1/entries/{first.Entry}/withdraw", null));
        await reporter.ReadAsync(await reporter.PostJsonAsync($"/api/v1/entries/{first.Entry}/reports", new { reason = "offensive" }), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task On_the_entry_page_a_report_is_a_form_that_then_says_when_it_was_made_and_the_creative_and_visitors_get_no_form()
    {
        var (_, _, copy) = await ContestAsync("Corner bakery sign");
        using var reporter = await ApiSession.SignUpAsync(app, "buyer", "Pia Page");
        var page = await reporter.Http.GetStringAsync("/entries/" + copy.Entry);
        Assert.Contains("<summary>Report this entry</summary>", page);

        var refused = await PostFormAsync(reporter.Http, $"/entries/{copy.Entry}?handler=Report", page, new() { ["reason"] = "something-else", ["reportNote"] = " " });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var refusedPage = await refused.Content.ReadAsStringAsync();
        Assert.Contains("a note is needed when the reason is", WebUtility.HtmlDecode(refusedPage));
        Assert.Contains("<details class=\"card mt-1\" id=\"report\" open=\"open\"", refusedPage);

        var sent = await PostFormAsync(reporter.Http, $"/entries/{copy.Entry}?handler=Report", page,
            new() { ["reason"] = "uses-someone-elses-work", ["reportNote"] = "The cup is a stock icon." });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var after = TimeTagsOut(WebUtility.HtmlDecode(await reporter.Http.GetStringAsync("/entries/" + copy.Entry)));
        Assert.Contains("Thank you. Staff will look at this entry", after);
        Assert.Matches("You reported this entry on \\d+ \\w+ \\d{4}, \\d\\d:\\d\\d UTC; staff will look at it.", after);
        Assert.DoesNotContain("<summary>Report this entry</summary>", after);

        var own = await copy.Creative.Http.GetStringAsync("/entries/" + copy.Entry);
        Assert.DoesNotContain("Report this entry", own);
        Assert.DoesNotContain("reported", own, StringComparison.OrdinalIgnoreCase);
        var visitor = await app.NewApiClient().GetStringAsync("/entries/" + copy.Entry);
        Assert.Contains($"href=\"/account/signin?returnUrl={Uri.EscapeDataString($"/entries/{copy.Entry}#report")}\"", visitor);
        Assert.DoesNotContain("handler=Report", visitor);
    }

    [Fact]
    public async Task Staff_see_reported_entries_open_one_beside_the_copied_entry_and_dismiss_or_remove_it_by_form()
    {
        var (buyer, first, copy) = await ContestAsync("Lighthouse tours logo");
        var third = await first.Creative.SubmitEntryAsync(copy.Project, DemoArt.Logo("Lighthouse", "third", 5, 400, 300));
        await first.Creative.ReadAsync(await first.Creative.PostJsonAsync($"/api/v1/entries/{copy.Entry}/reports", new { reason = "copies-another-entry", copiesEntryNumber = 1, note = "My lighthouse, mirrored." }), HttpStatusCode.Created);
        await buyer.ReadAsync(await buyer.PostJsonAsync($"/api/v1/entries/{copy.Entry}/reports", new { reason = "copies-another-entry", copiesEntryNumber = 1 }), HttpStatusCode.Created);
        await buyer.ReadAsync(await buyer.PostJsonAsync($"/api/v1/entries/{third}/reports", new { reason = "not-for-this-brief" }), HttpStatusCode.Created);
        using var staff = await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);

        var list = TimeTagsOut(WebUtility.HtmlDecode(await staff.Http.GetStringAsync("/staff/reports")));
        Assert.Matches("Reports \\(\\d+ open\\)", list);
        Assert.Contains($"<li class=\"card\" data-reported-entry=\"{copy.Entry}\">", list);
        Assert.Contains("Entry #2 by Cody Copy", list);
        Assert.Contains("Reported by 2 people", list);
        Assert.Contains("<q>My lighthouse, mirrored.</q>", list);
        var listed = (await staff.ReadAsync(await staff.Http.GetAsync("/api/v1/staff/reports"))).EnumerateArray().Select(e => e.GetProperty("entryId").GetString()).ToList();
        Assert.True(listed.IndexOf(copy.Entry) < listed.IndexOf(third), "the longest waiting first");

        var detail = await staff.Http.GetStringAsync("/staff/reports/" + copy.Entry);
        Assert.Contains("data-reported-preview", detail);
        Assert.Contains("data-copied-preview=\"1\"", detail);
        Assert.Contains("Entry #2 was submitted after #1.", detail);
        Assert.Contains("Orla Original", detail);
        Assert.Contains("Bo Buyer", detail);
        Assert.Contains($"href=\"/staff/users/{copy.Creative.UserId}\"", detail);

        var dismissed = await PostFormAsync(staff.Http, $"/staff/reports/{copy.Entry}?handler=Dismiss", detail, new() { ["note"] = "The lighthouses differ: a common subject, not a copy." });
        Assert.Equal(HttpStatusCode.Redirect, dismissed.StatusCode);
        Assert.Contains("The 2 reporters were told the outcome.", WebUtility.HtmlDecode(await staff.Http.GetStringAsync("/staff/reports")));
        Assert.Equal("Staff looked at entry #2 in “Lighthouse tours logo” and left it in the contest. Thank you for telling us.",
            Assert.Single(await first.Creative.NoticesAsync(), n => n.Kind == "report-outcome").Text);
        Assert.DoesNotContain(await copy.Creative.NoticesAsync(), n => n.Kind == "report-outcome");

        var thirdPage = await staff.Http.GetStringAsync("/staff/reports/" + third);
        var unconfirmed = await PostFormAsync(staff.Http, $"/staff/reports/{third}?handler=Remove", thirdPage, new() { ["reason"] = "A bakery logo in a lighthouse contest." });
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.Contains(">A bakery logo in a lighthouse contest.</textarea>", await unconfirmed.Content.ReadAsStringAsync());
        var removed = await PostFormAsync(staff.Http, $"/staff/reports/{third}?handler=Remove", thirdPage, new() { ["reason"] = "A bakery logo in a lighthouse contest.", ["confirm"] = "true" });
        Assert.True(removed.StatusCode == HttpStatusCode.Redirect, await removed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await buyer.Http.GetAsync("/entries/" + third)).StatusCode);
        Assert.Contains(await buyer.NoticesAsync(), n => n.Text == "Staff looked at entry #3 in “Lighthouse tours logo” and removed it. Thank you for telling us.");
        var stillListed = (await staff.ReadAsync(await staff.Http.GetAsync("/api/v1/staff/reports"))).EnumerateArray().Select(e => e.GetProperty("entryId").GetString());
        Assert.DoesNotContain(copy.Entry, stillListed);
        Assert.DoesNotContain(third, stillListed);
    }

    [Fact]
    public async Task A_completed_contests_winner_can_be_reported_and_staff_read_what_removing_it_does_beside_a_link_to_its_handover()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Bo Buyer");
        using var winner = await ApiSession.SignUpAsync(app, "creative", "Wyn Winner");
        var wrapUpId = await CompletedHandover.CompleteAsync(buyer, winner, "Harbourside ferry logo " + Guid.NewGuid().ToString("N")[..4]);
        var entry = (await buyer.ReadAsync(await buyer.Http.GetAsync("/api/v1/wrapups/" + wrapUpId))).GetProperty("entryId").GetString()!;
        using var owner = await ApiSession.SignUpAsync(app, "creative", "Orla Original");

        Assert.Contains("<summary>Report this entry</summary>", await owner.Http.GetStringAsync("/entries/" + entry));
        await owner.ReadAsync(await owner.PostJsonAsync($"/api/v1/entries/{entry}/reports", new { reason = "uses-someone-elses-work", note = "My ferry logo from 2019." }), HttpStatusCode.Created);

        using var staff = await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        var detail = TimeTagsOut(WebUtility.HtmlDecode(await staff.Http.GetStringAsync("/staff/reports/" + entry)));
        Assert.Contains("This is the winning entry.", detail);
        Assert.Matches("Its handover completed on \\d+ \\w+ \\d{4}: the buyer already has the final files and the rights", detail);
        Assert.Contains("it cannot take back the files or the prize, and the buyer is not told", detail);
        Assert.Contains($"href=\"/staff/cases/{wrapUpId}\" data-handover-link", detail);
        Assert.Contains("Dismiss: leave the entry in the gallery", detail);
        Assert.DoesNotContain("the buyer is told entry #", detail);
    }

    private sealed record Entrant(ApiSession Creative, string Project, string Entry);

    /// <summary>Bo Buyer's open project: Orla's entry #1, then Cody's entry #2.</summary>
    private async Task<(ApiSession Buyer, Entrant First, Entrant Copy)> ContestAsync(string title)
    {
        var buyer = await ApiSession.SignUpAsync(app, "buyer", "Bo Buyer");
        var orla = await ApiSession.SignUpAsync(app, "creative", "Orla Original");
        var cody = await ApiSession.SignUpAsync(app, "creative", "Cody Copy");
        var projectId = await buyer.OpenProjectAsync(title);
        var first = await orla.SubmitEntryAsync(projectId, DemoArt.Logo(title, "first", 2, 400, 300));
        var copy = await cody.SubmitEntryAsync(projectId, DemoArt.Logo(title, "copy", 3, 400, 300));
        return (buyer, new Entrant(orla, projectId, first), new Entrant(cody, projectId, copy));
    }

    private static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, string pageHtml, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = AntiforgeryField().Match(pageHtml).Groups[1].Value;
        return client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

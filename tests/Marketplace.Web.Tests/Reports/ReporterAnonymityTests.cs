using System.Net;
using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Reports;

/// <summary>
/// Who reported an entry is for staff alone: after a report and staff's answer, no view the reported creative or the
/// buyer can read (API or page) carries the reporter's id, name or email, while staff's report page names them. The
/// reporter has no entry of their own here, so any trace of them would come from the report.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class ReporterAnonymityTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task No_view_the_reported_creative_or_the_buyer_reads_names_the_reporter()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Bo Buyer");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Cody Copy");
        using var reporter = await ApiSession.SignUpAsync(app, "creative", "Quentin Quillfeather");
        var project = await buyer.OpenProjectAsync("Tidepool aquarium logo");
        using var orla = await ApiSession.SignUpAsync(app, "creative", "Orla Original");
        await orla.SubmitEntryAsync(project, DemoArt.Logo("Tidepool", "first", 2, 400, 300));
        var copy = await creative.SubmitEntryAsync(project, DemoArt.Logo("Tidepool", "copy", 3, 400, 300));
        await reporter.ReadAsync(await reporter.PostJsonAsync($"/api/v1/entries/{copy}/reports",
            new { reason = "copies-another-entry", copiesEntryNumber = 1, note = "Quentin here: my fish, mirrored." }), HttpStatusCode.Created);
        await buyer.ReadAsync(await buyer.PostJsonAsync($"/api/v1/entries/{copy}/comments", new { text = "Is this your own fish?" }));
        using var staff = await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        Assert.Contains("Quentin Quillfeather", await staff.Http.GetStringAsync("/staff/reports/" + copy));
        await staff.ReadAsync(await staff.PostJsonAsync($"/api/v1/staff/reports/{copy}/dismiss", new { note = "Quentin's fish differs: a common subject." }));
        Assert.Contains(await reporter.NoticesAsync(), n => n.Kind == "report-outcome");

        var views = new (ApiSession Reader, string Url)[]
        {
            (creative, $"/api/v1/entries/{copy}"),
            (creative, $"/api/v1/entries/{copy}/details"),
            (creative, "/api/v1/me/entries"),
            (creative, $"/api/v1/projects/{project}"),
            (creative, $"/api/v1/projects/{project}/gallery"),
            (creative, "/api/v1/me/notifications"),
            (creative, $"/entries/{copy}"),
            (creative, $"/projects/{project}"),
            (creative, "/creative/entries"),
            (creative, "/notifications"),
            (buyer, $"/api/v1/entries/{copy}"),
            (buyer, $"/api/v1/entries/{copy}/details"),
            (buyer, $"/api/v1/projects/{project}"),
            (buyer, $"/api/v1/projects/{project}/gallery"),
            (buyer, "/api/v1/me/projects"),
            (buyer, "/api/v1/me/notifications"),
            (buyer, $"/entries/{copy}"),
            (buyer, $"/projects/{project}"),
            (buyer, "/notifications"),
        };
        foreach (var (reader, url) in views)
        {
            var response = await reader.Http.GetAsync(url);
            Assert.True(response.IsSuccessStatusCode, $"{url}: {response.StatusCode}");
            var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            foreach (var trace in new[] { reporter.UserId, reporter.Email, "Quentin", "Quillfeather" })
            {
                Assert.False(body.Contains(trace, StringComparison.OrdinalIgnoreCase), $"{url} read by {(reader == buyer ? "the buyer" : "the creative")} names the reporter ({trace})");
            }
        }
    }
}

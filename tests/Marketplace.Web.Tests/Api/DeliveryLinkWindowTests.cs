using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Contracts.WrapUps;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Api;

/// <summary>
/// The printer's link on the test clock: only pressing "Download files" starts its resume window, never opening the
/// landing page; once the window has passed the link and its zip read as used.
/// </summary>
[Collection(ClockedAppCollection.Name)]
public sealed partial class DeliveryLinkWindowTests(ClockedAppFixture app)
{
    private static readonly ThirdPartyRecipient Printer = new("Fairground Print", "orders@fairprint.example");
    private static readonly TimeSpan Window = TimeSpan.FromHours(24);

    [Fact]
    public async Task Opening_the_landing_page_alone_never_starts_the_window()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Harbour fair poster", "Hana Harbour", "Ivo Ink");
        await h.HelpedAsync();
        var link = await h.Grain.CreateDeliveryLinkAsync(h.Staff, Printer, TimeSpan.FromDays(3), h.ForBuyer("phone call", "printer at the fair"));
        using var scanner = app.NewApiClient();

        Assert.Equal(HttpStatusCode.OK, (await scanner.GetAsync("/delivery/" + link.Token)).StatusCode);
        app.Advance(Window + TimeSpan.FromHours(1));
        var later = await scanner.GetAsync("/delivery/" + link.Token);

        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        var html = await later.Content.ReadAsStringAsync();
        Assert.Contains(">Download files</button>", html);
        Assert.Contains("works for <strong>24 hours</strong> more", html);
        Assert.Null(Assert.Single((await h.Grain.GetAsync(h.Staff)).DeliveryLinks).UsedAt);
    }

    [Fact]
    public async Task After_the_window_the_link_and_its_zip_read_as_used()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Quay fair banner", "Quentin Quay", "Rosa Roll");
        await h.HelpedAsync();
        var link = await h.Grain.CreateDeliveryLinkAsync(h.Staff, Printer, TimeSpan.FromDays(3), h.ForBuyer("phone call", "printer at the fair"));
        using var printer = app.NewApiClient();
        var landing = await (await printer.GetAsync("/delivery/" + link.Token)).Content.ReadAsStringAsync();
        var pressed = await printer.PostAsync("/delivery/" + link.Token, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryField().Match(landing).Groups[1].Value,
        }));
        Assert.Equal(HttpStatusCode.Redirect, pressed.StatusCode);
        var zipPath = pressed.Headers.Location!.OriginalString;

        app.Advance(Window - TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await printer.GetAsync(zipPath)).StatusCode);
        var stillOpen = await (await printer.GetAsync("/delivery/" + link.Token)).Content.ReadAsStringAsync();
        Assert.Contains("Download files again", stillOpen);

        app.Advance(TimeSpan.FromMinutes(1));
        var zip = await printer.GetAsync(zipPath);
        var page = await printer.GetAsync("/delivery/" + link.Token);

        Assert.Equal(HttpStatusCode.Gone, zip.StatusCode);
        Assert.NotEqual("application/zip", zip.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        Assert.Contains("no longer does", await page.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

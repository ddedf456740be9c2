using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Contracts.WrapUps;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Api;

/// <summary>
/// The printer's single-use link, over plain HTTP as a mail client or printer would use it: opening it only describes
/// the files, the button downloads exactly that handover's finals as one zip, once.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed partial class DeliveryLinkWebTests(MarketplaceAppFixture app)
{
    private static readonly ThirdPartyRecipient Printer = new("Quick Print Ltd", "orders@quickprint.example");

    [Fact]
    public async Task Opening_the_link_does_not_use_it_and_the_download_is_exactly_this_handovers_finals_once()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Printer poster", "Petra Printwise", "Otto Original");
        using var other = await StaffedHandover.DeliveredAsync(app, "Another poster", "Arne Else", "Cleo Else");
        await h.HelpedAsync();
        await other.HelpedAsync();
        var link = await h.Grain.CreateDeliveryLinkAsync(h.Staff, Printer, TimeSpan.FromDays(2), h.ForBuyer("phone call", "print shop needs the files"));
        var otherLink = await other.Grain.CreateDeliveryLinkAsync(other.Staff, Printer, TimeSpan.FromDays(2), other.ForBuyer("email", "printer"));
        using var printer = app.NewApiClient();

        // A mail scanner or link preview opens the page (twice): nothing is used up, and the page says what is coming.
        var scanned = await printer.GetAsync("/delivery/" + link.Token);
        var landing = await printer.GetAsync("/delivery/" + link.Token);
        var html = await landing.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, scanned.StatusCode);
        Assert.Equal(HttpStatusCode.OK, landing.StatusCode);
        Assert.Contains("Printer poster", html);
        Assert.Contains("printer-logo.png", html);
        Assert.Contains("printer-print.pdf", html);
        Assert.Contains("Download files", html);
        Assert.DoesNotContain("Petra", html);
        AssertPrivate(landing);
        Assert.Null(Assert.Single((await h.Grain.GetAsync(h.Staff)).DeliveryLinks).UsedAt);

        var download = await PostDownloadAsync(printer, link.Token, html);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/zip", download.Content.Headers.ContentType?.MediaType);
        AssertPrivate(download);
        using (var zip = new ZipArchive(await download.Content.ReadAsStreamAsync(), ZipArchiveMode.Read))
        {
            Assert.Equal(h.Finals.Select(f => f.Name).Order(), zip.Entries.Select(e => e.FullName).Order());
            foreach (var (name, bytes) in h.Finals)
            {
                await using var entry = await zip.GetEntry(name)!.OpenAsync();
                using var copy = new MemoryStream();
                await entry.CopyToAsync(copy);
                Assert.Equal(bytes, copy.ToArray());
            }
        }

        var again = await PostDownloadAsync(printer, link.Token, html);
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.Contains("already used", await again.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Gone, (await printer.GetAsync("/delivery/" + link.Token)).StatusCode);
        var used = Assert.Single((await h.Grain.GetAsync(h.BuyerActor)).DeliveryLinks);
        Assert.NotNull(used.UsedAt);

        // The other handover's link is untouched, and its secret under this handover's key opens nothing.
        var spliced = link.Token[..link.Token.IndexOf('.')] + otherLink.Token[otherLink.Token.IndexOf('.')..];
        Assert.Equal(HttpStatusCode.NotFound, (await printer.GetAsync("/delivery/" + spliced)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostDownloadAsync(printer, spliced, html)).StatusCode);
        var otherLanding = await printer.GetAsync("/delivery/" + otherLink.Token);
        var otherHtml = await otherLanding.Content.ReadAsStringAsync();
        Assert.DoesNotContain("printer-logo.png", otherHtml);
        using var otherZip = new ZipArchive(await (await PostDownloadAsync(printer, otherLink.Token, otherHtml)).Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
        Assert.Equal(other.Finals.Select(f => f.Name).Order(), otherZip.Entries.Select(e => e.FullName).Order());
    }

    [Fact]
    public async Task Expired_unknown_and_malformed_links_get_a_clear_page_and_no_files()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Expiring flyer", "Edda Expiry", "Finn Final");
        await h.HelpedAsync();
        // The web test silo runs on real time: a link of a few seconds is the shortest honest way to see one expire
        // that a busy machine still opens in time.
        var link = await h.Grain.CreateDeliveryLinkAsync(h.Staff, Printer, TimeSpan.FromSeconds(4), h.ForBuyer("phone call", "printer"));
        using var printer = app.NewApiClient();
        var fresh = await printer.GetAsync("/delivery/" + link.Token);
        var html = await fresh.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);

        await WaitUntilPastAsync(link.ExpiresAt);

        var expired = await printer.GetAsync("/delivery/" + link.Token);
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Contains("expired", await expired.Content.ReadAsStringAsync());
        AssertPrivate(expired);
        var late = await PostDownloadAsync(printer, link.Token, html);
        Assert.Equal(HttpStatusCode.Gone, late.StatusCode);
        Assert.NotEqual("application/zip", late.Content.Headers.ContentType?.MediaType);

        foreach (var token in new[] { link.Token + "x", "not-a-token", DeliveryLinkTokens.Create("p-doesnotexist/1", new byte[32]), DeliveryLinkTokens.Create("../../etc", new byte[32]) })
        {
            var unknown = await printer.GetAsync("/delivery/" + Uri.EscapeDataString(token));
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
            Assert.Contains("not valid", await unknown.Content.ReadAsStringAsync());
        }
        Assert.Null(Assert.Single((await h.Grain.GetAsync(h.Staff)).DeliveryLinks).UsedAt);
    }

    [Fact]
    public async Task A_final_missing_from_storage_refuses_the_download_and_leaves_the_link_unused()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Vanishing banner", "Vera Vanish", "Walt Werk");
        await h.HelpedAsync();
        var link = await h.Grain.CreateDeliveryLinkAsync(h.Staff, Printer, TimeSpan.FromDays(2), h.ForBuyer("phone call", "printer"));
        var pdf = (await h.Grain.PeekDeliveryLinkAsync(link.Token)).Files.Single(f => f.File.FileName.EndsWith(".pdf", StringComparison.Ordinal)).File;
        var blob = app.Azurite.CreateBlobServiceClient().GetBlobContainerClient(pdf.Container).GetBlobClient(pdf.BlobName);
        Assert.True((await blob.DeleteIfExistsAsync()).Value);
        using var printer = app.NewApiClient();
        var html = await (await printer.GetAsync("/delivery/" + link.Token)).Content.ReadAsStringAsync();

        var refused = await PostDownloadAsync(printer, link.Token, html);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.NotEqual("application/zip", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("this link still works", await refused.Content.ReadAsStringAsync());
        Assert.Null(Assert.Single((await h.Grain.GetAsync(h.Staff)).DeliveryLinks).UsedAt);

        // Once the file is back (restored by staff), the same link delivers everything, once.
        await blob.UploadAsync(BinaryData.FromBytes(h.Finals.Single(f => f.Name == pdf.FileName).Bytes));
        var delivered = await PostDownloadAsync(printer, link.Token, html);
        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        using var zip = new ZipArchive(await delivered.Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
        Assert.Equal(h.Finals.Select(f => f.Name).Order(), zip.Entries.Select(e => e.FullName).Order());
        Assert.NotNull(Assert.Single((await h.Grain.GetAsync(h.Staff)).DeliveryLinks).UsedAt);
    }

    [Fact]
    public async Task Download_attempts_are_rate_limited_like_sign_in()
    {
        var (web, address) = app.StartExtraWeb(new() { ["Marketplace:Web:SignInPermitsPerMinute"] = "2" });
        await using var _ = web;
        using var guesser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = address };
        var token = DeliveryLinkTokens.Create("p-doesnotexist/1", new byte[32]);
        // A refused link shows no form; any page with one gives the guesser a valid antiforgery token.
        var page = await (await guesser.GetAsync("/account/signin")).Content.ReadAsStringAsync();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++) statuses.Add((await PostDownloadAsync(guesser, token, page)).StatusCode);

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.NotFound, (await guesser.GetAsync("/delivery/" + token)).StatusCode);
    }

    /// <summary>Presses "Download files": the form's antiforgery token from the landing page (or any page of the site).</summary>
    private static Task<HttpResponseMessage> PostDownloadAsync(HttpClient client, string token, string landingHtml) =>
        client.PostAsync("/delivery/" + Uri.EscapeDataString(token), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryField().Match(landingHtml).Groups[1].Value,
        }));

    private static async Task WaitUntilPastAsync(DateTimeOffset moment)
    {
        var left = moment - DateTimeOffset.UtcNow;
        await Task.Delay((left > TimeSpan.Zero ? left : TimeSpan.Zero) + TimeSpan.FromMilliseconds(200));
    }

    private static void AssertPrivate(HttpResponseMessage response)
    {
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("no-referrer", string.Join(",", response.Headers.GetValues("Referrer-Policy")));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

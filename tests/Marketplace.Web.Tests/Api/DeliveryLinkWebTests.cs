using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Marketplace.Contracts.WrapUps;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Api;

/// <summary>
/// The printer's link, over plain HTTP as a mail client or printer would use it: opening it only describes the files;
/// the button uses it and sends the browser to exactly that handover's finals as one zip, which the link keeps
/// delivering, byte for byte and resumable, for its resume window.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed partial class DeliveryLinkWebTests(MarketplaceAppFixture app)
{
    private static readonly ThirdPartyRecipient Printer = new("Quick Print Ltd", "orders@quickprint.example");

    [Fact]
    public async Task Opening_the_link_does_not_use_it_and_the_download_is_exactly_this_handovers_finals_the_same_each_time()
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

        var download = await DownloadAsync(printer, link.Token, html);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/zip", download.Content.Headers.ContentType?.MediaType);
        AssertPrivate(download);
        var firstBytes = await download.Content.ReadAsByteArrayAsync();
        using (var zip = new ZipArchive(new MemoryStream(firstBytes), ZipArchiveMode.Read))
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

        // Pressing the button again within the window sends the same zip (the same bytes and ETag) and records no second use.
        var again = await DownloadAsync(printer, link.Token, html);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(download.Headers.ETag, again.Headers.ETag);
        Assert.Equal(firstBytes, await again.Content.ReadAsByteArrayAsync());
        var usedPage = await printer.GetAsync("/delivery/" + link.Token);
        Assert.Equal(HttpStatusCode.OK, usedPage.StatusCode);
        Assert.Contains("Download files again", await usedPage.Content.ReadAsStringAsync());
        var usedView = await h.Grain.GetAsync(h.BuyerActor);
        Assert.NotNull(Assert.Single(usedView.DeliveryLinks).UsedAt);
        Assert.Single(usedView.Timeline, t => t.Kind == "DeliveryLinkRedeemed");

        // The other handover's link is untouched, and its secret under this handover's key opens nothing.
        var spliced = link.Token[..link.Token.IndexOf('.')] + otherLink.Token[otherLink.Token.IndexOf('.')..];
        Assert.Equal(HttpStatusCode.NotFound, (await printer.GetAsync("/delivery/" + spliced)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostDownloadAsync(printer, spliced, html)).StatusCode);
        var otherLanding = await printer.GetAsync("/delivery/" + otherLink.Token);
        var otherHtml = await otherLanding.Content.ReadAsStringAsync();
        Assert.DoesNotContain("printer-logo.png", otherHtml);
        using var otherZip = new ZipArchive(await (await DownloadAsync(printer, otherLink.Token, otherHtml)).Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
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

        // Once the file is back (restored by staff), the same link delivers everything.
        await blob.UploadAsync(BinaryData.FromBytes(h.Finals.Single(f => f.Name == pdf.FileName).Bytes));
        var delivered = await DownloadAsync(printer, link.Token, html);
        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        using var zip = new ZipArchive(await delivered.Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
        Assert.Equal(h.Finals.Select(f => f.Name).Order(), zip.Entries.Select(e => e.FullName).Order());
        Assert.NotNull(Assert.Single((await h.Grain.GetAsync(h.Staff)).DeliveryLinks).UsedAt);
    }

    [Fact]
    public async Task The_link_s_zip_is_built_when_staff_make_it_and_one_still_building_leaves_the_link_unused_with_a_page_saying_when_to_press_again()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Ahead banner", "Ada Ahead", "Ben Built");
        await h.HelpedAsync();
        var link = await h.Grain.CreateDeliveryLinkAsync(h.Staff, Printer, TimeSpan.FromDays(2), h.ForBuyer("phone call", "printer"));
        var stored = await h.Grain.PeekDeliveryLinkAsync(link.Token);
        var zip = app.Azurite.CreateBlobServiceClient().GetBlobContainerClient(Marketplace.Contracts.StorageNames.Containers.Downloads)
            .GetBlobClient(stored.Zip().BlobName());

        // Nobody pressed anything: making the link asked for its zip.
        await WaitUntilAsync(async () => (await zip.ExistsAsync()).Value);
        // Removed (as the sweep does after a week); a web server that waits no time finds it still being built, as the
        // rebuild is held at its first read until the refusal is checked.
        await zip.DeleteAsync();
        var first = stored.Files[0].File;
        var hold = HeldReads.Of(first.Container, first.BlobName);
        var (web, address) = app.StartExtraWeb(new() { ["Marketplace:Web:ZipWait"] = "00:00:00" });
        await using var _ = web;
        using var printer = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = address };
        var html = await (await printer.GetAsync("/delivery/" + link.Token)).Content.ReadAsStringAsync();

        HttpResponseMessage early;
        using (hold) early = await PostDownloadAsync(printer, link.Token, html);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, early.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), early.Headers.RetryAfter!.Delta);
        var page = System.Net.WebUtility.HtmlDecode(await early.Content.ReadAsStringAsync());
        Assert.Contains("is being prepared. Try again in a minute: the download then starts at once. This link still works; nothing was used up.", page);
        Assert.Null(Assert.Single((await h.Grain.GetAsync(h.Staff)).DeliveryLinks).UsedAt);

        // Ready by the grain's word, not the blob's: the blob is whole a moment before the build says so.
        await WaitUntilAsync(async () => (await printer.GetStringAsync($"/delivery/{link.Token}/zip-status")).Contains("\"ready\""));
        var delivered = await DownloadAsync(printer, link.Token, html);
        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        using var files = new ZipArchive(await delivered.Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
        Assert.Equal(h.Finals.Select(f => f.Name).Order(), files.Entries.Select(e => e.FullName).Order());
        Assert.NotNull(Assert.Single((await h.Grain.GetAsync(h.Staff)).DeliveryLinks).UsedAt);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> done)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!await done()) await Task.Delay(100, timeout.Token);
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

    [Fact]
    public async Task A_dropped_download_resumed_with_a_range_joins_into_exactly_the_full_zip()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Trade show banner", "Tessa Trade", "Ravi Resume");
        await h.HelpedAsync();
        var link = await h.Grain.CreateDeliveryLinkAsync(h.Staff, Printer, TimeSpan.FromDays(2), h.ForBuyer("phone call", "print shop at the fair"));
        using var printer = app.NewApiClient();
        var zipPath = $"/delivery/{link.Token}/files.zip";

        // Before the button is pressed the zip's address only leads to the landing page, and uses nothing up.
        var early = await printer.GetAsync(zipPath);
        Assert.Equal(HttpStatusCode.Redirect, early.StatusCode);
        Assert.Equal("/delivery/" + link.Token, early.Headers.Location?.OriginalString);
        Assert.Null(Assert.Single((await h.Grain.GetAsync(h.Staff)).DeliveryLinks).UsedAt);

        var full = await DownloadAsync(printer, link.Token, await (await printer.GetAsync("/delivery/" + link.Token)).Content.ReadAsStringAsync());
        var whole = await full.Content.ReadAsByteArrayAsync();
        var etag = full.Headers.ETag!;
        Assert.True(etag.IsWeak is false);
        Assert.Equal("bytes", string.Join(",", full.Headers.AcceptRanges));

        // The connection drops at 80 %; the browser asks for the rest, naming the zip it has the start of.
        var cut = whole.Length * 4 / 5;
        using var first = new HttpRequestMessage(HttpMethod.Get, zipPath);
        first.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(0, cut - 1);
        var head = await printer.SendAsync(first);
        using var rest = new HttpRequestMessage(HttpMethod.Get, zipPath);
        rest.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(cut, null);
        rest.Headers.IfRange = new System.Net.Http.Headers.RangeConditionHeaderValue(etag);
        var tail = await printer.SendAsync(rest);

        Assert.Equal(HttpStatusCode.PartialContent, head.StatusCode);
        Assert.Equal(HttpStatusCode.PartialContent, tail.StatusCode);
        Assert.Equal($"bytes {cut}-{whole.Length - 1}/{whole.Length}", tail.Content.Headers.ContentRange?.ToString());
        var joined = (await head.Content.ReadAsByteArrayAsync()).Concat(await tail.Content.ReadAsByteArrayAsync()).ToArray();
        Assert.Equal(Convert.ToHexString(SHA256.HashData(whole)), Convert.ToHexString(SHA256.HashData(joined)));

        // A stale ETag gets the whole zip again rather than a splice of two archives; HEAD says the length without bytes.
        using var stale = new HttpRequestMessage(HttpMethod.Get, zipPath);
        stale.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(cut, null);
        stale.Headers.IfRange = new System.Net.Http.Headers.RangeConditionHeaderValue(new System.Net.Http.Headers.EntityTagHeaderValue("\"not-this-zip\""));
        var restarted = await printer.SendAsync(stale);
        Assert.Equal(HttpStatusCode.OK, restarted.StatusCode);
        Assert.Equal(whole.Length, (await restarted.Content.ReadAsByteArrayAsync()).Length);
        var probe = await printer.SendAsync(new HttpRequestMessage(HttpMethod.Head, zipPath));
        Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
        Assert.Equal(whole.Length, probe.Content.Headers.ContentLength);
        AssertPrivate(tail);
    }

    /// <summary>Presses "Download files" and follows the answer to the zip, as a browser does.</summary>
    private static async Task<HttpResponseMessage> DownloadAsync(HttpClient client, string token, string landingHtml)
    {
        var pressed = await PostDownloadAsync(client, token, landingHtml);
        if (pressed.StatusCode != HttpStatusCode.Redirect) return pressed;
        Assert.Equal($"/delivery/{token}/files.zip", pressed.Headers.Location?.OriginalString);
        return await client.GetAsync(pressed.Headers.Location);
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

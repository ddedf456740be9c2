using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Marketplace.Web.Tests.Performance;

/// <summary>
/// What a phone on a slow or metered link downloads besides the page: with <c>Save-Data: on</c> a 2× phone gets the small
/// previews (the lite thumbnails in a gallery, the phone size on an entry's page) instead of the sharper ones it picks
/// otherwise, and the pages say they vary with it; the stylesheet travels compressed and, at its versioned address, is
/// never fetched again; pages themselves are not compressed (they carry antiforgery tokens).
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed partial class SaveDataAndStylesheetTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task A_2x_phone_asking_to_save_data_gets_the_lite_gallery_previews_and_the_phone_size_entry_preview()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Sally Saver");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Dora Data");
        var projectId = await buyer.OpenProjectAsync("Market stall sign " + Guid.NewGuid().ToString("N")[..6]);
        var entryIds = new List<string>();
        for (var i = 0; i < 4; i++) entryIds.Add(await creative.SubmitEntryAsync(projectId, DemoArt.Logo("Stall", "v" + i, 20 + i, 1200, 900)));
        var gallery = await buyer.ReadAsync(await buyer.Http.GetAsync($"/api/v1/projects/{projectId}/gallery"));
        var blobs = gallery.GetProperty("items").EnumerateArray().ToDictionary(
            item => item.GetProperty("entryId").GetString()!,
            item => item.GetProperty("previews").GetProperty("images").EnumerateArray().ToDictionary(i => i.GetProperty("size").GetString()!, i => i.GetProperty("blobName").GetString()!));

        foreach (var saveData in new[] { false, true })
        {
            await using var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = app.BaseAddress.ToString(),
                ViewportSize = new ViewportSize { Width = 390, Height = 844 },
                DeviceScaleFactor = 2,
                IsMobile = true,
                HasTouch = true,
                ExtraHTTPHeaders = saveData ? new Dictionary<string, string> { ["Save-Data"] = "on" } : null,
            });
            var page = await context.NewPageAsync();
            var response = await page.GotoAsync($"/projects/{projectId}", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
            Assert.Contains("Save-Data", await response!.HeaderValueAsync("vary") ?? "");
            var chosen = await page.Locator(".gallery img").EvaluateAllAsync<string[]>("imgs => imgs.map(i => i.currentSrc)");
            Assert.Equal(4, chosen.Length);
            var expected = saveData ? "lite" : "phone";
            Assert.All(chosen, src => Assert.Contains(blobs.Values.Select(b => b[expected]), blob => src.EndsWith(blob, StringComparison.Ordinal)));

            await page.GotoAsync("/entries/" + entryIds[0], new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
            var large = await page.Locator(".entry-view figure img").EvaluateAsync<string>("img => img.currentSrc");
            Assert.EndsWith(blobs[entryIds[0]][saveData ? "phone" : "desktop"], large);
            await MarketplaceAppFixture.ScreenshotAsync(page, saveData ? "entry-save-data-2x-390" : "entry-2x-390");
        }
    }

    [Fact]
    public async Task The_stylesheet_is_compressed_and_cached_for_good_at_its_versioned_address_and_pages_are_not_compressed()
    {
        using var client = app.NewApiClient();
        using var home = new HttpRequestMessage(HttpMethod.Get, "/");
        home.Headers.AcceptEncoding.ParseAdd("br, gzip");
        var page = await client.SendAsync(home);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Empty(page.Content.Headers.ContentEncoding);
        var href = Stylesheet().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
        Assert.Contains("?v=", href);

        using var css = new HttpRequestMessage(HttpMethod.Get, href);
        css.Headers.AcceptEncoding.ParseAdd("gzip");
        var compressed = await client.SendAsync(css);
        Assert.Equal(HttpStatusCode.OK, compressed.StatusCode);
        Assert.Equal(["gzip"], compressed.Content.Headers.ContentEncoding);
        Assert.Equal(CacheControlHeaderValue.Parse("public, max-age=31536000, immutable"), compressed.Headers.CacheControl);
        var wire = await compressed.Content.ReadAsByteArrayAsync();
        using var unzip = new System.IO.Compression.GZipStream(new MemoryStream(wire), System.IO.Compression.CompressionMode.Decompress);
        using var text = new StreamReader(unzip);
        var stylesheet = await text.ReadToEndAsync();
        Assert.Contains(".final-files", stylesheet);
        Assert.True(wire.Length * 3 < stylesheet.Length, $"{wire.Length} bytes on the wire for a {stylesheet.Length}-character stylesheet");

        // Without the version the address may change content, so it is only kept for a day.
        var bare = await client.GetAsync("/css/site.css");
        Assert.Equal(TimeSpan.FromDays(1), bare.Headers.CacheControl?.MaxAge);
        Assert.False(bare.Headers.CacheControl?.Extensions.Any(e => e.Name == "immutable"));
    }

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"([^\"]+)\"")]
    private static partial Regex Stylesheet();
}

using System.Net;
using System.Text.Json;
using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Infrastructure;
using static Marketplace.Web.Tests.Browser.Journey;

namespace Marketplace.Web.Tests.Browser;

/// <summary>
/// The entry's large preview in Chromium: on a 1280 px laptop it fills its column from the 960 px preview (never a
/// smaller one stretched or left short with a grey gap beside it); on a 360 px phone the 480 px one is enough.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class EntryPreviewSizeTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task The_entry_preview_fills_its_column_at_1280_px_from_the_960_px_preview_and_a_phone_gets_the_480_px_one()
    {
        using var buyerApi = await ApiSession.SignUpAsync(app, "buyer", "Oscar Wide");
        using var creativeApi = await ApiSession.SignUpAsync(app, "creative", "Mira Sharp");
        var projectId = await buyerApi.OpenProjectAsync("Hill Farm honey label " + Guid.NewGuid().ToString("N")[..6]);
        var entry = await creativeApi.ReadAsync(await creativeApi.UploadAsync($"/api/v1/projects/{projectId}/entries", "file", "honey.png",
            DemoArt.Logo("Hill Farm", "honey", 7, 1200, 900)), HttpStatusCode.Created);
        var entryId = entry.GetProperty("id").GetString()!;
        var images = (await buyerApi.ReadAsync(await buyerApi.Http.GetAsync($"/api/v1/entries/{entryId}"))).GetProperty("previews").GetProperty("images");
        string BlobOf(string size) => images.EnumerateArray().Single(i => i.GetProperty("size").GetString() == size).GetProperty("blobName").GetString()!;

        await using var laptop = await app.NewContextAsync();
        var page = await laptop.NewPageAsync();
        await SignInAsync(page, buyerApi.Email);
        // The gallery first, as the buyer goes: its thumbnails put the 480 px preview in the browser's cache.
        await page.GotoAsync("/projects/" + projectId);
        await page.GotoAsync("/entries/" + entryId);
        var wide = await MeasureAsync(page);
        await ShotAsync(page, "entry-preview-1280");

        Assert.EndsWith(BlobOf("desktop"), wide.CurrentSrc);
        Assert.True(wide.NaturalWidth >= wide.RenderedWidth, $"a {wide.NaturalWidth} px image shown {wide.RenderedWidth} px wide");
        Assert.True(Math.Abs(wide.RenderedWidth - wide.ColumnWidth) < 1, $"the image is {wide.RenderedWidth} px in a {wide.ColumnWidth} px column");
        Assert.True(wide.ColumnWidth > 600, $"column {wide.ColumnWidth} px");

        await using var phoneContext = await app.NewContextAsync(phone: true);
        var phone = await phoneContext.NewPageAsync();
        await SignInAsync(phone, buyerApi.Email);
        await phone.GotoAsync("/entries/" + entryId);
        var narrow = await MeasureAsync(phone);

        Assert.EndsWith(BlobOf("phone"), narrow.CurrentSrc);
        Assert.True(narrow.NaturalWidth >= narrow.RenderedWidth, $"a {narrow.NaturalWidth} px image shown {narrow.RenderedWidth} px wide");
        Assert.True(Math.Abs(narrow.RenderedWidth - narrow.ColumnWidth) < 1, $"the image is {narrow.RenderedWidth} px in a {narrow.ColumnWidth} px column");
    }

    private sealed record Measure(string CurrentSrc, double NaturalWidth, double RenderedWidth, double ColumnWidth);

    private static async Task<Measure> MeasureAsync(Microsoft.Playwright.IPage page)
    {
        var json = await page.EvaluateAsync<JsonElement>("""
            async () => {
                const img = document.querySelector('.entry-view figure img');
                await img.decode();
                // With srcset, naturalWidth is scaled to the slot; a plain image of the chosen file gives its own pixels.
                const chosen = new Image();
                chosen.src = img.currentSrc;
                await chosen.decode();
                return { currentSrc: img.currentSrc, naturalWidth: chosen.naturalWidth,
                         renderedWidth: img.getBoundingClientRect().width,
                         columnWidth: img.closest('figure').getBoundingClientRect().width };
            }
            """);
        return new Measure(json.GetProperty("currentSrc").GetString()!, json.GetProperty("naturalWidth").GetDouble(),
            json.GetProperty("renderedWidth").GetDouble(), json.GetProperty("columnWidth").GetDouble());
    }
}

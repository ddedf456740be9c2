using Marketplace.Web.Tests.Infrastructure;
using static Marketplace.Web.Tests.Browser.Journey;

namespace Marketplace.Web.Tests.Browser;

/// <summary>
/// A buyer reviews a delivery on a 390 px phone and on a laptop: a final the site cannot preview (a PDF) still shows its
/// name, format and size under its grey box, as the PNG beside it does, so she knows which file she is approving.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class HandoverFilesPhoneTests(MarketplaceAppFixture app)
{
    private const string CaptionInsideFigure = """
        li => { const f = li.querySelector('figure').getBoundingClientRect(), c = li.querySelector('figcaption').getBoundingClientRect();
                return c.height > 0 && c.top >= f.top && c.bottom <= f.bottom + 0.5; }
        """;

    [Fact]
    public async Task A_final_without_a_preview_shows_its_file_name_and_size_under_its_box_at_390_px_and_on_a_laptop()
    {
        using var handover = await StaffedHandover.DeliveredAsync(app, "Tidewater flyer", "Bea Reviewer", "Mira Finals");

        foreach (var width in new[] { 390, 1280 })
        {
            await using var context = await app.NewContextAsync(phone: width < 600);
            var page = await context.NewPageAsync();
            await page.SetViewportSizeAsync(width, 844);
            await SignInAsync(page, handover.Buyer.Email);
            await page.GotoAsync("/wrapups/" + handover.WrapUpId);

            var files = page.Locator("#files-heading ~ .final-files > li");
            Assert.Equal(2, await files.CountAsync());
            var pdf = files.Filter(new() { Has = page.Locator(".no-preview") });
            Assert.Equal(1, await pdf.CountAsync());
            Assert.True(await pdf.EvaluateAsync<bool>(CaptionInsideFigure), $"At {width} px the PDF's caption is cut off by its figure.");
            Assert.True(await files.First.EvaluateAsync<bool>(CaptionInsideFigure), $"At {width} px the PNG's caption is cut off by its figure.");
            Assert.Equal("tidewater-print.pdf", (await pdf.Locator(".file-name").InnerTextAsync()).Trim());
            Assert.StartsWith("PDF ·", (await pdf.Locator("figcaption .muted").InnerTextAsync()).Trim());
            await ShotAsync(page, $"handover-files-without-preview-{width}");
        }
    }

    [Fact]
    public async Task A_pdf_finals_first_page_fills_the_column_of_a_390_px_phone_and_says_which_page_it_is()
    {
        var word = "Fairstand" + Guid.NewGuid().ToString("N")[..4];
        (string Name, byte[] Bytes)[] finals =
        [
            ("fair-stand.pdf", Marketplace.Web.Demo.DemoArt.BrandSheetPdf(word, "trade show", 4, pages: 4, 600, 900)),
            ("fair-logo.png", Marketplace.Web.Demo.DemoArt.Logo(word, "trade show", 4, 800, 600)),
        ];
        using var handover = await StaffedHandover.DeliveredAsync(app, "Fair stand", "Bea Booth", "Mira Print", finals);
        await using var context = await app.NewContextAsync(phone: true);
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await SignInAsync(page, handover.Buyer.Email);
        await page.GotoAsync("/wrapups/" + handover.WrapUpId);

        var pdf = page.Locator("#files-heading ~ .final-files > li").First;
        var preview = pdf.GetByRole(Microsoft.Playwright.AriaRole.Img, new() { Name = "Preview of fair-stand.pdf" });
        await preview.ScrollIntoViewIfNeededAsync();
        Assert.True(await preview.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the PDF's preview did not load");
        var box = (await preview.BoundingBoxAsync())!;
        Assert.InRange(box.Width, 300, 390);
        Assert.True(box.Height > box.Width, "a portrait page previews portrait");
        Assert.Equal("Page 1 of 4", (await pdf.Locator("figcaption .muted").Last.InnerTextAsync()).Trim());
        Assert.True(await pdf.EvaluateAsync<bool>(CaptionInsideFigure), "the PDF's caption is cut off by its figure");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), "the page scrolls sideways at 390 px");
        await ShotAsync(page, "handover-pdf-preview-390");
    }

    [Fact]
    public async Task The_buyer_of_a_completed_handover_takes_all_files_in_one_tap_at_390_px()
    {
        using var handover = await StaffedHandover.DeliveredAsync(app, "Harbour menu " + Guid.NewGuid().ToString("N")[..4], "Bea Phone", "Mira Zip");
        await Api.AllFinalsDownloadTests.CompleteAsync(handover);
        await using var context = await app.NewContextAsync(phone: true);
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await SignInAsync(page, handover.Buyer.Email);
        await page.GotoAsync("/wrapups/" + handover.WrapUpId);

        var button = page.Locator("[data-download-all]");
        var size = Marketplace.Web.Presentation.Display.Bytes(handover.Finals.Sum(f => (long)f.Bytes.Length));
        Assert.Equal($"Download all files (zip, {size})", (await button.InnerTextAsync()).Trim());
        var box = (await button.BoundingBoxAsync())!;
        Assert.True(box.X >= 0 && box.X + box.Width <= 390 && box.Height >= 44, $"the button is {box.Width}x{box.Height} at {box.X}");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), "the page scrolls sideways at 390 px");
        await ShotAsync(page, "handover-download-all-390");

        var download = await page.RunAndWaitForDownloadAsync(() => button.ClickAsync());
        Assert.EndsWith(" - final files.zip", download.SuggestedFilename);
        using var zip = new System.IO.Compression.ZipArchive(File.OpenRead((await download.PathAsync())!), System.IO.Compression.ZipArchiveMode.Read);
        Assert.Equal(handover.Finals.Select(f => f.Name).Append("README.txt"), zip.Entries.Select(e => e.FullName));
    }
}

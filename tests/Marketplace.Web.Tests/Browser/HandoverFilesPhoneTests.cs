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
}

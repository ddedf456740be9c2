using System.IO.Compression;
using Marketplace.Web.Tests.Infrastructure;
using static Marketplace.Web.Tests.Browser.Journey;

namespace Marketplace.Web.Tests.Browser;

/// <summary>
/// A buyer on a 390 px phone reviews a brand delivery she cannot open there: the typeface as a specimen in it, what the
/// zip holds (and that its PDF meets the brief), and an Illustrator file only Illustrator can show, with what to do.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class HandoverFontsAndZipsPhoneTests(MarketplaceAppFixture app)
{
    private const string FontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

    [Fact]
    public async Task The_buyer_sees_the_fonts_specimen_the_zips_contents_and_what_to_do_about_an_illustrator_file_at_390_px()
    {
        Assert.True(File.Exists(FontPath), $"{FontPath} is missing: install fonts-dejavu-core (./test.sh installs it from .ci/apt-packages).");
        var word = "Spokes" + Guid.NewGuid().ToString("N")[..4];
        (string Name, byte[] Bytes)[] finals =
        [
            ("brand-sans.ttf", await File.ReadAllBytesAsync(FontPath)),
            ("brand.zip", Zip(12, word)),
            ("logo.png", Marketplace.Web.Demo.DemoArt.Logo(word, "final", 4, 800, 600)),
            ("logo.ai", [0x00, 0x11, .. System.Text.Encoding.ASCII.GetBytes($"Illustrator private data {word}")]),
        ];
        using var handover = await StaffedHandover.DeliveredAsync(app, word + " brand", "Bea Brand", "Mira Type", finals);
        await using var context = await app.NewContextAsync(phone: true);
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await SignInAsync(page, handover.Buyer.Email);
        await page.GotoAsync("/wrapups/" + handover.WrapUpId);

        var files = page.Locator("#files-heading ~ .final-files > li");
        var font = files.Nth(0);
        var specimen = font.GetByRole(Microsoft.Playwright.AriaRole.Img, new() { NameRegex = new("^Type specimen of DejaVu Sans \\(brand-sans\\.ttf\\)") });
        await specimen.ScrollIntoViewIfNeededAsync();
        Assert.True(await specimen.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the font's specimen did not load");
        Assert.InRange((await specimen.BoundingBoxAsync())!.Width, 300, 390);
        Assert.Equal("Typeface: DejaVu Sans", (await font.Locator("[data-font-name]").InnerTextAsync()).Trim());

        var zip = files.Nth(1).Locator("[data-zip-listing]");
        Assert.Equal("Holds 12 files, 12 KB unpacked.", (await zip.Locator("p").First.InnerTextAsync()).Trim());
        Assert.Equal(8, await zip.Locator("li").CountAsync());
        Assert.StartsWith($"{word}/logo.pdf", (await zip.Locator("li").First.InnerTextAsync()).Trim());
        Assert.Equal("and 4 more", (await zip.Locator("p").Last.InnerTextAsync()).Trim());
        var pdfCheck = page.Locator(".format-checklist li", new() { HasText = "PDF" });
        Assert.Contains("logo.pdf inside brand.zip", await pdfCheck.InnerTextAsync(), StringComparison.Ordinal);

        var illustrator = files.Nth(3).Locator("[data-illustrator-only]");
        Assert.Equal(
            "This Illustrator file was saved without PDF compatibility, so it can't be previewed here. Ask Mira Type to add a PDF of it, or ask our staff to check it for you.",
            System.Text.RegularExpressions.Regex.Replace(await illustrator.InnerTextAsync(), @"\s+", " ").Trim());
        Assert.Equal("#help-heading", await illustrator.GetByRole(Microsoft.Playwright.AriaRole.Link).GetAttributeAsync("href"));

        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), "the page scrolls sideways at 390 px");
        await ShotAsync(page, "handover-font-zip-illustrator-390");
        Axe.AssertNone(await Axe.ViolationsAsync(app, p => SignInAsync(p, handover.Buyer.Email), 390, new PageCheck("/wrapups/" + handover.WrapUpId, "font, zip and Illustrator finals")));
    }

    /// <summary>A brand zip of <paramref name="count"/> 1 KB files, its PDF first, in a folder as Finder zips one.</summary>
    private static byte[] Zip(int count, string folder)
    {
        var bytes = new MemoryStream();
        using (var archive = new ZipArchive(bytes, ZipArchiveMode.Create, leaveOpen: true))
        {
            for (var i = 0; i < count; i++)
            {
                var name = i == 0 ? "logo.pdf" : $"social/post-{i:D2}.png";
                using var entry = archive.CreateEntry($"{folder}/{name}").Open();
                entry.Write(new byte[1024]);
            }
        }

        return bytes.ToArray();
    }
}

using Marketplace.Contracts;
using Marketplace.Web.Presentation;
using Marketplace.Web.Tests.Api;
using Marketplace.Web.Tests.Infrastructure;
using static Marketplace.Web.Tests.Browser.Journey;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.Web.Tests.Browser;

/// <summary>
/// A buyer on a 390 px phone opens a completed handover whose zip is still being built: the button says "Preparing your
/// zip…" (with a "Check again" link that works without JavaScript), and turns into the download link by itself once
/// the zip is stored, without a reload. The build is held half-way by holding its first read (<see cref="HeldReads"/>).
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class ZipButtonPhoneTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task On_a_390_px_phone_the_button_says_preparing_while_the_zip_is_built_then_becomes_the_download_link_without_a_reload()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Phone zip " + Guid.NewGuid().ToString("N")[..4], "Bea Phone", "Dev Zipper");
        await AllFinalsDownloadTests.CompleteAsync(h);
        await app.RemoveAheadBuiltZipAsync(await h.ZipNameAsync());
        var first = (await h.Grain.GetFinalsForDownloadAsync(h.BuyerActor))[0].File;
        var size = Display.Bytes(h.Finals.Sum(f => (long)f.Bytes.Length));
        var path = "/wrapups/" + h.WrapUpId;

        using (var hold = HeldReads.Of(first.Container, first.BlobName))
        {
            Axe.AssertNone(await Axe.ViolationsAsync(app, p => SignInAsync(p, h.Buyer.Email), 390,
                new PageCheck(path, "zip being prepared", p => Expect(p.Locator("[data-zip-when=preparing]")).ToBeVisibleAsync())));

            await using var context = await app.NewContextAsync(phone: true, phoneWidth: 390);
            var page = await context.NewPageAsync();
            await SignInAsync(page, h.Buyer.Email);
            await page.GotoAsync(path);
            var preparing = page.Locator("[data-zip-when=preparing]");
            var download = page.Locator("[data-download-all]");
            await Expect(preparing).ToBeVisibleAsync();
            await Expect(preparing).ToContainTextAsync($"Preparing your zip of {size}… this usually takes under a minute.");
            Assert.Equal(path + "#download-all", await preparing.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Check again" }).GetAttributeAsync("href"));
            await Expect(download).ToBeHiddenAsync();
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), "The preparing notice is wider than the phone.");
            await ShotAsync(page, "zip-button-preparing-390");
            await page.EvaluateAsync("() => { window.sameDocument = true; }");

            hold.Dispose();

            await Expect(download).ToBeVisibleAsync(new() { Timeout = 40_000 });
            await Expect(download).ToHaveTextAsync($"Download all files (zip, {size})");
            await Expect(preparing).ToBeHiddenAsync();
            Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"), "The page reloaded instead of updating itself.");
            Assert.Equal("ready", await page.Locator("#download-all").GetAttributeAsync("data-zip-state"));
            Assert.Equal(path + "/files/all.zip", await download.GetAttributeAsync("href"));
            await ShotAsync(page, "zip-button-ready-390");
        }

        Axe.AssertNone(await Axe.ViolationsAsync(app, p => SignInAsync(p, h.Buyer.Email), 390,
            new PageCheck(path, "zip ready", p => Expect(p.Locator("[data-download-all]")).ToBeVisibleAsync())));
    }
}

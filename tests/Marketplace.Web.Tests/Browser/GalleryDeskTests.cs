using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Marketplace.Web.Tests.Browser.Journey;

namespace Marketplace.Web.Tests.Browser;

/// <summary>
/// A buyer at a 1280 px desk judging entries: "See the entries" on My projects opens the project at its gallery (not at
/// the brief and questions a screen above), and the tiles are large enough to judge a logo by (five across, each over
/// 200 px, where 150 px tiles made seven small ones), while a 390 px phone keeps its two columns. Read on the demo's
/// Crumb & Co contest (five entries).
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class GalleryDeskTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task See_the_entries_opens_the_gallery_in_view_with_five_tiles_over_200_px_across_a_1280_px_desk()
    {
        await app.DemoSeeded;
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, "bea@demo.marketplace", DemoSeeder.Password);
        await page.GotoAsync("/buyer/projects");

        await page.GetByRole(AriaRole.Link, new() { Name = "See the entries of Logo for Crumb & Co bakery" }).ClickAsync();
        await ArrivedAsync(page, "/projects/p-demo-crumb#entries");

        var header = (await page.Locator(".site-header").BoundingBoxAsync())!;
        var heading = (await page.Locator("#entries").BoundingBoxAsync())!;
        Assert.True(heading.Y >= header.Y + header.Height, $"the Entries heading ({heading.Y}) is under the sticky header (ends at {header.Y + header.Height})");
        var tiles = page.Locator(".gallery > li");
        var boxes = new List<LocatorBoundingBoxResult>();
        for (var i = 0; i < await tiles.CountAsync(); i++) boxes.Add((await tiles.Nth(i).BoundingBoxAsync())!);
        Assert.Equal(5, boxes.Count);
        Assert.All(boxes, b => Assert.InRange(b.Width, 200, 260));
        Assert.Single(boxes.Select(b => Math.Round(b.Y)).Distinct());
        Assert.True(boxes[0].Y + boxes[0].Height <= 900, "the first row of entries is not wholly in view");
        await ShotAsync(page, "gallery-desk-1280");
    }

    [Fact]
    public async Task On_a_390_px_phone_the_gallery_keeps_two_columns_with_no_sideways_scroll()
    {
        await app.DemoSeeded;
        await using var context = await app.NewContextAsync(phone: true, phoneWidth: 390);
        var page = await context.NewPageAsync();
        await SignInAsync(page, "bea@demo.marketplace", DemoSeeder.Password);
        await page.GotoAsync("/projects/p-demo-crumb#entries");

        var tiles = page.Locator(".gallery > li");
        var first = (await tiles.Nth(0).BoundingBoxAsync())!;
        var second = (await tiles.Nth(1).BoundingBoxAsync())!;
        var third = (await tiles.Nth(2).BoundingBoxAsync())!;
        Assert.Equal(Math.Round(first.Y), Math.Round(second.Y));
        Assert.True(third.Y > first.Y, "a third tile shares the first row on a 390 px phone");
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 390);
        Axe.AssertNone(await Axe.ViolationsAsync(app, p => SignInAsync(p, "bea@demo.marketplace", DemoSeeder.Password), 390,
            new PageCheck("/projects/p-demo-crumb", "the buyer's gallery", Desktop: true),
            new PageCheck("/buyer/projects", Desktop: true)));
    }
}

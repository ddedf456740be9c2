using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Marketplace.Web.Tests.Browser.Journey;

namespace Marketplace.Web.Tests.Browser;

/// <summary>
/// Closing entries early on a 390 px phone in Chromium: the buyer's way from the project to the confirmation and back to
/// the choosing view, and the demo's Hill Farm contest (closed early by the seeder) as its buyer and a creative see it,
/// each page fitting the phone and free of axe violations (WCAG 2.2 A/AA and best practices).
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class CloseEntriesPhoneTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task The_buyer_closes_entries_from_a_390_px_phone_and_the_demo_contest_reads_right_to_its_buyer_and_a_creative()
    {
        await app.DemoSeeded;
        using var buyerApi = await ApiSession.SignUpAsync(app, "buyer", "Philippa Closeworthy-Hargreaves");
        using var creativeApi = await ApiSession.SignUpAsync(app, "creative", "Cy Contender");
        var projectId = await buyerApi.OpenProjectAsync("Riverside allotments open day banner and a matching flyer");
        await creativeApi.SubmitEntryAsync(projectId, DemoArt.Logo("Allotments", "entry", 2, 400, 300));
        var confirmPath = $"/projects/{projectId}/close-entries";

        var confirmViolations = await Axe.ViolationsAsync(app, page => SignInAsync(page, buyerApi.Email), 390,
            new PageCheck(confirmPath, "the confirmation before closing entries"));

        await using var context = await app.NewContextAsync(phone: true, phoneWidth: 390);
        var page = await context.NewPageAsync();
        await SignInAsync(page, buyerApi.Email);
        await page.GotoAsync("/projects/" + projectId);
        await page.ClickAsync("[data-close-entries-link]");
        await ArrivedAsync(page, confirmPath);
        await ShouldSeeAsync(page, "This cannot be undone.");
        await ExpectFitsAsync(page, "the confirmation");
        await ShotAsync(page, "94-close-entries-confirm-phone");
        await page.ClickAsync("button:has-text('Yes, close entries now')");
        await ArrivedAsync(page, $"/projects/{projectId}");
        await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync("Entries are closed. Choose a winner by");
        await Assertions.Expect(page.Locator("[data-choose-by]")).ToContainTextAsync("Choose a winner by");
        await ExpectFitsAsync(page, "choosing after closing early");

        // The demo: Oscar closed Hill Farm early; he compares and may award its entries, Mira reads until when he chooses.
        await using var oscarContext = await app.NewContextAsync(phone: true, phoneWidth: 390);
        var oscar = await oscarContext.NewPageAsync();
        await SignInAsync(oscar, "oscar@demo.marketplace", DemoSeeder.Password);
        await oscar.GotoAsync("/projects/p-demo-honey");
        await Assertions.Expect(oscar.Locator("[data-choose-by]")).ToContainTextAsync("Choose a winner by");
        await Assertions.Expect(oscar.Locator(".gallery li")).ToHaveCountAsync(3);
        await ExpectFitsAsync(oscar, "the demo contest, as its buyer");
        await ShotAsync(oscar, "95-demo-choosing-buyer-phone");
        await oscar.Locator(".gallery a.thumb").First.ClickAsync();
        await ArrivedAsync(oscar, "/entries/[^/]+");
        await Assertions.Expect(oscar.GetByRole(AriaRole.Link, new() { Name = "Award this entry" })).ToBeVisibleAsync();
        await Assertions.Expect(oscar.GetByRole(AriaRole.Button, new() { Name = "4 of 5 stars" })).ToBeVisibleAsync();

        await using var miraContext = await app.NewContextAsync(phone: true, phoneWidth: 390);
        var mira = await miraContext.NewPageAsync();
        await SignInAsync(mira, "mira@demo.marketplace", DemoSeeder.Password);
        await mira.GotoAsync("/projects/p-demo-honey");
        await Assertions.Expect(mira.Locator("[data-choosing]")).ToContainTextAsync("Entries closed early");
        await Assertions.Expect(mira.Locator("[data-choosing]")).ToContainTextAsync("The buyer is choosing a winner until");
        await ExpectFitsAsync(mira, "the demo contest, as a creative");
        await ShotAsync(mira, "96-demo-choosing-creative-phone");

        var demoViolations = await Axe.ViolationsAsync(app, p => SignInAsync(p, "oscar@demo.marketplace", DemoSeeder.Password), 390,
            new PageCheck("/projects/p-demo-honey", "the demo contest closed early, as its buyer"));
        var creativeViolations = await Axe.ViolationsAsync(app, p => SignInAsync(p, "mira@demo.marketplace", DemoSeeder.Password), 390,
            new PageCheck("/projects/p-demo-honey", "the demo contest closed early, as a creative"));
        Axe.AssertNone([.. confirmViolations, .. demoViolations, .. creativeViolations]);
    }

    private static async Task ExpectFitsAsync(IPage page, string state)
    {
        var tooWide = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 391).slice(0, 5).map(e => e.tagName + '.' + e.className)");
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 390 && tooWide.Length == 0, $"The page ({state}) is {scrollWidth} px wide on a 390 px phone: {string.Join(", ", tooWide)}");
    }
}

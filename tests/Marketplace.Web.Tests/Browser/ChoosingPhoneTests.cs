using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Marketplace.Web.Tests.Browser.Journey;

namespace Marketplace.Web.Tests.Browser;

/// <summary>The buyer's project on a 390 px phone: giving an open contest more time, then choosing a winner by a date (on the test clock, so entries close).</summary>
[Collection(ClockedAppCollection.Name)]
public sealed class ChoosingPhoneTests(ClockedAppFixture app)
{
    [Fact]
    public async Task The_buyers_project_fits_a_390_px_phone_while_open_with_more_time_offered_and_while_choosing_a_winner()
    {
        using var buyerApi = await ApiSession.SignUpAsync(app, "buyer", "Wilhelmina Chooseworthy-Baptiste");
        using var creativeApi = await ApiSession.SignUpAsync(app, "creative", "Cy Contender");
        var projectId = await buyerApi.OpenProjectAsync("Seaside ice-cream kiosk signage and a menu board for summer");
        await creativeApi.SubmitEntryAsync(projectId, DemoArt.Logo("Kiosk", "entry", 2, 400, 300));
        await using var context = await app.NewContextAsync(phone: true, phoneWidth: 390);
        var page = await context.NewPageAsync();
        await SignInAsync(page, buyerApi.Email);

        await page.GotoAsync("/projects/" + projectId);
        await page.ClickAsync("[data-extend-entries] summary");
        await Assertions.Expect(page.Locator("[data-extend-entries] input[type=date]")).ToBeVisibleAsync();
        await ExpectFitsAsync(page, "open, with the extension form");
        await ShotAsync(page, "92-project-extend-entries-phone");

        var deadline = (await buyerApi.ReadAsync(await buyerApi.Http.GetAsync("/api/v1/projects/" + projectId))).GetProperty("entryDeadline").GetDateTimeOffset();
        app.Advance(deadline - app.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        await page.GotoAsync("/projects/" + projectId);

        await Assertions.Expect(page.Locator("[data-choose-by]")).ToContainTextAsync("Choose a winner by");
        await ExpectFitsAsync(page, "choosing a winner");
        await ShotAsync(page, "93-project-choose-winner-phone");
    }

    private static async Task ExpectFitsAsync(IPage page, string state)
    {
        var tooWide = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 391).slice(0, 5).map(e => e.tagName + '.' + e.className)");
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 390 && tooWide.Length == 0, $"The buyer's project page ({state}) is {scrollWidth} px wide on a 390 px phone: {string.Join(", ", tooWide)}");
    }
}

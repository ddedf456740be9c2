using Marketplace.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Marketplace.Web.Tests.Browser.Journey;

namespace Marketplace.Web.Tests.Browser;

/// <summary>The entry page's newer cards (versions, the removed entry for staff and its creative, the decline) on 360 and 390 px phones.</summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class EntryPagePhoneTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task The_versions_removed_and_declined_cards_fit_a_phone_for_staff_the_creative_and_the_buyer()
    {
        using var buyerApi = await ApiSession.SignUpAsync(app, "buyer", "Penelope Phoneworthy-Lancaster");
        using var creativeApi = await ApiSession.SignUpAsync(app, "creative", "Maximiliana Versionsdottir");
        using var staffApi = await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        var projectId = await buyerApi.OpenProjectAsync("Seaside ice-cream kiosk signage and menu board");
        var removedId = await creativeApi.SubmitEntryAsync(projectId);
        await creativeApi.ReviseEntryAsync(removedId, "Kiosk", "Bigger cone, pastel stripes and the opening hours moved under the name.");
        await staffApi.ReadAsync(await staffApi.PostJsonAsync($"/api/v1/staff/entries/{removedId}/remove",
            new { reason = "The cone traces a stock illustration (https://stock.example/illustrations/ice-cream-cone-vintage-pastel-4481723)." }));
        var declinedId = await creativeApi.SubmitEntryAsync(projectId);
        await buyerApi.ReadAsync(await buyerApi.PostJsonAsync($"/api/v1/entries/{declinedId}/decline",
            new { reason = "Lovely,butthecolourpalettedoesnotmatchourexistingshopfrontatall-sorry!" }));

        await using var context = await app.NewContextAsync(phone: true);
        var staff = await context.NewPageAsync();
        await StaffJourney.SignInAsync(staff, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        await staff.GotoAsync("/entries/" + removedId);
        await Assertions.Expect(staff.Locator("[data-staff-outcome]")).ToContainTextAsync("Removed by");
        await Assertions.Expect(staff.Locator("[data-versions]")).ToContainTextAsync("Bigger cone");
        await ExpectFitsAsync(staff, "staff on a removed entry");
        await ShotAsync(staff, "87-entry-removed-staff-phone");

        await using var creativeContext = await app.NewContextAsync(phone: true);
        var creative = await creativeContext.NewPageAsync();
        await SignInAsync(creative, creativeApi.Email);
        await creative.GotoAsync("/entries/" + removedId);
        await Assertions.Expect(creative.Locator("[data-outcome=removed]")).ToContainTextAsync("Removed by Marketplace staff");
        await ExpectFitsAsync(creative, "the creative on their removed entry");

        await using var buyerContext = await app.NewContextAsync(phone: true);
        var buyer = await buyerContext.NewPageAsync();
        await SignInAsync(buyer, buyerApi.Email);
        await buyer.GotoAsync("/entries/" + declinedId);
        await Assertions.Expect(buyer.Locator("[data-outcome=declined]")).ToContainTextAsync("You declined this entry");
        await ExpectFitsAsync(buyer, "the buyer on a declined entry");
        await ShotAsync(buyer, "88-entry-declined-buyer-phone");
    }

    /// <summary>
    /// At 360 and 390 px, with every disclosure open, nothing reaches past the phone's width. Measured against the
    /// width, not window.innerWidth: a mobile browser zooms out to fit a page that overflows.
    /// </summary>
    private static async Task ExpectFitsAsync(IPage page, string who)
    {
        await page.EvaluateAsync("() => document.querySelectorAll('details').forEach(d => d.open = true)");
        foreach (var width in new[] { 360, 390 })
        {
            await page.SetViewportSizeAsync(width, 800);
            var tooWide = await page.EvaluateAsync<string[]>(
                $"() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > {width + 1}).slice(0, 5).map(e => e.tagName + '.' + e.className)");
            var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(scrollWidth <= width && tooWide.Length == 0, $"The entry page for {who} is {scrollWidth} px wide on a {width} px phone: {string.Join(", ", tooWide)}");
        }
    }
}

using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Marketplace.Web.Tests.Browser.Journey;

namespace Marketplace.Web.Tests.Browser;

/// <summary>
/// The brief's formats in Chromium: the winner's deliver page lists them and refuses a delivery missing one without a
/// note; the buyer on a phone then sees which format is missing and the reason before approving.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class DeliverableFormatBrowserTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task The_buyer_sees_the_missing_format_and_the_creatives_reason_on_the_handover_page()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Jo Journal");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Kit Kerning");
        var wrapUpId = await StaffedHandover.AwardedAsync(buyer, creative, "Masthead for a zine");
        const string reason = "The PDF needs your printer's bleed settings; send them and I'll add it.";

        await using var desk = await app.NewContextAsync();
        var page = await desk.NewPageAsync();
        await SignInAsync(page, creative.Email);
        await page.GotoAsync($"/wrapups/{wrapUpId}/deliver");
        await ShouldSeeAsync(page, "What the brief asks for");
        await page.SetInputFilesAsync("#files", new FilePayload { Name = "masthead.png", MimeType = "image/png", Buffer = DemoArt.Logo("Zine", "final", 5, 800, 600) });
        await ShouldSeeAsync(page, "Still missing: PDF. Add it, or say why in the note.");
        await page.ClickAsync("button:has-text('Deliver files')");
        await ShouldSeeAsync(page, "The brief asks for PDF too. Add it, or say in the note why it is not included.");

        await page.FillAsync("#Note", reason);
        await page.ClickAsync("button:has-text('Deliver files')");
        await ShouldSeeAsync(page, "Files delivered.");

        await using var phoneContext = await app.NewContextAsync(phone: true);
        var phone = await phoneContext.NewPageAsync();
        await SignInAsync(phone, buyer.Email);
        await phone.GotoAsync($"/wrapups/{wrapUpId}");
        await ShouldSeeAsync(phone, "This delivery leaves out PDF, which the brief asks for.");
        var checklist = phone.Locator(".format-checklist");
        await Assertions.Expect(checklist.Locator("li:has-text('PNG')")).ToContainTextAsync("delivered (masthead.png)");
        await Assertions.Expect(checklist.Locator("li:has-text('PDF')")).ToContainTextAsync("missing");
        await Assertions.Expect(checklist).ToContainTextAsync("Missing: PDF.");
        await Assertions.Expect(checklist).ToContainTextAsync($"Reason given: “{reason}”");
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "The page scrolls sideways at 360 px.");
        await ShotAsync(phone, "75-handover-missing-format-phone");
    }
}

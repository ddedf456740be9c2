using Marketplace.Contracts;
using Marketplace.Contracts.WrapUps;
using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Marketplace.Web.Tests.Browser.Journey;

namespace Marketplace.Web.Tests.Browser;

/// <summary>
/// The party who must answer a dispute does it on a 360 px phone: the headline says it is their turn and leads to the
/// form, the form (with evidence) fits the phone without sideways scrolling, and the answer goes through. The other
/// side reads that they wait, at 390 px and on a desktop.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class DisputeAnswerPhoneTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task The_dispute_answer_form_fits_a_360px_phone_and_sends_the_answer_with_a_photo()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Wrenfield farm shop sign", "Wendy Wrenfield", "Theo Thistlewood-Hargreaves");
        await h.Grain.OpenDisputeAsync(h.BuyerActor, "The sign files are 20 cm wide; our board is 2 metres, and the brief said so in its first line.", []);

        await using var phone = await app.NewContextAsync(phone: true);
        var creative = await phone.NewPageAsync();
        await SignInAsync(creative, h.Creative.Email);
        await creative.GotoAsync(h.PagePath);
        await Assertions.Expect(creative.Locator("[data-dispute-turn=yours] h2")).ToContainTextAsync("Your turn: answer the dispute by");
        await creative.ClickAsync("a:has-text('Write your answer')");
        await Assertions.Expect(creative.Locator("#answer")).ToBeVisibleAsync();

        await creative.EvaluateAsync("() => document.querySelectorAll('details').forEach(d => d.open = true)");
        await creative.FillAsync("#answer", "The files are vectors (SVG and PDF): they scale to 2 metres without losing quality. Happy to export a 2 m PDF too.");
        await creative.SetInputFilesAsync("#answer-evidence", [new FilePayload { Name = "sign-at-two-metres.png", MimeType = "image/png", Buffer = DemoArt.Logo("Wrenfield", "sign", 2, 900, 300) }]);
        // Measured against the phone's 360 px, not window.innerWidth: a mobile browser zooms out to fit a page that overflows.
        var tooWide = await creative.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 361).slice(0, 5).map(e => e.tagName + '.' + e.className + '#' + e.id)");
        var width = await creative.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 360, $"The handover page with the answer form is {width} px wide on a 360 px phone: {string.Join(", ", tooWide)}");
        var form = await creative.Locator("#answer-form").BoundingBoxAsync();
        Assert.True(form is { X: >= 0 } && form.X + form.Width <= 360, $"The answer form spans {form?.X}–{form?.X + form?.Width} px on a 360 px phone.");
        await creative.Locator("#answer-form").ScrollIntoViewIfNeededAsync();
        await ShotAsync(creative, "90-dispute-answer-phone-360");

        await creative.ClickAsync("button:has-text('Send your answer')");
        await ShouldSeeAsync(creative, "Your answer was recorded.");
        var answered = (await h.Grain.GetAsync(h.BuyerActor)).Dispute!;
        Assert.Equal(DisputeStage.AwaitingStaff, answered.Stage);
        Assert.Single(answered.AnswerEvidence);
        await Assertions.Expect(creative.Locator("[data-dispute-turn] h2")).ToContainTextAsync("Waiting for Marketplace support");

        // The buyer's side, before and after: they wait, and for whom (390 px phone and desktop).
        await using var buyerPhone = await app.NewContextAsync(phone: true);
        var buyer = await buyerPhone.NewPageAsync();
        await buyer.SetViewportSizeAsync(390, 844);
        await SignInAsync(buyer, h.Buyer.Email);
        await buyer.GotoAsync(h.PagePath);
        await Assertions.Expect(buyer.Locator("[data-dispute-turn=waiting]")).ToContainTextAsync("Staff now propose an outcome or decide");
        Assert.True(await buyer.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 390, "The buyer's handover page scrolls sideways at 390 px.");
        await ShotAsync(buyer, "91-dispute-waiting-phone-390");
        await using var desktop = await app.NewContextAsync();
        var buyerDesktop = await desktop.NewPageAsync();
        await SignInAsync(buyerDesktop, h.Buyer.Email);
        await buyerDesktop.GotoAsync(h.PagePath);
        await Assertions.Expect(buyerDesktop.Locator("[data-dispute-turn=waiting]")).ToBeVisibleAsync();
        await ShotAsync(buyerDesktop, "92-dispute-waiting-desktop");
    }
}

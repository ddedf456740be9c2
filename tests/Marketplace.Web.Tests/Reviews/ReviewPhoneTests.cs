using Marketplace.Web.Tests.Browser;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Marketplace.Web.Tests.Browser.Journey;

namespace Marketplace.Web.Tests.Reviews;

/// <summary>
/// In Chromium on a 390 px phone: the buyer of a completed handover reviews its creative from the handover page, the
/// creative replies from theirs, and a visitor reads both on the creative's profile, reached from the handover's
/// "Winner" link. axe checks the profile page and the handover's review form.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class ReviewPhoneTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task The_buyer_reviews_the_creative_the_creative_replies_and_a_visitor_reads_both_on_the_profile_at_390px()
    {
        using var buyerApi = await ApiSession.SignUpAsync(app, "buyer", "Bea Baker");
        using var creativeApi = await ApiSession.SignUpAsync(app, "creative", "Dev Patel");
        var wrapUpId = await CompletedHandover.CompleteAsync(buyerApi, creativeApi, "Fernhill plant shop " + Guid.NewGuid().ToString("N")[..4]);

        await using var buyerPhone = await app.NewContextAsync(phone: true, phoneWidth: 390);
        var buyer = await buyerPhone.NewPageAsync();
        await SignInAsync(buyer, buyerApi.Email);
        await buyer.GotoAsync("/wrapups/" + wrapUpId);
        await Assertions.Expect(buyer.Locator("#review-heading")).ToHaveTextAsync("How was it working with Dev Patel?");
        // A 2-star review without a reason is refused beside the form, the choice kept.
        await buyer.GetByLabel("2 out of 5").CheckAsync();
        await buyer.ClickAsync("button:has-text('Post your review')");
        await ShouldSeeAsync(buyer, "needs a reason");
        Assert.True(await buyer.GetByLabel("2 out of 5").IsCheckedAsync());
        await buyer.GetByLabel("5 out of 5").CheckAsync();
        await buyer.FillAsync("#review-text", "Dev listened, explained the EPS for our sign maker and delivered early.");
        await TapTargetAsync(buyer, "button:has-text('Post your review')");
        await ShotAsync(buyer, "95-review-form-phone-390");
        await buyer.ClickAsync("button:has-text('Post your review')");
        await ShouldSeeAsync(buyer, "Thank you: your review is on the creative's profile.");
        await Assertions.Expect(buyer.Locator("[data-review] .review-stars")).ToContainTextAsync("5 out of 5");
        await FitsAsync(buyer, 390);

        await using var creativePhone = await app.NewContextAsync(phone: true, phoneWidth: 390);
        var creative = await creativePhone.NewPageAsync();
        await SignInAsync(creative, creativeApi.Email);
        await creative.GotoAsync("/notifications");
        await creative.ClickAsync("text=Bea Baker reviewed your work");
        await Assertions.Expect(creative.Locator("#review-heading")).ToHaveTextAsync("Your review from Bea Baker");
        await creative.FillAsync("#reply", "Thank you, Bea! Send a photo of the sign when it is up.");
        await TapTargetAsync(creative, "button:has-text('Post your reply')");
        await creative.ClickAsync("button:has-text('Post your reply')");
        await ShouldSeeAsync(creative, "Your reply is posted");
        await Assertions.Expect(creative.Locator("[data-reply-form]")).ToHaveCountAsync(0);

        await using var visitorPhone = await app.NewContextAsync(phone: true, phoneWidth: 390);
        var visitor = await visitorPhone.NewPageAsync();
        await visitor.GotoAsync("/creatives/" + creativeApi.UserId);
        await Assertions.Expect(visitor.Locator("h1")).ToHaveTextAsync("Dev Patel");
        await Assertions.Expect(visitor.Locator("[data-rating]")).ToContainTextAsync("5 out of 5 from 1 review");
        await Assertions.Expect(visitor.Locator("[data-contests-won]")).ToHaveTextAsync("1");
        await Assertions.Expect(visitor.Locator("[data-handovers-completed]")).ToHaveTextAsync("1");
        var review = visitor.Locator("[data-review]");
        await Assertions.Expect(review).ToContainTextAsync("Dev listened, explained the EPS");
        await Assertions.Expect(review).ToContainTextAsync("Bea Baker");
        await Assertions.Expect(review.Locator("[data-review-reply]")).ToContainTextAsync("Reply from Dev Patel");
        await Assertions.Expect(review.Locator("[data-review-reply]")).ToContainTextAsync("Send a photo of the sign");
        await Assertions.Expect(visitor.Locator("[data-review-form], [data-reply-form], form[action*='Hide']")).ToHaveCountAsync(0);
        await Assertions.Expect(visitor.Locator(".gallery img")).ToHaveCountAsync(1);
        await FitsAsync(visitor, 390);
        await ShotAsync(visitor, "96-creative-profile-phone-390");

        var violations = await Axe.ViolationsAsync(app, null, 390,
            new PageCheck("/creatives/" + creativeApi.UserId, "a review with a reply and a winning design", Desktop: true));
        var staffViolations = await Axe.ViolationsAsync(app, page => SignInAsync(page, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword), 390,
            new PageCheck("/creatives/" + creativeApi.UserId, "staff: hide forms unfolded", page => page.EvaluateAsync("() => document.querySelectorAll('details').forEach(d => d.open = true)")));
        var newcomer = await ApiSession.SignUpAsync(app, "creative", "Nia Newcomer");
        var formViolations = await Axe.ViolationsAsync(app, null, 390, new PageCheck("/creatives/" + newcomer.UserId, "new on Marketplace"));
        Axe.AssertNone([.. violations, .. staffViolations, .. formViolations]);
    }

    [Fact]
    public async Task The_review_form_on_a_completed_handover_has_no_WCAG_AA_violations()
    {
        using var buyerApi = await ApiSession.SignUpAsync(app, "buyer", "Rae Rater");
        using var creativeApi = await ApiSession.SignUpAsync(app, "creative", "Kai Craft");
        var wrapUpId = await CompletedHandover.CompleteAsync(buyerApi, creativeApi, "Axe review " + Guid.NewGuid().ToString("N")[..4]);

        var violations = await Axe.ViolationsAsync(app, page => SignInAsync(page, buyerApi.Email), 390,
            new PageCheck("/wrapups/" + wrapUpId, "completed, the review invited"),
            new PageCheck("/wrapups/" + wrapUpId, "a low rating refused without a reason", async page =>
            {
                await page.GetByLabel("1 out of 5").CheckAsync();
                await page.ClickAsync("button:has-text('Post your review')");
                await ShouldSeeAsync(page, "needs a reason");
            }));
        Axe.AssertNone(violations);
    }

    private static async Task FitsAsync(IPage page, int width) =>
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= width, $"{page.Url} scrolls sideways at {width} px.");

    private static async Task TapTargetAsync(IPage page, string selector)
    {
        var box = await page.Locator(selector).BoundingBoxAsync();
        Assert.True(box is { Height: >= 44 }, $"{selector} is {box?.Height} px tall on a {page.ViewportSize?.Width} px phone; at least 44 px.");
    }
}

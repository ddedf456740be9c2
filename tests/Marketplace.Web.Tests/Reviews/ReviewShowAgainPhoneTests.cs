using System.Net.Http.Json;
using Marketplace.Web.Tests.Browser;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Marketplace.Web.Tests.Browser.Journey;

namespace Marketplace.Web.Tests.Reviews;

/// <summary>
/// In Chromium on a 390 px phone: staff hide a review from the creative's profile, see it was a mistake and show it
/// again with a note; the rating follows, the record keeps both steps for staff only, and axe finds nothing.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class ReviewShowAgainPhoneTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task Staff_hide_a_review_then_show_it_again_and_the_rating_and_record_follow_at_390px()
    {
        using var buyerApi = await ApiSession.SignUpAsync(app, "buyer", "Hana Hale");
        using var creativeApi = await ApiSession.SignUpAsync(app, "creative", "Ravi Rao");
        var wrapUpId = await CompletedHandover.CompleteAsync(buyerApi, creativeApi, "Quarry cafe " + Guid.NewGuid().ToString("N")[..4]);
        await buyerApi.ReadAsync(await buyerApi.Http.PutAsJsonAsync($"/api/v1/wrapups/{wrapUpId}/review", new { stars = 2, text = "The files came four days late." }, ApiSession.Json));
        var profileUrl = "/creatives/" + creativeApi.UserId;

        await using var staffPhone = await app.NewContextAsync(phone: true, phoneWidth: 390);
        var staff = await staffPhone.NewPageAsync();
        await SignInAsync(staff, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        await staff.GotoAsync(profileUrl);
        await staff.ClickAsync("summary:has-text('Hide this review (staff)')");
        await staff.FillAsync($"#hide-{wrapUpId.Replace('/', '-')}-review", "Read as a personal attack.");
        await staff.ClickAsync("button:has-text('Hide the review')");
        await ShouldSeeAsync(staff, "The review is hidden. Only staff see it now.");
        await Assertions.Expect(staff.Locator("[data-rating]")).ToContainTextAsync("No reviews yet");
        await Assertions.Expect(staff.Locator("[data-review-hidden]")).ToContainTextAsync("Read as a personal attack.");

        await staff.ClickAsync("summary:has-text('Show this review again (staff)')");
        await staff.FillAsync($"#show-{wrapUpId.Replace('/', '-')}-review", "Support checked the dates: the review is fair.");
        var button = staff.Locator("button:has-text('Show the review again')");
        Assert.True(await button.BoundingBoxAsync() is { Height: >= 44 }, "'Show the review again' is under 44 px tall on a 390 px phone.");
        await button.ClickAsync();
        await ShouldSeeAsync(staff, "The review shows again on the profile and counts in the rating.");
        await Assertions.Expect(staff.Locator("[data-rating]")).ToContainTextAsync("2 out of 5 from 1 review");
        await Assertions.Expect(staff.Locator("[data-review-hidden]")).ToHaveCountAsync(0);
        var record = staff.Locator("[data-moderation-record] li");
        await Assertions.Expect(record).ToHaveCountAsync(2);
        await Assertions.Expect(record.Nth(0)).ToContainTextAsync("Hidden by");
        await Assertions.Expect(record.Nth(0)).ToContainTextAsync("Read as a personal attack.");
        await Assertions.Expect(record.Nth(1)).ToContainTextAsync("Shown again by");
        await Assertions.Expect(record.Nth(1)).ToContainTextAsync("Support checked the dates: the review is fair.");
        Assert.True(await staff.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 390, "The profile scrolls sideways at 390 px.");
        await ShotAsync(staff, "97-review-shown-again-staff-phone-390");

        await using var visitorPhone = await app.NewContextAsync(phone: true, phoneWidth: 390);
        var visitor = await visitorPhone.NewPageAsync();
        await visitor.GotoAsync(profileUrl);
        await Assertions.Expect(visitor.Locator("[data-review]")).ToContainTextAsync("The files came four days late.");
        await Assertions.Expect(visitor.Locator("[data-moderation-record], [data-review-hidden]")).ToHaveCountAsync(0);
        Assert.DoesNotContain("personal attack", await visitor.ContentAsync(), StringComparison.Ordinal);

        var violations = await Axe.ViolationsAsync(app, page => SignInAsync(page, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword), 390,
            new PageCheck(profileUrl, "staff: a review shown again, its record and forms unfolded", page => page.EvaluateAsync("() => document.querySelectorAll('details').forEach(d => d.open = true)")));
        Axe.AssertNone(violations);
    }
}

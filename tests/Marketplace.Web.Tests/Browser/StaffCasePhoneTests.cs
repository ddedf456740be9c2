using System.Net;
using Marketplace.Contracts;
using Marketplace.Contracts.WrapUps;
using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Marketplace.Web.Tests.Browser.Journey;

namespace Marketplace.Web.Tests.Browser;

/// <summary>
/// The second review of the staff case page, on a 360×640 phone: a removed winner's case with finals, a failed quality
/// check and a printer link. The page fits the phone, quality checks have no preselected result and a failed one is
/// shown before approving, the printer link survives a reload without a second link, and the payment is not offered.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class StaffCasePhoneTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task A_removed_winners_case_works_on_a_360px_phone_with_explicit_checks_one_printer_link_and_no_payment_shortcut()
    {
        using var buyerApi = await ApiSession.SignUpAsync(app, "buyer", "Olive Orchard");
        using var creativeApi = await ApiSession.SignUpAsync(app, "creative", "Rex Rulebreaker");
        using var staffApi = await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        var title = "Noodle bar menu " + Guid.NewGuid().ToString("N")[..6];
        var projectId = await buyerApi.OpenProjectAsync(title);
        var entry = await creativeApi.ReadAsync(await creativeApi.UploadAsync($"/api/v1/projects/{projectId}/entries", "file", "menu.png", DemoArt.Logo("Lotus", "menu", 3, 500, 400)), HttpStatusCode.Created);
        var award = await buyerApi.ReadAsync(await buyerApi.PostJsonAsync($"/api/v1/projects/{projectId}/award", new { entryId = entry.GetProperty("id").GetString() }));
        var wrapUpId = award.GetProperty("wrapUpId").GetString()!;
        await staffApi.ReadAsync(await staffApi.PostJsonAsync($"/api/v1/staff/users/{creativeApi.UserId}/remove", new { reason = "Repeated policy violations." }));
        await staffApi.ReadAsync(await staffApi.PostJsonAsync($"/api/v1/staff/cases/{wrapUpId}/claim", new { }));

        await using var context = await app.NewContextAsync(phone: true);
        var staff = await context.NewPageAsync();
        await StaffJourney.SignInAsync(staff, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        await staff.GotoAsync($"/staff/cases/{wrapUpId}");
        await StaffJourney.OpenAsync(staff, "Upload the finals for the creative");
        await staff.SetInputFilesAsync("#finals",
        [
            new FilePayload { Name = "lotus-menu-cover.png", MimeType = "image/png", Buffer = DemoArt.Logo("Lotus", "final", 3, 900, 700) },
            new FilePayload { Name = "lotus-menu-cover.pdf", MimeType = "application/pdf", Buffer = System.Text.Encoding.ASCII.GetBytes($"%PDF-1.4\n% Lotus menu cover {Guid.NewGuid():N}\n%%EOF\n") },
        ]);
        await StaffJourney.ConsentAsync(staff, "deliver", "email from the creative to support", "The creative was removed; staff deliver the files they sent.");
        await staff.ClickAsync("button:has-text('Upload and deliver')");
        await ShouldSeeAsync(staff, "Delivered 2 final files for the creative.");

        // No automatic release is shown (or set) for a removed winner's case.
        Assert.Equal(0, await staff.Locator(".case-facts dt:has-text('Automatic release')").CountAsync());

        // Every named check needs an explicit result; nothing is preselected.
        await StaffJourney.OpenAsync(staff, "Record a quality check");
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal("", await staff.Locator($"select[name='checks[{i}].Passed']").InputValueAsync());
        }
        await staff.SelectOptionAsync("select[name='checks[0].Passed']", "true");
        await staff.SelectOptionAsync("select[name='checks[1].Passed']", "true");
        await staff.SelectOptionAsync("select[name='checks[2].Passed']", "false");
        await staff.SelectOptionAsync("select[name='checks[3].Passed']", "true");
        await staff.FillAsync("#qc-note", "The cover is 72 dpi; the printer needs 300.");
        await staff.ClickAsync("button:has-text('Record quality check')");
        await ShouldSeeAsync(staff, "Quality check recorded: 3 of 4 passed.");

        // A failed check is in sight before approving for the buyer; the payment is not offered, and why is said.
        await StaffJourney.OpenAsync(staff, "Approve the files for the buyer");
        await Assertions.Expect(staff.Locator("[data-failed-checks]")).ToContainTextAsync("Resolution fit for print");
        await StaffJourney.OpenAsync(staff, "Release the payment");
        await Assertions.Expect(staff.Locator("[data-release-missing]")).ToContainTextAsync("decide the outcome of this case");
        Assert.Equal(0, await staff.Locator("button:has-text('Release payment')").CountAsync());

        // The printer link: redirected after the post, named for its recipient, shown once; a reload makes no second link.
        await StaffJourney.OpenAsync(staff, "Deliver the finals to a third party");
        await staff.FillAsync("#link-name", "Quick Print Ltd");
        await staff.FillAsync("#link-email", "orders.for.the.long.menu.covers@quickprint-and-sons.example");
        await StaffJourney.ConsentAsync(staff, "link", "phone call with the buyer", "The buyer wants the files at her printer.");
        await staff.ClickAsync("button:has-text('Create delivery link')");
        var notice = staff.Locator("[data-delivery-link]");
        await Assertions.Expect(notice).ToContainTextAsync("Delivery link for Quick Print Ltd created.");
        await Assertions.Expect(notice).ToContainTextAsync("works for one download until");
        Assert.EndsWith($"/staff/cases/{wrapUpId}", staff.Url);
        var url = await staff.Locator("input.link-once").InputValueAsync();
        Assert.Contains("/delivery/", url);
        await ShotAsync(staff, "84-staff-case-phone-link");
        await staff.ReloadAsync();
        Assert.Equal(0, await notice.CountAsync());
        var view = await app.Grains.GetGrain<IWrapUpGrain>(wrapUpId).GetAsync(new Actor(staffApi.UserId, UserRoles.Staff));
        Assert.Single(view.DeliveryLinks);
        await Assertions.Expect(staff.Locator("ol.staff-timeline > li[data-kind=DeliveryLinkCreated]"))
            .ToContainTextAsync("Staff created a delivery link for Quick Print Ltd");

        // With every form open, the page is no wider than the phone and values get the width of the card.
        await staff.EvaluateAsync("() => document.querySelectorAll('details').forEach(d => d.open = true)");
        // Measured against the phone's 360 px, not window.innerWidth: a mobile browser zooms out to fit a page that overflows.
        var tooWide = await staff.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 361).slice(0, 5).map(e => e.tagName + '.' + e.className)");
        var width = await staff.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 360, $"The staff case page is {width} px wide on a 360 px phone: {string.Join(", ", tooWide)}");
        var heldBy = staff.Locator(".case-facts dt:has-text('Held by') + dd");
        Assert.True(await heldBy.EvaluateAsync<double>("dd => dd.getBoundingClientRect().width") >= 216, "The case facts squeeze their values into a narrow column.");
        await ShotAsync(staff, "85-staff-case-phone-all-forms");

        // The API refuses the shortcut too, saying what to do instead.
        var refused = await staffApi.PostJsonAsync($"/api/v1/staff/cases/{wrapUpId}/release-payment", new { reason = "Files are in." });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("decide the outcome of this case", await refused.Content.ReadAsStringAsync());

        // The buyer reads one consistent message: review if they like, nothing happens on a timer.
        await using var buyerContext = await app.NewContextAsync(phone: true);
        var buyer = await buyerContext.NewPageAsync();
        await SignInAsync(buyer, buyerApi.Email);
        await buyer.GotoAsync("/wrapups/" + wrapUpId);
        await Assertions.Expect(buyer.Locator("[data-removed-next]")).ToContainTextAsync("Nothing is approved automatically");
        var page = await buyer.Locator("main").InnerTextAsync();
        Assert.DoesNotContain("You don't need to do anything", page);
        Assert.DoesNotContain("approved automatically in", page);
        Assert.DoesNotContain("If you do nothing", page);
        await ShotAsync(buyer, "86-removed-winner-buyer-review");
    }
}

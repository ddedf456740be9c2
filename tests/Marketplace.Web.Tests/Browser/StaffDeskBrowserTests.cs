using Marketplace.Contracts.Mediation;
using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Api;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Marketplace.Web.Tests.Browser.Journey;

namespace Marketplace.Web.Tests.Browser;

/// <summary>
/// A staff member's desk by keyboard at 1280 px: the queue says what each case is worth, names each Claim button by its
/// case, and filters to unclaimed cases or the viewer's own; a completed handover's failing zip is claimed and built
/// again from its case page. The pages pass axe at 1280 and 390 px.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class StaffDeskBrowserTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task Staff_claim_by_keyboard_filter_the_queue_to_their_own_cases_and_build_a_completed_handover_s_failing_zip_again()
    {
        var (title, disputed) = await DisputedAsync();
        var (zip, _, _) = await StaffZipCaseTests.FailingAsync(app, "Desk zip");
        using var zipHandover = zip;
        var zipTitle = (await zip.Grain.GetAsync(zip.Staff)).ProjectTitle;
        await WaitUntilQueuedAsync(zip);

        await using var context = await app.NewContextAsync();
        var staff = await context.NewPageAsync();
        await StaffJourney.SignInAsync(staff, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        var row = staff.Locator($"li[data-case='{disputed}']");
        await Assertions.Expect(row.Locator("[data-queue-prize]")).ToHaveTextAsync("· $300 in escrow");
        await Assertions.Expect(row).ToContainTextAsync("In the queue");

        // Each Claim button says which case it claims, so a keyboard or screen reader user picks the right one.
        await staff.GetByRole(AriaRole.Button, new() { Name = "Claim the case for " + title, Exact = true }).FocusAsync();
        await staff.Keyboard.PressAsync("Enter");
        await ShouldSeeAsync(staff, "You hold the case");

        await staff.GotoAsync("/staff");
        await staff.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Mine \\(\\d+\\)$") }).FocusAsync();
        await staff.Keyboard.PressAsync("Enter");
        await ArrivedAsync(staff, "/staff\\?show=mine");
        await Assertions.Expect(staff.Locator("[data-filter=mine]")).ToHaveAttributeAsync("aria-current", "page");
        await Assertions.Expect(staff.Locator($"li[data-case='{disputed}']")).ToBeVisibleAsync();
        await Assertions.Expect(staff.Locator($"li[data-case='{zip.WrapUpId}']")).ToHaveCountAsync(0);
        await ShotAsync(staff, "75-staff-queue-mine-desktop");
        // Before deciding, the form says what each outcome pays whom, with the fee already taken.
        await staff.GotoAsync("/staff/cases/" + disputed);
        // The forms sit below the evidence and files: one link takes the keyboard there.
        await staff.Locator("[data-to-actions]").FocusAsync();
        await staff.Keyboard.PressAsync("Enter");
        await Assertions.Expect(staff.Locator("#actions-heading")).ToBeFocusedAsync();
        await StaffJourney.OpenAsync(staff, "Decide the outcome");
        var terms = staff.Locator("details:has(summary:has-text('Decide the outcome')) [data-outcome-terms]");
        await Assertions.Expect(terms).ToContainTextAsync("Complete: Desk Dev receives $255 (the prize less the 15% marketplace fee); nothing back to Desk Dana.");
        await Assertions.Expect(terms).ToContainTextAsync("Refund: all $300 back to Desk Dana; Desk Dev receives nothing.");
        await ShotAsync(staff, "77-staff-decide-terms-desktop");

        await staff.GotoAsync("/staff?show=unclaimed");
        await Assertions.Expect(staff.Locator($"li[data-case='{disputed}']")).ToHaveCountAsync(0);
        await Assertions.Expect(staff.Locator($"li[data-case='{zip.WrapUpId}']")).ToBeVisibleAsync();

        // The completed handover's zip case: claimed from its page, then built again now.
        await staff.GotoAsync("/staff/cases/" + zip.WrapUpId);
        await Assertions.Expect(staff.Locator("[data-zip-failure]")).ToContainTextAsync("print.pdf could not be read from storage");
        await ShouldSeeAsync(staff, "Claim the case to build the zip again.");
        await staff.ClickAsync("button:has-text('Claim this case')");
        await ShouldSeeAsync(staff, "You hold this case");
        Assert.Equal(0, await staff.Locator("section.staff-actions").CountAsync());
        await staff.GetByRole(AriaRole.Button, new() { Name = "Build the zip again now" }).FocusAsync();
        await staff.Keyboard.PressAsync("Enter");
        await ShouldSeeAsync(staff, "Building the zip again now.");
        await Assertions.Expect(staff.Locator("li[data-kind=ZipRetried]")).ToContainTextAsync("Staff asked for the zip of the final files to be built again.");
        await ShotAsync(staff, "76-staff-zip-case-desktop");

        var found = await Axe.ViolationsAsync(app, page => StaffJourney.SignInAsync(page, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword), 390,
            new PageCheck("/staff", "the queue with prizes and the filter", Desktop: true),
            new PageCheck("/staff?show=mine", "the viewer's own cases", Desktop: true),
            new PageCheck("/staff/cases/" + disputed, "decide unfolded with what each outcome moves", Then: page => StaffJourney.OpenAsync(page, "Decide the outcome"), Desktop: true),
            new PageCheck("/staff/cases/" + zip.WrapUpId, "a completed handover's zip case, held", Then: page => page.ClickAsync("summary:has-text('Close this case without the zip')"), Desktop: true));
        Axe.AssertNone(found);
        Assert.Contains(zipTitle, await staff.TextContentAsync("h1") ?? "");
    }

    /// <summary>A disputed handover through the API (prize $300): a case for the queue.</summary>
    private async Task<(string Title, string WrapUpId)> DisputedAsync()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Desk Dana");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Desk Dev");
        var title = "Desk menu " + Guid.NewGuid().ToString("N")[..6];
        var projectId = await buyer.OpenProjectAsync(title);
        var entryId = await creative.SubmitEntryAsync(projectId, DemoArt.Logo("Desk", "menu", 4, 400, 300), "menu.png");
        var award = await buyer.ReadAsync(await buyer.PostJsonAsync($"/api/v1/projects/{projectId}/award", new { entryId }));
        var wrapUpId = award.GetProperty("wrapUpId").GetString()!;
        await creative.DeliverBriefFormatsAsync(wrapUpId, "Desk");
        await buyer.ReadAsync(await buyer.PostJsonAsync($"/api/v1/wrapups/{wrapUpId}/disputes", new { reason = "The prices are wrong." }));
        return (title, wrapUpId);
    }

    private async Task WaitUntilQueuedAsync(StaffedHandover h)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while ((await app.Grains.GetGrain<IMediationQueueGrain>(IMediationQueueGrain.Key).ListAsync(h.Staff)).All(c => c.Case.CaseId != h.WrapUpId))
        {
            await Task.Delay(100, timeout.Token);
        }
    }
}

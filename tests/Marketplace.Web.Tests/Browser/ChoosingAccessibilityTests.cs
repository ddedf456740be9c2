using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Infrastructure;
using static Marketplace.Web.Tests.Browser.Journey;

namespace Marketplace.Web.Tests.Browser;

/// <summary>
/// axe (<see cref="Axe"/>: WCAG 2.2 A/AA and best practices) on the buyer's project in the states only time reaches, on
/// the test clock, at 390 px as <see cref="ChoosingPhoneTests"/> designs them: open with "Give creatives more time to
/// enter" (its date picker) unfolded, then after entries close, choosing a winner by a date.
/// </summary>
[Collection(ClockedAppCollection.Name)]
public sealed class ChoosingAccessibilityTests(ClockedAppFixture app)
{
    [Fact]
    public async Task The_buyers_project_while_open_with_more_time_offered_and_while_choosing_has_no_WCAG_AA_violations()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Ari Axe");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Bo Contender");
        var projectId = await buyer.OpenProjectAsync("Harbour café chalkboard lettering");
        await creative.SubmitEntryAsync(projectId, DemoArt.Logo("Harbour", "entry", 2, 400, 300));
        var open = await Axe.ViolationsAsync(app, page => SignInAsync(page, buyer.Email), 390,
            new PageCheck("/projects/" + projectId, "open, the date picker for more time unfolded", Desktop: true));

        var deadline = (await buyer.ReadAsync(await buyer.Http.GetAsync("/api/v1/projects/" + projectId))).GetProperty("entryDeadline").GetDateTimeOffset();
        app.Advance(deadline - app.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        var choosing = await Axe.ViolationsAsync(app, page => SignInAsync(page, buyer.Email), 390,
            new PageCheck("/projects/" + projectId, "entries closed, choose a winner by …", async page =>
                await Microsoft.Playwright.Assertions.Expect(page.Locator("[data-choose-by]")).ToContainTextAsync("Choose a winner by"), Desktop: true));
        Axe.AssertNone([.. open, .. choosing]);
    }
}

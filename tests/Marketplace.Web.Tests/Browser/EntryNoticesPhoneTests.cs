using System.Net.Http.Json;
using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Marketplace.Web.Tests.Browser.Journey;

namespace Marketplace.Web.Tests.Browser;

/// <summary>
/// The pages this round changed, on a 390 px phone in Chromium with axe: the submit form refusing the same design again
/// with its link to revise the entry, the buyer's project history in their zone, and a person's staff page giving each
/// handover its state.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class EntryNoticesPhoneTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task The_same_design_again_is_refused_on_a_390px_phone_with_a_link_that_opens_the_entrys_revision_form()
    {
        using var buyerApi = await ApiSession.SignUpAsync(app, "buyer", "Hugo Harbour");
        using var creativeApi = await ApiSession.SignUpAsync(app, "creative", "Tess Twotaps");
        var projectId = await buyerApi.OpenProjectAsync("Ferry kiosk opening-hours board");
        var design = DemoArt.Logo("Ferry", "kiosk", 3, 400, 300);
        var entryId = await creativeApi.SubmitEntryAsync(projectId, design, "board.png");

        async Task SendItAgainAsync(IPage page)
        {
            await page.SetInputFilesAsync("#file", new FilePayload { Name = "board.png", MimeType = "image/png", Buffer = design });
            await page.ClickAsync("button:has-text('Submit entry')");
            await ShouldSeeAsync(page, "You already entered this design as entry #1");
        }

        await using var context = await app.NewContextAsync(phone: true, phoneWidth: 390);
        var creative = await context.NewPageAsync();
        await SignInAsync(creative, creativeApi.Email);
        await creative.GotoAsync($"/projects/{projectId}/submit");
        await SendItAgainAsync(creative);
        await ExpectFitsAsync(creative, "the same design refused");
        await ShotAsync(creative, "entrynotices-same-design-390");
        await creative.ClickAsync("[data-refusal-link] a:has-text('Revise entry #1')");
        await ArrivedAsync(creative, $"/entries/{entryId}/revise");

        var violations = await Axe.ViolationsAsync(app, page => SignInAsync(page, creativeApi.Email), 390,
            new PageCheck($"/projects/{projectId}/submit", "the same design sent again", SendItAgainAsync));
        Axe.AssertNone(violations);
        Assert.Single((await buyerApi.ReadAsync(await buyerApi.Http.GetAsync($"/api/v1/projects/{projectId}/gallery"))).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task The_buyers_project_history_reads_in_their_zone_and_a_persons_staff_page_gives_each_handover_its_state_on_a_390px_phone()
    {
        using var buyerApi = await ApiSession.SignUpAsync(app, "buyer", "Berta Berlin");
        using var creativeApi = await ApiSession.SignUpAsync(app, "creative", "Kai Kiosk");
        await buyerApi.ReadAsync(await buyerApi.Http.PutAsJsonAsync("/api/v1/me/time-zone", new { timeZone = "Europe/Berlin" }));
        var projectId = await buyerApi.OpenProjectAsync("Canal boat café sign");
        var entryId = await creativeApi.SubmitEntryAsync(projectId, DemoArt.Logo("Canal", "boat", 2, 400, 300));
        var project = await buyerApi.ReadAsync(await buyerApi.Http.GetAsync("/api/v1/projects/" + projectId));
        var later = project.GetProperty("entryDeadline").GetDateTimeOffset().AddDays(3);
        await buyerApi.ReadAsync(await buyerApi.PostJsonAsync($"/api/v1/projects/{projectId}/entry-deadline", new { entryDeadline = later }));
        var wrapUpId = (await buyerApi.ReadAsync(await buyerApi.PostJsonAsync($"/api/v1/projects/{projectId}/award", new { entryId }))).GetProperty("wrapUpId").GetString()!;

        await using var context = await app.NewContextAsync(phone: true, phoneWidth: 390);
        var buyer = await context.NewPageAsync();
        await SignInAsync(buyer, buyerApi.Email);
        await buyer.GotoAsync("/projects/" + projectId);
        await buyer.ClickAsync("[data-history] summary");
        var extended = buyer.Locator("[data-history] li", new() { HasText = "Entry deadline extended" });
        await Assertions.Expect(extended.Locator("time")).ToHaveCountAsync(3);
        await Assertions.Expect(extended).ToContainTextAsync("CET");
        await Assertions.Expect(extended).Not.ToContainTextAsync("UTC");
        await ExpectFitsAsync(buyer, "the buyer's project history");
        await ShotAsync(buyer, "entrynotices-project-history-390");

        await using var staffContext = await app.NewContextAsync(phone: true, phoneWidth: 390);
        var staff = await staffContext.NewPageAsync();
        await SignInAsync(staff, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        await staff.GotoAsync("/staff/users/" + creativeApi.UserId);
        await Assertions.Expect(staff.Locator($"[data-handover='{wrapUpId}'] [data-handover-state]")).ToHaveTextAsync("Awaiting files");
        await ExpectFitsAsync(staff, "a person's handovers");
        await ShotAsync(staff, "entrynotices-staff-person-390");

        var violations = await Axe.ViolationsAsync(app, page => SignInAsync(page, buyerApi.Email), 390,
            new PageCheck("/projects/" + projectId, "awarded, its history unfolded"));
        var staffViolations = await Axe.ViolationsAsync(app, page => SignInAsync(page, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword), 390,
            new PageCheck("/staff/users/" + creativeApi.UserId, "a winner awaiting files"));
        Axe.AssertNone([.. violations, .. staffViolations]);
    }

    private static async Task ExpectFitsAsync(IPage page, string state)
    {
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 390, $"The page ({state}) is {scrollWidth} px wide on a 390 px phone.");
    }
}

using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Marketplace.Web.Tests.Browser.Journey;

namespace Marketplace.Web.Tests.Browser;

/// <summary>
/// The third review on a phone: the creative's upload forms fit a 360 px screen (a file input's natural width used to
/// push them to 380 px), and the folded forms on /staff/users open from a thumb-sized row.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class PhoneFormTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task A_creative_submits_and_revises_an_entry_on_a_360px_phone_without_the_forms_scrolling_sideways()
    {
        using var buyerApi = await ApiSession.SignUpAsync(app, "buyer", "Hettie Hillside");
        using var creativeApi = await ApiSession.SignUpAsync(app, "creative", "Cosmo Phonesworth");
        var projectId = await buyerApi.OpenProjectAsync("Jar label for a hillside honey farm");

        await using var context = await app.NewContextAsync(phone: true);
        var creative = await context.NewPageAsync();
        await SignInAsync(creative, creativeApi.Email);

        await creative.GotoAsync($"/projects/{projectId}/submit");
        await ExpectFitsAsync(creative, "Submit an entry");
        await creative.SetInputFilesAsync("#file", new FilePayload { Name = "label.png", MimeType = "image/png", Buffer = DemoArt.Logo("Honey", "v1", 2, 400, 300) });
        await creative.FillAsync("#Note", "Gold on cream, readable from two metres.");
        await creative.ClickAsync("button:has-text('Submit entry')");
        await ArrivedAsync(creative, "/entries/[^/?]+");
        var entryPath = new Uri(creative.Url).AbsolutePath;

        await creative.GotoAsync(entryPath + "/revise");
        await ExpectFitsAsync(creative, "Upload a revision");
        await ShotAsync(creative, "89-revise-entry-phone");
        await creative.SetInputFilesAsync("#file", new FilePayload { Name = "label-v2.png", MimeType = "image/png", Buffer = DemoArt.Logo("Honey", "v2", 3, 400, 300) });
        await creative.ClickAsync("main form button[type=submit]");
        await ShouldSeeAsync(creative, "Revision uploaded");
    }

    [Fact]
    public async Task A_new_upload_clears_the_previous_refusal_while_the_file_is_sent()
    {
        using var buyerApi = await ApiSession.SignUpAsync(app, "buyer", "Hettie Hillside");
        using var creativeApi = await ApiSession.SignUpAsync(app, "creative", "Rhea Retry");
        var projectId = await buyerApi.OpenProjectAsync("Jar label for a hillside honey farm");

        await using var context = await app.NewContextAsync(phone: true);
        var creative = await context.NewPageAsync();
        await SignInAsync(creative, creativeApi.Email);
        await creative.GotoAsync($"/projects/{projectId}/submit");
        await creative.ClickAsync("button:has-text('Submit entry')");
        await ShouldSeeAsync(creative, "Choose a file to upload.");

        // Hold the second upload on the wire so the page can be read while it is being sent.
        var release = new TaskCompletionSource();
        await creative.RouteAsync($"**/projects/{projectId}/submit", async route =>
        {
            if (route.Request.Method == "POST") await release.Task;
            await route.ContinueAsync();
        });
        await creative.SetInputFilesAsync("#file", new FilePayload { Name = "label.png", MimeType = "image/png", Buffer = DemoArt.Logo("Honey", "v1", 2, 400, 300) });
        await creative.ClickAsync("button:has-text('Submit entry')");
        await Assertions.Expect(creative.Locator(".upload-status")).Not.ToBeEmptyAsync();
        await Assertions.Expect(creative.Locator("[data-errors] li")).ToHaveCountAsync(0);

        release.SetResult();
        await ArrivedAsync(creative, "/entries/[^/?]+");
        await ShouldSeeAsync(creative, "Your entry is in!");
    }

    [Fact]
    public async Task Staff_open_suspend_and_remove_on_a_phone_from_rows_at_least_44px_tall()
    {
        using var creativeApi = await ApiSession.SignUpAsync(app, "creative", "Tapper Targetson");

        await using var context = await app.NewContextAsync(phone: true);
        var staff = await context.NewPageAsync();
        await StaffJourney.SignInAsync(staff, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        await staff.GotoAsync("/staff/users?q=" + Uri.EscapeDataString(creativeApi.Email));

        foreach (var action in new[] { "Suspend", "Remove" })
        {
            var toggle = staff.Locator($"summary:text-is('{action}')").First;
            var box = await toggle.BoundingBoxAsync();
            Assert.True(box is { Height: >= 44 }, $"The \"{action}\" toggle is {box?.Height} px tall on a 360 px phone; a thumb needs 44.");
        }
        await staff.Locator("summary:text-is('Suspend')").First.ClickAsync();
        await Assertions.Expect(staff.Locator("button:has-text('Suspend Tapper Targetson')")).ToBeVisibleAsync();
        await ExpectFitsAsync(staff, "/staff/users with Suspend open");
    }

    /// <summary>Nothing reaches past 360 px: measured on the elements, since a mobile browser zooms out to fit a wide page.</summary>
    private static async Task ExpectFitsAsync(IPage page, string what)
    {
        var tooWide = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 361).slice(0, 5).map(e => e.tagName + '.' + e.className)");
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 360 && tooWide.Length == 0, $"{what} is {scrollWidth} px wide on a 360 px phone: {string.Join(", ", tooWide)}");
    }
}

using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Marketplace.Web.Tests.Browser.Journey;

namespace Marketplace.Web.Tests.Browser;

/// <summary>
/// The third review's layout notes at 390 px: the entry pager's links stay on one line, breadcrumb and back links are
/// at least the 24 px WCAG 2.2 tap target, and an upload form's empty status and error lines take no room until it has something to say.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class PhoneLayoutPolishTests(MarketplaceAppFixture app)
{
    private const string LinkLines = """
        a => { const r = document.createRange(); r.selectNodeContents(a);
               return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; }
        """;

    [Fact]
    public async Task At_390px_pager_links_keep_one_line_crumbs_are_24px_targets_and_an_empty_upload_status_leaves_no_gap()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Polly Polish");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Cass Crumbs");
        var projectId = await buyer.OpenProjectAsync("Jar label for a hillside honey farm and its market stall");
        var entries = new List<string>();
        for (var i = 0; i < 3; i++) entries.Add(await creative.SubmitEntryAsync(projectId, DemoArt.Logo("Honey", "v" + i, 10 + i, 300, 200)));

        await using var context = await app.NewContextAsync(phone: true);
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await SignInAsync(page, creative.Email);

        var pagerLinks = 0;
        foreach (var entryId in entries)
        {
            await page.GotoAsync("/entries/" + entryId);
            foreach (var link in await page.Locator(".entry-nav a").AllAsync())
            {
                pagerLinks++;
                Assert.Equal(1, await link.EvaluateAsync<int>(LinkLines));
            }
            await ExpectTapTargetAsync(page.Locator(".crumbs a").First);
        }
        await ShotAsync(page, "92-entry-pager-390");
        Assert.Equal(4, pagerLinks); // first: next; middle: both; last: previous.

        await page.GotoAsync($"/projects/{projectId}");
        await ExpectTapTargetAsync(page.Locator(".crumbs a").First);

        foreach (var path in new[] { $"/projects/{projectId}/submit", $"/entries/{entries[0]}/revise" })
        {
            await page.GotoAsync(path);
            await ExpectTapTargetAsync(page.Locator(".crumbs a").First);
            var status = page.Locator(".upload-status");
            Assert.Equal(0, (await status.BoundingBoxAsync())!.Height);
            Assert.Equal("status", await status.GetAttributeAsync("role"));
            // The file field and the note are one form gap apart, as every other pair of fields.
            var fileField = (await page.Locator(".field:has(#file)").BoundingBoxAsync())!;
            var noteField = (await page.Locator(".field:has(#Note)").BoundingBoxAsync())!;
            var gap = await page.Locator("main form[data-upload]").EvaluateAsync<double>("f => parseFloat(getComputedStyle(f).rowGap)");
            Assert.InRange(noteField.Y - (fileField.Y + fileField.Height), gap - 1, gap + 1);
            // Nor does the empty error region add a gap above the first field: only the card's padding.
            var top = await page.Locator("main form[data-upload]").EvaluateAsync<double>("f => f.getBoundingClientRect().top + parseFloat(getComputedStyle(f).paddingTop)");
            Assert.InRange(fileField.Y - top, -1, 1);
        }
        await ShotAsync(page, "93-revise-form-390");
    }

    private static async Task ExpectTapTargetAsync(ILocator link)
    {
        var box = await link.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.Height >= 24, $"The link \"{await link.InnerTextAsync()}\" is {box.Height} px tall; a tap target needs 24 px.");
    }
}

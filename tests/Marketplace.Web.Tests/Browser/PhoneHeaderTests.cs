using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Marketplace.Web.Tests.Browser.Journey;

namespace Marketplace.Web.Tests.Browser;

/// <summary>
/// The header on a 390 px phone: a signed-in buyer's or creative's menu, unread count included, takes two rows under the
/// brand (it took three, a fifth of the screen, on every page), every link stays a comfortable tap target, and Help is
/// still one tap away in the footer. On a laptop Help stays in the menu. The message after an action is not glued to it.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class PhoneHeaderTests(MarketplaceAppFixture app)
{
    private const string NavRows = "nav => new Set([...nav.querySelectorAll('a, button')].filter(e => e.offsetParent !== null).map(e => Math.round(e.getBoundingClientRect().top))).size";

    [Fact]
    public async Task At_390_px_the_message_after_an_action_stands_apart_from_the_header()
    {
        await using var context = await app.NewContextAsync(phone: true);
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await SignUpAsync(page, "buyer", "Flo Flash");

        var flash = page.Locator("main > .flash");
        await Assertions.Expect(flash).ToBeVisibleAsync();
        var header = (await page.Locator(".site-header").BoundingBoxAsync())!;
        var gap = (await flash.BoundingBoxAsync())!.Y - (header.Y + header.Height);
        Assert.True(gap >= 12, $"The flash sits {gap} px under the header.");
    }

    [Fact]
    public async Task At_390_px_a_signed_in_menu_with_unread_news_takes_two_rows_and_help_is_in_the_footer()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Hana Header");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Cyd Header");
        var projectId = await buyer.OpenProjectAsync("Header check " + Guid.NewGuid().ToString("N")[..6]);
        await creative.SubmitEntryAsync(projectId, DemoArt.Logo("Header", "entry", 8, 400, 300));

        foreach (var email in new[] { buyer.Email, creative.Email })
        {
            await using var context = await app.NewContextAsync(phone: true);
            var page = await context.NewPageAsync();
            await page.SetViewportSizeAsync(390, 844);
            await SignInAsync(page, email);
            await page.GotoAsync("/projects/" + projectId);

            var nav = page.Locator(".site-nav");
            if (email == buyer.Email) await Assertions.Expect(nav.Locator(".nav-notifications .count")).ToBeVisibleAsync();
            Assert.Equal(2, await nav.EvaluateAsync<int>(NavRows));
            foreach (var link in await nav.Locator("a:visible, button:visible").AllAsync())
            {
                var box = (await link.BoundingBoxAsync())!;
                Assert.True(box.Height >= 32 && box.X + box.Width <= 390, $"\"{await link.InnerTextAsync()}\" is {box.Width}×{box.Height} at x={box.X}");
            }
            Assert.False(await nav.Locator("a[href='/help']").IsVisibleAsync());
            await Assertions.Expect(page.Locator(".site-footer a[href='/help']")).ToBeVisibleAsync();
            await ShotAsync(page, "header-390-" + (email == buyer.Email ? "buyer" : "creative"));

            await page.SetViewportSizeAsync(1280, 900);
            await Assertions.Expect(nav.Locator("a[href='/help']")).ToBeVisibleAsync();
        }
    }
}

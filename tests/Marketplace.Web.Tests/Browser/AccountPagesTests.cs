using Marketplace.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Marketplace.Web.Tests.Browser;

[Collection(MarketplaceAppCollection.Name)]
public sealed class AccountPagesTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task A_visitor_joins_as_a_creative_on_a_phone_signs_out_and_signs_back_in()
    {
        await using var context = await app.NewContextAsync(phone: true);
        var page = await context.NewPageAsync();
        var email = $"casey-{Guid.NewGuid():N}@example.com";

        await page.GotoAsync("/");
        Assert.Equal(200, (await page.ReloadAsync())!.Status);
        await MarketplaceAppFixture.ScreenshotAsync(page, "01-home-phone");
        await page.ClickAsync("text=Join as a creative");
        await page.FillAsync("#DisplayName", "Casey Creative");
        await page.FillAsync("#Email", email);
        await page.FillAsync("#Password", "a long enough password");
        await MarketplaceAppFixture.ScreenshotAsync(page, "02-sign-up-phone");
        await page.ClickAsync("button:has-text('Create account')");

        await Expect(page.GetByText("Welcome! Browse the open projects"));
        Assert.Contains("/projects", page.Url);
        await page.ClickAsync("button:has-text('Sign out')");
        await page.GotoAsync("/account/signin");
        await page.FillAsync("#Email", email.ToUpperInvariant());
        await page.FillAsync("#Password", "a long enough password");
        await page.ClickAsync("button:has-text('Sign in')");
        Assert.Contains("/creative/entries", page.Url);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message_and_the_page_keeps_working_without_javascript()
    {
        await using var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(),
            JavaScriptEnabled = false,
            ViewportSize = new ViewportSize { Width = 360, Height = 640 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/signin");
        await page.FillAsync("#Email", "nobody@example.com");
        await page.FillAsync("#Password", "not the password");
        var response = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("button:has-text('Sign in')"), r => r.Request.Method == "POST");

        Assert.Equal(400, response.Status);
        await Expect(page.GetByText("That email and password don't match"));
        await MarketplaceAppFixture.ScreenshotAsync(page, "03-sign-in-refused-phone");
    }

    [Fact]
    public async Task Join_from_the_header_opens_without_an_error_and_a_missing_choice_is_asked_for_once()
    {
        await using var context = await app.NewContextAsync(phone: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.ClickAsync("header a:text-is('Join')");

        Assert.EndsWith("/account/signup", page.Url);
        Assert.Equal(0, await page.Locator(".validation-summary-errors li").CountAsync());

        await page.FillAsync("#DisplayName", "Undecided Una");
        await page.FillAsync("#Email", $"una-{Guid.NewGuid():N}@example.com");
        await page.FillAsync("#Password", "a long enough password");
        var response = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("button:has-text('Create account')"), r => r.Request.Method == "POST");

        Assert.Equal(400, response.Status);
        var errors = await page.Locator(".validation-summary-errors li").AllInnerTextsAsync();
        Assert.Equal(["Choose how you want to use Marketplace: get a design or design and get paid."], errors);
    }

    private static Task Expect(ILocator locator) => Assertions.Expect(locator.First).ToBeVisibleAsync();
}

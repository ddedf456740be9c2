using Marketplace.Testing.Cluster;
using Marketplace.Web.Accounts;
using Marketplace.Web.Tests.Infrastructure;
using static Marketplace.Web.Tests.Browser.Journey;

namespace Marketplace.Web.Tests.Browser;

/// <summary>Forgetting and changing a password in Chromium, by the links, labels and buttons a person sees; the email is the one the silo wrote.</summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class PasswordBrowserTests(MarketplaceAppFixture app)
{
    private const string NewPassword = "a brand new sentence";

    [Fact]
    public async Task A_person_who_forgot_their_password_follows_the_emailed_link_sets_a_new_one_and_signs_in_with_it()
    {
        using var holder = await ApiSession.SignUpAsync(app, "buyer", "Fern Forgot");
        await using var context = await app.NewContextAsync(phone: true);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/account/signin");
        await page.ClickAsync("text=Forgot your password?");
        await page.FillAsync("#Email", holder.Email);
        await page.ClickAsync("button:has-text('Send me a link')");
        await ShouldSeeAsync(page, AccountService.ResetRequested);
        await ShotAsync(page, "password-01-link-sent-phone");

        var token = await ResetMail.WaitForTokenAsync(app.MailFolder, holder.Email);
        await page.GotoAsync("/account/reset?token=" + Uri.EscapeDataString(token));
        await ShouldSeeAsync(page, "This link works once");
        await page.FillAsync("#Password", NewPassword);
        await page.FillAsync("#ConfirmPassword", NewPassword);
        await ShotAsync(page, "password-02-new-password-phone");
        await page.ClickAsync("button:has-text('Set new password')");
        await ShouldSeeAsync(page, "Your password was changed. Sign in with the new one.");

        await SignInAsync(page, holder.Email, NewPassword);
        Assert.EndsWith("/buyer/projects", page.Url);

        // The link was used up: opening it again says so and offers a new one.
        var again = await page.GotoAsync("/account/reset?token=" + Uri.EscapeDataString(token));
        Assert.Equal(409, again!.Status);
        await ShouldSeeAsync(page, "This reset link was already used");
        Assert.Equal(0, await page.Locator("#Password").CountAsync());
        await Microsoft.Playwright.Assertions.Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Send me a new link" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Changing_the_password_on_the_account_page_keeps_this_browser_signed_in_and_signs_out_the_other()
    {
        await using var here = await app.NewContextAsync();
        await using var there = await app.NewContextAsync(phone: true);
        var page = await here.NewPageAsync();
        var otherPage = await there.NewPageAsync();
        var email = await SignUpAsync(page, "creative", "Cass Change");
        await SignInAsync(otherPage, email);
        await otherPage.GotoAsync("/creative/entries");
        Assert.EndsWith("/creative/entries", otherPage.Url);

        await page.ClickAsync("header a[href='/account']");
        await page.FillAsync("#CurrentPassword", "not my password");
        await page.FillAsync("#NewPassword", NewPassword);
        await page.FillAsync("#ConfirmPassword", NewPassword);
        await page.ClickAsync("button:has-text('Change password')");
        await ShouldSeeAsync(page, "Your current password is not right");
        await page.FillAsync("#CurrentPassword", Password);
        await page.FillAsync("#NewPassword", NewPassword);
        await page.FillAsync("#ConfirmPassword", NewPassword);
        await page.ClickAsync("button:has-text('Change password')");

        await ShouldSeeAsync(page, "Your password was changed. You stay signed in here");
        await page.GotoAsync("/creative/entries");
        Assert.EndsWith("/creative/entries", page.Url);
        await otherPage.GotoAsync("/creative/entries");
        Assert.Contains("/account/signin", otherPage.Url);
    }

    [Fact]
    public async Task The_account_page_sends_a_visitor_to_sign_in()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/account");

        Assert.Contains("/account/signin", page.Url);
        Assert.Contains("ReturnUrl=%2Faccount", page.Url);
    }
}

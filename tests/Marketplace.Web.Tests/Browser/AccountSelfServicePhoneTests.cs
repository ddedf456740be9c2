using Marketplace.Testing.Cluster;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Marketplace.Web.Tests.Browser.Journey;

namespace Marketplace.Web.Tests.Browser;

/// <summary>
/// Looking after one's own account on a 390 px phone: a mistake comes back beside its field with the address typed kept,
/// the new address is confirmed through the link in the email the silo wrote, and the page passes axe.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class AccountSelfServicePhoneTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task A_person_changes_their_email_on_a_phone_through_the_emailed_link_and_signs_in_with_the_new_address()
    {
        await using var context = await app.NewContextAsync(phone: true, phoneWidth: 390);
        var page = await context.NewPageAsync();
        var email = await SignUpAsync(page, "creative", "Mina Mover");
        var newEmail = $"mina-new-{Guid.NewGuid():N}@example.com";

        await page.ClickAsync("header a[href='/account']");
        await page.FillAsync("#NewEmail", newEmail);
        await page.FillAsync("#EmailPassword", "not my password");
        await page.ClickAsync("button:has-text('Send the link')");
        await ShouldSeeAsync(page, "Your current password is not right");
        await Assertions.Expect(page.Locator("#NewEmail")).ToHaveValueAsync(newEmail);
        await Assertions.Expect(page.Locator("#EmailPassword")).ToHaveAttributeAsync("aria-invalid", "true");
        await ExpectFitsAsync(page, "a refused email change");
        await ShotAsync(page, "account-01-email-refused-phone-390");

        await page.FillAsync("#EmailPassword", Password);
        var send = page.Locator("button:has-text('Send the link')");
        Assert.True(await send.BoundingBoxAsync() is { Height: >= 44 }, "The Send the link button is under 44 px tall on a 390 px phone.");
        await send.ClickAsync();
        await ShouldSeeAsync(page, $"We sent a link to {newEmail}");

        var token = await EmailChangeMail.WaitForTokenAsync(app.MailFolder, newEmail);
        await page.GotoAsync("/account/email/confirm?token=" + Uri.EscapeDataString(token));
        await ShouldSeeAsync(page, newEmail);
        await ExpectFitsAsync(page, "the confirmation page");
        await ShotAsync(page, "account-02-email-confirm-phone-390");
        await page.ClickAsync("button:has-text('Use this address from now on')");
        await ShouldSeeAsync(page, $"Your account now signs in with {newEmail}");
        Assert.EndsWith("/account", page.Url);
        await ShouldSeeAsync(page, $"({newEmail})");

        await using var later = await app.NewContextAsync(phone: true, phoneWidth: 390);
        var again = await later.NewPageAsync();
        await SignInAsync(again, newEmail);
        Assert.EndsWith("/creative/entries", again.Url);
        Assert.Single(await MailPickup.WaitForAsync(app.MailFolder, email));
    }

    [Fact]
    public async Task The_account_page_and_the_confirmation_page_pass_axe_on_a_390_px_phone()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Axel Account");
        await buyer.OpenProjectAsync("Axe check contest");
        var newEmail = $"axel-new-{Guid.NewGuid():N}@example.com";
        await buyer.ReadAsync(await buyer.PostJsonAsync("/api/v1/account/email", new { currentPassword = Password, newEmail }), System.Net.HttpStatusCode.Accepted);
        var token = await EmailChangeMail.WaitForTokenAsync(app.MailFolder, newEmail);

        var found = (await Axe.ViolationsAsync(app, page => SignInAsync(page, buyer.Email), 390,
            new PageCheck("/account", "a contest still open: what runs and the way to My projects instead of a close form"),
            new PageCheck("/account/email/confirm?token=" + Uri.EscapeDataString(token), "a usable link"),
            new PageCheck("/account/email/confirm?token=not-ours", "a link that is not ours", Status: 404))).ToList();
        using var free = await ApiSession.SignUpAsync(app, "creative", "Fay Free");
        found.AddRange(await Axe.ViolationsAsync(app, page => SignInAsync(page, free.Email), 390,
            new PageCheck("/account", "nothing running, the close form opened", Then: OpenCloseFormAsync)));

        Axe.AssertNone(found);
    }

    private static Task OpenCloseFormAsync(IPage page) => page.ClickAsync("summary:has-text('Close my account')");

    private static async Task ExpectFitsAsync(IPage page, string state)
    {
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 390, $"The page ({state}) is {scrollWidth} px wide on a 390 px phone.");
    }
}

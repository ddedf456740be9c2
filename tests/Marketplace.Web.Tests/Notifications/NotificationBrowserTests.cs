using System.Text.RegularExpressions;
using Marketplace.Contracts.WrapUps;
using Marketplace.Testing.Cluster;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Marketplace.Web.Tests.Browser.Journey;

namespace Marketplace.Web.Tests.Notifications;

/// <summary>
/// Notifications as people meet them in Chromium: a real step of a handover (the winner delivers, staff write) shows in
/// the other person's header count and on /notifications, opening one marks it read, "Mark all as read" clears the count,
/// and the same news lands in the silo's mail pickup folder.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class NotificationBrowserTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task Delivered_files_show_in_the_buyers_header_and_inbox_and_opening_the_notification_marks_it_read()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Lantern cafe logo", "Nora Notified", "Dan Deliverer");
        await h.BuyerReadTheNewsBeforeTheDeliveryAsync();

        await using var context = await app.NewContextAsync(phone: true);
        var phone = await context.NewPageAsync();
        await SignInAsync(phone, h.Buyer.Email);
        await phone.GotoAsync("/projects");
        var header = phone.GetByRole(AriaRole.Link, new() { Name = "Notifications, 1 unread", Exact = true });
        await Assertions.Expect(header).ToBeVisibleAsync();
        await Assertions.Expect(header.Locator(".count")).ToHaveTextAsync("1");

        await header.ClickAsync();
        await ArrivedAsync(phone, "/notifications");
        await ShouldSeeAsync(phone, "1 unread.");
        var notice = phone.GetByRole(AriaRole.Button, new() { Name = "Dan Deliverer delivered the final files for “Lantern cafe logo”" });
        await Assertions.Expect(notice).ToBeVisibleAsync();
        Assert.Equal(1, await phone.Locator(".notification.unread").CountAsync());
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "The notifications page scrolls sideways at 360 px.");
        await ShotAsync(phone, "80-notifications-phone");

        await notice.ClickAsync();
        await ArrivedAsync(phone, Regex.Escape(h.PagePath));
        await ShouldSeeAsync(phone, "Dan Deliverer");
        await Assertions.Expect(phone.GetByRole(AriaRole.Link, new() { Name = "Notifications", Exact = true })).ToBeVisibleAsync();
        Assert.Equal(0, await phone.Locator(".nav-notifications .count").CountAsync());

        await phone.GotoAsync("/notifications");
        await ShouldSeeAsync(phone, "Nothing unread.");
        Assert.Equal(0, await phone.Locator(".notification.unread").CountAsync());
        // Once read, the notification is a plain link to its page.
        Assert.Equal(h.PagePath, await phone.Locator(".notification a").First.GetAttributeAsync("href"));

        var mails = await MailPickup.WaitForAsync(app.MailFolder, h.Buyer.Email, count: 3); // the payment, the entry's arrival, then the delivery
        var mail = Assert.Single(mails, m => m.Subject?.StartsWith("Dan Deliverer delivered", StringComparison.Ordinal) == true);
        Assert.Equal("Dan Deliverer delivered the final files for “Lantern cafe logo”.", mail.Subject);
        Assert.Contains("Hi Nora,", mail.TextBody);
        Assert.Contains("Review the files: http://localhost:5080" + h.PagePath, mail.TextBody);
        Assert.Contains("/notifications", mail.TextBody);
    }

    [Fact]
    public async Task Mark_all_read_clears_the_count_after_staff_step_in_and_write_to_the_creative()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Harbour ferry poster", "Hal Harbour", "Fay Ferry");
        await h.HelpedAsync();
        await h.Grain.PostMessageAsync(h.Staff, MessageAudience.Creative, "Fay, could you add an SVG of the logo?");
        var unread = (await h.Creative.InboxAsync()).GetProperty("unread").GetInt32();
        Assert.Equal(3, unread); // the award, staff stepping in, staff's message

        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, h.Creative.Email);
        await page.GotoAsync("/creative/entries");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Notifications, 3 unread", Exact = true })).ToBeVisibleAsync();

        await page.GotoAsync("/notifications");
        Assert.Equal(3, await page.Locator(".notification.unread").CountAsync());
        // Newest first: staff's message, then staff stepping in, then the award.
        var texts = await page.Locator(".notification-open").AllInnerTextsAsync();
        Assert.Contains("could you add an SVG of the logo?", texts[0]);
        Assert.Contains("is now looking after the handover of “Harbour ferry poster”", texts[1]);
        Assert.StartsWith("You won “Harbour ferry poster” with entry #", texts[2]);

        await page.ClickAsync("button:has-text('Mark all as read')");
        await ShouldSeeAsync(page, "All notifications are marked as read.");
        await ShouldSeeAsync(page, "Nothing unread.");
        Assert.Equal(0, await page.Locator(".notification.unread").CountAsync());
        Assert.Equal(3, await page.Locator(".notification").CountAsync());
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Notifications", Exact = true })).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator(".nav-notifications .count").CountAsync());

        var mails = await MailPickup.WaitForAsync(app.MailFolder, h.Creative.Email, count: 3);
        Assert.Equal(3, mails.Count);
        Assert.Contains(mails, m => m.TextBody?.Contains("could you add an SVG of the logo?", StringComparison.Ordinal) == true);
    }
}

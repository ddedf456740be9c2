using System.Net;
using Marketplace.Contracts;
using Marketplace.Contracts.WrapUps;
using Marketplace.Testing.Cluster;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Marketplace.Web.Tests.Browser.Journey;

namespace Marketplace.Web.Tests.Notifications;

/// <summary>
/// /notifications on a 390 px phone in Chromium: what waits on the reader first ("Needs you"), unread news next, read
/// ones compact; a notice whose date moved reads as past and points to the newer one; "Mark all as read" and "Show
/// older" keep the header's unread count right, and nothing is wider than the phone.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class NotificationsPhonePageTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task On_a_390_px_phone_a_moved_review_date_reads_as_past_under_the_new_call_and_mark_all_as_read_clears_the_count()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Moved date bakery logo", "Mona Moved", "Dale Date");
        await h.BuyerSawTheEntryArriveAsync();
        await h.HelpedAsync();
        var extended = await h.Grain.ExtendDeadlineAsync(h.Staff, WrapUpDeadlineKind.AutoRelease, TimeSpan.FromDays(2), "Mona is travelling this week.");
        var newDate = NoticeText.When(extended.Deadlines.Single(d => d.Kind == WrapUpDeadlineKind.AutoRelease).DueAt);

        await using var context = await app.NewContextAsync(phone: true, phoneWidth: 390);
        var phone = await context.NewPageAsync();
        await SignInAsync(phone, h.Buyer.Email);
        await phone.GotoAsync("/notifications");

        // The delivery, staff stepping in, the new date: three unread; the entry's arrival was read.
        await Assertions.Expect(phone.GetByRole(AriaRole.Link, new() { Name = "Notifications, 3 unread", Exact = true })).ToBeVisibleAsync();
        Assert.Equal(["Needs you", "New", "Earlier"], await phone.Locator(".notification-group h2").AllInnerTextsAsync());
        var needsYou = phone.Locator("section[aria-labelledby='needs-you'] .notification");
        Assert.Equal(1, await needsYou.CountAsync());
        Assert.Contains($"Approve them or ask for changes by {newDate}", await needsYou.InnerTextAsync());

        var moved = phone.Locator("section[aria-labelledby='new'] .notification", new() { HasText = "Dale Date delivered the final files" });
        Assert.Equal("Dale Date delivered the final files for “Moved date bakery logo”.", (await moved.Locator(".notification-open").InnerTextAsync()).Trim());
        Assert.Equal($"· That date moved to {newDate}; see the newer notice.", (await moved.Locator("[data-superseded]").InnerTextAsync()).Trim());
        Assert.Equal(0, await moved.Locator("[data-step-over]").CountAsync());
        Assert.Equal(1, await phone.Locator("section[aria-labelledby='earlier'] .notification.compact").CountAsync());
        await FitsThePhoneAsync(phone);
        await ShotAsync(phone, "81-notifications-phone-390");

        await phone.ClickAsync("button:has-text('Mark all as read')");
        await ShouldSeeAsync(phone, "All notifications are marked as read.");
        await ShouldSeeAsync(phone, "Nothing unread.");
        Assert.Equal(0, await phone.Locator(".nav-notifications .count").CountAsync());
        Assert.Equal(0, await phone.Locator(".notification.unread").CountAsync());
        // Read, the call still waits on her: it stays first; everything reads compact now.
        Assert.Equal(["Needs you", "Earlier"], await phone.Locator(".notification-group h2").AllInnerTextsAsync());
        Assert.Equal(await phone.Locator(".notification").CountAsync(), await phone.Locator(".notification.compact").CountAsync());
        await FitsThePhoneAsync(phone);

        // Once she approves, the call is over: its line says so, and nothing needs her.
        await h.Buyer.ReadAsync(await h.Buyer.PostJsonAsync(h.ApiPath + "/approve", new { note = "Lovely." }));
        await phone.ReloadAsync();
        Assert.Equal(0, await phone.Locator("section[aria-labelledby='needs-you']").CountAsync());
        var over = phone.Locator(".notification", new() { HasText = "Marketplace support gave you more time to review the final files" });
        Assert.Equal("· That step is over; nothing to do here now.", (await over.Locator("[data-step-over]").InnerTextAsync()).Trim());
        Assert.Equal("Marketplace support gave you more time to review the final files for “Moved date bakery logo”.", (await over.Locator(".notification-text").InnerTextAsync()).Trim());
        await FitsThePhoneAsync(phone);
        await ShotAsync(phone, "82-notifications-phone-390-step-over");
    }

    [Fact]
    public async Task Show_older_pages_a_long_inbox_keeps_an_old_call_first_and_the_unread_count_right()
    {
        using var person = await ApiSession.SignUpAsync(app, "buyer", "Lena Long");
        // The oldest asks her to act and still stands; then 44 messages, the newest two unread.
        await LongInbox.FillAsync(app, person);

        await using var context = await app.NewContextAsync(phone: true, phoneWidth: 390);
        var phone = await context.NewPageAsync();
        await SignInAsync(phone, person.Email);
        await phone.GotoAsync("/notifications");

        var header = phone.GetByRole(AriaRole.Link, new() { Name = "Notifications, 2 unread", Exact = true });
        await Assertions.Expect(header).ToBeVisibleAsync();
        // The newest 20, plus the old call to act, which is first however old it is.
        Assert.Equal(21, await phone.Locator(".notification").CountAsync());
        Assert.Contains("accept or decline by", await phone.Locator("section[aria-labelledby='needs-you'] .notification").InnerTextAsync());
        Assert.Equal(2, await phone.Locator("section[aria-labelledby='new'] .notification").CountAsync());
        Assert.StartsWith("Message number 44", (await phone.Locator("section[aria-labelledby='new'] .notification-open").First.InnerTextAsync()).Trim());
        await FitsThePhoneAsync(phone);

        await phone.ClickAsync("a:has-text('Show older (24 more)')");
        await ArrivedAsync(phone, @"/notifications\?show=40");
        Assert.Equal(41, await phone.Locator(".notification").CountAsync());
        await phone.ClickAsync("a:has-text('Show older (4 more)')");
        await ArrivedAsync(phone, @"/notifications\?show=60");
        Assert.Equal(45, await phone.Locator(".notification").CountAsync());
        Assert.Equal(0, await phone.Locator("a:has-text('Show older')").CountAsync());
        Assert.Contains("Message number 1 about", await phone.Locator("section[aria-labelledby='earlier'] .notification").Last.InnerTextAsync());
        await Assertions.Expect(header).ToBeVisibleAsync();
        await FitsThePhoneAsync(phone);

        // The API pages the same way, and refuses a page size it cannot give.
        var page = await person.ReadAsync(await person.Http.GetAsync("/api/v1/me/notifications?take=20"));
        Assert.Equal((21, 2, 24), (page.GetProperty("notifications").GetArrayLength(), page.GetProperty("unread").GetInt32(), page.GetProperty("older").GetInt32()));
        Assert.True(page.GetProperty("notifications").EnumerateArray().Last().GetProperty("asks").GetBoolean());
        var refused = await person.ReadAsync(await person.Http.GetAsync("/api/v1/me/notifications?take=0"), HttpStatusCode.BadRequest);
        Assert.Contains("between 1 and 200", refused.GetProperty("detail").GetString());
    }

    /// <summary>Nothing scrolls sideways, and no notification reaches past the screen's edge.</summary>
    private static async Task FitsThePhoneAsync(IPage phone)
    {
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "The notifications page scrolls sideways at 390 px.");
        var widest = await phone.EvaluateAsync<double>("Math.max(...[...document.querySelectorAll('.notification, .notification-group h2, .show-older a')].map(e => e.getBoundingClientRect().right))");
        Assert.True(widest <= 390, $"A notification reaches {widest} px on a 390 px phone.");
    }
}

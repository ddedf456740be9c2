using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Marketplace.Contracts.Notifications;
using Marketplace.Web.Tests.Browser;
using Marketplace.Contracts;
using Marketplace.Contracts.WrapUps;
using Marketplace.Testing.Cluster;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Marketplace.Web.Tests.Browser.Journey;

namespace Marketplace.Web.Tests.Notifications;

/// <summary>
/// /notifications on a 390 px phone in Chromium: what waits on the reader first ("Needs you"), then the rest by day,
/// unread rows marked and read ones quiet; a notice whose date moved reads as past and points to the newer one; a call
/// whose step is over says "Done"; "Mark all as read" and "Show older" keep the header's unread count right, and nothing
/// is wider than the phone.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class NotificationsPhonePageTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task On_a_390_px_phone_a_moved_review_date_reads_as_past_under_the_new_call_and_mark_all_as_read_clears_the_count()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Moved date bakery logo", "Mona Moved", "Dale Date");
        await h.BuyerReadTheNewsBeforeTheDeliveryAsync();
        await h.HelpedAsync();
        var extended = await h.Grain.ExtendDeadlineAsync(h.Staff, WrapUpDeadlineKind.AutoRelease, TimeSpan.FromDays(2), "Mona is travelling this week.");
        var newDate = NoticeText.When(extended.Deadlines.Single(d => d.Kind == WrapUpDeadlineKind.AutoRelease).DueAt);

        await using var context = await app.NewContextAsync(phone: true, phoneWidth: 390);
        var phone = await context.NewPageAsync();
        await SignInAsync(phone, h.Buyer.Email);
        await phone.GotoAsync("/notifications");

        // The delivery, staff stepping in, the new date: three unread; the payment and the entry's arrival were read.
        await Assertions.Expect(phone.GetByRole(AriaRole.Link, new() { Name = "Notifications, 3 unread", Exact = true })).ToBeVisibleAsync();
        Assert.Equal(["Needs you", "Today"], await phone.Locator(".notification-group h2").AllInnerTextsAsync());
        var needsYou = phone.Locator("section[aria-labelledby='needs-you'] .notification");
        Assert.Equal(1, await needsYou.CountAsync());
        Assert.Contains($"Approve them or ask for changes by {newDate}", await needsYou.InnerTextAsync());

        var moved = phone.Locator("section[aria-labelledby^='day-'] .notification.unread", new() { HasText = "Dale Date delivered the final files" });
        Assert.Equal("Dale Date delivered the final files for “Moved date bakery logo”.", (await moved.Locator(".notification-open").InnerTextAsync()).Trim());
        Assert.Equal($"· That date moved to {newDate}; see the newer notice.", (await moved.Locator("[data-superseded]").InnerTextAsync()).Trim());
        Assert.Equal(0, await moved.Locator("[data-step-over]").CountAsync());
        Assert.Equal(2, await phone.Locator("section[aria-labelledby^='day-'] .notification.read").CountAsync());
        await FitsThePhoneAsync(phone);
        await ShotAsync(phone, "81-notifications-phone-390");

        await phone.ClickAsync("button:has-text('Mark all as read')");
        await ShouldSeeAsync(phone, "All notifications are marked as read.");
        await ShouldSeeAsync(phone, "Nothing unread.");
        Assert.Equal(0, await phone.Locator(".nav-notifications .count").CountAsync());
        Assert.Equal(0, await phone.Locator(".notification.unread").CountAsync());
        // Read, the call still waits on her: it stays first; every row reads quiet now.
        Assert.Equal(["Needs you", "Today"], await phone.Locator(".notification-group h2").AllInnerTextsAsync());
        Assert.Equal(await phone.Locator(".notification").CountAsync(), await phone.Locator(".notification.read").CountAsync());
        await FitsThePhoneAsync(phone);

        // Once she approves, the call is over: its line says so, and nothing needs her.
        await h.Buyer.ReadAsync(await h.Buyer.PostJsonAsync(h.ApiPath + "/approve", new { note = "Lovely." }));
        await phone.ReloadAsync();
        Assert.Equal(0, await phone.Locator("section[aria-labelledby='needs-you']").CountAsync());
        var over = phone.Locator(".notification", new() { HasText = "Marketplace support gave you more time to review the final files" });
        Assert.Equal("Done", (await over.Locator("[data-step-over]").InnerTextAsync()).Trim());
        Assert.EndsWith("· Nothing to do here now.", (await over.Locator(".notification-when").InnerTextAsync()).Trim());
        Assert.Equal("Marketplace support gave you more time to review the final files for “Moved date bakery logo”.", (await over.Locator(".notification-text a").InnerTextAsync()).Trim());
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
        Assert.Equal(2, await phone.Locator(".notification.unread").CountAsync());
        Assert.StartsWith("Message number 44", (await phone.Locator(".notification.unread .notification-open").First.InnerTextAsync()).Trim());
        await FitsThePhoneAsync(phone);

        await phone.ClickAsync("a:has-text('Show older (24 more)')");
        await ArrivedAsync(phone, @"/notifications\?show=40");
        Assert.Equal(41, await phone.Locator(".notification").CountAsync());
        await phone.ClickAsync("a:has-text('Show older (4 more)')");
        await ArrivedAsync(phone, @"/notifications\?show=60");
        Assert.Equal(45, await phone.Locator(".notification").CountAsync());
        Assert.Equal(0, await phone.Locator("a:has-text('Show older')").CountAsync());
        Assert.Contains("Message number 1 about", await phone.Locator("section[aria-labelledby^='day-'] .notification").Last.InnerTextAsync());
        await Assertions.Expect(header).ToBeVisibleAsync();
        await FitsThePhoneAsync(phone);

        // The API pages the same way, and refuses a page size it cannot give.
        var page = await person.ReadAsync(await person.Http.GetAsync("/api/v1/me/notifications?take=20"));
        Assert.Equal((21, 2, 24), (page.GetProperty("notifications").GetArrayLength(), page.GetProperty("unread").GetInt32(), page.GetProperty("older").GetInt32()));
        Assert.True(page.GetProperty("notifications").EnumerateArray().Last().GetProperty("asks").GetBoolean());
        var refused = await person.ReadAsync(await person.Http.GetAsync("/api/v1/me/notifications?take=0"), HttpStatusCode.BadRequest);
        Assert.Contains("between 1 and 200", refused.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task On_a_390_px_phone_a_full_page_reads_by_day_in_the_readers_zone_short_with_an_ended_call_marked_done_and_passes_axe()
    {
        using var person = await ApiSession.SignUpAsync(app, "buyer", "Dora Days");
        await person.ReadAsync(await person.Http.PutAsJsonAsync("/api/v1/me/time-zone", new { timeZone = "Asia/Tokyo" }));
        var tokyo = LocalTimes.ZoneOrUtc("Asia/Tokyo");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), tokyo).DateTime);
        // Midnight in Tokyo is 15:00 UTC the day before: a UTC page would put these under other days.
        var midnight = new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), tokyo.BaseUtcOffset);
        var inbox = app.Grains.GetGrain<INotificationInboxGrain>(person.UserId);
        async Task AddAsync(string id, DateTimeOffset at, string text, CallToAct? call = null) =>
            await inbox.AddAsync(Actor.System, new NewNotification($"test/{person.UserId}/{id}", NotificationKinds.Message, text, "/projects", at, call));

        await AddAsync("call", midnight.AddDays(-4).AddHours(9), "Marketplace support proposes an outcome for “Day list”: accept or decline by Fri 4 Dec, 12:00 UTC.",
            new CallToAct("test/day-list", 1, "Marketplace support proposed an outcome for “Day list”."));
        // In the order they arrive: the inbox lists by arrival.
        for (var i = 1; i <= 9; i++) await AddAsync($"older-{i}", midnight.AddHours(-36).AddMinutes(i), $"Older message {i} about “Day list”.");
        await AddAsync("review", midnight.AddHours(-12), "Cai Creative delivered the final files for “Day list”. Review them, then approve or ask for changes by Sun 29 Nov, 10:00 UTC.",
            new CallToAct("test/day-review", 1, "Cai Creative delivered the final files for “Day list”."));
        await inbox.EndCallsAsync(Actor.System, "test/day-review", 2);
        for (var i = 1; i <= 6; i++) await AddAsync($"yesterday-{i}", midnight.AddHours(-6).AddMinutes(i), $"Yesterday's message {i} about “Day list”.");
        for (var i = 1; i <= 8; i++) await AddAsync($"today-{i}", midnight.AddMinutes(i), $"Today's message {i} about “Day list”.");
        var readIds = (await person.NotificationsAsync()).Select(n => n.GetProperty("id").GetString()!).Where(id => !id.Contains("today-") && !id.EndsWith("/review", StringComparison.Ordinal)).ToArray();
        await person.ReadAsync(await person.PostJsonAsync("/api/v1/me/notifications/read", new { ids = readIds }));

        await using var context = await app.NewContextAsync(phone: true, phoneWidth: 390);
        var phone = await context.NewPageAsync();
        await SignInAsync(phone, person.Email);
        await phone.GotoAsync("/notifications");

        var twoDaysAgo = today.AddDays(-2);
        Assert.Equal(["Needs you", "Today", "Yesterday", twoDaysAgo.ToString(twoDaysAgo.Year == today.Year ? "ddd d MMM" : "ddd d MMM yyyy", CultureInfo.InvariantCulture)],
            await phone.Locator(".notification-group h2").AllInnerTextsAsync());
        Assert.Contains("accept or decline by", await phone.Locator("section[aria-labelledby='needs-you'] .notification").InnerTextAsync());
        Assert.Equal(8, await phone.Locator("section[aria-labelledby='day-" + today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "'] .notification.unread").CountAsync());
        // Under a day heading a row gives only the time of day, in her zone.
        Assert.Matches(@"^\d{2}:\d{2} JST$", (await phone.Locator("section[aria-labelledby^='day-'] .notification-when time").First.InnerTextAsync()).Trim());

        // The review call ended: it reads as what happened, marked done, asks nothing and names no date.
        var done = phone.Locator(".notification", new() { HasText = "Cai Creative delivered the final files" });
        Assert.Equal("Done", (await done.Locator("[data-step-over]").InnerTextAsync()).Trim());
        Assert.DoesNotContain("approve or ask for changes by", await done.InnerTextAsync());
        Assert.Equal(1, await phone.Locator("section[aria-labelledby='needs-you'] .notification").CountAsync());

        // Twenty newest plus the standing call: each a short row, so the page stays a few screens long (review 4: 5,400 px).
        Assert.Equal(21, await phone.Locator(".notification").CountAsync());
        await Assertions.Expect(phone.GetByRole(AriaRole.Link, new() { Name = "Show older (4 more)" })).ToBeVisibleAsync();
        var tallest = await phone.EvaluateAsync<double>("Math.max(...[...document.querySelectorAll('.notification')].map(e => e.getBoundingClientRect().height))");
        Assert.True(tallest <= 120, $"A notification row is {tallest} px tall on a 390 px phone.");
        var pageHeight = await phone.EvaluateAsync<double>("document.documentElement.scrollHeight");
        Assert.True(pageHeight <= 2400, $"The notifications page is {pageHeight} px tall on a 390 px phone.");
        await FitsThePhoneAsync(phone);
        await ShotAsync(phone, "83-notifications-phone-390-by-day");

        Axe.AssertNone(await Axe.ViolationsAsync(app, page => SignInAsync(page, person.Email), 390, new PageCheck("/notifications", "by day, an ended call done")));
    }

    /// <summary>Nothing scrolls sideways, and no notification reaches past the screen's edge.</summary>
    private static async Task FitsThePhoneAsync(IPage phone)
    {
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "The notifications page scrolls sideways at 390 px.");
        var widest = await phone.EvaluateAsync<double>("Math.max(...[...document.querySelectorAll('.notification, .notification-group h2, .show-older a')].map(e => e.getBoundingClientRect().right))");
        Assert.True(widest <= 390, $"A notification reaches {widest} px on a 390 px phone.");
    }
}

using System.Text.Json;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Marketplace.Web.Tests.Browser.Journey;

namespace Marketplace.Web.Tests.Browser;

/// <summary>
/// The time zone in Chromium on a 390 px phone: sign-up keeps the zone the browser reports (Playwright's
/// <c>TimezoneId</c>), the person's pages read in it, they change it on the account page and the summary hour follows on
/// the email settings page; the changed pages pass axe.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class TimeZoneBrowserTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task Sign_up_on_a_phone_in_Berlin_keeps_Europe_Berlin_and_the_person_changes_it_on_the_account_page()
    {
        await using var context = await app.NewContextAsync(phone: true, phoneWidth: 390, timezoneId: "Europe/Berlin");
        var page = await context.NewPageAsync();
        var email = await SignUpAsync(page, "buyer", "Berit Berlin");
        Assert.Equal("Europe/Berlin", await ZoneAsync(page));

        await page.GotoAsync("/account");
        await Assertions.Expect(page.Locator("#TimeZoneId")).ToHaveValueAsync("Europe/Berlin");
        await Assertions.Expect(page.Locator("[data-current-zone]")).ToContainTextAsync("Times on Marketplace and in our emails read in Europe/Berlin (it is ");
        await ShotAsync(page, "time-zone-01-account-phone-390");

        await page.Locator("#TimeZoneId").SelectOptionAsync("America/New_York");
        await page.ClickAsync("button:has-text('Save time zone')");
        var status = page.GetByRole(AriaRole.Status);
        await Assertions.Expect(status).ToContainTextAsync("Saved. Times on Marketplace and in our emails now read in America/New York");
        await Assertions.Expect(status).ToBeFocusedAsync();
        Assert.Equal("America/New_York", await ZoneAsync(page));
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The account page is wider than the phone.");

        await page.GotoAsync("/account/emails");
        await Assertions.Expect(page.Locator("[data-summary-zone]")).ToContainTextAsync("In America/New York time.");
        await page.GetByRole(AriaRole.Radio, new() { Name = "One summary a day" }).CheckAsync();
        await page.GetByLabel("Time of the daily summary").SelectOptionAsync("7");
        await page.ClickAsync("button:has-text('Save email settings')");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved. You will get one summary of contest activity a day, at 07:00 America/New York time.");
        await ShotAsync(page, "time-zone-02-email-settings-phone-390");

        // Signing in again from a browser elsewhere does not override a zone the person chose.
        await using var travelling = await app.NewContextAsync(phone: true, phoneWidth: 390, timezoneId: "Asia/Tokyo");
        var elsewhere = await travelling.NewPageAsync();
        await SignInAsync(elsewhere, email);
        Assert.Equal("America/New_York", await ZoneAsync(elsewhere));

        Axe.AssertNone(await Axe.ViolationsAsync(app, p => SignInAsync(p, email), 390,
            new PageCheck("/account", Desktop: true), new PageCheck("/account/emails")));
    }

    [Fact]
    public async Task On_a_390px_phone_typing_part_of_a_city_or_an_offset_finds_the_zone_and_a_tap_chooses_it_for_saving()
    {
        await using var context = await app.NewContextAsync(phone: true, phoneWidth: 390, timezoneId: "UTC");
        var page = await context.NewPageAsync();
        var email = await SignUpAsync(page, "creative", "Sid Searcher");
        await page.GotoAsync("/account");
        var search = page.GetByLabel("Find your time zone");
        await Assertions.Expect(search).ToBeVisibleAsync();
        var status = page.Locator("[data-zone-search-status]");

        foreach (var (typed, zone) in new[] { ("berl", "Europe/Berlin"), ("new y", "America/New_York"), ("kolk", "Asia/Kolkata"), ("+5:30", "Asia/Kolkata"), ("sydney", "Australia/Sydney") })
        {
            await search.FillAsync(typed);
            await Assertions.Expect(page.Locator($"#zone-results button[data-zone='{zone}']")).ToBeVisibleAsync();
        }

        await ShotAsync(page, "time-zone-03-search-phone-390");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The zone search is wider than the phone.");
        await page.Locator("#zone-results button[data-zone='Australia/Sydney']").TapAsync();
        await Assertions.Expect(page.Locator("#TimeZoneId")).ToHaveValueAsync("Australia/Sydney");
        await Assertions.Expect(status).ToHaveTextAsync("Chosen: Sydney, Australia. Save time zone to keep it.");
        Assert.Equal("UTC", await ZoneAsync(page));
        await page.ClickAsync("button:has-text('Save time zone')");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved. Times on Marketplace and in our emails now read in Australia/Sydney");
        Assert.Equal("Australia/Sydney", await ZoneAsync(page));

        // Enter chooses the first match and does not save the form with the old choice; a miss says what to try.
        await search.FillAsync("kolk");
        await search.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#TimeZoneId")).ToHaveValueAsync("Asia/Kolkata");
        Assert.Equal("Australia/Sydney", await ZoneAsync(page));
        await search.FillAsync("atlantis");
        await Assertions.Expect(status).ToHaveTextAsync("No time zone matches “atlantis”. Try the nearest big city, or an offset such as +5:30.");
        await Assertions.Expect(page.Locator("#zone-results button")).ToHaveCountAsync(0);

        Axe.AssertNone(await Axe.ViolationsAsync(app, p => SignInAsync(p, email), 390,
            new PageCheck("/account", "searching", p => p.GetByLabel("Find your time zone").FillAsync("new"))));
    }

    [Fact]
    public async Task Without_javascript_sign_up_keeps_no_zone_and_times_read_in_UTC_and_the_sign_up_page_passes_axe()
    {
        await using var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(),
            JavaScriptEnabled = false,
            TimezoneId = "Asia/Kolkata",
            ViewportSize = new ViewportSize { Width = 390, Height = 640 },
        });
        var page = await context.NewPageAsync();
        await SignUpAsync(page, "creative", "Nadia Noscript");
        var zone = await page.Context.APIRequest.GetAsync("/api/v1/me/time-zone");
        var answer = JsonDocument.Parse(await zone.TextAsync()).RootElement;
        Assert.Equal("UTC", answer.GetProperty("timeZone").GetString());
        Assert.False(answer.GetProperty("chosen").GetBoolean());

        Axe.AssertNone(await Axe.ViolationsAsync(app, null, 390, new PageCheck("/account/signup"), new PageCheck("/account/signin")));
    }

    private static async Task<string?> ZoneAsync(IPage page)
    {
        var response = await page.Context.APIRequest.GetAsync("/api/v1/me/time-zone");
        Assert.True(response.Ok, $"GET /api/v1/me/time-zone answered {response.Status}");
        return JsonDocument.Parse(await response.TextAsync()).RootElement.GetProperty("timeZone").GetString();
    }
}

using System.Net;
using System.Net.Http.Json;
using Marketplace.Testing.Cluster;
using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Browser;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using MimeKit;
using static Marketplace.Web.Tests.Browser.Journey;

namespace Marketplace.Web.Tests.Notifications;

/// <summary>
/// Email settings through the site: the JSON API refuses a choice it does not know, the one-click unsubscribe link of a
/// contest email works as a mail client uses it (a POST with no cookie and no antiforgery token) while opening it changes
/// nothing, and the settings page saves a choice on a 390 px phone with no WCAG AA violations.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class EmailSettingsWebTests(MarketplaceAppFixture app)
{
    private const string Settings = "/api/v1/me/email-settings";

    [Fact]
    public async Task An_unknown_choice_is_refused_with_what_to_send_and_changes_nothing()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Wendy Weekly");

        foreach (var wrong in new object[] { new { contestActivity = "weekly" }, new { contestActivity = "1" }, new { contestActivity = "Each,None" }, new { } })
        {
            var refused = await buyer.ReadAsync(await buyer.Http.PutAsJsonAsync(Settings, wrong, ApiSession.Json), HttpStatusCode.BadRequest);
            Assert.Contains("Set contestActivity to \"Each\"", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        var now = await buyer.ReadAsync(await buyer.Http.GetAsync(Settings));
        Assert.Equal("Each", now.GetProperty("contestActivity").GetString());
        Assert.Contains(now.GetProperty("alwaysEmailed").EnumerateArray(), line => line.GetString()!.StartsWith("Payments, refunds", StringComparison.Ordinal));
        var saved = await buyer.ReadAsync(await buyer.Http.PutAsJsonAsync(Settings, new { contestActivity = "daily" }, ApiSession.Json));
        Assert.Equal("Daily", saved.GetProperty("contestActivity").GetString());
        Assert.Equal("Daily", (await buyer.ReadAsync(await buyer.Http.GetAsync(Settings))).GetProperty("contestActivity").GetString());
    }

    [Fact]
    public async Task The_one_click_unsubscribe_post_needs_no_cookie_or_antiforgery_token_and_opening_the_link_changes_nothing()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Ursula Unsubscribe");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Cleo Contender");
        var projectId = await buyer.OpenProjectAsync("Lighthouse café menu board");
        await creative.SubmitEntryAsync(projectId, DemoArt.Logo("Lighthouse", "entry", 2, 400, 300));
        // The payment's email (money: no unsubscribe), then the entry's, which carries the one-click link.
        var email = Assert.Single(await MailPickup.WaitForAsync(app.MailFolder, buyer.Email, count: 2), m => m.Headers[HeaderId.ListUnsubscribe] is not null);
        Assert.Contains("submitted entry #1", email.Subject, StringComparison.Ordinal);
        var link = new Uri(email.Headers[HeaderId.ListUnsubscribe]!.Trim().TrimStart('<').TrimEnd('>'));
        Assert.Equal("List-Unsubscribe=One-Click", email.Headers["List-Unsubscribe-Post"]);
        using var mailClient = app.NewApiClient();

        using var opened = await mailClient.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Contains("Stop emails about contest activity?", await opened.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("no-store", opened.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Equal("Each", (await buyer.ReadAsync(await buyer.Http.GetAsync(Settings))).GetProperty("contestActivity").GetString());

        var forged = link.AbsolutePath[..(link.AbsolutePath.IndexOf('.') + 1)] + "bm90LXRoZS1zZWNyZXQtYXQtYWxsLWJ1dC1sb25nLWVub3VnaA";
        using var refused = await mailClient.PostAsync(forged, OneClick());
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Contains("This unsubscribe link is not valid.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var nonsense = await mailClient.PostAsync("/unsubscribe/not-a-token", OneClick());
        Assert.Equal(HttpStatusCode.NotFound, nonsense.StatusCode);
        Assert.Equal("Each", (await buyer.ReadAsync(await buyer.Http.GetAsync(Settings))).GetProperty("contestActivity").GetString());

        using var done = await mailClient.PostAsync(link.PathAndQuery, OneClick());
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Contains("You will no longer get emails about contest activity. Change this in your <a href=\"/account/emails\">email settings</a>.",
            await done.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("None", (await buyer.ReadAsync(await buyer.Http.GetAsync(Settings))).GetProperty("contestActivity").GetString());
    }

    [Fact]
    public async Task On_a_390_px_phone_the_settings_page_saves_the_daily_summary_says_so_on_the_status_line_and_has_no_WCAG_AA_violations()
    {
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Petra Phone");
        await using var context = await app.NewContextAsync(phone: true, phoneWidth: 390);
        var page = await context.NewPageAsync();
        await SignInAsync(page, creative.Email);

        await page.GotoAsync("/account");
        await page.ClickAsync("a:has-text('Email settings')");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/emails$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "An email for each one" })).ToBeCheckedAsync();
        await ShouldSeeAsync(page, "Payments, refunds and prizes coming back to you");
        await page.GetByRole(AriaRole.Radio, new() { Name = "One summary a day" }).CheckAsync();
        await page.ClickAsync("button:has-text('Save email settings')");

        var status = page.GetByRole(AriaRole.Status);
        await Assertions.Expect(status).ToHaveTextAsync("Saved. You will get one summary of contest activity a day, at 08:00 UTC.");
        await Assertions.Expect(status).ToBeFocusedAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "One summary a day" })).ToBeCheckedAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The page is wider than the phone.");
        await ShotAsync(page, "email-settings-phone-390");
        Assert.Equal("Daily", (await creative.ReadAsync(await creative.Http.GetAsync(Settings))).GetProperty("contestActivity").GetString());

        Axe.AssertNone(await Axe.ViolationsAsync(app, p => SignInAsync(p, creative.Email), 390, new PageCheck("/account/emails", Desktop: true)));
    }

    /// <summary>What a mail client sends for RFC 8058 one-click unsubscribe: this form body and nothing else.</summary>
    private static FormUrlEncodedContent OneClick() => new([new KeyValuePair<string, string>("List-Unsubscribe", "One-Click")]);
}

using System.Text.Json;
using Marketplace.Contracts.Escrow;
using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Marketplace.Web.Tests.Browser.Journey;

namespace Marketplace.Web.Tests.Browser;

/// <summary>
/// The demo's receipt (Bea's Fernhill) and earnings (Dev's) on a 390 px phone in Chromium: the seeded figures as escrow
/// holds them, no axe violation, nothing wider than the phone, and printing shows the receipt without the site's chrome.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class ReceiptAndEarningsPhoneTests(MarketplaceAppFixture app)
{
    private const int Phone = 390;

    [Fact]
    public async Task Bea_reaches_her_Fernhill_receipt_from_my_projects_and_it_prints_without_the_site_chrome()
    {
        await app.DemoSeeded;
        var escrow = await app.Grains.GetGrain<IEscrowGrain>("p-demo-fern").GetStatementAsync();
        await using var context = await app.NewContextAsync(phone: true, phoneWidth: Phone);
        var phone = await context.NewPageAsync();
        await SignInAsync(phone, "bea@demo.marketplace", DemoSeeder.Password);

        await phone.GotoAsync("/buyer/projects");
        await phone.GetByRole(AriaRole.Link, new() { Name = "Receipt for Logo for Fernhill plant shop", Exact = true }).ClickAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Receipt", Exact = true })).ToBeVisibleAsync();
        var number = await phone.Locator("[data-receipt-number]").InnerTextAsync();
        await phone.ReloadAsync();

        Assert.Equal(number, await phone.Locator("[data-receipt-number]").InnerTextAsync());
        Assert.Equal(escrow.Funded.ToString(), (await phone.Locator("[data-net-paid]").InnerTextAsync()).Trim());
        Assert.Contains("Bea", await phone.Locator(".receipt-facts").InnerTextAsync());
        await FitsThePhoneAsync(phone, "the receipt");
        await MarketplaceAppFixture.ScreenshotAsync(phone, "receipt-390");

        await phone.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(phone.Locator(".site-header")).ToBeHiddenAsync();
        await Assertions.Expect(phone.Locator(".site-footer")).ToBeHiddenAsync();
        await Assertions.Expect(phone.Locator(".crumbs")).ToBeHiddenAsync();
        await Assertions.Expect(phone.Locator("[data-receipt]")).ToBeVisibleAsync();
        await Assertions.Expect(phone.Locator("[data-receipt-number]")).ToHaveTextAsync(number);

        Axe.AssertNone(await Axe.ViolationsAsync(app, page => SignInAsync(page, "bea@demo.marketplace", DemoSeeder.Password), Phone,
            new PageCheck("/buyer/projects/p-demo-fern/receipt", "Fernhill, paid in full"),
            new PageCheck("/buyer/projects/p-demo-quay/receipt", "Quayside, with her part of the split back")));
    }

    [Fact]
    public async Task Dev_reads_his_seeded_payouts_and_yearly_totals_from_my_entries()
    {
        await app.DemoSeeded;
        using var dev = await ApiSession.SignInAsync(app, "dev@demo.marketplace", DemoSeeder.Password);
        var statement = await dev.ReadAsync(await dev.Http.GetAsync("/api/v1/me/earnings"));
        var fernhill = await app.Grains.GetGrain<IEscrowGrain>("p-demo-fern").GetStatementAsync();
        await using var context = await app.NewContextAsync(phone: true, phoneWidth: Phone);
        var phone = await context.NewPageAsync();
        await SignInAsync(phone, "dev@demo.marketplace", DemoSeeder.Password);

        await phone.GotoAsync("/creative/entries");
        await phone.GetByRole(AriaRole.Link, new() { Name = "Earnings", Exact = true }).ClickAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Earnings", Exact = true })).ToBeVisibleAsync();

        var payouts = statement.GetProperty("payouts").EnumerateArray().ToList();
        Assert.Contains(payouts, p => p.GetProperty("projectId").GetString() == "p-demo-fern");
        Assert.Contains(payouts, p => p.GetProperty("projectId").GetString() == "p-demo-larch" && p.GetProperty("kind").GetString() == "SplitShare");
        Assert.Equal(payouts.Count, await phone.Locator("[data-payout]").CountAsync());
        Assert.Equal(fernhill.ReleasedToCreative.ToString(), (await phone.Locator("[data-payout='p-demo-fern'] [data-received]").InnerTextAsync()).Trim());
        foreach (var year in statement.GetProperty("years").EnumerateArray())
        {
            var received = year.GetProperty("received").Deserialize<Marketplace.Contracts.Money>(ApiSession.Json)!;
            Assert.Equal(received.ToString(), (await phone.Locator($"[data-year='{year.GetProperty("year").GetInt32()}'] [data-received]").InnerTextAsync()).Trim());
        }
        await FitsThePhoneAsync(phone, "the earnings page");
        await MarketplaceAppFixture.ScreenshotAsync(phone, "earnings-390");

        Axe.AssertNone(await Axe.ViolationsAsync(app, page => SignInAsync(page, "dev@demo.marketplace", DemoSeeder.Password), Phone,
            new PageCheck("/creative/earnings", "Dev's seeded payouts")));
    }

    [Fact]
    public async Task Staff_open_Devs_earnings_from_his_user_page_on_a_phone_and_read_what_he_reads()
    {
        await app.DemoSeeded;
        using var dev = await ApiSession.SignInAsync(app, "dev@demo.marketplace", DemoSeeder.Password);
        using var bea = await ApiSession.SignInAsync(app, "bea@demo.marketplace", DemoSeeder.Password);
        var statement = await dev.ReadAsync(await dev.Http.GetAsync("/api/v1/me/earnings"));
        var fernhill = await app.Grains.GetGrain<IEscrowGrain>("p-demo-fern").GetStatementAsync();
        await using var context = await app.NewContextAsync(phone: true, phoneWidth: Phone);
        var phone = await context.NewPageAsync();
        Func<IPage, Task> signInAsStaff = page => StaffJourney.SignInAsync(page, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        await signInAsStaff(phone);

        await phone.GotoAsync("/staff/users/" + dev.UserId);
        await phone.GetByRole(AriaRole.Link, new() { Name = "Earnings: every payout and the yearly totals", Exact = true }).ClickAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Earnings of Dev Patel", Exact = true })).ToBeVisibleAsync();

        Assert.Equal(statement.GetProperty("payouts").GetArrayLength(), await phone.Locator("[data-payout]").CountAsync());
        Assert.Equal(fernhill.ReleasedToCreative.ToString(), (await phone.Locator("[data-payout='p-demo-fern'] [data-received]").InnerTextAsync()).Trim());
        Assert.Equal(
            fernhill.Movements.First(m => m.Kind == EscrowMovementKind.ReleasedToCreative).GatewayReference,
            (await phone.Locator("[data-payout='p-demo-fern'] [data-payout-reference]").InnerTextAsync()).Trim());
        await Assertions.Expect(phone.Locator(".staff-nav")).ToBeVisibleAsync();
        await FitsThePhoneAsync(phone, "staff's earnings page");
        await MarketplaceAppFixture.ScreenshotAsync(phone, "staff-earnings-390");

        await phone.GetByRole(AriaRole.Link, new() { Name = "‹ Dev Patel" }).ClickAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Dev Patel", Exact = true })).ToBeVisibleAsync();
        await phone.GotoAsync("/staff/users/" + bea.UserId);
        await phone.GetByRole(AriaRole.Link, new() { Name = "Receipt for Logo for Fernhill plant shop", Exact = true }).ClickAsync();
        await Assertions.Expect(phone.Locator("[data-receipt]")).ToBeVisibleAsync();

        Axe.AssertNone(await Axe.ViolationsAsync(app, signInAsStaff, Phone,
            new PageCheck($"/staff/users/{dev.UserId}/earnings", "Dev's earnings as staff read them"),
            new PageCheck($"/staff/users/{bea.UserId}", "Bea's staff page with her receipts")));
    }

    private static async Task FitsThePhoneAsync(IPage phone, string what) =>
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), $"{what} scrolls sideways at {Phone} px.");
}

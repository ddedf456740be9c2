using System.Net;
using System.Text.Json;
using Marketplace.Contracts;
using Marketplace.Contracts.Escrow;
using Marketplace.Testing.Cluster;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Receipts;

/// <summary>
/// The buyer's receipt and the creative's earnings over HTTP: the same figures on the page as in the API, both read from
/// escrow, and a receipt number that never changes between reads.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class ReceiptAndEarningsWebTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task A_receipt_number_is_the_same_on_every_reload_of_the_page_and_the_api()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Rhea Receipt");
        var projectId = await buyer.OpenProjectAsync("Receipt test logo", prizeMinor: 42_050);
        var funding = Assert.Single((await app.Grains.GetGrain<IEscrowGrain>(projectId).GetStatementAsync()).Movements);

        var first = await buyer.ReadAsync(await buyer.Http.GetAsync($"/api/v1/projects/{projectId}/receipt"));
        var second = await buyer.ReadAsync(await buyer.Http.GetAsync($"/api/v1/projects/{projectId}/receipt"));
        var page = await buyer.Http.GetAsync($"/buyer/projects/{projectId}/receipt");
        var reloaded = await (await buyer.Http.GetAsync($"/buyer/projects/{projectId}/receipt")).Content.ReadAsStringAsync();

        var number = first.GetProperty("receiptNumber").GetString()!;
        Assert.Equal(ReceiptNumbers.For(projectId, funding.OperationId), number);
        Assert.Equal(number, second.GetProperty("receiptNumber").GetString());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains($"data-receipt-number>{number}<", html);
        Assert.Contains($"data-receipt-number>{number}<", reloaded);
        Assert.Contains(new Money(42_050, "USD").ToString(), html);
        Assert.Contains("Marketplace ledger", html);
        Assert.Contains(SupportContact.Email, html);
        Assert.Contains(buyer.Email, html);
        Assert.Contains("no-store", page.Headers.CacheControl?.ToString());
        Assert.Contains($"/buyer/projects/{projectId}/receipt", await (await buyer.Http.GetAsync("/buyer/projects")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_receipt_link_in_the_payment_email_opens_the_receipt_for_its_buyer_and_is_refused_to_anyone_else()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Pia Payer");
        using var otherBuyer = await ApiSession.SignUpAsync(app, "buyer", "Oli Other");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Cid Creative");
        using var anonymous = app.NewApiClient();
        var projectId = await buyer.OpenProjectAsync("Payment email logo", prizeMinor: 42_050);

        var mail = Assert.Single(await MailPickup.WaitForAsync(app.MailFolder, buyer.Email), m => m.Subject?.StartsWith("Payment received", StringComparison.Ordinal) == true);
        Assert.Equal("Payment received: your prize of $420.50 for “Payment email logo” is held in escrow.", mail.Subject);
        Assert.StartsWith("Hi Pia,", mail.TextBody, StringComparison.Ordinal);
        var link = new Uri(System.Text.RegularExpressions.Regex.Match(mail.TextBody ?? "", @"\nRead your receipt: (\S+)\n").Groups[1].Value);
        Assert.Equal($"/buyer/projects/{projectId}/receipt", link.AbsolutePath);

        var page = await buyer.Http.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("data-receipt-number>MP-", html);
        Assert.Contains("$420.50", html);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherBuyer.Http.GetAsync(link.PathAndQuery)).StatusCode);
        var asCreative = await creative.Http.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, asCreative.StatusCode);
        Assert.StartsWith("/error/403", Location(asCreative), StringComparison.Ordinal);
        var asVisitor = await anonymous.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, asVisitor.StatusCode);
        Assert.StartsWith("/account/signin", Location(asVisitor), StringComparison.Ordinal);

        static string Location(HttpResponseMessage response) =>
            response.Headers.Location is { IsAbsoluteUri: true } absolute ? absolute.PathAndQuery : response.Headers.Location?.OriginalString ?? "";
    }

    [Fact]
    public async Task A_completed_handovers_payout_is_on_the_creatives_earnings_page_and_api_as_escrow_paid_it()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Eli Earner");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Fay Fee");
        using var otherCreative = await ApiSession.SignUpAsync(app, "creative", "Gus Guess");
        var wrapUpId = await CompletedHandover.CompleteAsync(buyer, creative, "Earnings test sign");
        var escrow = await app.Grains.GetGrain<IEscrowGrain>(wrapUpId.Split('/')[0]).GetStatementAsync();

        var statement = await creative.ReadAsync(await creative.Http.GetAsync("/api/v1/me/earnings"));
        var html = await (await creative.Http.GetAsync("/creative/earnings")).Content.ReadAsStringAsync();

        var payout = Assert.Single(statement.GetProperty("payouts").EnumerateArray());
        Assert.Equal(escrow.ReleasedToCreative.Minor, payout.GetProperty("received").GetProperty("minor").GetInt64());
        Assert.Equal(escrow.Fees.Minor, payout.GetProperty("fee").GetProperty("minor").GetInt64());
        Assert.Equal("Earnings test sign", payout.GetProperty("projectTitle").GetString());
        Assert.Contains(escrow.ReleasedToCreative.ToString(), html);
        Assert.Contains(escrow.Fees.ToString(), html);
        Assert.Contains(escrow.Funded.ToString(), html);
        Assert.Contains("Earnings test sign", html);
        Assert.Contains("href=\"/creative/earnings\"", await (await creative.Http.GetAsync("/creative/entries")).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await otherCreative.Http.GetAsync($"/api/v1/creatives/{creative.UserId}/earnings")).StatusCode);
        Assert.Empty((await otherCreative.ReadAsync(await otherCreative.Http.GetAsync("/api/v1/me/earnings"))).GetProperty("payouts").EnumerateArray());
        Assert.Contains("<p class=\"muted\" data-payout-count>1 payout. Amounts are what escrow paid", html);
    }

    [Fact]
    public async Task Earnings_with_no_payout_say_so_once_and_lead_to_the_entries()
    {
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Nell Newcomer");

        var html = await creative.Http.GetStringAsync("/creative/earnings");

        Assert.Contains("No payouts yet. When a handover you won completes", html);
        Assert.DoesNotContain("0 payouts", html);
        Assert.DoesNotContain("data-payout-count", html);
        Assert.Contains("<a href=\"/creative/entries\">See your entries</a>", html);
    }

    [Fact]
    public async Task Staff_reach_a_creatives_earnings_and_a_buyers_receipts_from_the_persons_staff_page()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Hana Helpdesk");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Ivo Unpaid");
        using var staff = await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        var wrapUpId = await CompletedHandover.CompleteAsync(buyer, creative, "Staff earnings sign");
        var projectId = wrapUpId.Split('/')[0];
        var escrow = await app.Grains.GetGrain<IEscrowGrain>(projectId).GetStatementAsync();
        var release = Assert.Single(escrow.Movements, m => m.Kind == EscrowMovementKind.ReleasedToCreative);

        var creativePage = await PageAsync(staff, "/staff/users/" + creative.UserId);
        var buyerPage = await PageAsync(staff, "/staff/users/" + buyer.UserId);
        var earnings = await PageAsync(staff, $"/staff/users/{creative.UserId}/earnings");
        var receipt = await PageAsync(staff, $"/buyer/projects/{projectId}/receipt");

        Assert.Contains($"href=\"/staff/users/{creative.UserId}/earnings\"", creativePage);
        Assert.DoesNotContain("/earnings\"", buyerPage);
        Assert.Contains($"href=\"/buyer/projects/{projectId}/receipt\"", buyerPage);
        Assert.DoesNotContain("/receipt\"", creativePage);
        Assert.Contains("<h1>Earnings of Ivo Unpaid</h1>", earnings);
        Assert.Contains("Staff earnings sign", earnings);
        Assert.Contains(escrow.ReleasedToCreative.ToString(), earnings);
        Assert.Contains(escrow.Fees.ToString(), earnings);
        Assert.Contains($"data-payout-reference>{release.GatewayReference}<", earnings);
        Assert.Contains($"data-receipt-number>{ReceiptNumbers.For(projectId, escrow.Movements.First(m => m.Kind == EscrowMovementKind.Funded).OperationId)}<", receipt);
    }

    [Fact]
    public async Task A_creative_cannot_open_another_creatives_earnings_buyers_cannot_open_staff_pages_and_an_unknown_person_is_404()
    {
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Jo Private");
        using var otherCreative = await ApiSession.SignUpAsync(app, "creative", "Kit Curious");
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Lu Curious");
        using var visitor = new ApiSession(app.NewApiClient());
        var staffEarnings = $"/staff/users/{creative.UserId}/earnings";

        Assert.Equal(HttpStatusCode.Forbidden, (await otherCreative.Http.GetAsync($"/api/v1/creatives/{creative.UserId}/earnings")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await buyer.Http.GetAsync($"/api/v1/creatives/{creative.UserId}/earnings")).StatusCode);
        await ExpectSentToAsync(otherCreative, staffEarnings, "/error/403");
        await ExpectSentToAsync(creative, staffEarnings, "/error/403");
        await ExpectSentToAsync(buyer, staffEarnings, "/error/403");
        await ExpectSentToAsync(buyer, "/staff/users/" + creative.UserId, "/error/403");
        await ExpectSentToAsync(buyer, "/staff/users", "/error/403");
        await ExpectSentToAsync(visitor, staffEarnings, "/account/signin");
        using var staff = await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.Http.GetAsync($"/staff/users/u-nobody-{Guid.NewGuid():N}/earnings")).StatusCode);
    }

    [Fact]
    public async Task The_demo_buyers_export_holds_her_receipts_and_the_demo_creatives_export_his_earnings()
    {
        await app.DemoSeeded;
        using var bea = await ApiSession.SignInAsync(app, "bea@demo.marketplace", Marketplace.Web.Demo.DemoSeeder.Password);
        using var dev = await ApiSession.SignInAsync(app, "dev@demo.marketplace", Marketplace.Web.Demo.DemoSeeder.Password);
        var fernhill = await bea.ReadAsync(await bea.Http.GetAsync("/api/v1/projects/p-demo-fern/receipt"));
        var quayside = await bea.ReadAsync(await bea.Http.GetAsync("/api/v1/projects/p-demo-quay/receipt"));
        var devsStatement = await dev.ReadAsync(await dev.Http.GetAsync("/api/v1/me/earnings"));

        var beasExport = await bea.ReadAsync(await bea.Http.GetAsync("/api/v1/me/export"));
        var devsExport = await dev.ReadAsync(await dev.Http.GetAsync("/api/v1/me/export"));

        var receipts = beasExport.GetProperty("receipts").EnumerateArray().ToDictionary(r => r.GetProperty("projectId").GetString()!);
        Assert.Equal(fernhill.GetProperty("receiptNumber").GetString(), receipts["p-demo-fern"].GetProperty("receiptNumber").GetString());
        Assert.Equal(fernhill.GetProperty("netPaid").GetProperty("minor").GetInt64(), receipts["p-demo-fern"].GetProperty("netPaid").GetProperty("minor").GetInt64());
        var splitBack = Assert.Single(receipts["p-demo-quay"].GetProperty("returns").EnumerateArray());
        Assert.Equal("SplitShare", splitBack.GetProperty("kind").GetString());
        Assert.Equal(Assert.Single(quayside.GetProperty("returns").EnumerateArray()).GetProperty("number").GetString(), splitBack.GetProperty("number").GetString());
        Assert.Equal(JsonValueKind.Null, beasExport.GetProperty("earnings").ValueKind);
        Assert.Empty(devsExport.GetProperty("receipts").EnumerateArray());

        var exported = devsExport.GetProperty("earnings");
        Assert.Equal(
            devsStatement.GetProperty("payouts").EnumerateArray().Select(p => (p.GetProperty("operationId").GetString(), p.GetProperty("received").GetProperty("minor").GetInt64())),
            exported.GetProperty("payouts").EnumerateArray().Select(p => (p.GetProperty("operationId").GetString(), p.GetProperty("received").GetProperty("minor").GetInt64())));
        Assert.Contains(exported.GetProperty("payouts").EnumerateArray(), p => p.GetProperty("projectId").GetString() == "p-demo-larch" && p.GetProperty("kind").GetString() == "SplitShare");
        Assert.Equal(devsStatement.GetProperty("years").GetArrayLength(), exported.GetProperty("years").GetArrayLength());
        Assert.DoesNotContain("bea@demo.marketplace", devsExport.GetRawText());
    }

    private static async Task<string> PageAsync(ApiSession who, string path)
    {
        var response = await who.Http.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}: {html}");
        return html;
    }

    /// <summary>A page refused to them sends people on: visitors to sign in, signed-in people without the role to the 403 page.</summary>
    private static async Task ExpectSentToAsync(ApiSession session, string path, string to)
    {
        var response = await session.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(to, response.Headers.Location?.IsAbsoluteUri == true ? response.Headers.Location.PathAndQuery : response.Headers.Location?.OriginalString);
    }
}

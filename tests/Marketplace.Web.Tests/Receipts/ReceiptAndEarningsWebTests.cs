using System.Net;
using Marketplace.Contracts;
using Marketplace.Contracts.Escrow;
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
    }
}

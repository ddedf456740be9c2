using System.Net;
using System.Text.Json;
using Marketplace.Contracts;
using Marketplace.Contracts.Accounts;
using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Marketplace.Web.Tests.Browser.Journey;

namespace Marketplace.Web.Tests.Browser;

/// <summary>The staff console in the browser: queue → case page → act; refusals read clearly on the page and in the API.</summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class StaffConsoleTests(MarketplaceAppFixture app)
{
    private const string SecondStaffEmail = "alex@marketplace.test";
    private const string SecondStaffPassword = "alex password 123";

    [Fact]
    public async Task Staff_claim_a_disputed_case_message_the_parties_and_decide_a_refund_while_a_second_claim_names_the_holder()
    {
        var (buyer, _, title, wrapUpId) = await DisputedHandoverAsync();
        await EnsureSecondStaffAsync();

        await using var samContext = await app.NewContextAsync();
        var sam = await samContext.NewPageAsync();
        await StaffJourney.SignInAsync(sam, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        await using var alexContext = await app.NewContextAsync();
        var alex = await alexContext.NewPageAsync();
        await StaffJourney.SignInAsync(alex, SecondStaffEmail, SecondStaffPassword);
        // Both open the queue at the same moment; Sam is quicker.
        await ShouldSeeAsync(alex, title);

        await sam.ClickAsync($"li:has-text('{title}') button:has-text('Claim')");
        await ShouldSeeAsync(sam, "You hold the case");
        await ShouldSeeAsync(sam, "Case: " + title);
        await ShouldSeeAsync(sam, "Disputed");

        await alex.ClickAsync($"li:has-text('{title}') button:has-text('Claim')");
        await ShouldSeeAsync(alex, "This case is already held by Sam from Support");
        await ShotAsync(alex, "70-staff-second-claim-refused");
        await alex.GotoAsync("/staff");
        await Assertions.Expect(alex.Locator($"li:has-text('{title}')")).ToContainTextAsync("Held by Sam from Support");
        await alex.GotoAsync($"/staff/cases/{wrapUpId}");
        await ShouldSeeAsync(alex, "Held by");
        Assert.Equal(0, await alex.Locator("section.staff-actions").CountAsync());

        await sam.SelectOptionAsync("#msg-to", "BothParties");
        await sam.FillAsync("#msg-text", "I have read both sides. I will decide by tomorrow.");
        await sam.ClickAsync("button:has-text('Send message')");
        await ShouldSeeAsync(sam, "Message sent.");
        await ShouldSeeAsync(sam, "I have read both sides. I will decide by tomorrow.");

        // A split of the whole prize is refused with the grain's words, on the page.
        await sam.ClickAsync("summary:has-text('Decide the outcome')");
        await sam.SelectOptionAsync("#decide-outcome", "Split");
        await sam.FillAsync("#decide-split", "300");
        await sam.FillAsync("#decide-reason", "Half the work was done.");
        await sam.CheckAsync("input[name=confirm]");
        await sam.ClickAsync("button:has-text('Decide outcome')");
        await ShouldSeeAsync(sam, "A split gives the creative more than nothing and less than the whole prize");
        await ShotAsync(sam, "71-staff-decide-refused");

        await sam.ClickAsync("summary:has-text('Decide the outcome')");
        await sam.SelectOptionAsync("#decide-outcome", "Refunded");
        await sam.FillAsync("#decide-split", "");
        await sam.FillAsync("#decide-reason", "The files were not what the brief asked for.");
        await sam.CheckAsync("input[name=confirm]");
        await sam.ClickAsync("button:has-text('Decide outcome')");
        await ShouldSeeAsync(sam, "Decided: refund the buyer");
        await Assertions.Expect(sam.Locator("[data-escrow=held]")).ToHaveTextAsync("$0");
        await Assertions.Expect(sam.Locator("li[data-kind=SettlementDecided]")).ToContainTextAsync("You (Sam from Support)");
        await Assertions.Expect(sam.Locator("li[data-kind=SettlementDecided]")).ToContainTextAsync("The files were not what the brief asked for.");
        await ShotAsync(sam, "72-staff-case-decided");

        var seen = await buyer.ReadAsync(await buyer.Http.GetAsync("/api/v1/wrapups/" + wrapUpId));
        Assert.Equal("Refunded", seen.GetProperty("outcome").GetString());
        Assert.Contains(seen.GetProperty("messages").EnumerateArray(), m => m.GetProperty("text").GetString() == "I have read both sides. I will decide by tomorrow.");
    }

    [Fact]
    public async Task The_staff_api_names_the_holder_on_a_second_claim_and_refuses_acting_for_a_party_without_consent()
    {
        var (_, _, _, wrapUpId) = await DisputedHandoverAsync();
        await EnsureSecondStaffAsync();
        using var sam = await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        using var alex = await ApiSession.SignInAsync(app, SecondStaffEmail, SecondStaffPassword);
        var api = "/api/v1/staff/cases/" + wrapUpId;

        var queue = await sam.ReadAsync(await sam.Http.GetAsync("/api/v1/staff/cases"));
        Assert.Contains(queue.EnumerateArray(), c => c.GetProperty("case").GetProperty("caseId").GetString() == wrapUpId);
        await sam.ReadAsync(await sam.Http.PostAsync(api + "/claim", null));
        var refused = await alex.ReadAsync(await alex.Http.PostAsync(api + "/claim", null), HttpStatusCode.Conflict);
        Assert.Contains("Sam from Support", refused.GetProperty("detail").GetString());

        var noConsent = await sam.ReadAsync(await sam.PostJsonAsync(api + "/proposal-response", new { party = "Buyer", accept = true, consent = new { reason = "asked" } }), HttpStatusCode.Forbidden);
        Assert.Contains("consented", noConsent.GetProperty("detail").GetString());
        var future = await sam.ReadAsync(await sam.PostJsonAsync(api + "/delivery-links", new
        {
            recipientName = "Quick Print",
            validForHours = 24,
            buyerConsent = new { how = "phone call", givenAt = DateTimeOffset.UtcNow.AddDays(1), reason = "printer" },
        }), HttpStatusCode.BadRequest);
        Assert.Contains("future", future.GetProperty("detail").GetString());

        var caseView = await sam.ReadAsync(await sam.Http.GetAsync(api));
        Assert.Equal(sam.UserId, caseView.GetProperty("wrapUp").GetProperty("mediation").GetProperty("claimedBy").GetString());
        Assert.Equal(30_000, caseView.GetProperty("escrow").GetProperty("held").GetProperty("minor").GetInt64());
    }

    /// <summary>A buyer and a creative through the API: awarded, delivered, and the buyer disputes the files.</summary>
    private async Task<(ApiSession Buyer, ApiSession Creative, string Title, string WrapUpId)> DisputedHandoverAsync()
    {
        var buyer = await ApiSession.SignUpAsync(app, "buyer", "Disputing Dana");
        var creative = await ApiSession.SignUpAsync(app, "creative", "Defending Dev");
        var title = "Bakery menu board " + Guid.NewGuid().ToString("N")[..6];
        var projectId = await buyer.OpenProjectAsync(title);
        var entryId = await creative.SubmitEntryAsync(projectId, DemoArt.Logo("Menu", "bakery", 4, 400, 300), "menu.png");
        var award = await buyer.ReadAsync(await buyer.PostJsonAsync($"/api/v1/projects/{projectId}/award", new { entryId }));
        var wrapUpId = award.GetProperty("wrapUpId").GetString()!;
        await creative.DeliverBriefFormatsAsync(wrapUpId, "Menu");
        await buyer.ReadAsync(await buyer.PostJsonAsync($"/api/v1/wrapups/{wrapUpId}/disputes", new { reason = "The menu has the wrong prices and no logo." }));
        return (buyer, creative, title, wrapUpId);
    }

    private Task EnsureSecondStaffAsync() => app.Grains.GetGrain<IAccountGrain>(SecondStaffEmail)
        .EnsureStaffAsync(Actor.System, new NewAccount(SecondStaffEmail, SecondStaffPassword, "Alex from Support", UserRoles.Staff));
}

using Marketplace.Contracts.Escrow;
using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Marketplace.Web.Tests.Browser.Journey;

namespace Marketplace.Web.Tests.Browser;

/// <summary>
/// Staff remove a buyer on the moderation page while the buyer has a funded open contest and an awarded handover: the
/// entrant reads that support closed the contest, the winning creative reads on a phone that support will finish the
/// handover with them, and staff find the case in the queue as "buyer removed", acting in the buyer's place without consent.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class RemovedBuyerBrowserTests(MarketplaceAppFixture app)
{
    private const string Reason = "Paid with a stolen card.";

    [Fact]
    public async Task Removing_a_buyer_on_the_users_page_closes_their_contest_for_the_entrant_and_hands_their_handover_to_staff()
    {
        using var buyerApi = await ApiSession.SignUpAsync(app, "buyer", "Rex Removed");
        using var winnerApi = await ApiSession.SignUpAsync(app, "creative", "Wanda Winner");
        using var entrantApi = await ApiSession.SignUpAsync(app, "creative", "Ezra Entrant");
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var awarded = "Corner bakery logo " + suffix;
        var running = "Tea shop sign " + suffix;
        var awardedId = await buyerApi.OpenProjectAsync(awarded);
        var entryId = await winnerApi.SubmitEntryAsync(awardedId, DemoArt.Logo("Corner", "bakery", 3, 500, 400), "bakery.png");
        var award = await buyerApi.ReadAsync(await buyerApi.PostJsonAsync($"/api/v1/projects/{awardedId}/award", new { entryId }));
        var wrapUpId = award.GetProperty("wrapUpId").GetString()!;
        var runningId = await buyerApi.OpenProjectAsync(running);
        await entrantApi.SubmitEntryAsync(runningId, DemoArt.Logo("Tea", "shop", 4, 500, 400), "tea.png");

        // Staff remove the buyer on the moderation page.
        await using var staffContext = await app.NewContextAsync();
        var staff = await staffContext.NewPageAsync();
        await StaffJourney.SignInAsync(staff, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        await staff.GotoAsync("/staff/users");
        await staff.FillAsync("#q", buyerApi.Email);
        await staff.ClickAsync("button:has-text('Find')");
        var row = staff.Locator($"li[data-user='{buyerApi.UserId}']");
        await row.Locator("summary:has-text('Remove')").ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("their projects close with the prize refunded");
        await staff.FillAsync($"#remove-{buyerApi.UserId}", Reason);
        await row.Locator("input[name=confirm]").CheckAsync();
        await row.Locator("button:has-text('Remove Rex Removed')").ClickAsync();
        await ShouldSeeAsync(staff, "Rex Removed was removed.");

        // The running contest closed and its prize went back, once, with no fee.
        var escrow = await app.Grains.GetGrain<IEscrowGrain>(runningId).GetStatementAsync();
        Assert.Equal(0, escrow.Held.Minor);
        Assert.Equal(0, escrow.Fees.Minor);
        Assert.Equal(buyerApi.UserId, Assert.Single(escrow.Movements, m => m.Kind == EscrowMovementKind.RefundedToBuyer).PartyId);

        // The entrant reads who closed it and that the work stays theirs, never why.
        await using var entrantContext = await app.NewContextAsync(phone: true);
        var entrant = await entrantContext.NewPageAsync();
        await SignInAsync(entrant, entrantApi.Email);
        await entrant.GotoAsync("/notifications");
        await ShouldSeeAsync(entrant, $"Marketplace support closed “{running}”, so its prize will not be awarded. Your entry and its rights stay yours.");
        Assert.DoesNotContain("stolen", await entrant.InnerTextAsync("main"), StringComparison.OrdinalIgnoreCase);

        // The winner, on a phone: one plain message on the handover, the notice, no reason and nobody to write to but support.
        await using var winnerContext = await app.NewContextAsync(phone: true);
        var winner = await winnerContext.NewPageAsync();
        await SignInAsync(winner, winnerApi.Email);
        await winner.GotoAsync("/notifications");
        await ShouldSeeAsync(winner, $"The buyer's account was closed; Marketplace support will finish the handover of “{awarded}” with you.");
        await winner.GotoAsync("/wrapups/" + wrapUpId);
        await ShouldSeeAsync(winner, "The buyer's account was closed");
        await ShouldSeeAsync(winner, "Marketplace support will finish the handover with you in the buyer's place");
        await ShouldSeeAsync(winner, "Message to Marketplace support");
        var handover = await winner.InnerTextAsync("main");
        Assert.DoesNotContain("stolen", handover, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await winner.Locator("summary:has-text('Open a dispute')").CountAsync());
        Assert.True(await winner.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "The winner's page scrolls sideways at 360 px.");
        await ShotAsync(winner, "85-removed-buyer-winner-phone");

        // The winner delivers as usual; staff find the case, see why, and act in the buyer's place with no consent asked.
        await winnerApi.DeliverBriefFormatsAsync(wrapUpId, "bakery");
        await staff.GotoAsync("/staff");
        var queued = staff.Locator($"li:has-text('{awarded}')");
        await Assertions.Expect(queued).ToContainTextAsync("Buyer removed");
        await queued.Locator("button:has-text('Claim')").ClickAsync();
        await ShouldSeeAsync(staff, "You hold this case");
        await Assertions.Expect(staff.Locator("[data-buyer-removed]")).ToContainTextAsync(Reason);
        await StaffJourney.OpenAsync(staff, "Approve the files for the buyer");
        await Assertions.Expect(staff.Locator("form:has(#approve-note) [data-no-consent]")).ToBeVisibleAsync();
        Assert.Equal(0, await staff.Locator("#approve-how").CountAsync());
        await staff.FillAsync("#approve-reason", "Checked both files against the winning entry.");
        await staff.ClickAsync("button:has-text(\"Record the buyer's approval\")");
        await ShouldSeeAsync(staff, "Recorded the buyer's approval.");
        await ShouldSeeAsync(staff, "Staff approved the final files in the buyer's place.");
        await StaffJourney.OpenAsync(staff, "Decide the outcome");
        var outcomes = await staff.Locator("#decide-outcome option").AllInnerTextsAsync();
        Assert.Equal(3, outcomes.Count);
        await ShotAsync(staff, "86-removed-buyer-staff-case");

        // The winner reads that support approved in the buyer's place.
        await winner.GotoAsync("/notifications");
        await ShouldSeeAsync(winner, $"Marketplace support approved your files for “{awarded}” in the buyer's place.");
    }
}

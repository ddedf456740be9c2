using System.Net;
using System.Text.Json;
using Marketplace.Contracts.Entries;
using Marketplace.Contracts.Notifications;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Notifications;

/// <summary>
/// Staff remove only the winning entry, not the creative's account: the buyer's notice (which never says why), the
/// buyer's and the creative's handover page and the staff case page all say the entry was removed, not the account.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class WinningEntryRemovedWebTests(MarketplaceAppFixture app)
{
    private const string Reason = "It traces a registered trademark.";

    [Fact]
    public async Task Removing_only_the_winning_entry_tells_the_buyer_once_without_the_reason_and_every_page_says_the_entry_went_not_the_account()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Bakery shopfront sign", "Bea Baker", "Tom Tracer");
        var winning = (await h.Grain.GetAsync(h.BuyerActor)).EntryId;

        await app.Grains.GetGrain<IEntryGrain>(winning).RemoveAsync(h.Staff, Reason);

        var inbox = (await h.Buyer.ReadAsync(await h.Buyer.Http.GetAsync("/api/v1/me/notifications"))).GetProperty("notifications").EnumerateArray().ToList();
        var told = Assert.Single(inbox, n => n.GetProperty("kind").GetString() == NotificationKinds.WinnerRemoved);
        Assert.Equal("Marketplace support removed the winning entry of “Bakery shopfront sign”, so its handover cannot go on as before. "
            + "Your prize stays safe in escrow; Marketplace support will help you finish.", told.GetProperty("text").GetString());
        Assert.Equal(h.PagePath, told.GetProperty("link").GetString());
        Assert.DoesNotContain(inbox, n => n.GetProperty("text").GetString()!.Contains("trademark", StringComparison.Ordinal));

        var buyerPage = await h.Buyer.Http.GetStringAsync(h.PagePath);
        Assert.Contains("Our staff are finishing this handover for you", buyerPage);
        Assert.Contains("Marketplace support removed the winning entry, so Tom Tracer can", buyerPage);
        Assert.DoesNotContain("can no longer use the marketplace", buyerPage);

        // The creative keeps their account, so they still read the page, learn what went, and can no longer act on it.
        var creativePage = await h.Creative.Http.GetStringAsync(h.PagePath);
        Assert.Contains("Marketplace support removed the winning entry. Staff settle this handover with the buyer.", creativePage);
        Assert.DoesNotContain("The winning creative was removed", creativePage);
        var refused = await h.Creative.PostJsonAsync(h.ApiPath + "/messages", new { to = "BothParties", text = "Can I still send the files?" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Your winning entry was removed", await refused.Content.ReadAsStringAsync());

        using var staff = await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        var casePage = await staff.Http.GetStringAsync("/staff/cases/" + h.WrapUpId);
        Assert.Contains("<dt>Winning entry removed</dt><dd>" + Reason + "</dd>", casePage);
        Assert.Contains("The winning entry was removed; staff take over the case.", casePage);
        Assert.DoesNotContain("account removed", casePage);
    }
}

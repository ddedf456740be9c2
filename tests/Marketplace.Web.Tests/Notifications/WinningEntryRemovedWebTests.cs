using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Marketplace.Contracts.Notifications;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Notifications;

/// <summary>
/// Staff remove only the winning entry, not the creative's account, from the entry's page: the buyer's notice, the
/// buyer's and the creative's handover page and the staff case page all say the entry was removed, not the account.
/// Why is between staff and the creative: the creative and staff read the reason, the buyer nowhere (notice, page
/// timeline or API).
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed partial class WinningEntryRemovedWebTests(MarketplaceAppFixture app)
{
    private const string Reason = "It traces a registered trademark.";

    [Fact]
    public async Task Removing_only_the_winning_entry_tells_the_buyer_once_without_the_reason_and_every_page_says_the_entry_went_not_the_account()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Bakery shopfront sign", "Bea Baker", "Tom Tracer");
        var view = await h.Grain.GetAsync(h.BuyerActor);
        using var staff = await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        var entryPage = await staff.Http.GetStringAsync("/entries/" + view.EntryId);
        Assert.Contains("This is the winning entry: its handover goes to the staff queue.", entryPage);

        var removed = await staff.Http.PostAsync($"/entries/{view.EntryId}?handler=Remove", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["reason"] = Reason, ["confirm"] = "true", ["__RequestVerificationToken"] = AntiforgeryField().Match(entryPage).Groups[1].Value,
        }));
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Contains("Its handover is now in the staff queue; the buyer was told the winning entry (not the account) was removed, without the reason.",
            await staff.Http.GetStringAsync(removed.Headers.Location!.ToString()));

        var inbox = await h.Buyer.NotificationsAsync();
        var told = Assert.Single(inbox, n => n.GetProperty("kind").GetString() == NotificationKinds.WinnerRemoved);
        Assert.Equal("Marketplace support removed the winning entry of “Bakery shopfront sign”, so its handover cannot go on as before. "
            + "Your prize stays safe in escrow; Marketplace support will help you finish.", told.GetProperty("text").GetString());
        Assert.Equal(h.PagePath, told.GetProperty("link").GetString());
        Assert.DoesNotContain(inbox, n => n.GetProperty("text").GetString()!.Contains("trademark", StringComparison.Ordinal));

        var buyerPage = await h.Buyer.Http.GetStringAsync(h.PagePath);
        Assert.Contains("Marketplace support has your case", buyerPage);
        Assert.Contains("Marketplace support removed the winning entry, so Tom Tracer can", buyerPage);
        Assert.DoesNotContain("can no longer use the marketplace", buyerPage);
        Assert.DoesNotContain("trademark", buyerPage);
        Assert.Contains("The winning entry was removed; staff take over the case.", buyerPage);
        var buyerApi = await h.Buyer.ReadAsync(await h.Buyer.Http.GetAsync(h.ApiPath));
        Assert.Equal("Entry", buyerApi.GetProperty("winnerRemoval").GetString());
        Assert.Equal(JsonValueKind.Null, buyerApi.GetProperty("winnerRemovedReason").ValueKind);
        Assert.DoesNotContain("trademark", buyerApi.GetRawText());

        // The creative keeps their account, so they still read the page, learn what went, and can no longer act on it.
        var creativePage = await h.Creative.Http.GetStringAsync(h.PagePath);
        Assert.Contains("Marketplace support removed the winning entry. Staff settle this handover with the buyer.", creativePage);
        Assert.DoesNotContain("The winning creative was removed", creativePage);
        Assert.Contains("<div class=\"muted small\">" + Reason + "</div>", creativePage);
        var refused = await h.Creative.PostJsonAsync(h.ApiPath + "/messages", new { to = "BothParties", text = "Can I still send the files?" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Your winning entry was removed", await refused.Content.ReadAsStringAsync());

        var casePage = await staff.Http.GetStringAsync("/staff/cases/" + h.WrapUpId);
        Assert.Contains("<dt>Winning entry removed</dt><dd>" + Reason + "</dd>", casePage);
        Assert.Contains("The winning entry was removed; staff take over the case.", casePage);
        Assert.DoesNotContain("account removed", casePage);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

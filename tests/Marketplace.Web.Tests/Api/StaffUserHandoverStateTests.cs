using System.Net;
using Marketplace.Contracts;
using Marketplace.Contracts.WrapUps;
using Marketplace.Web.Presentation;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Api;

/// <summary>
/// A person's staff page gives each of their handovers its state, so staff see at a glance what is waiting before they
/// suspend or remove someone: the step ("Awaiting files", "In review", "Disputed"…) and, once nothing moved for too
/// long, since when it has been with staff. On the test clock, so the stall happens as the reminder would find it.
/// </summary>
[Collection(ClockedAppCollection.Name)]
public sealed class StaffUserHandoverStateTests(ClockedAppFixture app)
{
    [Fact]
    public async Task A_persons_staff_page_gives_each_handover_its_step_and_when_a_stalled_one_went_to_staff()
    {
        using var stalled = await StaffedHandover.DeliveredAsync(app, "Weir cottage sign", "Wren Weir", "Stan Stalls");
        var (buyer, creative) = (stalled.Buyer, stalled.Creative);
        await buyer.ReadAsync(await buyer.PostJsonAsync(stalled.ApiPath + "/changes", new { message = "A darker green, please." }));
        var reviewing = await StaffedHandover.AwardedAsync(buyer, creative, "Lock keeper's mug");
        await creative.ReadAsync(await StaffedHandover.PostDeliveryAsync(creative, reviewing, StaffedHandover.DefaultFinals("Lock")));
        var disputed = await StaffedHandover.AwardedAsync(buyer, creative, "Quarry café menu");
        await creative.ReadAsync(await StaffedHandover.PostDeliveryAsync(creative, disputed, StaffedHandover.DefaultFinals("Quarry")));
        await app.Grains.GetGrain<IWrapUpGrain>(disputed).OpenDisputeAsync(stalled.BuyerActor, "The menu prices are wrong.", []);
        app.Advance(TimeSpan.FromDays(4) + TimeSpan.FromMinutes(1));
        await stalled.Grain.EvaluateDeadlinesAsync(Actor.System);
        using var staff = await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        var sentToStaff = (await stalled.Grain.GetAsync(stalled.Staff)).Mediation!.OpenedAt;

        var creativePage = Flat(await PageAsync(staff, "/staff/users/" + creative.UserId));
        var buyerPage = Flat(await PageAsync(staff, "/staff/users/" + buyer.UserId));

        Assert.Contains(
            $"<a href=\"/staff/cases/{stalled.WrapUpId}\">Weir cottage sign</a> <span class=\"muted small\">· won</span><br /><span class=\"badge brand\" data-handover-state>Awaiting files</span> "
            + $"<span class=\"small\" data-handover-since>Stalled since {Display.DateTime(sentToStaff, TimeZoneInfo.Utc)}</span>",
            PageText.TimeTagsOut(creativePage));
        Assert.Contains($"<a href=\"/staff/cases/{reviewing}\">Lock keeper's mug</a> <span class=\"muted small\">· won</span><br /><span class=\"badge brand\" data-handover-state>In review</span></li>", creativePage);
        Assert.Contains($"<a href=\"/staff/cases/{disputed}\">Quarry café menu</a> <span class=\"muted small\">· won</span><br /><span class=\"badge bad\" data-handover-state>Disputed</span> <span class=\"small\" data-handover-since>With staff (disputed) since ", creativePage);
        Assert.Contains($"<a href=\"/staff/cases/{stalled.WrapUpId}\">Weir cottage sign</a> <span class=\"muted small\">· buying</span><br /><span class=\"badge brand\" data-handover-state>Awaiting files</span>", buyerPage);
        Assert.Contains($"<a href=\"/staff/cases/{reviewing}\">Lock keeper's mug</a> <span class=\"muted small\">· buying</span><br /><span class=\"badge brand\" data-handover-state>In review</span></li>", buyerPage);
    }

    /// <summary>The markup with the whitespace between tags taken out, so a test reads one handover's line as one string.</summary>
    private static string Flat(string html) => System.Text.RegularExpressions.Regex.Replace(html, @">[ \t]*\r?\n\s*<", "><").Replace("</span><span", "</span> <span");

    private static async Task<string> PageAsync(ApiSession session, string path)
    {
        var response = await session.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }
}

using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Contracts.Escrow;
using Marketplace.Contracts.WrapUps;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Api;

/// <summary>
/// The staff case page's release of the payment and quality check, posted as the browser does (antiforgery): release is
/// offered only at the end of the ordinary path and needs a ticked confirmation; a named check needs a result.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed partial class StaffReleasePageTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task Release_is_offered_only_after_approval_and_both_signatures_and_needs_the_confirmation()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Kiosk signage", "Una Unsure", "Pete Painter");
        await h.HelpedAsync();
        using var staff = await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        var path = "/staff/cases/" + h.WrapUpId;

        // Delivered is not enough: the page says what is missing and offers no button; a post anyway is refused.
        var page = await staff.Http.GetStringAsync(path);
        Assert.Contains("<strong>Not yet:</strong> The buyer has not approved the files yet; approve for them with their recorded consent", page);
        Assert.DoesNotContain("Release payment</button>", page);
        var early = await PostFormAsync(staff.Http, path, "ReleasePayment", page, new() { ["reason"] = "The buyer said yes by email.", ["confirm"] = "true" });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("The buyer has not approved the files yet", await early.Content.ReadAsStringAsync());

        // A named check without a result is refused; nothing is recorded.
        var unchosen = await PostFormAsync(staff.Http, path, "QualityCheck", page, new() { ["checks[0].Check"] = "Matches the winning entry", ["checks[0].Passed"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, unchosen.StatusCode);
        var unchosenPage = await unchosen.Content.ReadAsStringAsync();
        Assert.Contains("<strong>Not done:</strong> Choose pass or fail for", unchosenPage);
        Assert.Contains("every check needs a result.", unchosenPage);
        Assert.Empty((await h.Grain.GetAsync(h.Staff)).QualityChecks);

        // Approved and signed for both with consent: now the form is there, and it needs the confirmation.
        await h.Grain.ApproveAsync(h.Staff, null, h.ForBuyer("email of the buyer", "The buyer is travelling."));
        var version = (await h.Grain.GetAsync(h.Staff)).AgreementVersion;
        await h.Grain.SignAgreementAsync(h.Staff, version, h.ForBuyer("email of the buyer", "The buyer is travelling."));
        await h.Creative.ReadAsync(await h.Creative.PostJsonAsync($"/api/v1/wrapups/{h.WrapUpId}/sign", new { agreementVersion = version }));
        page = await staff.Http.GetStringAsync(path);
        Assert.Contains("Release payment</button>", page);
        Assert.Contains("I confirm: this pays the creative and cannot be undone.", page);
        var unconfirmed = await PostFormAsync(staff.Http, path, "ReleasePayment", page, new() { ["reason"] = "Both signed." });
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.Contains("Tick the confirmation", await unconfirmed.Content.ReadAsStringAsync());
        var escrow = app.Grains.GetGrain<IEscrowGrain>(h.WrapUpId.Split('/')[0]);
        Assert.Equal(0, (await escrow.GetStatementAsync()).ReleasedToCreative.Minor);

        var released = await PostFormAsync(staff.Http, path, "ReleasePayment", page, new() { ["reason"] = "Both signed.", ["confirm"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, released.StatusCode);
        Assert.Equal(WrapUpOutcome.Completed, (await h.Grain.GetAsync(h.Staff)).Outcome);
        Assert.True((await escrow.GetStatementAsync()).ReleasedToCreative.Minor > 0);
    }

    private static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string handler, string pageHtml, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = AntiforgeryField().Match(pageHtml).Groups[1].Value;
        return client.PostAsync($"{path}?handler={handler}", new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

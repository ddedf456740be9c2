using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Api;

/// <summary>
/// The parties' wrap-up page over HTTP: a step the wrap-up refuses comes back as the same page with the grain's
/// reason and a 4xx status; strangers never see the page.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed partial class WrapUpPageRefusalTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task A_refused_step_shows_the_reason_on_the_page_and_strangers_are_kept_out()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Refusal mural", "Rhea Refused", "Sven Sketch");
        await h.Buyer.ReadAsync(await h.Buyer.PostJsonAsync(h.ApiPath + "/disputes", new { reason = "Colours are wrong." }));

        var page = await h.Buyer.Http.GetStringAsync(h.PagePath);
        Assert.Contains("On hold: a dispute is open", page);
        Assert.DoesNotContain("Approve the files", page);
        var refused = await PostFormAsync(h.Buyer.Http, h.PagePath + "?handler=Approve", page, []);
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("didn't go through.", body);
        Assert.Contains("A dispute is open; staff settle it before the handover can go on.", body);

        var filerAnswers = await PostFormAsync(h.Buyer.Http, h.PagePath + "?handler=AnswerDispute", page, new() { ["answer"] = "Answering my own dispute." });
        Assert.Equal(HttpStatusCode.Forbidden, filerAnswers.StatusCode);

        using var stranger = await ApiSession.SignUpAsync(app, "buyer", "Nosy Neighbour");
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.Http.GetAsync(h.PagePath)).StatusCode);
        using var anonymous = app.NewApiClient();
        var redirected = await anonymous.GetAsync(h.PagePath);
        Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
        Assert.Contains("/account/signin", redirected.Headers.Location!.ToString());
        Assert.Null((await h.Grain.GetAsync(h.BuyerActor)).Dispute!.Answer);
    }

    private static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, string pageHtml, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = AntiforgeryField().Match(pageHtml).Groups[1].Value;
        return client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

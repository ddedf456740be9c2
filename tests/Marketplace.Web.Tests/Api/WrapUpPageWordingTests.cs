using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Contracts.Escrow;
using Marketplace.Contracts.Users;
using Marketplace.Web.Presentation;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Api;

/// <summary>
/// The handover page over HTTP, as each party reads it: a removed winner's buyer is told support has the case and
/// writes only to staff; a case staff hold offers no "I need help"; finals are shown large with their name, format and
/// size; an ordinary completion reads as done, per role; dates read one way; the buyer is credited with their award.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed partial class WrapUpPageWordingTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task A_removed_winners_buyer_reads_that_support_has_the_case_and_can_write_only_to_staff()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Lotus menu cover", "Olga Owner", "Ron Removed");
        await app.Grains.GetGrain<IUserGrain>(h.Creative.UserId).RemoveAsync(h.Staff, "Repeated copying of other designers' work.");

        var html = await h.Buyer.Http.GetStringAsync(h.PagePath);
        var page = TimeTagsOut(WebUtility.HtmlDecode(html));
        Assert.Contains("Marketplace support has your case", page);
        Assert.Contains("Marketplace support removed Ron Removed's account, so they can't act on this handover any more.", page);
        Assert.Contains("let you award another entry of your project;", page);
        Assert.Contains("refund your prize.", page);
        Assert.DoesNotContain("Waiting for the final files", page);
        Assert.DoesNotContain("is preparing the final files", page);
        Assert.DoesNotContain("can no longer use the marketplace", page);
        Assert.DoesNotContain("Message to Ron Removed", page);
        Assert.DoesNotContain("id=\"msg\"", page);
        Assert.Contains("<label for=\"msg-staff\">Message to Marketplace support</label>", page);
        Assert.DoesNotContain("I need help", page);
        Assert.Contains("Staff are on it", page);
        Assert.DoesNotContain("Open a dispute", page);
        Assert.Contains("Held in escrow while Marketplace support decides.", page);
        Assert.DoesNotContain("until both of you sign", page);

        // A form kept open from before the removal: the wrap-up refuses it, and the page says where to write instead.
        var refused = await PostFormAsync(h.Buyer.Http, h.PagePath + "?handler=Message", html, new() { ["to"] = "BothParties", ["text"] = "Are the files coming?" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var body = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("The winning creative was removed, so messages to them can't be delivered here. Write to Marketplace support instead", body);
        Assert.DoesNotContain("Message sent.", body);
        Assert.Empty((await h.Grain.GetAsync(h.BuyerActor)).Messages);
    }

    [Fact]
    public async Task A_case_staff_hold_offers_no_help_button_and_says_staff_are_on_it()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Harbour signage", "Hana Helped", "Carl Creative");
        Assert.Contains("I need help", await h.Buyer.Http.GetStringAsync(h.PagePath));

        await h.HelpedAsync();

        foreach (var party in new[] { h.Buyer, h.Creative })
        {
            var page = TimeTagsOut(WebUtility.HtmlDecode(await party.Http.GetStringAsync(h.PagePath)));
            Assert.DoesNotContain("I need help", page);
            Assert.DoesNotContain("Ask staff for help", page);
            Assert.Contains("Marketplace support already has this case, so there is no need to ask for help.", page);
            Assert.Contains("Held in escrow while Marketplace support helps you finish.", page);
        }
    }

    [Fact]
    public async Task Each_final_is_shown_large_with_srcset_name_format_and_size_next_to_the_approval()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Spokes brand mark", "Bea Buyer", "Dev Designer");
        var final = (await h.Grain.GetAsync(h.BuyerActor)).LatestDelivery!.Files[0];

        var page = TimeTagsOut(WebUtility.HtmlDecode(await h.Buyer.Http.GetStringAsync(h.PagePath)));

        var img = Regex.Match(page, "<img src=\"([^\"]+)\" srcset=\"([^\"]+)\" sizes=\"([^\"]+)\"[^>]*alt=\"Preview of spokes-logo.png\"");
        Assert.True(img.Success, "no large preview of the final on the page");
        Assert.Equal($"{h.PagePath}/files/0/preview/phone", img.Groups[1].Value);
        Assert.Contains($"{h.PagePath}/files/0/preview/desktop ", img.Groups[2].Value);
        Assert.Contains($"{h.PagePath}/files/0/preview/lite ", img.Groups[2].Value);
        Assert.Equal("(max-width: 831px) 92vw, 46rem", img.Groups[3].Value);
        Assert.Contains($"<span class=\"muted small\">PNG · {Display.Bytes(final.File.Bytes)}</span>", page);
        Assert.Contains("<span class=\"muted small\">PDF · ", page);
        Assert.Contains("Approve these files", page);
        Assert.Equal(HttpStatusCode.OK, (await h.Buyer.Http.GetAsync(img.Groups[1].Value)).StatusCode);
    }

    [Fact]
    public async Task An_ordinary_completion_reads_as_done_for_each_party_with_one_date_format_and_the_award_credited_to_the_buyer()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Tide cafe logo", "Bea Baker", "Mira Maker");
        await h.Buyer.ReadAsync(await h.Buyer.PostJsonAsync(h.ApiPath + "/approve", new { note = "Lovely." }));
        var version = (await h.Grain.GetAsync(h.BuyerActor)).AgreementVersion;
        await h.Creative.ReadAsync(await h.Creative.PostJsonAsync(h.ApiPath + "/sign", new { agreementVersion = version }));
        await h.Buyer.ReadAsync(await h.Buyer.PostJsonAsync(h.ApiPath + "/sign", new { agreementVersion = version }));
        var escrow = await app.Grains.GetGrain<IEscrowGrain>((await h.Grain.GetAsync(h.BuyerActor)).ProjectId).GetStatementAsync();

        var buyerPage = TimeTagsOut(WebUtility.HtmlDecode(await h.Buyer.Http.GetStringAsync(h.PagePath)));
        // The heading says it is complete; the line under it says what that means, without repeating the heading.
        Assert.Matches("<h2[^>]*>Handover complete</h2>\\s*<p class=\"outcome-text\" data-outcome>You have the files and the rights; Mira Maker was paid.</p>", buyerPage);
        Assert.Contains("Your files are ready: take them all in one zip, with a record of the signed agreement, or one by one below.", buyerPage);
        Assert.Matches("<div class=\"when\">[^<]* · You</div>\\s*<div>Bea Baker chose Mira Maker's entry as the winner; ", buyerPage);
        var creativePage = TimeTagsOut(WebUtility.HtmlDecode(await h.Creative.Http.GetStringAsync(h.PagePath)));
        Assert.Contains($"<p class=\"outcome-text\" data-outcome>You were paid {Display.Money(escrow.ReleasedToCreative)}.</p>", creativePage);
        Assert.DoesNotContain("Download the originals", creativePage);
        Assert.DoesNotContain("Your files are ready", creativePage);
        Assert.Matches("<div class=\"when\">[^<]* · Bea Baker</div>\\s*<div>Bea Baker chose Mira Maker's entry as the winner; ", creativePage);

        foreach (var page in new[] { buyerPage, creativePage })
        {
            Assert.DoesNotContain("decided the outcome", page);
            Assert.DoesNotMatch(@"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}", page);
            Assert.Matches(@"Automatic release on \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} UTC\.", page);
        }
    }

    private static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, string pageHtml, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = AntiforgeryField().Match(pageHtml).Groups[1].Value;
        return client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

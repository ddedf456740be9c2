using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Contracts;
using Marketplace.Contracts.WrapUps;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Api;

/// <summary>
/// The timeline in plain words: a handover taken through most of what can happen to one (changes, redelivery, pause,
/// messages, help, staff relay, checks, previews, a printer link, a deadline, a dispute, proposals, a split) reads to
/// the buyer, the creative and staff with every line naming who acted, and no enum names, type names or ids.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed partial class TimelineWordsPageTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task Every_timeline_line_names_who_acted_in_plain_words_without_enum_names_or_ids()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Heron rowing club crest", "Hal Harbour", "Ivy Inkwell");
        var creative = new Actor(h.Creative.UserId, UserRoles.Creative);
        await h.Buyer.ReadAsync(await h.Buyer.PostJsonAsync(h.ApiPath + "/changes", new { message = "Please make the heron face left." }));
        await h.Creative.ReadAsync(await StaffedHandover.PostDeliveryAsync(h.Creative, h.WrapUpId, h.Finals));
        await h.Buyer.ReadAsync(await h.Buyer.PostJsonAsync(h.ApiPath + "/pause", new { reason = "Our committee meets on Friday." }));
        await h.Buyer.ReadAsync(await h.Buyer.PostJsonAsync(h.ApiPath + "/resume", new { }));
        await h.Buyer.ReadAsync(await h.Buyer.PostJsonAsync(h.ApiPath + "/messages", new { to = "BothParties", text = "Thanks, looking good." }));
        await h.HelpedAsync();
        await h.Grain.RelayMessageAsync(h.Staff, h.Creative.UserId, "Ivy says the PDF is print-ready.");
        await h.Grain.RecordQualityCheckAsync(h.Staff, [new QualityCheckItem("Formats of the brief", true), new QualityCheckItem("Resolution fit for print", false)], "Needs 300 dpi.");
        await h.Grain.SendPreviewsToBuyerAsync(h.Staff, null);
        var link = await h.Grain.CreateDeliveryLinkAsync(h.Staff, new ThirdPartyRecipient("Quick Print Ltd", null), TimeSpan.FromDays(2), h.ForBuyer("phone call with the buyer", "The buyer wants the files at her printer."));
        await h.Grain.RedeemDeliveryLinkAsync(link.Token, "203.0.113.7");
        await h.Grain.ExtendDeadlineAsync(h.Staff, WrapUpDeadlineKind.AutoRelease, TimeSpan.FromHours(30), "The buyer is away until Monday.");
        await h.Grain.ReleaseClaimAsync(h.Staff);
        await h.Grain.ClaimAsync(h.Staff);
        await h.Grain.CloseMediationAsync(h.Staff, "Both are on track again.");
        await h.Grain.OpenDisputeAsync(h.BuyerActor, "The heron still faces right.", []);
        await h.Grain.AnswerDisputeAsync(creative, "It faces left in the PDF.", []);
        await h.Grain.ClaimAsync(h.Staff);
        await h.Grain.ProposeOutcomeAsync(h.Staff, new Resolution(WrapUpOutcome.Refunded), "Not as agreed.");
        await h.Grain.RespondToProposalAsync(creative, false, "It is as agreed.");
        var prize = (await h.Grain.GetAsync(h.Staff)).Prize;
        await h.Grain.DecideOutcomeAsync(h.Staff, new Resolution(WrapUpOutcome.Split, new Money(prize.Minor / 2, prize.Currency)), "Half the work matches the brief.");

        var view = await h.Grain.GetAsync(h.Staff);
        var kinds = view.Timeline.Select(t => t.Kind).ToHashSet();
        string[] expected = ["Started", "FilesDelivered", "ChangesRequested", "AutoReleasePaused", "AutoReleaseResumed", "MessagePosted", "HelpRequested",
            "CaseClaimed", "QualityChecked", "PreviewsSent", "DeliveryLinkCreated", "DeliveryLinkRedeemed", "DeadlineExtended", "ClaimReleased", "MediationClosed",
            "DisputeOpened", "DisputeAnswered", "OutcomeProposed", "ProposalDeclined", "SettlementDecided", "Ended", "ProjectInformed"];
        Assert.Empty(expected.Except(kinds));

        string[] ids = [h.Buyer.UserId, h.Creative.UserId, h.Staff.UserId, h.WrapUpId, view.ProjectId, view.EntryId, link.LinkId, "system", "link:"];
        using var staff = await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        foreach (var (reader, path) in new[] { (h.Buyer, h.PagePath), (h.Creative, h.PagePath), (staff, "/staff/cases/" + h.WrapUpId) })
        {
            var page = TimeTagsOut(WebUtility.HtmlDecode(await reader.Http.GetStringAsync(path)));
            var lines = TimelineLines(page);
            Assert.True(lines.Count >= expected.Length - 3, $"{path} shows {lines.Count} timeline lines");
            foreach (var (who, what) in lines)
            {
                Assert.False(string.IsNullOrWhiteSpace(who), $"A timeline line on {path} names nobody: {what}");
                var text = who + " " + what;
                Assert.DoesNotMatch(PascalCaseWord(), text);
                Assert.DoesNotMatch(@"\((Completed|Split|Refunded|Reopened|Stalled|Disputed|Buyer|Creative)\)", text);
                Assert.DoesNotMatch(@"\b(USD|EUR)\b|\d\.\d\d [A-Z]{3}", text);
                Assert.DoesNotContain("preview(s)", text);
                foreach (var id in ids) Assert.DoesNotContain(id, text);
            }

            Assert.Contains(lines, l => l.What.Contains("Hal Harbour asked for changes: Please make the heron face left.", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.What.Contains("Staff passed on a message from Ivy Inkwell to ", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.What.Contains("Quick Print Ltd downloaded the final files through the delivery link.", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.What.Contains("Staff gave more time for Hal Harbour's review before the automatic release: 1 day and 6 hours more.", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.What.Contains("Ivy Inkwell declined staff's proposal.", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.What.StartsWith("Staff decided the outcome: split the prize: ", StringComparison.Ordinal));
        }
    }

    /// <summary>(who, what) of each timeline line: the party pages put the actor in the "when" line, the staff page too.</summary>
    private static List<(string Who, string What)> TimelineLines(string page)
    {
        var list = Regex.Match(page, "<ol class=\"timeline[^\"]*\">([\\s\\S]*?)</ol>").Groups[1].Value;
        return Regex.Matches(list, "<div class=\"when\">[^<]*? · ([^<]*)</div>\\s*<div>([^<]*)</div>")
            .Select(m => (m.Groups[1].Value.Trim(), m.Groups[2].Value.Trim()))
            .ToList();
    }

    /// <summary>A word like "AutoRelease" or "WinnerRemoved": how an enum or a type name looks, never a word people write.</summary>
    [GeneratedRegex(@"\b[A-Z][a-z]+[A-Z][A-Za-z]*\b")]
    private static partial Regex PascalCaseWord();
}

using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Contracts;
using Marketplace.Contracts.Notifications;
using Marketplace.Contracts.Users;
using Marketplace.Contracts.WrapUps;
using Marketplace.Web.Presentation;
using Marketplace.Testing.Cluster;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Api;

/// <summary>
/// The timeline lines nobody typed, as the buyer, the creative and staff read them on their pages: the clock moves
/// (as the wrap-up's reminder would find it) and each line names who acted — "Marketplace" for the automatic rules,
/// never a person who did nothing — with money in the one format. Prize $300, fee 15 %. The notifications and emails the
/// same clock sends say it in the same words, to each party as "you".
/// </summary>
[Collection(ClockedAppCollection.Name)]
public sealed class ClockTimelineWordsTests(ClockedAppFixture app)
{
    private const string Marketplace = "Marketplace";

    [Fact]
    public async Task The_buyers_silence_releases_the_prize_and_every_reader_sees_Marketplace_approve_and_pay()
    {
        var deliveredAt = app.Clock.GetUtcNow();
        using var h = await StaffedHandover.DeliveredAsync(app, "Osprey kayak hire sign", "Olga Osprey", "Piet Paddle");
        await PassAsync(h, TimeSpan.FromDays(5));

        var delivered = $"Piet Paddle delivered 2 final files: osprey-logo.png, osprey-print.pdf. Automatic release on {Display.DateTime(deliveredAt.AddDays(5), TimeZoneInfo.Utc)}.";
        var silence = "Olga Osprey did not approve the files or ask for changes before the automatic release date, so Marketplace approved them and released the prize.";
        const string paid = "Escrow paid Piet Paddle $255 (after the $45 marketplace fee); the handover is closed.";
        const string told = "The project page now shows how the handover ended.";
        await ReadsAsync(h, Viewer.Buyer, ("Piet Paddle", delivered), (Marketplace, silence),
            (Marketplace, "Handover complete: you have the files and the rights; Piet Paddle is paid."), (Marketplace, paid), (Marketplace, told));
        await ReadsAsync(h, Viewer.Creative, ("You", delivered), (Marketplace, silence),
            (Marketplace, "Handover complete: $255 (the prize of $300 less the 15% marketplace fee) is paid to you."), (Marketplace, paid), (Marketplace, told));
        await ReadsAsync(h, Viewer.Staff, ("Piet Paddle (creative)", delivered), (Marketplace, silence),
            (Marketplace, "Handover complete: Olga Osprey gets the files and the rights; Piet Paddle is paid."), (Marketplace, paid), (Marketplace, told));

        await ToldAsync(h.Buyer, NotificationKinds.Completed, "The handover of “Osprey kayak hire sign” is complete: the design is yours.",
            " You did not approve the files or ask for changes before the automatic release date, so Marketplace approved them and released the prize. Download the original files from the handover page; your receipt shows what you paid.");
        await ToldAsync(h.Creative, NotificationKinds.Paid, "Payment released: $255 (the prize of $300 less the 15% marketplace fee) for “Osprey kayak hire sign” is on its way to you.",
            " Olga Osprey did not approve the files or ask for changes before the automatic release date, so Marketplace approved them and released the prize. Your earnings page lists the payout and the fee.",
            subject: "Payment released: $255 for “Osprey kayak hire sign” is on its way to you.");
    }

    [Fact]
    public async Task A_handover_left_waiting_reminds_the_waited_on_party_then_goes_to_staff_naming_only_them()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Stillwater mill sign", "Sol Still", "Tam Tardy");
        await h.Buyer.ReadAsync(await h.Buyer.PostJsonAsync(h.ApiPath + "/changes", new { message = "Please make the wheel blue." }));
        await PassAsync(h, TimeSpan.FromDays(2));
        await PassAsync(h, TimeSpan.FromDays(2));

        const string reminded = "Marketplace reminded Tam Tardy on the site and by email that the handover waits on them.";
        const string queued = "Tam Tardy had still not acted after the reminder, so the case went to the staff queue for support to help.";
        const string changes = "Sol Still asked for changes: Please make the wheel blue.";
        await ReadsAsync(h, Viewer.Buyer, ("You", changes), (Marketplace, reminded), (Marketplace, queued));
        await ReadsAsync(h, Viewer.Creative, ("Sol Still", changes), (Marketplace, reminded), (Marketplace, queued));
        await ReadsAsync(h, Viewer.Staff, ("Sol Still (buyer)", changes), (Marketplace, reminded), (Marketplace, queued));

        await ToldAsync(h.Creative, NotificationKinds.Reminder, "Reminder: the handover of “Stillwater mill sign” waits on you.",
            " Sol Still is waiting for your final files: upload them to receive the prize. If it still waits on you, the case goes to the staff queue for support to help.");
        await ToldAsync(h.Creative, NotificationKinds.StaffStepIn, "Marketplace support will help with the handover of “Stillwater mill sign”.",
            " You had still not acted after the reminder, so the case went to the staff queue for support to help. You can still act on the handover page; support will write to you there.");
        await ToldAsync(h.Buyer, NotificationKinds.StaffStepIn, "Marketplace support will help with the handover of “Stillwater mill sign”.",
            " Tam Tardy had still not acted after the reminder, so the case went to the staff queue for support to help. Support will write to you on the handover page.");
    }

    [Fact]
    public async Task An_unanswered_dispute_is_decided_by_the_rule_not_by_a_person_and_refunds_the_buyer()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Dune bakery sign", "Dora Dune", "Ezra Easel");
        var due = app.Clock.GetUtcNow().AddDays(5);
        await h.Grain.OpenDisputeAsync(h.BuyerActor, "The colours are not the ones we agreed.", []);
        await PassAsync(h, TimeSpan.FromDays(5));

        var opened = $"Dora Dune opened a dispute: The colours are not the ones we agreed. (Ezra Easel to answer by {Display.DateTime(due, TimeZoneInfo.Utc)}).";
        const string unanswered = "Ezra Easel did not answer Dora Dune's dispute in time, so it is decided for Dora Dune.";
        const string decided = "Decided by the rule for unanswered disputes: refund Dora Dune the whole prize ($300).";
        const string refunded = "Escrow refunded $300 to Dora Dune; the handover is closed.";
        await ReadsAsync(h, Viewer.Buyer, ("You", opened), (Marketplace, unanswered), (Marketplace, decided), (Marketplace, refunded), (Marketplace, "The project page now shows how the handover ended."));
        await ReadsAsync(h, Viewer.Creative, ("Dora Dune", opened), (Marketplace, unanswered), (Marketplace, decided), (Marketplace, refunded), (Marketplace, "The project page now shows how the handover ended."));
        await ReadsAsync(h, Viewer.Staff, ("Dora Dune (buyer)", opened), (Marketplace, unanswered), (Marketplace, decided), (Marketplace, refunded), (Marketplace, "The project page now shows how the handover ended."));

        await ToldAsync(h.Buyer, NotificationKinds.Ended, "You were refunded $300 for “Dune bakery sign”.",
            " Ezra Easel did not answer your dispute in time, so it is decided for you by the rule for unanswered disputes. Your receipt shows the refund.");
        await ToldAsync(h.Creative, NotificationKinds.Ended, "The handover of “Dune bakery sign” ended with a refund to the buyer; the design and its rights stay yours.",
            $" You did not answer Dora Dune's dispute in time, so it is decided for Dora Dune by the rule for unanswered disputes. If you think this is wrong, write to {SupportContact.Email}.");

        // The ended card repeats the ruling on its own, so it must read without the timeline above it.
        var buyerPage = TimeTagsOut(WebUtility.HtmlDecode(await h.Buyer.Http.GetStringAsync(h.PagePath)));
        Assert.Contains(decided, buyerPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Marketplace decided", buyerPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lapsed_proposal_names_who_accepted_and_who_did_not_answer()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Pier cafe sign", "Pia Pier", "Quin Quill");
        await h.Grain.OpenDisputeAsync(h.BuyerActor, "The colours are not the ones we agreed.", []);
        await h.Grain.AnswerDisputeAsync(new Actor(h.Creative.UserId, UserRoles.Creative), "They match the brief.", []);
        await h.Grain.ClaimAsync(h.Staff);
        var due = app.Clock.GetUtcNow().AddDays(2);
        await h.Grain.ProposeOutcomeAsync(h.Staff, new Resolution(WrapUpOutcome.Split, new Money(15_050, "USD")), "Half the brief was met.");
        await h.Buyer.ReadAsync(await h.Buyer.PostJsonAsync(h.ApiPath + "/proposal", new { accept = true }));
        await PassAsync(h, TimeSpan.FromDays(2));

        var proposed = "Staff proposed an outcome: split the prize: $127.93 (a share of $150.50 less the 15% marketplace fee) to Quin Quill, $149.50 refunded to Pia Pier; "
            + $"the original files and the rights are not handed over (answer by {Display.DateTime(due, TimeZoneInfo.Utc)}).";
        const string lapsed = "Pia Pier accepted, but Quin Quill did not answer staff's proposal in time, so it lapsed; staff will decide the outcome.";
        await ReadsAsync(h, Viewer.Buyer, ("Staff (Sam from Support)", proposed), ("You", "Pia Pier accepted staff's proposal."), (Marketplace, lapsed));
        await ReadsAsync(h, Viewer.Creative, ("Staff (Sam from Support)", proposed), ("Pia Pier", "Pia Pier accepted staff's proposal."), (Marketplace, lapsed));
        await ReadsAsync(h, Viewer.Staff, ("You (Sam from Support)", proposed), ("Pia Pier (buyer)", "Pia Pier accepted staff's proposal."), (Marketplace, lapsed));

        await ToldAsync(h.Buyer, NotificationKinds.Proposal, "No agreement on staff's proposal for “Pier cafe sign”.",
            " You accepted, but Quin Quill did not answer staff's proposal in time, so it lapsed; staff will decide the outcome, and you will hear it here.");
        await ToldAsync(h.Creative, NotificationKinds.Proposal, "No agreement on staff's proposal for “Pier cafe sign”.",
            " Pia Pier accepted, but you did not answer staff's proposal in time, so it lapsed; staff will decide the outcome, and you will hear it here.");
    }

    [Fact]
    public async Task A_removed_winner_is_told_to_the_buyer_as_staffs_act_without_the_reason()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Wren garden sign", "Wes West", "Xia Xu");
        const string reason = "Copied another designer's work.";
        await app.Grains.GetGrain<IUserGrain>(h.Creative.UserId).RemoveAsync(h.Staff, reason);

        const string removed = "The winning creative was removed from the marketplace; staff take over the case.";
        await ReadsAsync(h, Viewer.Buyer, ("Staff (Sam from Support)", removed));
        await ReadsAsync(h, Viewer.Staff, ("You (Sam from Support)", removed));
        Assert.DoesNotContain(reason, WebUtility.HtmlDecode(await h.Buyer.Http.GetStringAsync(h.PagePath)), StringComparison.Ordinal);
        await PassAsync(h, TimeSpan.FromDays(6));
        await ReadsAsync(h, Viewer.Buyer, ("Staff (Sam from Support)", removed));
    }

    [Fact]
    public async Task A_removed_buyer_is_told_to_the_winner_and_no_clock_releases_or_decides_in_their_place()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Yarrow tea label", "Yul York", "Zed Zinc");
        await app.Grains.GetGrain<IUserGrain>(h.Buyer.UserId).RemoveAsync(h.Staff, "Chargebacks on several prizes.");
        await PassAsync(h, TimeSpan.FromDays(6));

        const string closed = "The buyer's account was closed; staff take the buyer's place (no consent can be given for them now), check the files and decide how the handover ends.";
        await ReadsAsync(h, Viewer.Creative, ("Staff (Sam from Support)", closed));
        await ReadsAsync(h, Viewer.Staff, ("You (Sam from Support)", closed));
    }

    private enum Viewer { Buyer, Creative, Staff }

    /// <summary>
    /// The newest notification of <paramref name="kind"/> reads exactly <paramref name="headline"/> + <paramref name="rest"/>,
    /// and its email carries the whole text, under the headline (the first sentence) as its subject.
    /// </summary>
    private async Task ToldAsync(ApiSession who, string kind, string headline, string rest, string? subject = null)
    {
        var inbox = await who.InboxAsync();
        var notice = inbox.GetProperty("notifications").EnumerateArray().First(n => n.GetProperty("kind").GetString() == kind);
        Assert.Equal(headline + rest, notice.GetProperty("text").GetString());

        var deadline = DateTime.UtcNow.AddSeconds(20);
        MimeKit.MimeMessage? mail;
        while ((mail = MailPickup.To(app.MailFolder, who.Email).FirstOrDefault(m => m.TextBody?.Contains(headline + rest, StringComparison.Ordinal) == true)) is null)
        {
            Assert.True(DateTime.UtcNow < deadline, $"No email to {who.Email} saying \"{headline}{rest}\".");
            await Task.Delay(50);
        }

        if (subject is not null)
        {
            Assert.Equal(subject, mail.Subject);
            return;
        }

        // The subject is the headline, shortened with "…" only where it is longer than a subject line takes.
        Assert.StartsWith(mail.Subject!.TrimEnd('…'), headline, StringComparison.Ordinal);
        Assert.True(mail.Subject == headline || mail.Subject.EndsWith('…'), mail.Subject);
    }

    /// <summary>Time passes and the wrap-up's reminder finds it (the reminder itself ticks every 15 real minutes).</summary>
    private async Task PassAsync(StaffedHandover h, TimeSpan span)
    {
        app.Advance(span + TimeSpan.FromMinutes(1));
        await h.Grain.EvaluateDeadlinesAsync(Actor.System);
    }

    /// <summary>The last lines of the timeline as <paramref name="viewer"/> reads it on their page, oldest first: (who, what), exactly.</summary>
    private async Task ReadsAsync(StaffedHandover h, Viewer viewer, params (string Who, string What)[] expected)
    {
        using var staff = viewer == Viewer.Staff ? await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword) : null;
        var (reader, path) = viewer switch
        {
            Viewer.Buyer => (h.Buyer, h.PagePath),
            Viewer.Creative => (h.Creative, h.PagePath),
            _ => (staff!, "/staff/cases/" + h.WrapUpId),
        };
        var lines = TimelineLines(TimeTagsOut(WebUtility.HtmlDecode(await reader.Http.GetStringAsync(path))), newestFirst: viewer != Viewer.Staff);
        Assert.Equal(expected, lines.TakeLast(expected.Length).ToArray());
    }

    /// <summary>(who, what) of each timeline line, oldest first (the party pages list the newest first).</summary>
    private static List<(string Who, string What)> TimelineLines(string page, bool newestFirst)
    {
        var list = Regex.Match(page, "<ol class=\"timeline[^\"]*\">([\\s\\S]*?)</ol>").Groups[1].Value;
        var lines = Regex.Matches(list, "<div class=\"when\">[^<]*? · ([^<]*)</div>\\s*<div>([^<]*)</div>")
            .Select(m => (m.Groups[1].Value.Trim(), m.Groups[2].Value.Trim()))
            .ToList();
        if (newestFirst) lines.Reverse();
        return lines;
    }
}

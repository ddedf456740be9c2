using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Contracts;
using Marketplace.Contracts.Escrow;
using Marketplace.Contracts.Users;
using Marketplace.Contracts.WrapUps;
using Marketplace.Web.Presentation;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Api;

/// <summary>
/// How a handover's end reads to the people in it: a completed handover keeps its signed transfer agreement (who,
/// when, staff's consent, a page with the text); a removed winner's buyer is told who signs for the creative; a split
/// says what each side got and that the design is not handed over, on the handover page, in "My projects" and on the
/// staff case (who funded the escrow, when, and what it holds).
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class HandoverOutcomePageTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task A_completed_handover_keeps_its_signed_agreement_with_who_signed_when_staff_consent_and_a_link_to_the_text()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Fernway bakery logo", "Bea Baker", "Cal Carver");
        await h.HelpedAsync();
        await h.Buyer.ReadAsync(await h.Buyer.PostJsonAsync(h.ApiPath + "/approve", new { note = "Lovely." }));
        var version = (await h.Grain.GetAsync(h.BuyerActor)).AgreementVersion;
        var consentAt = DateTimeOffset.UtcNow.AddMinutes(-5);
        await h.Grain.SignAgreementAsync(h.Staff, version, new OnBehalf(h.Creative.UserId, new Consent("phone call with the creative", consentAt), "Cal is travelling without a laptop."));
        await h.Buyer.ReadAsync(await h.Buyer.PostJsonAsync(h.ApiPath + "/sign", new { agreementVersion = version }));
        if ((await h.Grain.GetAsync(h.Staff)).Step != WrapUpStep.Ended)
        {
            await h.Grain.ReleasePaymentAsync(h.Staff, "Both signed; the buyer asked us to finish.");
        }

        var view = await h.Grain.GetAsync(h.BuyerActor);
        Assert.Equal(WrapUpOutcome.Completed, view.Outcome);
        var buyerSigned = view.Signatures.Single(s => s.PartyId == h.Buyer.UserId);
        var staffSigned = view.Signatures.Single(s => s.PartyId == h.Creative.UserId);

        var buyerRecord = Section(await PageAsync(h.Buyer, h.PagePath), "data-agreement-record");
        Assert.Contains($"Design transfer agreement, version {version}", buyerRecord);
        Assert.Contains($"You signed on {Display.DateTime(buyerSigned.At, TimeZoneInfo.Utc)}.", buyerRecord);
        Assert.Matches($@"Signed by staff( \([^)]+\))? for Cal Carver with consent \(phone call with the creative, {Regex.Escape(Display.DateTime(consentAt, TimeZoneInfo.Utc))}\), on {Regex.Escape(Display.DateTime(staffSigned.At, TimeZoneInfo.Utc))}\.", buyerRecord);
        Assert.Contains($"href=\"{h.PagePath}/agreement\"", buyerRecord);
        Assert.DoesNotContain("rights were not transferred", buyerRecord);

        var creativeRecord = Section(await PageAsync(h.Creative, h.PagePath), "data-agreement-record");
        Assert.Contains($"Bea Baker signed on {Display.DateTime(buyerSigned.At, TimeZoneInfo.Utc)}.", creativeRecord);
        Assert.Matches(@"Signed by staff( \([^)]+\))? for you with consent \(phone call with the creative, ", creativeRecord);

        // The agreement's own page: the text both signed and the same signatures, for the parties only.
        var agreement = await PageAsync(h.Buyer, h.PagePath + "/agreement");
        Assert.Contains("the creative assigns to the buyer all copyright and other intellectual property rights", agreement);
        Assert.Contains($"Version {version}", agreement);
        Assert.Contains("Between Bea Baker (the buyer) and Cal Carver (the creative)", agreement);
        Assert.Contains($"You signed on {Display.DateTime(buyerSigned.At, TimeZoneInfo.Utc)}.", agreement);
        using var stranger = await ApiSession.SignUpAsync(app, "buyer", "Nosy Neighbour");
        var refused = await stranger.Http.GetAsync(h.PagePath + "/agreement");
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.DoesNotContain("Cal Carver", await refused.Content.ReadAsStringAsync());

        await SeenOnPhoneAndDesktopAsync(h.Buyer.Email, h.PagePath, "[data-agreement-record]", "93-completed-agreement-record");
    }

    [Fact]
    public async Task A_removed_winners_buyer_reads_that_staff_sign_for_the_creative_not_that_both_of_them_sign()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Orchid tea label", "Uma Underhill", "Rex Removed");
        await app.Grains.GetGrain<IUserGrain>(h.Creative.UserId).RemoveAsync(h.Staff, "Copied another designer's work.");
        await h.Grain.ClaimAsync(h.Staff);
        await h.Buyer.ReadAsync(await h.Buyer.PostJsonAsync(h.ApiPath + "/approve", new { note = "These are fine." }));
        Assert.Equal(WrapUpStep.AwaitingSignatures, (await h.Grain.GetAsync(h.BuyerActor)).Step);

        var page = await PageAsync(h.Buyer, h.PagePath);

        var step = Section(page, "data-sign-step");
        Assert.Contains("Sign the design transfer agreement below. Rex Removed can't sign any more: Marketplace support signs for them with the consent they recorded, or decides another outcome.", step);
        Assert.DoesNotContain("Both of you sign", page);
        Assert.Contains("Creative: not yet signed (staff sign for them)", page);
        Assert.Contains("Sign the agreement", page);
    }

    [Fact]
    public async Task A_split_tells_the_buyer_the_refund_the_creatives_pay_and_that_the_design_is_not_handed_over_and_my_projects_says_split()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Quayside fish logo " + Guid.NewGuid().ToString("N")[..4], "Bo Buyer", "Cy Creative");
        await h.Grain.OpenDisputeAsync(h.BuyerActor, "Only the PNG matches the brief.", []);
        await h.Grain.AnswerDisputeAsync(new Actor(h.Creative.UserId, UserRoles.Creative), "The PDF was made as asked.", []);
        await h.Grain.ClaimAsync(h.Staff);
        var view = await h.Grain.GetAsync(h.Staff);
        var share = new Money(view.Prize.Minor / 3, view.Prize.Currency);

        await h.Grain.DecideOutcomeAsync(h.Staff, new Resolution(WrapUpOutcome.Split, share), "Half the files were usable.");

        var escrow = await app.Grains.GetGrain<IEscrowGrain>(view.ProjectId).GetStatementAsync();
        var split = (await h.Grain.GetAsync(h.BuyerActor)).SettledSplit!;
        Assert.Equal((escrow.ReleasedToCreative, escrow.Refunded, escrow.Fees, share), (split.CreativeReceives, split.BuyerGetsBack, split.Fee, split.CreativeShare));
        var (back, paid, fee) = (Display.Money(split.BuyerGetsBack), Display.Money(split.CreativeReceives), Display.Money(split.Fee));

        var buyerPage = await PageAsync(h.Buyer, h.PagePath);
        Assert.Contains($"Staff settled this handover by splitting the prize: {back} is refunded to you, and Cy Creative is paid {paid} (a share of {Display.Money(share)} less the {fee} marketplace fee).", Section(buyerPage, "data-outcome"));
        Assert.Contains("A split does not hand over the design: the original files and the rights stay with Cy Creative, so there are no originals to download.", Section(buyerPage, "data-split-files"));
        Assert.DoesNotContain(" download>", buyerPage);
        Assert.DoesNotContain("the originals unlock when it's done", buyerPage);
        // As for the creative: the refund and the pay are said once, in the outcome card; the money card lists the amounts.
        Assert.Equal(1, CountOf(buyerPage, "refunded to you"));
        Assert.DoesNotContain($"Cy Creative was paid {paid}.", buyerPage);
        // Staff's ruling adds only its reason under that sentence; its own words (the amounts again) stay in the timeline.
        Assert.Contains("Staff's reason: Half the files were usable.", Section(buyerPage, "data-outcome-reason"));
        Assert.Equal(1, CountOf(buyerPage, "split the prize: "));
        Assert.DoesNotContain("The prize has been paid to the creative.", buyerPage);
        Assert.Contains($"Escrow paid Cy Creative {paid} (after the {fee} marketplace fee) and refunded {back} to Bo Buyer; the handover is closed.", buyerPage);

        var creativePage = await PageAsync(h.Creative, h.PagePath);
        Assert.Contains($"you were paid {paid} (your share of {Display.Money(share)} less the {fee} marketplace fee), and {back} was refunded to Bo Buyer.", creativePage);
        Assert.Contains("The original files and the rights stay with you", creativePage);
        // The share, fee and refund are said once, in the outcome card; the money card lists the amounts without a third sentence.
        Assert.Equal(1, CountOf(creativePage, "your share of"));
        Assert.DoesNotContain("Paid out:", creativePage);

        var projects = await PageAsync(h.Buyer, "/buyer/projects");
        var rowStart = projects.IndexOf($"data-project=\"{view.ProjectId}\"", StringComparison.Ordinal);
        var rowEnd = projects.IndexOf("<li class=\"card row\"", rowStart, StringComparison.Ordinal);
        var row = projects[rowStart..(rowEnd < 0 ? projects.Length : rowEnd)];
        Assert.Contains("data-project-state>Settled by a split</span>", row);
        Assert.Contains($"Settled by a split — {back} refunded to you; no files or rights handed over", row);
        Assert.Contains(">Handover record</a>", row);
        Assert.DoesNotContain(">Completed<", row);

        // Staff read who funded the escrow, when, and what it holds now.
        using var staff = await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        var funded = escrow.Movements.Single(m => m.Kind == EscrowMovementKind.Funded);
        var casePage = await PageAsync(staff, "/staff/cases/" + h.WrapUpId);
        Assert.Contains($"Funded by Bo Buyer on {Display.Date(funded.At, TimeZoneInfo.Utc)}: {Display.Money(funded.Amount)}. <strong>Held now: {Display.Money(escrow.Held)}</strong>.", Section(casePage, "data-escrow-funded"));

        await SeenOnPhoneAndDesktopAsync(h.Buyer.Email, h.PagePath, "[data-split-files]", "94-split-buyer");
        await SeenOnPhoneAndDesktopAsync(h.Buyer.Email, "/buyer/projects", $"[data-project='{view.ProjectId}'] [data-project-state]", "95-split-my-projects");
    }

    [Fact]
    public async Task Staff_read_who_funded_a_running_handovers_escrow_when_and_the_amount_held()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Lantern co-op sign", "Lin Lender", "Kai Kiln");
        using var staff = await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        var view = await h.Grain.GetAsync(h.Staff);
        var escrow = await app.Grains.GetGrain<IEscrowGrain>(view.ProjectId).GetStatementAsync();
        var funded = escrow.Movements.Single(m => m.Kind == EscrowMovementKind.Funded);

        var panel = Section(await PageAsync(staff, "/staff/cases/" + h.WrapUpId), "data-escrow-funded");

        Assert.Equal(view.Prize, escrow.Held);
        Assert.Contains($"Funded by Lin Lender on {Display.Date(funded.At, TimeZoneInfo.Utc)}: {Display.Money(view.Prize)}. <strong>Held now: {Display.Money(view.Prize)}</strong>.", panel);
    }

    /// <summary>The page in Chromium on a 390 px phone (no sideways scrolling) and a desktop, with <paramref name="selector"/> in sight; screenshots of both.</summary>
    private async Task SeenOnPhoneAndDesktopAsync(string email, string path, string selector, string shot)
    {
        foreach (var phone in new[] { true, false })
        {
            await using var context = await app.NewContextAsync(phone);
            var page = await context.NewPageAsync();
            if (phone) await page.SetViewportSizeAsync(390, 844);
            await Browser.Journey.SignInAsync(page, email);
            await page.GotoAsync(path);
            await Microsoft.Playwright.Assertions.Expect(page.Locator(selector).First).ToBeVisibleAsync();
            if (phone) Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 390, $"{path} scrolls sideways at 390 px");
            await page.Locator(selector).First.ScrollIntoViewIfNeededAsync();
            await Browser.Journey.ShotAsync(page, shot + (phone ? "-phone-390" : "-desktop"));
        }
    }

    private static async Task<string> PageAsync(ApiSession who, string path)
    {
        var response = await who.Http.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        return TimeTagsOut(WebUtility.HtmlDecode(html));
    }

    /// <summary>The element carrying <paramref name="attribute"/>, up to its closing tag of the same name.</summary>
    internal static string Section(string page, string attribute)
    {
        var start = Regex.Match(page, $"<(\\w+)[^>]*\\b{attribute}\\b[^>]*>");
        Assert.True(start.Success, $"nothing marked {attribute} on the page");
        var tag = start.Groups[1].Value;
        var end = page.IndexOf($"</{tag}>", start.Index, StringComparison.Ordinal);
        return page[start.Index..(end + tag.Length + 3)];
    }

    internal static int CountOf(string text, string words) => (text.Length - text.Replace(words, "", StringComparison.Ordinal).Length) / words.Length;
}

using System.Net;
using Marketplace.Contracts;
using Marketplace.Contracts.Escrow;
using Marketplace.Contracts.Users;
using Marketplace.Contracts.WrapUps;
using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Marketplace.Web.Tests.Browser.Journey;

namespace Marketplace.Web.Tests.Browser;

/// <summary>
/// The parties' side of staff mediation in a real browser: what staff did shows on the wrap-up page (the buyer on a
/// 360×640 phone), and the parties answer a dispute and a staff proposal through the page's own forms.
/// Staff act through the wrap-up grain with their own actor, as the staff console does.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class WrapUpPartyTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task A_buyer_on_a_phone_sees_staff_messages_relayed_words_previews_checks_and_on_behalf_consent()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Travel mug logo", "Phoebe Phone", "Carl Crafter");
        await h.HelpedAsync();
        await h.Grain.PostMessageAsync(h.Staff, MessageAudience.Buyer, "Hi Phoebe, I'm collecting the files for you.");
        await h.Grain.PostMessageAsync(h.Staff, MessageAudience.Creative, "Carl, only you should read this.");
        await h.Creative.ReadAsync(await h.Creative.PostJsonAsync(h.ApiPath + "/messages", new { to = "Staff", text = "Tell the buyer the PDF is print-ready." }));
        await h.Grain.RelayMessageAsync(h.Staff, h.Creative.UserId, "The PDF is print-ready.");
        await h.Grain.RecordQualityCheckAsync(h.Staff, [new("Sizes as the brief asked", true), new("Fonts outlined", true)], "Ready for print.");
        await h.Grain.SendPreviewsToBuyerAsync(h.Staff, "Light copies for your phone.");
        await h.Grain.ApproveAsync(h.Staff, "Approved on the phone.", h.ForBuyer("phone call with the buyer", "travelling, approved by phone"));

        await using var context = await app.NewContextAsync(phone: true);
        var phone = await context.NewPageAsync();
        await SignInAsync(phone, h.Buyer.Email);
        await phone.GotoAsync(h.PagePath);

        await ShouldSeeAsync(phone, "Staff are handling this handover");
        await ShouldSeeAsync(phone, "Hi Phoebe, I'm collecting the files for you.");
        await ShouldSeeAsync(phone, "relayed by staff from Carl Crafter");
        await ShouldSeeAsync(phone, "The PDF is print-ready.");
        await ShouldSeeAsync(phone, "Staff (Sam from Support) for you");
        await ShouldSeeAsync(phone, "Consent given phone call with the buyer");
        await ShouldSeeAsync(phone, "Quality check by staff");
        await ShouldSeeAsync(phone, "Fonts outlined");
        Assert.Equal(0, await phone.GetByText("only you should read this").CountAsync());

        var preview = phone.Locator(".sent-previews img").First;
        Assert.Equal("lazy", await preview.GetAttributeAsync("loading"));
        Assert.Contains("w,", (await preview.GetAttributeAsync("srcset")) + ",");
        await preview.ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(preview).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await preview.EvaluateAsync<int>("img => img.naturalWidth") is > 0 and <= 1200);
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "The page scrolls sideways at 360 px.");
        await ShotAsync(phone, "70-handover-staff-work-phone");

        await phone.FillAsync("#msg-staff", "Thanks! Please send the files to my printer.");
        await phone.ClickAsync("button:has-text('Send to staff')");
        await ShouldSeeAsync(phone, "Message sent.");
        await ShouldSeeAsync(phone, "Please send the files to my printer.");
        var staffView = await h.Grain.GetAsync(h.Staff);
        Assert.Contains(staffView.Messages, m => m.To == MessageAudience.Staff && m.SenderId == h.Buyer.UserId);

        // Staff send the finals to the buyer's printer; the printer's phone opens the link and presses the button.
        var link = await h.Grain.CreateDeliveryLinkAsync(h.Staff, new ThirdPartyRecipient("Corner Print Shop", null), TimeSpan.FromDays(1),
            h.ForBuyer("message on the wrap-up page", "send the files to my printer"));
        await using var printerContext = await app.NewContextAsync(phone: true);
        var printer = await printerContext.NewPageAsync();
        await printer.GotoAsync("/delivery/" + link.Token);
        await ShouldSeeAsync(printer, "travel-logo.png");
        Assert.True(await printer.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "The delivery page scrolls sideways at 360 px.");
        await ShotAsync(printer, "72-delivery-link-phone");
        var download = await printer.RunAndWaitForDownloadAsync(() => printer.ClickAsync("button:has-text('Download files')"));
        // Named like the buyer's own zip of the same files, so the print shop can tell one job from another.
        Assert.Equal("Travel mug logo - final files.zip", download.SuggestedFilename);
        await phone.ReloadAsync();
        await ShouldSeeAsync(phone, "To Corner Print Shop: downloaded");
    }

    [Fact]
    public async Task The_other_party_answers_a_dispute_and_both_accept_the_staff_proposal_through_the_pages()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Bakery sign", "Bella Buyer", "Dora Designer");
        await h.Buyer.ReadAsync(await h.Buyer.PostJsonAsync(h.ApiPath + "/disputes", new { reason = "The sign uses the wrong bakery name." }));

        await using var creativeContext = await app.NewContextAsync();
        var creative = await creativeContext.NewPageAsync();
        await SignInAsync(creative, h.Creative.Email);
        await creative.GotoAsync(h.PagePath);
        await ShouldSeeAsync(creative, "The sign uses the wrong bakery name.");
        await ShouldSeeAsync(creative, "Answer by");
        await creative.FillAsync("#answer", "The name was in the brief; I can fix it in a day.");
        await creative.SetInputFilesAsync("#answer-evidence", new FilePayload { Name = "brief-excerpt.png", MimeType = "image/png", Buffer = DemoArt.Logo("Brief", "name: Crumb & Co", 3, 800, 600) });
        await creative.ClickAsync("button:has-text('Send your answer')");
        await ShouldSeeAsync(creative, "Your answer was recorded.");

        await h.Grain.ClaimAsync(h.Staff);
        await h.Grain.ProposeOutcomeAsync(h.Staff, new Resolution(WrapUpOutcome.Split, new Money(12_000, "USD")), "Most of the work is usable; the name needs another designer.");

        await using var buyerContext = await app.NewContextAsync(phone: true);
        var buyer = await buyerContext.NewPageAsync();
        await SignInAsync(buyer, h.Buyer.Email);
        await buyer.GotoAsync(h.PagePath);
        await ShouldSeeAsync(buyer, "The name was in the brief; I can fix it in a day.");
        // The attached image shows large but phone-light (the phone size, not the desktop one); the original stays a download.
        var evidence = buyer.Locator("img[alt='Preview of brief-excerpt.png']");
        await evidence.ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(evidence).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await evidence.EvaluateAsync<int>("img => img.naturalWidth") is > 0 and <= 480);
        Assert.NotNull(await buyer.Locator("a.file-name", new() { HasText = "brief-excerpt.png" }).GetAttributeAsync("download"));
        await ShouldSeeAsync(buyer, "Staff propose an outcome");
        // The creative's share is stated as escrow pays it: less the fee; the buyer's part comes back whole.
        await ShouldSeeAsync(buyer, "Split the prize: $102 to the creative (a share of $120 less the 15% marketplace fee), $180 refunded to the buyer");
        await ShouldSeeAsync(buyer, "Both of you answer by");
        await ShotAsync(buyer, "71-handover-proposal-phone");
        await buyer.ClickAsync("button:has-text('Accept the proposal')");
        await ShouldSeeAsync(buyer, "You accepted the proposal.");
        await ShouldSeeAsync(buyer, "Buyer: accepted ✓");

        await creative.GotoAsync(h.PagePath);
        await creative.ClickAsync("button:has-text('Accept the proposal')");
        await ShouldSeeAsync(creative, "Handover closed");
        await ShouldSeeAsync(creative, "Both accepted staff's proposal, so it is settled: split the prize");

        var ended = await h.Grain.GetAsync(h.BuyerActor);
        Assert.Equal(WrapUpOutcome.Split, ended.Outcome);
        var escrow = await app.Grains.GetGrain<IEscrowGrain>(ended.ProjectId).GetStatementAsync();
        Assert.Equal(30_000 - 12_000, escrow.Refunded.Minor);
        Assert.Equal(0, escrow.Held.Minor);
        await buyer.ReloadAsync();
        await ShouldSeeAsync(buyer, "You both accepted staff's proposal to split the prize: $180 is refunded to you, and Dora Designer is paid $102");
        await ShouldSeeAsync(buyer, "A split does not hand over the design");
    }

    [Fact]
    public async Task When_the_winner_is_removed_the_buyer_is_told_staff_finish_and_the_creative_can_no_longer_act()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Festival poster", "Greta Glad", "Rex Removed");
        await app.Grains.GetGrain<IUserGrain>(h.Creative.UserId).RemoveAsync(h.Staff, "Repeated copying of other designers' work.");

        await using var context = await app.NewContextAsync(phone: true);
        var phone = await context.NewPageAsync();
        await SignInAsync(phone, h.Buyer.Email);
        await phone.GotoAsync(h.PagePath);
        await ShouldSeeAsync(phone, "Marketplace support has your case");
        await ShouldSeeAsync(phone, "Waiting for our staff");
        await ShouldSeeAsync(phone, "We aim to answer by");

        // The session from before the removal has ended, and a new sign-in is refused outright.
        var stale = await h.Creative.PostJsonAsync(h.ApiPath + "/messages", new { to = "BothParties", text = "Still here" });
        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        using var fresh = app.NewApiClient();
        var signIn = await fresh.PostAsync("/api/v1/account/signin", System.Net.Http.Json.JsonContent.Create(new { email = h.Creative.Email, password = Password }));
        Assert.False(signIn.IsSuccessStatusCode);
        Assert.Contains("closed", await signIn.Content.ReadAsStringAsync());
    }
}

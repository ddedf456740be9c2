using System.IO.Compression;
using System.Net;
using Marketplace.Contracts.Escrow;
using Marketplace.Web.Demo;
using Marketplace.Web.Presentation;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Marketplace.Web.Tests.Browser.Journey;

namespace Marketplace.Web.Tests.Browser;

/// <summary>
/// Issue 6's story through the web, in real browsers: a creative wins and is removed for policy violations; staff,
/// with both parties' consent, finish the handover from the staff console as go-between while the buyer follows on a
/// 360×640 phone and a printer downloads the finals once; afterwards the timeline shows every step, who did it and for whom.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class RemovedWinnerBrowserTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task Staff_finish_a_removed_winners_handover_from_the_console_while_the_buyer_follows_on_a_phone()
    {
        // A creative wins (through the API, as in the other journeys).
        using var buyerApi = await ApiSession.SignUpAsync(app, "buyer", "Tara Traveller");
        using var creativeApi = await ApiSession.SignUpAsync(app, "creative", "Victor Violation");
        var title = "Harbour cafe logo " + Guid.NewGuid().ToString("N")[..6];
        var projectId = await buyerApi.OpenProjectAsync(title);
        var entryId = await creativeApi.SubmitEntryAsync(projectId, DemoArt.Logo("Harbour", "cafe", 5, 500, 400), "cafe.png");
        var award = await buyerApi.ReadAsync(await buyerApi.PostJsonAsync($"/api/v1/projects/{projectId}/award", new { entryId }));
        var wrapUpId = award.GetProperty("wrapUpId").GetString()!;
        (string Name, string Type, byte[] Bytes)[] finals =
        [
            ("harbour-logo.png", "image/png", DemoArt.Logo("Harbour", "final", 5, 900, 700)),
            ("harbour-print.pdf", "application/pdf", System.Text.Encoding.ASCII.GetBytes($"%PDF-1.4\n% Harbour print file {Guid.NewGuid():N}\n%%EOF\n")),
        ];

        // Staff remove the creative on the moderation page.
        await using var staffContext = await app.NewContextAsync();
        var staff = await staffContext.NewPageAsync();
        await StaffJourney.SignInAsync(staff, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        await staff.GotoAsync("/staff/users");
        await staff.FillAsync("#q", creativeApi.Email);
        await staff.ClickAsync("button:has-text('Find')");
        var row = staff.Locator($"li[data-user='{creativeApi.UserId}']");
        await Assertions.Expect(row).ToContainTextAsync("Active");
        await row.Locator("summary:has-text('Remove')").ClickAsync();
        await staff.FillAsync($"#remove-{creativeApi.UserId}", "Repeated policy violations.");
        await row.Locator("input[name=confirm]").CheckAsync();
        await row.Locator("button:has-text('Remove Victor Violation')").ClickAsync();
        await ShouldSeeAsync(staff, "Victor Violation was removed.");
        await Assertions.Expect(staff.Locator($"li[data-user='{creativeApi.UserId}']")).ToContainTextAsync("Repeated policy violations.");
        await ShotAsync(staff, "80-staff-user-removed");

        // The case is in the queue; staff claim it.
        await staff.GotoAsync("/staff");
        var queued = staff.Locator($"li:has-text('{title}')");
        await Assertions.Expect(queued).ToContainTextAsync("Winner removed");
        await queued.Locator("button:has-text('Claim')").ClickAsync();
        await ShouldSeeAsync(staff, "You hold this case");
        await ShouldSeeAsync(staff, "Repeated policy violations.");

        // The buyer, travelling with a phone, writes to staff.
        await using var phoneContext = await app.NewContextAsync(phone: true);
        var phone = await phoneContext.NewPageAsync();
        await SignInAsync(phone, buyerApi.Email);
        await phone.GotoAsync("/wrapups/" + wrapUpId);
        await ShouldSeeAsync(phone, "Marketplace support has your case");
        await phone.FillAsync("#msg-staff", "I still want that design. Can you get me the files?");
        await phone.ClickAsync("button:has-text('Send to staff')");
        await ShouldSeeAsync(phone, "Message sent.");

        // Staff relay both ways: the buyer's words to the creative, the creative's (sent by email) to the buyer.
        await staff.ReloadAsync();
        await ShouldSeeAsync(staff, "I still want that design. Can you get me the files?");
        await StaffJourney.OpenAsync(staff, "Relay a party's message");
        await staff.SelectOptionAsync("#relay-from", "Buyer");
        await staff.FillAsync("#relay-text", "I still want that design. Can you get me the files?");
        await staff.ClickAsync("button:has-text('Relay message')");
        await ShouldSeeAsync(staff, "Relayed the buyer's message to the creative.");
        await StaffJourney.OpenAsync(staff, "Relay a party's message");
        await staff.SelectOptionAsync("#relay-from", "Creative");
        await staff.FillAsync("#relay-text", "I will email the finals to support today.");
        await staff.ClickAsync("button:has-text('Relay message')");
        await ShouldSeeAsync(staff, "Relayed the creative's message to the buyer.");

        // The finals the creative emailed in, uploaded for them with their consent; checked; previews to the phone.
        await StaffJourney.OpenAsync(staff, "Upload the finals for the creative");
        await staff.SetInputFilesAsync("#finals", finals.Select(f => new FilePayload { Name = f.Name, MimeType = f.Type, Buffer = f.Bytes }));
        await staff.FillAsync("#deliver-note", "Received from the creative by email.");
        await StaffJourney.ConsentAsync(staff, "deliver", "email from the creative to support", "The creative was removed; staff deliver the files they sent.");
        await staff.ClickAsync("button:has-text('Upload and deliver')");
        await ShouldSeeAsync(staff, "Delivered 2 final files for the creative.");
        await StaffJourney.OpenAsync(staff, "Record a quality check");
        for (var i = 0; i < 4; i++)
        {
            await staff.SelectOptionAsync($"select[name='checks[{i}].Passed']", "true");
        }
        await staff.FillAsync("#qc-note", "Opened both files; print-ready.");
        await staff.ClickAsync("button:has-text('Record quality check')");
        await ShouldSeeAsync(staff, "Quality check recorded: 4 of 4 passed.");
        await StaffJourney.OpenAsync(staff, "Send the buyer low-resolution previews");
        await staff.FillAsync("#previews-note", "Low-resolution copies for your phone.");
        await staff.ClickAsync("button:has-text('Send previews to the buyer')");
        await ShouldSeeAsync(staff, "Low-resolution previews sent to the buyer.");

        // The buyer's phone: the relayed words with their author, and light previews, without sideways scrolling.
        await phone.ReloadAsync();
        await ShouldSeeAsync(phone, "I will email the finals to support today.");
        await ShouldSeeAsync(phone, "relayed by staff from Victor Violation");
        var preview = phone.Locator(".sent-previews img").First;
        await preview.ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(preview).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await preview.EvaluateAsync<int>("img => img.naturalWidth") is > 0 and <= 1200);
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "The buyer's page scrolls sideways at 360 px.");
        await ShotAsync(phone, "81-removed-winner-buyer-phone-previews");

        // The printer link, shown once; the printer downloads the finals once, a second use is refused.
        await StaffJourney.OpenAsync(staff, "Deliver the finals to a third party");
        await staff.FillAsync("#link-name", "Quick Print Ltd");
        await staff.FillAsync("#link-email", "orders@quickprint.example");
        await StaffJourney.ConsentAsync(staff, "link", "phone call with the buyer", "The buyer wants the files at her printer.");
        await staff.ClickAsync("button:has-text('Create delivery link')");
        await ShouldSeeAsync(staff, "it is shown only this once");
        var url = await staff.Locator("input.link-once").InputValueAsync();
        Assert.Contains("/delivery/", url);
        await staff.GotoAsync($"/staff/cases/{wrapUpId}");
        Assert.Equal(0, await staff.Locator("[data-delivery-link]").CountAsync());
        Assert.DoesNotContain(url[(url.LastIndexOf('/') + 1)..], await staff.ContentAsync());

        await using var printerContext = await app.NewContextAsync();
        var printer = await printerContext.NewPageAsync();
        await printer.GotoAsync(url);
        await ShouldSeeAsync(printer, "harbour-print.pdf");
        var download = await printer.RunAndWaitForDownloadAsync(() => printer.ClickAsync("button:has-text('Download files')"));
        using (var zip = ZipFile.OpenRead(await download.PathAsync()))
        {
            Assert.Equal(finals.Select(f => f.Name).Order(), zip.Entries.Select(e => e.Name).Order());
            foreach (var (name, _, bytes) in finals)
            {
                await using var content = zip.GetEntry(name)!.Open();
                using var copy = new MemoryStream();
                await content.CopyToAsync(copy);
                Assert.Equal(bytes, copy.ToArray());
            }
        }
        // For a day after the first download the link sends the same zip again, so a dropped download can carry on.
        await printer.GotoAsync(url);
        await ShouldSeeAsync(printer, "Download files again");

        // The buyer's approval given on the phone, both signatures with consent, the payment.
        await staff.ReloadAsync();
        await Assertions.Expect(staff.Locator("li:has-text('Quick Print Ltd <orders@quickprint.example>')")).ToContainTextAsync(" · used ");
        await StaffJourney.OpenAsync(staff, "Approve the files for the buyer");
        await staff.FillAsync("#approve-note", "Approved on the phone.");
        await StaffJourney.ConsentAsync(staff, "approve", "phone call with the buyer", "The buyer is travelling with only a phone.");
        await staff.ClickAsync("button:has-text(\"Record the buyer's approval\")");
        await ShouldSeeAsync(staff, "Recorded the buyer's approval.");
        await StaffJourney.OpenAsync(staff, "Sign the transfer agreement for a party");
        await staff.SelectOptionAsync("#sign-party", "Buyer");
        await StaffJourney.ConsentAsync(staff, "sign", "phone call with the buyer", "The buyer agreed to the transfer on the phone.");
        await staff.ClickAsync("button:has-text('Sign for the party')");
        await ShouldSeeAsync(staff, "Signed the transfer agreement for the buyer.");
        await StaffJourney.OpenAsync(staff, "Sign the transfer agreement for a party");
        await StaffJourney.ConsentAsync(staff, "sign", "email from the creative to support", "The creative agreed to assign the rights by email.");
        await staff.ClickAsync("button:has-text('Sign for the party')");
        await ShouldSeeAsync(staff, "Signed the transfer agreement for the creative.");
        // A removed winner's case is not paid by the release shortcut: staff decide the outcome, with its confirmation.
        await StaffJourney.OpenAsync(staff, "Release the payment");
        await Assertions.Expect(staff.Locator("[data-release-missing]")).ToContainTextAsync("decide the outcome of this case");
        await StaffJourney.OpenAsync(staff, "Decide the outcome");
        await staff.SelectOptionAsync("#decide-outcome", "Completed");
        await staff.FillAsync("#decide-reason", "Both parties agreed; files delivered and checked.");
        await staff.Locator("form:has(#decide-outcome) input[name=confirm]").CheckAsync();
        await staff.ClickAsync("button:has-text('Decide outcome')");
        await ShouldSeeAsync(staff, "Decided: complete the handover (pay the creative).");
        await ShotAsync(staff, "82-removed-winner-case-complete");

        // The record: every step, who did it and for whom; the escrow paid the creative; the case left the queue.
        var timeline = staff.Locator("ol.staff-timeline > li");
        string[] expected =
        [
            "Started", "WinnerRemoved", "CaseClaimed", "MessagePosted", "MessagePosted", "MessagePosted",
            "FilesDelivered", "QualityChecked", "PreviewsSent", "DeliveryLinkCreated", "DeliveryLinkRedeemed",
            "Approved", "AgreementSigned", "AgreementSigned", "SettlementDecided", "Ended", "ProjectInformed",
        ];
        Assert.Equal(expected, await timeline.EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.kind)"));
        const string Sam = "You (Sam from Support)";
        await ExpectStepAsync(staff, "WinnerRemoved", Sam, null, null);
        await ExpectStepAsync(staff, "FilesDelivered", Sam, "for Victor Violation (creative) — consent: email from the creative to support", "staff deliver the files they sent");
        await ExpectStepAsync(staff, "QualityChecked", Sam, null, "Opened both files; print-ready.");
        await ExpectStepAsync(staff, "PreviewsSent", Sam, null, "Low-resolution copies for your phone.");
        await ExpectStepAsync(staff, "DeliveryLinkCreated", Sam, "for Tara Traveller (buyer) — consent: phone call with the buyer", "Quick Print Ltd");
        await ExpectStepAsync(staff, "DeliveryLinkRedeemed", "Delivery link", null, null);
        await ExpectStepAsync(staff, "Approved", Sam, "for Tara Traveller (buyer) — consent: phone call with the buyer", "travelling with only a phone");
        await Assertions.Expect(timeline.Nth(12)).ToContainTextAsync("for Tara Traveller (buyer) — consent: phone call with the buyer");
        await Assertions.Expect(timeline.Nth(13)).ToContainTextAsync("for Victor Violation (creative) — consent: email from the creative to support");
        await ExpectStepAsync(staff, "SettlementDecided", Sam, null, "Both parties agreed; files delivered and checked.");
        var messages = staff.Locator("#messages-heading + ul li");
        await Assertions.Expect(messages.Nth(1)).ToContainTextAsync("relaying Tara Traveller (buyer)");
        await Assertions.Expect(messages.Nth(2)).ToContainTextAsync("relaying Victor Violation (creative)");

        var statement = await app.Grains.GetGrain<IEscrowGrain>(projectId).GetStatementAsync();
        Assert.Equal(0, statement.Held.Minor);
        Assert.True(statement.ReleasedToCreative.Minor > 0);
        Assert.Equal(creativeApi.UserId, Assert.Single(statement.Movements, m => m.Kind == EscrowMovementKind.ReleasedToCreative).PartyId);
        await Assertions.Expect(staff.Locator("[data-escrow=paid]")).ToHaveTextAsync(Display.Money(statement.ReleasedToCreative));
        await Assertions.Expect(staff.Locator("[data-escrow=held]")).ToHaveTextAsync("$0");
        await staff.GotoAsync("/staff");
        Assert.Equal(0, await staff.Locator($"li:has-text('{title}')").CountAsync());

        await phone.ReloadAsync();
        await ShouldSeeAsync(phone, "Handover complete");
        await ShotAsync(phone, "83-removed-winner-buyer-phone-complete");
    }

    private static async Task ExpectStepAsync(IPage staff, string kind, string actor, string? forWhom, string? note)
    {
        var step = staff.Locator($"ol.staff-timeline > li[data-kind={kind}]");
        await Assertions.Expect(step).ToContainTextAsync(actor);
        if (forWhom is not null) await Assertions.Expect(step).ToContainTextAsync(forWhom);
        if (note is not null) await Assertions.Expect(step).ToContainTextAsync(note);
    }
}

using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Contracts.Accounts;
using Marketplace.Contracts.Escrow;
using Marketplace.Contracts.Mediation;
using Marketplace.Contracts.Notifications;
using Marketplace.Contracts.Projects;
using Marketplace.Contracts.Reports;
using Marketplace.Contracts.WrapUps;
using Marketplace.Testing.Cluster;
using Marketplace.Web.Demo;
using Marketplace.Web.Presentation;
using Marketplace.Web.Tests.Api;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Marketplace.Web.Tests.Demo;

[Collection(MarketplaceAppCollection.Name)]
public sealed class DemoSeederTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task Demo_data_is_seeded_once_and_a_second_start_adds_nothing()
    {
        await SeedAsync();
        var first = await GalleryCountsAsync();
        var firstInboxes = await InboxesAsync();
        var beaMail = await MailPickup.WaitForAsync(app.MailFolder, "bea@demo.marketplace", firstInboxes["bea@demo.marketplace"].Count);
        await SeedAsync();
        var second = await GalleryCountsAsync();

        Assert.Equal(first, second);
        // The seeded steps told people what happened, through the real wrap-ups; a second start tells nobody again.
        var secondInboxes = await InboxesAsync();
        foreach (var (email, texts) in firstInboxes) Assert.Equal(texts, secondInboxes[email]);
        Assert.Contains(firstInboxes["bea@demo.marketplace"], t => t.StartsWith("Dev Patel delivered the final files for “Brand mark for Spokes bike repair”", StringComparison.Ordinal));
        Assert.Contains(firstInboxes["bea@demo.marketplace"], t => t.StartsWith("Mira Okafor answered your dispute", StringComparison.Ordinal));
        Assert.Contains(firstInboxes["dev@demo.marketplace"], t => t.StartsWith("You won “Brand mark for Spokes bike repair” with entry #", StringComparison.Ordinal));
        Assert.Contains(firstInboxes["mira@demo.marketplace"], t => t.StartsWith("Bea Baker opened a dispute", StringComparison.Ordinal));
        Assert.Contains(firstInboxes["oscar@demo.marketplace"], t => t.Contains("was removed from the marketplace", StringComparison.Ordinal));
        Assert.Equal(firstInboxes["bea@demo.marketplace"].Count, beaMail.Count);
        Assert.Equal(beaMail.Count, MailPickup.To(app.MailFolder, "bea@demo.marketplace").Count);
        // Cora entered Crumb & Co twice (#1 and #5), and Bea's rating tells her which one it is about.
        Assert.Equal(5, first["p-demo-crumb"]);
        Assert.Contains(firstInboxes["cora@demo.marketplace"], t => t == "Bea Baker rated your entry #5 to “Logo for Crumb & Co bakery” 4 of 5 stars.");
        Assert.Equal(0, first["p-demo-jazz"]);
        Assert.Equal(SignInStatus.Succeeded, (await app.Grains.GetGrain<IAccountGrain>("bea@demo.marketplace").SignInAsync(DemoSeeder.Password)).Status);
        Assert.Equal(SignInStatus.Succeeded, (await app.Grains.GetGrain<IAccountGrain>("staff@demo.marketplace").SignInAsync(DemoSeeder.Password)).Status);
        var spokes = await app.Grains.GetGrain<IProjectGrain>("p-demo-spokes").GetAsync(Contracts.Actor.System);
        Assert.Equal(ProjectState.Awarded, spokes.State);

        var staff = await app.Grains.GetGrain<IAccountGrain>("staff@demo.marketplace").GetAsync();
        var staffActor = new Contracts.Actor(staff!.UserId, staff.Roles);

        // Staff have one open report to try: Cora says Sam's Crumb & Co entry #4 copies her #1; seeding again reports nothing more.
        var report = Assert.Single((await app.Grains.GetGrain<IEntryReportsGrain>("e-demo-crumb-4").GetAsync(staffActor)).Open.Reports);
        Assert.Equal((ReportReason.CopiesAnotherEntry, 1, "Cora Lines"), (report.Reason, report.CopiesEntryNumber,
            (await app.Grains.GetGrain<Contracts.Users.IUserGrain>(report.ReporterId).GetCardAsync()).DisplayName));

        // Crumb & Co's brief: two answered questions and a clarification for everyone, and Mira's question waiting for Bea.
        var crumbQuestions = await app.Grains.GetGrain<Contracts.Questions.IProjectQuestionsGrain>("p-demo-crumb").GetAsync(staffActor);
        Assert.Equal(2, crumbQuestions.Answered.Count());
        Assert.Single(crumbQuestions.Clarifications);
        Assert.Equal("Mira Okafor", Assert.Single(crumbQuestions.Questions, q => q.Status == Contracts.Questions.QuestionStatus.Unanswered).AskerName);
        var bea = (await app.Grains.GetGrain<IAccountGrain>("bea@demo.marketplace").GetAsync())!;
        Assert.Single(await app.Grains.NoticesAsync(new Contracts.Actor(bea.UserId, bea.Roles)), n => n.Kind == NotificationKinds.Question && n.Asks);

        // The handovers' print files show their previews: Spokes' SVG logo, Fernhill's two-page PDF brand sheet and its EPS.
        var spokesFinals = (await app.Grains.GetGrain<IWrapUpGrain>(WrapUpIds.For("p-demo-spokes", 1)).GetAsync(staffActor)).LatestDelivery!.Files;
        Assert.NotEmpty(Assert.Single(spokesFinals, f => f.File.FileName.EndsWith(".svg", StringComparison.Ordinal)).Preview!.Images);
        // Spokes' brand kit zip lists the six files it holds (its folders are not files).
        var kit = Assert.Single(spokesFinals, f => f.File.FileName.EndsWith(".zip", StringComparison.Ordinal)).Preview!.Archive!;
        Assert.Equal(6, kit.FileCount);
        Assert.Equal("Spokes brand kit/logo/spokes-mark.svg", kit.Entries[0].Name);
        var fernFinals = (await app.Grains.GetGrain<IWrapUpGrain>(WrapUpIds.For("p-demo-fern", 1)).GetAsync(staffActor)).LatestDelivery!.Files;
        var brandSheet = Assert.Single(fernFinals, f => f.File.FileName.EndsWith(".pdf", StringComparison.Ordinal)).Preview!;
        Assert.NotEmpty(brandSheet.Images);
        Assert.Equal(new Contracts.Previews.FirstPage(2), brandSheet.FirstPage);
        var signFile = Assert.Single(fernFinals, f => f.File.FileName.EndsWith(".eps", StringComparison.Ordinal)).Preview!;
        Assert.NotEmpty(signFile.Images);
        Assert.Null(signFile.FirstPage);

        // Staff find two cases: the Lotus winner was removed mid-handover and cannot sign in; the Tidewater flyer is
        // disputed and answered, a photo with a preview on each side.
        var queue = await app.Grains.GetGrain<IMediationQueueGrain>(IMediationQueueGrain.Key).ListAsync(staffActor);
        var lotus = Assert.Single(queue, c => c.Case.ProjectId == "p-demo-lotus");
        Assert.Contains(MediationReason.WinnerRemoved, lotus.Case.Reasons);
        Assert.NotEqual(SignInStatus.Succeeded, (await app.Grains.GetGrain<IAccountGrain>("ray@demo.marketplace").SignInAsync(DemoSeeder.Password)).Status);
        var tide = Assert.Single(queue, c => c.Case.ProjectId == "p-demo-tide");
        Assert.Contains(MediationReason.Disputed, tide.Case.Reasons);
        var dispute = (await app.Grains.GetGrain<IWrapUpGrain>(tide.Case.CaseId).GetAsync(staffActor)).Dispute!;
        Assert.Equal(DisputeStage.AwaitingStaff, dispute.Stage);
        Assert.All(dispute.Evidence.Concat(dispute.AnswerEvidence), f => Assert.NotNull(f.Preview));

        // Kit's account was removed: the Saltline contest closed with the prize refunded and its entrants told; the
        // delivered Kite handover waits for staff in the buyer's place, and Cora was told.
        var kite = Assert.Single(queue, c => c.Case.ProjectId == "p-demo-kite");
        Assert.Contains(MediationReason.BuyerRemoved, kite.Case.Reasons);
        Assert.Equal(WrapUpStep.InReview, kite.Case.Step);
        Assert.NotEqual(SignInStatus.Succeeded, (await app.Grains.GetGrain<IAccountGrain>("kit@demo.marketplace").SignInAsync(DemoSeeder.Password)).Status);
        Assert.Equal(ProjectState.Cancelled, (await app.Grains.GetGrain<IProjectGrain>("p-demo-sail").GetAsync(Contracts.Actor.System)).State);
        Assert.Equal(0, (await app.Grains.GetGrain<Contracts.Escrow.IEscrowGrain>("p-demo-sail").GetStatementAsync()).Held.Minor);
        Assert.Contains(firstInboxes["mira@demo.marketplace"], t => t.StartsWith("Marketplace support closed “Sign for Saltline sailing club”", StringComparison.Ordinal));
        Assert.Contains(firstInboxes["cora@demo.marketplace"], t => t.StartsWith("The buyer's account was closed; Marketplace support will finish the handover of “Logo for Kite & Co toys”", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Demo_shows_a_handover_finished_with_staff_signing_for_the_winner_and_one_settled_by_an_accepted_split()
    {
        await SeedAsync();
        var staff = (await app.Grains.GetGrain<IAccountGrain>(MarketplaceAppFixture.DemoStaffEmail).GetAsync())!;
        var staffActor = new Contracts.Actor(staff.UserId, staff.Roles);
        using var bea = await ApiSession.SignInAsync(app, "bea@demo.marketplace", DemoSeeder.Password);
        using var dev = await ApiSession.SignInAsync(app, "dev@demo.marketplace", DemoSeeder.Password);
        using var sam = await ApiSession.SignInAsync(app, "sam@demo.marketplace", DemoSeeder.Password);

        // Fernhill: completed the ordinary way, Bea signed herself and staff signed for Dev with his recorded consent.
        var fernId = WrapUpIds.For("p-demo-fern", 1);
        var fern = await app.Grains.GetGrain<IWrapUpGrain>(fernId).GetAsync(staffActor);
        Assert.Equal((WrapUpStep.Ended, WrapUpOutcome.Completed), (fern.Step, fern.Outcome));
        Assert.Equal(ProjectState.Completed, (await app.Grains.GetGrain<IProjectGrain>("p-demo-fern").GetAsync(Contracts.Actor.System)).State);
        Assert.Equal(["PNG", "SVG", "PDF", "EPS"], fern.LatestDelivery!.Files.Select(f => Path.GetExtension(f.File.FileName).TrimStart('.').ToUpperInvariant()));
        var devSigned = Assert.Single(fern.Signatures, s => s.PartyId == fern.CreativeId);
        Assert.Equal(staff.UserId, devSigned.SignedBy);
        var fernEscrow = await app.Grains.GetGrain<IEscrowGrain>("p-demo-fern").GetStatementAsync();
        Assert.True(fernEscrow.ReleasedToCreative.Minor > 0);
        Assert.Equal(0, fernEscrow.Held.Minor);
        Assert.False(fern.OutcomeRuled);

        var record = HandoverOutcomePageTests.Section(await PageAsync(bea, "/wrapups/" + fernId), "data-agreement-record");
        Assert.Matches(@"Signed by staff \(Sam from Support\) for Dev Patel with consent \(by message on this handover and a phone call, [^)]+\), on ", record);
        Assert.Contains($"href=\"/wrapups/{fernId}/agreement\"", record);
        var agreement = await PageAsync(bea, $"/wrapups/{fernId}/agreement");
        Assert.Contains("Between Bea Baker (the buyer) and Dev Patel (the creative)", agreement);
        Assert.Matches(@"Signed by staff \(Sam from Support\) for Dev Patel with consent", agreement);
        Assert.Contains("Signed by staff (Sam from Support) for you with consent", HandoverOutcomePageTests.Section(await PageAsync(dev, "/wrapups/" + fernId), "data-agreement-record"));

        // Quayside: Bea's dispute settled by staff's split, which both accepted; each side reads what they got.
        var quayId = WrapUpIds.For("p-demo-quay", 1);
        var quay = await app.Grains.GetGrain<IWrapUpGrain>(quayId).GetAsync(staffActor);
        Assert.Equal((WrapUpStep.Ended, WrapUpOutcome.Split), (quay.Step, quay.Outcome));
        var split = quay.SettledSplit!;
        var quayEscrow = await app.Grains.GetGrain<IEscrowGrain>("p-demo-quay").GetStatementAsync();
        Assert.Equal((quayEscrow.ReleasedToCreative, quayEscrow.Refunded), (split.CreativeReceives, split.BuyerGetsBack));
        var (back, paid, share, fee) = (Display.Money(split.BuyerGetsBack), Display.Money(split.CreativeReceives), Display.Money(split.CreativeShare), Display.Money(split.Fee));
        var beaQuay = await PageAsync(bea, "/wrapups/" + quayId);
        Assert.Contains($"You both accepted staff's proposal to split the prize: {back} is refunded to you, and Sam Rivera is paid {paid} (a share of {share} less the {fee} marketplace fee).",
            HandoverOutcomePageTests.Section(beaQuay, "data-outcome"));
        Assert.Contains("Both accepted staff's proposal, so it is settled: split the prize", beaQuay);
        Assert.DoesNotContain("decided the outcome", beaQuay);
        Assert.DoesNotContain("Staff settled", beaQuay);
        var samPage = await PageAsync(sam, "/wrapups/" + quayId);
        Assert.Contains($"you were paid {paid} (your share of {share} less the {fee} marketplace fee), and {back} was refunded to Bea Baker.", samPage);
        Assert.DoesNotContain("Paid out:", samPage);

        // My projects names both ends, and each creative's list says what they were paid.
        var projects = await PageAsync(bea, "/buyer/projects");
        var fernRow = Row(projects, "data-project=\"p-demo-fern\"");
        Assert.Contains("data-project-state>Completed</span>", fernRow);
        Assert.Contains(">Files and handover record</a>", fernRow);
        var quayRow = Row(projects, "data-project=\"p-demo-quay\"");
        Assert.Contains("data-project-state>Settled by a split</span>", quayRow);
        Assert.Contains($"Settled by a split — {back} refunded to you; no files or rights handed over", quayRow);
        Assert.Contains($"Complete — paid {Display.Money(fernEscrow.ReleasedToCreative)}", Row(await PageAsync(dev, "/creative/entries"), $"data-won=\"{fernId}\""));
        Assert.Contains($"Settled by a split — paid {paid}; the design stays yours", Row(await PageAsync(sam, "/creative/entries"), $"data-won=\"{quayId}\""));
    }

    [Fact]
    public async Task Demo_shows_beas_review_of_dev_with_his_reply_on_his_profile_and_beas_record_on_the_crumb_brief()
    {
        await SeedAsync();
        await SeedAsync();
        using var cora = await ApiSession.SignInAsync(app, "cora@demo.marketplace", DemoSeeder.Password);
        using var visitor = new ApiSession(app.NewApiClient());
        var dev = (await app.Grains.GetGrain<IAccountGrain>("dev@demo.marketplace").GetAsync())!;

        var profile = await visitor.ReadAsync(await visitor.Http.GetAsync("/api/v1/creatives/" + dev.UserId));
        var review = Assert.Single(profile.GetProperty("reviews").EnumerateArray());
        Assert.Equal(("Bea Baker", 5, "Logo for Fernhill plant shop"), (review.GetProperty("reviewerName").GetString(), review.GetProperty("stars").GetInt32(), review.GetProperty("projectTitle").GetString()));
        Assert.Equal("Thank you, Bea! Send me a photo of the sign when it's up.", review.GetProperty("reply").GetString());
        var page = await PageAsync(visitor, "/creatives/" + dev.UserId);
        Assert.Contains("5 out of 5", page);
        Assert.Contains("Reply from Dev Patel", page);
        Assert.Contains("Bea Baker has run 4 contests on Marketplace: chose a winner in 4.", await PageAsync(cora, "/projects/p-demo-crumb"));
        Assert.Contains($"href=\"/creatives/{dev.UserId}\"", await PageAsync(cora, "/projects/p-demo-crumb"));
    }

    [Fact]
    public async Task Demo_gives_bea_one_draft_to_edit_or_cancel_and_a_second_start_keeps_it_a_draft()
    {
        await SeedAsync();
        await SeedAsync();
        using var bea = await ApiSession.SignInAsync(app, "bea@demo.marketplace", DemoSeeder.Password);

        var draft = await app.Grains.GetGrain<IProjectGrain>("p-demo-orchard").GetAsync(Contracts.Actor.System);
        Assert.Equal(ProjectState.Draft, draft.State);
        var row = Row(await PageAsync(bea, "/buyer/projects"), "data-project=\"p-demo-orchard\"");
        Assert.Contains("Shop sign for Orchard Lane cider", row);
        Assert.Contains("data-project-state>Draft</span>", row);
        var page = await PageAsync(bea, "/projects/p-demo-orchard");
        Assert.Contains("href=\"/buyer/projects/p-demo-orchard/edit\">Edit the draft</a>", page);
        Assert.Contains("<summary>Cancel this draft</summary>", page);
    }

    [Fact]
    public async Task Demo_shows_a_dispute_staff_decided_with_a_split_its_reason_and_what_each_side_got()
    {
        await SeedAsync();
        var staff = (await app.Grains.GetGrain<IAccountGrain>(MarketplaceAppFixture.DemoStaffEmail).GetAsync())!;
        var staffActor = new Contracts.Actor(staff.UserId, staff.Roles);
        using var oscar = await ApiSession.SignInAsync(app, "oscar@demo.marketplace", DemoSeeder.Password);
        using var dev = await ApiSession.SignInAsync(app, "dev@demo.marketplace", DemoSeeder.Password);

        // Larchwood: Oscar disputed, Dev answered, and staff ruled a split (no proposal, nobody accepted anything).
        var larchId = WrapUpIds.For("p-demo-larch", 1);
        var larch = await app.Grains.GetGrain<IWrapUpGrain>(larchId).GetAsync(staffActor);
        Assert.Equal((WrapUpStep.Ended, WrapUpOutcome.Split), (larch.Step, larch.Outcome));
        Assert.True(larch.OutcomeRuled);
        Assert.False(larch.OutcomeAgreed);
        Assert.NotNull(larch.Dispute!.Answer);
        Assert.DoesNotContain(larch.Timeline, t => t.Kind is "OutcomeProposed" or "ProposalAccepted");
        var decided = Assert.Single(larch.Timeline, t => t.Kind == "SettlementDecided");
        Assert.Equal(staff.UserId, decided.ActorId);
        var reason = decided.Reason!;
        Assert.Contains("a third of the prize goes back to the buyer", reason);

        var split = larch.SettledSplit!;
        var escrow = await app.Grains.GetGrain<IEscrowGrain>("p-demo-larch").GetStatementAsync();
        Assert.Equal((escrow.ReleasedToCreative, escrow.Refunded, 0L), (split.CreativeReceives, split.BuyerGetsBack, escrow.Held.Minor));
        Assert.Equal(larch.Prize, split.CreativeShare.Plus(split.BuyerGetsBack));
        var (back, paid, share, fee) = (Display.Money(split.BuyerGetsBack), Display.Money(split.CreativeReceives), Display.Money(split.CreativeShare), Display.Money(split.Fee));

        var oscarPage = await PageAsync(oscar, "/wrapups/" + larchId);
        Assert.Contains($"Staff settled this handover by splitting the prize: {back} is refunded to you, and Dev Patel is paid {paid} (a share of {share} less the {fee} marketplace fee).",
            HandoverOutcomePageTests.Section(oscarPage, "data-outcome"));
        var ruling = $"Staff decided the outcome: split the prize: {paid} (a share of {share} less the 15% marketplace fee) to Dev Patel, {back} refunded to Oscar Ortiz; the original files and the rights are not handed over.";
        // The outcome card says who got what once; the ruling's own words stay in the timeline, its reason under the outcome.
        Assert.Equal(1, HandoverOutcomePageTests.CountOf(oscarPage, ruling));
        Assert.Contains($"Staff's reason: {reason}", HandoverOutcomePageTests.Section(oscarPage, "data-outcome-reason"));
        Assert.DoesNotContain("Both accepted", oscarPage);
        // Once ended, the outcome is read first and the dispute it settled below it; a running dispute stays on top.
        Assert.InRange(oscarPage.IndexOf("data-outcome", StringComparison.Ordinal), 0, oscarPage.IndexOf("id=\"dispute-heading\"", StringComparison.Ordinal));
        using var bea = await ApiSession.SignInAsync(app, "bea@demo.marketplace", DemoSeeder.Password);
        var tidePage = await PageAsync(bea, "/wrapups/" + WrapUpIds.For("p-demo-tide", 1));
        Assert.InRange(tidePage.IndexOf("id=\"dispute-heading\"", StringComparison.Ordinal), 0, tidePage.IndexOf("id=\"files-heading\"", StringComparison.Ordinal));
        var devPage = await PageAsync(dev, "/wrapups/" + larchId);
        Assert.Contains($"Staff settled this handover by splitting the prize: you were paid {paid} (your share of {share} less the {fee} marketplace fee), and {back} was refunded to Oscar Ortiz.", devPage);
        Assert.Equal(1, HandoverOutcomePageTests.CountOf(devPage, ruling));
        Assert.Contains($"Staff's reason: {reason}", devPage);

        Assert.Contains($"Settled by a split — {back} refunded to you; no files or rights handed over", Row(await PageAsync(oscar, "/buyer/projects"), "data-project=\"p-demo-larch\""));
        Assert.Contains($"Settled by a split — paid {paid}; the design stays yours", Row(await PageAsync(dev, "/creative/entries"), $"data-won=\"{larchId}\""));
        var queue = await app.Grains.GetGrain<IMediationQueueGrain>(IMediationQueueGrain.Key).ListAsync(staffActor);
        Assert.DoesNotContain(queue, c => c.Case.ProjectId == "p-demo-larch");
    }

    [Fact]
    public async Task Demo_shows_oscar_choosing_a_winner_for_hill_farm_after_closing_entries_early_and_its_creatives_read_until_when()
    {
        await SeedAsync();
        await SeedAsync();
        using var oscar = await ApiSession.SignInAsync(app, "oscar@demo.marketplace", DemoSeeder.Password);
        using var mira = await ApiSession.SignInAsync(app, "mira@demo.marketplace", DemoSeeder.Password);

        var honey = await app.Grains.GetGrain<IProjectGrain>("p-demo-honey").GetAsync(Contracts.Actor.System);
        Assert.Equal(ProjectState.Selecting, honey.State);
        var scheduled = Assert.IsType<DateTimeOffset>(honey.ScheduledEntryDeadline);
        Assert.True(honey.EntryDeadline < scheduled);
        Assert.Equal(honey.EntryDeadline + honey.SelectionWindow, honey.SelectionDeadline);
        Assert.Equal(3, honey.ActiveEntryCount);

        // Each reads the times in their own zone: Oscar lives in New York, Mira in Berlin.
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        Assert.Contains($"Choose a winner by {Display.DateTime(honey.SelectionDeadline!.Value, newYork)}", TimeTagsOut(await PageAsync(oscar, "/projects/p-demo-honey")));
        Assert.Contains($"Entries closed early, on {Display.DateTime(honey.EntryDeadline, berlin)} (they were to close on {Display.Date(scheduled, berlin)}). The buyer is choosing a winner until {Display.DateTime(honey.SelectionDeadline!.Value, berlin)}",
            TimeTagsOut(await PageAsync(mira, "/projects/p-demo-honey")));
        // Seeding twice asked Oscar once and told each creative once.
        var oscarNotices = (await oscar.NotificationsAsync()).Where(n => n.GetProperty("kind").GetString() == NotificationKinds.TimeToChoose
            && n.GetProperty("link").GetString() == "/projects/p-demo-honey").ToList();
        Assert.True(Assert.Single(oscarNotices).GetProperty("asks").GetBoolean());
        var miraTold = Assert.Single(await mira.NotificationsAsync(), n => n.GetProperty("kind").GetString() == NotificationKinds.EntriesClosed
            && n.GetProperty("link").GetString() == "/projects/p-demo-honey");
        Assert.StartsWith("The buyer closed entries to “Jar label for Hill Farm honey” early", miraTold.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_shows_a_review_changed_after_its_reply_and_one_staff_hid_and_showed_again_with_both_notes()
    {
        await SeedAsync();
        await SeedAsync();
        using var staff = await ApiSession.SignInAsync(app, MarketplaceAppFixture.DemoStaffEmail, DemoSeeder.Password);
        using var visitor = new ApiSession(app.NewApiClient());
        var dev = (await app.Grains.GetGrain<IAccountGrain>("dev@demo.marketplace").GetAsync())!;
        var sam = (await app.Grains.GetGrain<IAccountGrain>("sam@demo.marketplace").GetAsync())!;

        // Fernhill: Bea added a line after Dev replied, so his reply reads as written before the change.
        var fern = Assert.Single((await visitor.ReadAsync(await visitor.Http.GetAsync("/api/v1/creatives/" + dev.UserId))).GetProperty("reviews").EnumerateArray());
        Assert.EndsWith("Update: the sign is up over the door and the leaf reads from across the street.", fern.GetProperty("text").GetString(), StringComparison.Ordinal);
        var editedAt = fern.GetProperty("editedAt").GetDateTimeOffset();
        Assert.True(fern.GetProperty("repliedAt").GetDateTimeOffset() < editedAt);
        Assert.Contains($"Replied before the review was changed on {Display.Date(editedAt, TimeZoneInfo.Utc)}.", TimeTagsOut(await PageAsync(visitor, "/creatives/" + dev.UserId)));

        // Wren: Oscar's three stars, hidden on Sam's report and shown again; everyone reads it, staff read both steps.
        var wren = Assert.Single((await visitor.ReadAsync(await visitor.Http.GetAsync("/api/v1/creatives/" + sam.UserId))).GetProperty("reviews").EnumerateArray(),
            r => r.GetProperty("projectTitle").GetString() == "Logo for Wren cycle couriers");
        Assert.Equal((3, "Oscar Ortiz", false), (wren.GetProperty("stars").GetInt32(), wren.GetProperty("reviewerName").GetString(), wren.GetProperty("hidden").GetBoolean()));
        var staffPage = TimeTagsOut(await PageAsync(staff, "/creatives/" + sam.UserId));
        Assert.Matches(@"Hidden by Sam from Support on [^<]+: <q>Sam reported this review as unfair", staffPage);
        Assert.Matches(@"Shown again by Sam from Support on [^<]+: <q>Support spoke to Oscar and Sam", staffPage);
        Assert.DoesNotContain("data-moderation-record", await PageAsync(visitor, "/creatives/" + sam.UserId));
    }

    private static async Task<string> PageAsync(ApiSession who, string path)
    {
        var response = await who.Http.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        return WebUtility.HtmlDecode(html);
    }

    /// <summary>The list row marked by <paramref name="marker"/>, up to the next row.</summary>
    private static string Row(string page, string marker)
    {
        var start = page.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(start >= 0, $"no row {marker}");
        var end = page.IndexOf("<li class=\"card row\"", start, StringComparison.Ordinal);
        return page[start..(end < 0 ? page.Length : end)];
    }

    private async Task SeedAsync()
    {
        // The seeder keeps the site up when seeding fails and only logs it, so the log is where a failure shows.
        var log = await app.SeedDemoAsync();
        Assert.DoesNotContain(log, r => r.Level >= LogLevel.Error);
        Assert.Contains(log, r => r.Message.StartsWith("Demo marketplace ready", StringComparison.Ordinal) && r.Message.Contains("staff@demo.marketplace (same password)"));
    }

    /// <summary>The notification texts of the demo people who take part in a seeded handover, newest first.</summary>
    private async Task<Dictionary<string, List<string>>> InboxesAsync()
    {
        var inboxes = new Dictionary<string, List<string>>();
        foreach (var email in new[] { "bea@demo.marketplace", "oscar@demo.marketplace", "dev@demo.marketplace", "mira@demo.marketplace", "cora@demo.marketplace" })
        {
            var account = (await app.Grains.GetGrain<IAccountGrain>(email).GetAsync())!;
            var actor = new Contracts.Actor(account.UserId, account.Roles);
            inboxes[email] = (await app.Grains.NoticesAsync(actor)).Select(n => n.Text).ToList();
        }

        return inboxes;
    }

    private async Task<Dictionary<string, int>> GalleryCountsAsync()
    {
        var counts = new Dictionary<string, int>();
        foreach (var id in new[] { "p-demo-crumb", "p-demo-honey", "p-demo-spokes", "p-demo-jazz" })
            counts[id] = (await app.Grains.GetGrain<IProjectGrain>(id).GetGalleryAsync(Contracts.Actor.System)).Items.Count;
        return counts;
    }
}

using Marketplace.Contracts;
using Marketplace.Contracts.Accounts;
using Marketplace.Contracts.Entries;
using Marketplace.Contracts.Notifications;
using Marketplace.Contracts.Projects;
using Marketplace.Contracts.Questions;
using Marketplace.Contracts.Reports;
using Marketplace.Contracts.Reviews;
using Marketplace.Contracts.Users;
using Marketplace.Contracts.WrapUps;
using Marketplace.Web.Uploads;

namespace Marketplace.Web.Demo;

/// <summary>
/// At start: creates the configured staff accounts and, when <c>Marketplace:Demo:Seed</c> is true, a small marketplace
/// with demo buyers, creatives, open projects with generated entries, a handover in review (its delivery leaves out the
/// print PDF, with the creative's reason), cases in the staff queue (a removed winner, a removed buyer, a dispute), a
/// handover completed with staff signing for the winner, one settled by a split both parties accepted, one by a split
/// staff decided, a contest whose buyer closed entries early and is choosing a winner, the buyer's review of a completed
/// handover with the winner's reply and later changed, another review staff hid and showed again, an open report of a copied entry, and a draft not yet paid for (so "Edit the draft" and "Cancel this draft" can be shown). Every step checks
/// what already exists (fixed ids and emails), so a second start adds nothing. Prints the demo sign-ins.
/// </summary>
public sealed partial class DemoSeeder(IServiceProvider services, IConfiguration configuration, TimeProvider time, ILogger<DemoSeeder> logger) : BackgroundService
{
    public const string Password = "demo password 1";

    /// <summary><paramref name="TimeZone"/>: where the person lives, as their browser would report it at sign-up.</summary>
    private sealed record Person(string Email, string Name, UserRoles Role, string? TimeZone = null);
    private sealed record DemoProject(string Id, string Buyer, string Title, string Category, long Prize, string Brand, string Tagline, string Brief, string[] Creatives, string? Winner,
        string? RemovedForReason = null, DemoDispute? Dispute = null, DemoDelivery? Delivery = null, string? BuyerRemovedForReason = null,
        DemoStaffSignature? FinishedWithStaffSigning = null, DemoSplit? SettledBySplit = null, DemoSplit? DecidedBySplit = null, bool StaysDraft = false,
        DemoReview? Review = null, DemoQuestion[]? Questions = null, bool ClosedEarly = false, bool CompletedByBoth = false);

    /// <summary>
    /// The buyer's review of the winner once the handover completed, and the winner's public reply. Then, optionally,
    /// the buyer changes the review (<paramref name="ChangedTo"/>: the reply then reads as written before the change),
    /// or staff hide it and show it again (<paramref name="HiddenThenShown"/>), so the moderation record has both steps.
    /// </summary>
    private sealed record DemoReview(int Stars, string Text, string Reply, string? ChangedTo = null, DemoHideAndShow? HiddenThenShown = null);

    /// <summary>Staff's reason for hiding a review and their note when they showed it again.</summary>
    private sealed record DemoHideAndShow(string Reason, string Note);

    /// <summary>
    /// A creative's question about the brief, in order: answered by the buyer (<paramref name="Answer"/>), left for the
    /// buyer to answer (null), or, with no asker, a clarification the buyer added (<paramref name="Text"/>).
    /// </summary>
    private sealed record DemoQuestion(string? Asker, string Text, string? Answer = null);

    /// <summary>
    /// What the winner delivers of the brief's PNG, SVG and PDF, and the note; a delivery leaving a format out says why
    /// (the wrap-up refuses it otherwise), so the buyer's checklist shows the gap and the reason.
    /// </summary>
    private sealed record DemoDelivery(string[] Formats, string Note);

    private static readonly DemoDelivery CompleteDelivery = new(["png", "svg", "pdf"], "Final files: full-size PNG, SVG for any size, PDF for print.");

    /// <summary>The buyer disputes the delivery with a photo; the winner answers with one of their own.</summary>
    private sealed record DemoDispute(string Reason, string Answer, string EvidenceCaption = "photo of the print", string AnswerCaption = "proof: safe area");

    /// <summary>
    /// A handover finished the ordinary way, except that the winner cannot sign on the site: they ask for help, staff
    /// sign for them with the consent they gave and step back. The finished record shows that signature.
    /// </summary>
    private sealed record DemoStaffSignature(string HelpRequest, string ConsentHow, string Reason, string StepBack);

    /// <summary>
    /// A split of the prize (<paramref name="ToCreative"/> minor units before the fee) with staff's reason, which the
    /// parties read: proposed and accepted by both (<see cref="DemoProject.SettledBySplit"/>) or decided by staff
    /// (<see cref="DemoProject.DecidedBySplit"/>).
    /// </summary>
    private sealed record DemoSplit(long ToCreative, string Reason);

    private static readonly Person[] People =
    [
        new("bea@demo.marketplace", "Bea Baker", UserRoles.Buyer, "Europe/London"),
        new("oscar@demo.marketplace", "Oscar Ortiz", UserRoles.Buyer, "America/New_York"),
        new("cora@demo.marketplace", "Cora Lines", UserRoles.Creative, "America/Toronto"),
        new("dev@demo.marketplace", "Dev Patel", UserRoles.Creative, "Asia/Kolkata"),
        new("mira@demo.marketplace", "Mira Okafor", UserRoles.Creative, "Europe/Berlin"),
        new("sam@demo.marketplace", "Sam Rivera", UserRoles.Creative, "America/Los_Angeles"),
        new("ray@demo.marketplace", "Ray Quinn", UserRoles.Creative, "Australia/Sydney"),
        new("kit@demo.marketplace", "Kit Walsh", UserRoles.Buyer, "Europe/Dublin"),
    ];

    private const string KitRemoved = "Paid with a card reported stolen (demo case: the winner still gets a fair end)";

    private static readonly DemoProject[] Projects =
    [
        new("p-demo-crumb", "bea@demo.marketplace", "Logo for Crumb & Co bakery", Categories.Logo, 35_000, "Crumb & Co", "bakery since 1987",
            "A warm, friendly logo for our neighbourhood bakery. It has to work small on coffee cups and big on the shop front. We love earthy colours; no clip-art wheat, please.",
            ["cora@demo.marketplace", "dev@demo.marketplace", "mira@demo.marketplace", "sam@demo.marketplace", "cora@demo.marketplace"], null,
            Questions:
            [
                new("cora@demo.marketplace", "Are the earthy colours fixed, or could one bright accent work on the coffee cups?",
                    "Earthy first: terracotta, wheat and a deep brown. One small accent is fine if the logo still works in a single colour for the cup stamp."),
                new("dev@demo.marketplace", "Can the name be stacked (“Crumb &” over “Co”), or must it stay on one line?",
                    "Stacked is fine. It has to read at 2 cm wide on a cup lid, so keep the ampersand bold."),
                new(null, "The shop front is dark green with white lettering, so please show your logo on dark green as well as on white."),
                new("mira@demo.marketplace", "Should “since 1987” be part of the logo, or only used beside it?"),
            ]),
        // Oscar closed entries early (the brief allowed it), so the demo shows a contest whose buyer is choosing a winner.
        new("p-demo-honey", "oscar@demo.marketplace", "Jar label for Hill Farm honey", Categories.Packaging, 50_000, "Hill Farm", "raw wildflower honey",
            "A label for 340 g jars of raw honey from our hillside farm. Natural, premium, readable from two metres on a market stall.",
            ["mira@demo.marketplace", "sam@demo.marketplace", "cora@demo.marketplace"], null, ClosedEarly: true),
        new("p-demo-spokes", "bea@demo.marketplace", "Brand mark for Spokes bike repair", Categories.Branding, 42_000, "Spokes", "bike repair & coffee",
            "A bold mark for a bike repair shop with a coffee bar. Should look good on jerseys, the van and a stamp.",
            ["dev@demo.marketplace", "cora@demo.marketplace"], "dev@demo.marketplace",
            Delivery: new(["png", "svg", "zip"], "PNG and SVG attached, and the brand kit zip. The print PDF follows once you pick the van colour: the Pantone match depends on it.")),
        new("p-demo-jazz", "oscar@demo.marketplace", "Poster for Blue Hour jazz nights", Categories.Print, 30_000, "Blue Hour", "jazz every thursday",
            "A poster series for weekly jazz nights in a small club. Moody, elegant, works in A2 and as an Instagram square.", [], null),
        new("p-demo-lotus", "oscar@demo.marketplace", "Menu cover for Lotus noodle bar", Categories.Print, 38_000, "Lotus", "noodles & broth",
            "A menu cover for a busy noodle bar: steam, warmth, a lotus somewhere. Printed A3 folded, also shown on a screen by the door.",
            ["ray@demo.marketplace", "sam@demo.marketplace"], "ray@demo.marketplace", "Repeated policy violations (demo case: the buyer still wants the winning design)"),
        new("p-demo-tide", "bea@demo.marketplace", "Flyer for Tidewater surf school", Categories.Print, 26_000, "Tidewater", "learn to surf",
            "An A5 flyer for our surf school: lessons for beginners, board hire, summer camps. Sea colours, readable at a glance.",
            ["mira@demo.marketplace", "cora@demo.marketplace"], "mira@demo.marketplace",
            Dispute: new("The printed flyers came out muddy and the phone number is cut off; see the photo of the print.",
                "The file has the number inside the safe area and sRGB colours as briefed; see the proof. The printer cropped it.")),
        // Kit's account is removed after both are seeded: the open contest closes with the prize refunded and its
        // entrants told; the delivered Kite handover goes to staff as "buyer removed".
        new("p-demo-sail", "kit@demo.marketplace", "Sign for Saltline sailing club", Categories.Branding, 28_000, "Saltline", "sailing club",
            "A club sign and burgee for a small sailing club. Navy and white, readable from the water.",
            ["sam@demo.marketplace", "mira@demo.marketplace"], null),
        new("p-demo-kite", "kit@demo.marketplace", "Logo for Kite & Co toys", Categories.Logo, 32_000, "Kite & Co", "wooden toys",
            "A playful logo for a wooden toy shop: a kite, bright colours, works on tags and the shop window.",
            ["cora@demo.marketplace", "sam@demo.marketplace"], "cora@demo.marketplace", BuyerRemovedForReason: KitRemoved),
        new("p-demo-fern", "bea@demo.marketplace", "Logo for Fernhill plant shop", Categories.Logo, 40_000, "Fernhill", "plants & pots",
            "A fresh logo for a small plant shop: leafy but not clichéd, one colour for stamps on paper bags, full colour for the sign.",
            ["dev@demo.marketplace", "cora@demo.marketplace", "sam@demo.marketplace"], "dev@demo.marketplace",
            Delivery: new(["png", "svg", "pdf", "eps"], "Final files: full-size PNG, SVG for any size, PDF for print, and an EPS for the sign maker."),
            FinishedWithStaffSigning: new(
                "I'm on a job abroad all week with only my phone and can't sign the agreement here. Please sign it for me: I agree to its terms.",
                "by message on this handover and a phone call",
                "Dev is abroad with only his phone; he read the agreement and agreed to it.",
                "Dev's signature is in; Bea Baker signs to finish."),
            Review: new(5, "Dev listened, kept the leaf simple enough for our paper-bag stamp and sent an EPS the sign maker could use straight away. Signing from abroad was no trouble either.",
                "Thank you, Bea! Send me a photo of the sign when it's up.",
                ChangedTo: "Dev listened, kept the leaf simple enough for our paper-bag stamp and sent an EPS the sign maker could use straight away. Signing from abroad was no trouble either. Update: the sign is up over the door and the leaf reads from across the street.")),
        // Completed the ordinary way; Oscar's three-star review was hidden by staff on Sam's report, then shown again.
        new("p-demo-wren", "oscar@demo.marketplace", "Logo for Wren cycle couriers", Categories.Logo, 33_000, "Wren", "cycle couriers",
            "A quick, light logo for a two-person cycle courier: it goes on delivery bags, rain jackets and a one-page website.",
            ["sam@demo.marketplace", "cora@demo.marketplace"], "sam@demo.marketplace", CompletedByBoth: true,
            Review: new(3, "The bird on the bags looks great, but the files came a day later than Sam promised and the jacket version needed a second try.",
                "Thanks, Oscar. The jacket version was new after the award; I should have said it would take an extra day.",
                HiddenThenShown: new("Sam reported this review as unfair; hidden while support checks the handover with both of them.",
                    "Support spoke to Oscar and Sam: the files did arrive a day late, so the review is fair and shows again."))),
        new("p-demo-quay", "bea@demo.marketplace", "Coffee bag label for Quayside roasters", Categories.Packaging, 45_000, "Quayside", "small-batch coffee",
            "A label for 250 g and 1 kg coffee bags: the roast, origin and tasting notes must be readable; harbour colours welcome.",
            ["sam@demo.marketplace", "mira@demo.marketplace"], "sam@demo.marketplace",
            Dispute: new("The tasting notes are too small to read on the 250 g bag, and the 1 kg version was never made; see the printed sample.",
                "The 250 g label follows the brief's text and sizes; I can't make the 1 kg version without its dimensions, which I asked for twice.",
                EvidenceCaption: "printed sample", AnswerCaption: "label at brief size"),
            SettledBySplit: new(27_000, "The 250 g label is usable as delivered; the 1 kg version was never possible without its sizes, so the buyer gets part of the prize back.")),
        // Decided by staff, not agreed: Oscar's dispute answered by Dev, then staff rule a split with their reasons.
        new("p-demo-larch", "oscar@demo.marketplace", "Bottle label for Larchwood pale ale", Categories.Packaging, 36_000, "Larchwood", "small-batch ale",
            "A label for 330 ml bottles of our pale ale: the name, the hops and the ABV must be readable on a shelf. Greens and cream.",
            ["dev@demo.marketplace", "mira@demo.marketplace"], "dev@demo.marketplace",
            Dispute: new("The hop leaf prints brown instead of green and the ABV line is missing, which the label needs by law; see the printer's proof.",
                "The greens are the brief's colours in the files; the proof was printed on uncoated stock. The ABV was not in the brief's text, and I offered to add it.",
                EvidenceCaption: "printer's proof", AnswerCaption: "colours as delivered"),
            DecidedBySplit: new(24_000, "The colours in the files match the brief, so most of the work stands; without the ABV line the label cannot be used as it is, so a third of the prize goes back to the buyer.")),
        // Never paid for: the walk-through shows a draft in "My projects", "Edit the draft" and "Cancel this draft".
        new("p-demo-orchard", "bea@demo.marketplace", "Shop sign for Orchard Lane cider", Categories.Branding, 30_000, "Orchard Lane", "cider & perry",
            "A hanging sign for our cider shop on a narrow lane: apples without clichés, readable from the corner, works in one colour for the van.",
            [], null, StaysDraft: true),
    ];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            using var scope = services.CreateScope();
            var grains = scope.ServiceProvider.GetRequiredService<IGrainFactory>();
            var staff = await EnsureStaffAsync(grains);
            if (configuration.GetValue("Marketplace:Demo:Seed", false))
                await SeedDemoAsync(grains, scope.ServiceProvider.GetRequiredService<UploadService>(), staff, stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogSeedFailed(e);
        }
    }

    private async Task<List<(string Email, Actor Actor, bool DemoPassword)>> EnsureStaffAsync(IGrainFactory grains)
    {
        var accounts = new List<(string, Actor, bool)>();
        foreach (var staff in configuration.GetSection(StaffAccountOptions.Section).Get<List<StaffAccountOptions>>() ?? [])
        {
            var key = AccountEmail.Normalize(staff.Email) ?? throw new InvalidOperationException($"Staff email '{staff.Email}' is not valid.");
            var info = await grains.GetGrain<IAccountGrain>(key).EnsureStaffAsync(Actor.System, new NewAccount(key, staff.Password, staff.DisplayName, UserRoles.Staff));
            accounts.Add((key, new Actor(info.UserId, info.Roles), staff.Password == Password));
        }

        return accounts;
    }

    private async Task SeedDemoAsync(IGrainFactory grains, UploadService uploads, List<(string Email, Actor Actor, bool DemoPassword)> staff, CancellationToken cancellationToken)
    {
        var actors = new Dictionary<string, Actor>();
        foreach (var person in People) actors[person.Email] = await AccountAsync(grains, person);
        await ChooseDailySummaryAsync(grains, actors["mira@demo.marketplace"]);

        foreach (var project in Projects)
        {
            var grain = grains.GetGrain<IProjectGrain>(project.Id);
            var buyer = actors[project.Buyer];
            var view = await ExistingAsync(grain, buyer) ?? await grain.CreateAsync(buyer, Draft(project));
            if (view.State == ProjectState.Draft && !project.StaysDraft) view = await grain.OpenAsync(buyer);

            for (var i = 0; i < project.Creatives.Length; i++)
            {
                var entryId = $"e-demo-{project.Id[7..]}-{i + 1}";
                if (await EntryExistsAsync(grains, entryId, buyer)) continue;
                var art = DemoArt.Logo(project.Brand, project.Tagline, seed: i + project.Title.Length);
                var stored = await uploads.StoreEntryImageAsync(art, $"{project.Brand}-{i + 1}.png", UploadLabels.Entry, cancellationToken);
                await grains.GetGrain<IEntryGrain>(entryId).SubmitAsync(actors[project.Creatives[i]],
                    new EntrySubmission(project.Id, stored.File!, stored.Previews, "Here's my take on it — happy to adjust colours."));
            }

            if (project.Questions is { } questions)
                await AskAndAnswerAsync(grains, project.Id, questions, actors, buyer);
            if (project.ClosedEarly && view.State == ProjectState.Open)
                await grain.CloseEntriesNowAsync(buyer, null);
            if (project.Winner is { } winnerEmail && view.State == ProjectState.Open)
                await AwardAndDeliverAsync(grains, uploads, project, buyer, actors[winnerEmail], cancellationToken);
            if (project.RemovedForReason is { } reason && staff.Count > 0)
                await RemoveAccountAsync(grains, staff[0].Actor, actors[project.Winner!], reason);
            if (project.Dispute is { } dispute)
                await DisputeAsync(grains, uploads, project, dispute, buyer, actors[project.Winner!], cancellationToken);
            if (project.BuyerRemovedForReason is { } buyerReason && staff.Count > 0)
                await RemoveAccountAsync(grains, staff[0].Actor, buyer, buyerReason);
            if (project.FinishedWithStaffSigning is { } signing && staff.Count > 0)
                await FinishWithStaffSigningAsync(grains, project, signing, buyer, actors[project.Winner!], staff[0].Actor);
            if (project.CompletedByBoth)
                await CompleteAsync(grains, project, buyer, actors[project.Winner!]);
            if (project.Review is { } review)
                await ReviewAsync(grains, project, review, buyer, actors[project.Winner!], staff.Count > 0 ? staff[0].Actor : null);
            if (project.SettledBySplit is { } split && staff.Count > 0)
                await SettleBySplitAsync(grains, project, split, buyer, actors[project.Winner!], staff[0].Actor);
            if (project.DecidedBySplit is { } decided && staff.Count > 0)
                await DecideSplitAsync(grains, project, decided, staff[0].Actor);
        }
        await ReportDemoCopyAsync(grains, actors["cora@demo.marketplace"]);
        // Cora entered Crumb & Co twice (#1 and #5): the rating names which of her entries it is about.
        await grains.GetGrain<IEntryGrain>("e-demo-crumb-5").RateAsync(actors["bea@demo.marketplace"], 4);
        LogDemoReady(
            string.Join(", ", People.Where(p => !IsRemoved(p)).Select(p => $"{p.Email} ({p.Role.ToString().ToLowerInvariant()})")),
            Password,
            staff.Count > 0 ? string.Join(", ", staff.Select(s => s.Email + (s.DemoPassword ? " (same password)" : " (password in Marketplace:Staff)"))) : "none configured (Marketplace:Staff)");
    }

    /// <summary>
    /// Mira, in several galleries, gets contest activity as one email a day (Account, then Email settings, shows it). Only
    /// on the first seed (her inbox still empty), so a choice she changed in the demo is not set back at the next start.
    /// </summary>
    private static async Task ChooseDailySummaryAsync(IGrainFactory grains, Actor mira)
    {
        var inbox = grains.GetGrain<INotificationInboxGrain>(mira.UserId);
        if ((await inbox.GetNewestAsync(mira, 1)).Notifications.Count == 0)
            await inbox.SetEmailSettingsAsync(mira, new EmailSettings(ContestActivityEmail.Daily));
    }

    /// <summary>
    /// An open report for staff to try: in the running Crumb & Co contest, Cora (entry #1) reports Sam's entry #4 as a
    /// copy of hers. Only once: a standing report is not made again.
    /// </summary>
    private static async Task ReportDemoCopyAsync(IGrainFactory grains, Actor reporter)
    {
        var reports = grains.GetGrain<IEntryReportsGrain>("e-demo-crumb-4");
        if (await reports.GetMineAsync(reporter) is not null) return;
        var entry = await grains.GetGrain<IEntryGrain>("e-demo-crumb-4").GetPublicAsync();
        await reports.ReportAsync(reporter, entry.ProjectId, new ReportRequest(ReportReason.CopiesAnotherEntry, 1,
            "Same layout and lettering as my entry #1, which came first: the mark over the name and the tagline under it, only with another mark and colours."));
    }

    private static async Task AwardAndDeliverAsync(IGrainFactory grains, UploadService uploads, DemoProject project, Actor buyer, Actor winner, CancellationToken cancellationToken)
    {
        var entryId = $"e-demo-{project.Id[7..]}-{Array.IndexOf(project.Creatives, project.Winner) + 1}";
        var award = await grains.GetGrain<IProjectGrain>(project.Id).AwardAsync(buyer, entryId);
        // A winner about to be removed never delivers: staff will upload what they send by other means.
        if (project.RemovedForReason is not null) return;
        var delivery = project.Delivery ?? CompleteDelivery;
        var finals = new List<FinalFile>();
        foreach (var format in delivery.Formats)
        {
            var stored = await uploads.StoreFinalFileAsync(FinalArt(project, format), $"{project.Brand.ToLowerInvariant()}-final.{format}", UploadLabels.Final, cancellationToken);
            finals.Add(new FinalFile(stored.File!, stored.Previews));
        }

        await grains.GetGrain<IWrapUpGrain>(award.WrapUpId).DeliverFilesAsync(winner, finals, delivery.Note);
    }

    /// <summary>Questions asked, answered and clarified in order; once the project has any, a second start adds nothing.</summary>
    private static async Task AskAndAnswerAsync(IGrainFactory grains, string projectId, DemoQuestion[] questions, Dictionary<string, Actor> actors, Actor buyer)
    {
        var grain = grains.GetGrain<IProjectQuestionsGrain>(projectId);
        var existing = await grain.GetAsync(buyer);
        if (existing.Questions.Count > 0 || existing.Clarifications.Count > 0) return;
        foreach (var question in questions)
        {
            if (question.Asker is not { } asker)
            {
                await grain.ClarifyAsync(buyer, question.Text);
                continue;
            }

            var asked = await grain.AskAsync(actors[asker], question.Text);
            if (question.Answer is { } answer) await grain.AnswerAsync(buyer, asked.Number, answer);
        }
    }

    private static byte[] FinalArt(DemoProject project, string format) => format switch
    {
        "svg" => DemoArt.LogoSvg(project.Brand, project.Tagline, 7, 2400, 1800),
        "pdf" => DemoArt.BrandSheetPdf(project.Brand, project.Tagline, 7, pages: 2, 2400, 1800),
        "eps" => DemoArt.LogoEps(project.Brand, project.Tagline, 7, 2400, 1800),
        "zip" => DemoArt.BrandKitZip(project.Brand, project.Tagline, 7),
        _ => DemoArt.Logo(project.Brand, project.Tagline, 7, 2400, 1800),
    };

    /// <summary>A disputed handover waiting for staff, with a photo on each side (shown as previews on the case page).</summary>
    private static async Task DisputeAsync(IGrainFactory grains, UploadService uploads, DemoProject project, DemoDispute dispute, Actor buyer, Actor winner, CancellationToken cancellationToken)
    {
        var wrapUp = grains.GetGrain<IWrapUpGrain>(WrapUpIds.For(project.Id, 1));
        var view = await wrapUp.GetAsync(buyer);
        if (view.Step == WrapUpStep.Ended) return;
        if (view.Dispute is null)
            view = await wrapUp.OpenDisputeAsync(buyer, dispute.Reason, [await EvidenceAsync(uploads, project, dispute.EvidenceCaption, "print-photo.png", cancellationToken)]);
        if (view.Dispute?.Stage == DisputeStage.AwaitingAnswer)
            await wrapUp.AnswerDisputeAsync(winner, dispute.Answer, [await EvidenceAsync(uploads, project, dispute.AnswerCaption, "proof.png", cancellationToken)]);
    }

    /// <summary>
    /// The buyer approves; the winner asks for help signing; staff claim the case, sign for them with their consent and
    /// step back, so the buyer's signature completes the handover the ordinary way (no ruling). Each step only if not
    /// yet taken, so a second start changes nothing.
    /// </summary>
    private async Task FinishWithStaffSigningAsync(IGrainFactory grains, DemoProject project, DemoStaffSignature signing, Actor buyer, Actor winner, Actor staff)
    {
        var wrapUp = grains.GetGrain<IWrapUpGrain>(WrapUpIds.For(project.Id, 1));
        var view = await wrapUp.GetAsync(staff);
        if (view.Step == WrapUpStep.Ended) return;
        if (view.Step == WrapUpStep.InReview) view = await wrapUp.ApproveAsync(buyer, "Exactly what we wanted, thank you.");
        if (!HasSigned(view, winner))
        {
            if (view.Mediation is null) view = await wrapUp.RequestHelpAsync(winner, signing.HelpRequest);
            if (view.Mediation!.ClaimedBy is null) view = await wrapUp.ClaimAsync(staff);
            view = await wrapUp.SignAgreementAsync(staff, view.AgreementVersion,
                new OnBehalf(winner.UserId, new Consent(signing.ConsentHow, time.GetUtcNow().AddMinutes(-20)), signing.Reason));
        }

        if (view.Mediation is not null) view = await wrapUp.CloseMediationAsync(staff, signing.StepBack);
        if (!HasSigned(view, buyer)) await wrapUp.SignAgreementAsync(buyer, view.AgreementVersion);
    }

    /// <summary>The buyer approves the delivery and both sign, so escrow pays the winner; each step only if not yet taken.</summary>
    private static async Task CompleteAsync(IGrainFactory grains, DemoProject project, Actor buyer, Actor winner)
    {
        var wrapUp = grains.GetGrain<IWrapUpGrain>(WrapUpIds.For(project.Id, 1));
        var view = await wrapUp.GetAsync(buyer);
        if (view.Step == WrapUpStep.Ended) return;
        if (view.Step == WrapUpStep.InReview) view = await wrapUp.ApproveAsync(buyer, "Approved: the bags are being printed.");
        if (!HasSigned(view, winner)) view = await wrapUp.SignAgreementAsync(winner, view.AgreementVersion);
        if (!HasSigned(view, buyer)) await wrapUp.SignAgreementAsync(buyer, view.AgreementVersion);
    }

    /// <summary>
    /// The buyer reviews the winner and the winner replies; then the buyer changes the review, or staff hide it and show
    /// it again. Each only if not done yet (the changed words, a moderation record), so a second start adds nothing.
    /// </summary>
    private static async Task ReviewAsync(IGrainFactory grains, DemoProject project, DemoReview review, Actor buyer, Actor winner, Actor? staff)
    {
        var grain = grains.GetGrain<IReviewGrain>(WrapUpIds.For(project.Id, 1));
        var panel = await grain.GetAsync(buyer);
        if (panel.Review is null && panel.MayWrite) await grain.WriteAsync(buyer, review.Stars, review.Text);
        if ((await grain.GetAsync(winner)).MayReply) await grain.ReplyAsync(winner, review.Reply);
        panel = await grain.GetAsync(buyer);
        if (review.ChangedTo is { } changed && panel.Review is { } written && written.Text != changed && panel.MayEdit)
            await grain.WriteAsync(buyer, review.Stars, changed);
        if (review.HiddenThenShown is { } moderation && staff is not null && (await grain.GetAsync(staff)).Review?.ReviewModeration is null)
        {
            await grain.HideAsync(staff, ReviewPart.Review, moderation.Reason);
            await grain.ShowAgainAsync(staff, ReviewPart.Review, moderation.Note);
        }
    }

    private static bool HasSigned(WrapUpView view, Actor party) => view.Signatures.Any(s => s.PartyId == party.UserId);

    /// <summary>Staff claim the answered dispute and propose the split; the buyer and the winner accept it, which settles it.</summary>
    private static async Task SettleBySplitAsync(IGrainFactory grains, DemoProject project, DemoSplit split, Actor buyer, Actor winner, Actor staff)
    {
        var wrapUp = grains.GetGrain<IWrapUpGrain>(WrapUpIds.For(project.Id, 1));
        var view = await wrapUp.GetAsync(staff);
        if (view.Step == WrapUpStep.Ended) return;
        if (view.Mediation?.ClaimedBy is null) view = await wrapUp.ClaimAsync(staff);
        if (view.Proposal is null)
            view = await wrapUp.ProposeOutcomeAsync(staff, new Resolution(WrapUpOutcome.Split, new Money(split.ToCreative, view.Prize.Currency)), split.Reason);
        if (!view.Proposal!.AcceptedBy.Contains(buyer.UserId))
            view = await wrapUp.RespondToProposalAsync(buyer, accept: true, "Fair: the small bag label is what we use most.");
        if (view.Step != WrapUpStep.Ended)
            await wrapUp.RespondToProposalAsync(winner, accept: true, "Agreed. Happy to make the 1 kg label later if you send the sizes.");
    }

    /// <summary>Staff claim the answered dispute and decide the split themselves; once decided, a second start leaves it.</summary>
    private static async Task DecideSplitAsync(IGrainFactory grains, DemoProject project, DemoSplit split, Actor staff)
    {
        var wrapUp = grains.GetGrain<IWrapUpGrain>(WrapUpIds.For(project.Id, 1));
        var view = await wrapUp.GetAsync(staff);
        if (view.Step == WrapUpStep.Ended || view.Timeline.Any(t => t.Kind == "SettlementDecided")) return;
        if (view.Mediation?.ClaimedBy is null) view = await wrapUp.ClaimAsync(staff);
        await wrapUp.DecideOutcomeAsync(staff, new Resolution(WrapUpOutcome.Split, new Money(split.ToCreative, view.Prize.Currency)), split.Reason);
    }

    private static async Task<FinalFile> EvidenceAsync(UploadService uploads, DemoProject project, string caption, string fileName, CancellationToken cancellationToken)
    {
        var stored = await uploads.StoreFinalFileAsync(DemoArt.Logo(project.Brand, caption, fileName.Length, 1200, 900), fileName, UploadLabels.Evidence, cancellationToken);
        return new FinalFile(stored.File!, stored.Previews);
    }

    private static bool IsRemoved(Person person) =>
        Projects.Any(p => (p.RemovedForReason is not null && p.Winner == person.Email) || (p.BuyerRemovedForReason is not null && p.Buyer == person.Email));

    /// <summary>
    /// Staff removed the winner (the wrap-up lands in the staff queue as a go-between case) or the buyer (their contests
    /// close with the prize refunded, their handover goes to staff in their place). Once: a second start changes nothing.
    /// </summary>
    private static async Task RemoveAccountAsync(IGrainFactory grains, Actor staff, Actor person, string reason)
    {
        var user = grains.GetGrain<IUserGrain>(person.UserId);
        if ((await user.GetProfileAsync(staff)).Status == UserStatus.Removed) return;
        await user.RemoveAsync(staff, reason);
    }

    private async Task<Actor> AccountAsync(IGrainFactory grains, Person person)
    {
        var account = grains.GetGrain<IAccountGrain>(person.Email);
        var info = await account.GetAsync() ?? await account.RegisterAsync(new NewAccount(person.Email, Password, person.Name, person.Role));
        var actor = new Actor(info.UserId, info.Roles);
        // As sign-up does: kept only while none is set, so a zone changed in the demo stays.
        await grains.GetGrain<INotificationInboxGrain>(info.UserId).DetectTimeZoneAsync(actor, person.TimeZone);
        return actor;
    }

    private ProjectDraft Draft(DemoProject project) => new(
        new ProjectBrief(project.Title, project.Brief, project.Category, ["PNG", "SVG", "PDF"]),
        new Money(project.Prize, "USD"),
        time.GetUtcNow().AddDays(project.Creatives.Length + 5),
        TimeSpan.FromDays(7),
        AllowEarlyAward: true);

    private static async Task<ProjectView?> ExistingAsync(IProjectGrain project, Actor buyer)
    {
        try
        {
            return await project.GetAsync(buyer);
        }
        catch (MarketplaceException e) when (e.Kind == ErrorKind.NotFound)
        {
            return null;
        }
    }

    /// <summary>Asked as the project's buyer, who sees every entry of it: a removed creative's entry is gone from the gallery but exists.</summary>
    private static async Task<bool> EntryExistsAsync(IGrainFactory grains, string entryId, Actor buyer)
    {
        try
        {
            await grains.GetGrain<IEntryGrain>(entryId).GetAsync(buyer);
            return true;
        }
        catch (MarketplaceException e) when (e.Kind == ErrorKind.NotFound)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo marketplace ready. Sign in as any of: {People} — password \"{Password}\". Staff: {Staff}.")]
    private partial void LogDemoReady(string people, string password, string staff);

    [LoggerMessage(Level = LogLevel.Error, Message = "Seeding staff or demo data failed; the site runs without it.")]
    private partial void LogSeedFailed(Exception exception);
}

using Marketplace.Contracts;
using Marketplace.Contracts.Escrow;
using Marketplace.Contracts.Mediation;
using Marketplace.Contracts.Users;
using Marketplace.Contracts.WrapUps;
using Marketplace.Web.Accounts;
using Marketplace.Web.Errors;
using Marketplace.Web.Extensions;
using Marketplace.Web.Presentation;
using Marketplace.Web.Uploads;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Marketplace.Web.Pages.Staff.Cases;

/// <summary>
/// One case for staff: who waits on whom, the whole journal, the finals, escrow, and a form for every action the
/// holder may take now. Each form posts to the wrap-up grain; a refusal re-renders the page with the grain's words.
/// </summary>
// The page takes file uploads (finals for the creative), so it shares the upload limit.
[EnableRateLimiting(WebExtensions.UploadLimit)]
public sealed class DetailsModel(IGrainFactory grains, UploadService uploads) : PageModel
{
    private readonly Dictionary<string, string> _names = [];

    public WrapUpView WrapUp { get; private set; } = null!;
    public MediationCaseView? Queue { get; private set; }
    public EscrowStatement? Escrow { get; private set; }
    public Actor Viewer { get; private set; } = null!;
    public string? Error { get; private set; }
    /// <summary>The link created by the post just before this page (its URL is shown this once), if any.</summary>
    public DeliveryLinkView? IssuedLink { get; private set; }
    public string? IssuedLinkUrl { get; private set; }

    private const string IssuedLinkKey = "DeliveryLinkId";
    private const string IssuedLinkUrlKey = "DeliveryLinkUrl";

    public string Path => $"/staff/cases/{WrapUp.WrapUpId}";
    public bool Ended => WrapUp.Step == WrapUpStep.Ended;
    /// <summary>A zip that keeps failing is the one case an ended handover can have: staff claim, retry and close it there too.</summary>
    public bool ZipCase => WrapUp.ZipFailure is not null;
    public bool Holds => (!Ended || ZipCase) && WrapUp.Mediation?.ClaimedBy == Viewer.UserId;
    public bool Delivered => WrapUp.LatestDelivery is not null;
    public bool NeedsOutcome => WrapUp.Dispute is not null || WrapUp.WinnerRemovedReason is not null || WrapUp.BuyerRemoved;

    /// <summary>Read for the holder of a case that needs an outcome: the propose and decide forms say what each outcome moves.</summary>
    public OutcomeTerms? Terms { get; private set; }

    /// <summary>The checks that failed in the latest quality check of the files now delivered: staff see them before approving or paying.</summary>
    public IReadOnlyList<string> FailedChecks =>
        WrapUp.LatestDelivery is { } delivery && WrapUp.QualityChecks.LastOrDefault(q => q.At >= delivery.At) is { } latest
            ? latest.Checklist.Where(c => !c.Passed).Select(c => c.Check).ToList()
            : [];

    public async Task<IActionResult> OnGetAsync(string projectId, int attempt)
    {
        await LoadAsync(projectId, attempt);
        if (TempData[IssuedLinkKey] is string linkId && TempData[IssuedLinkUrlKey] is string url
            && WrapUp.DeliveryLinks.FirstOrDefault(l => l.LinkId == linkId) is { } link)
        {
            IssuedLink = link;
            IssuedLinkUrl = url;
            // The one-time link is on this page only: no cache keeps it.
            Response.Headers.CacheControl = "no-store";
        }

        return Page();
    }

    public Task<IActionResult> OnPostClaimAsync(string projectId, int attempt) =>
        ActAsync(projectId, attempt, async (w, a) => { await w.ClaimAsync(a); return "You hold this case. Both parties see you in the timeline."; });

    public Task<IActionResult> OnPostReleaseAsync(string projectId, int attempt) =>
        ActAsync(projectId, attempt, async (w, a) => { await w.ReleaseClaimAsync(a); return "Case released back to the queue."; });

    public Task<IActionResult> OnPostMessageAsync(string projectId, int attempt, MessageAudience to, string? text) =>
        ActAsync(projectId, attempt, async (w, a) => { await w.PostMessageAsync(a, to, text ?? ""); return "Message sent."; });

    public Task<IActionResult> OnPostRelayAsync(string projectId, int attempt, Party from, string? text) =>
        ActAsync(projectId, attempt, async (w, a) =>
        {
            var view = await w.GetAsync(a);
            await w.RelayMessageAsync(a, StaffConsole.PartyId(view, from), text ?? "");
            return $"Relayed the {Lower(from)}'s message to the {Lower(Other(from))}.";
        });

    public Task<IActionResult> OnPostDeliverAsync(string projectId, int attempt, List<IFormFile> files, string? note, string? consentHow, DateTime? consentAt, string? reason, CancellationToken cancellationToken) =>
        ActAsync(projectId, attempt, async (w, a) =>
        {
            await StaffConsole.DeliverForCreativeAsync(w, a, files, note, Party.Creative, consentHow, StaffConsole.Utc(consentAt), reason, uploads, cancellationToken);
            return $"Delivered {files.Count} final {(files.Count == 1 ? "file" : "files")} for the creative. The buyer has been asked to review.";
        });

    public Task<IActionResult> OnPostQualityCheckAsync(string projectId, int attempt, List<QualityRow> checks, string? note) =>
        ActAsync(projectId, attempt, async (w, a) =>
        {
            var named = checks.Where(c => !string.IsNullOrWhiteSpace(c.Check)).ToList();
            if (named.FirstOrDefault(c => c.Passed is null) is { } unchosen)
            {
                throw MarketplaceException.Invalid($"Choose pass or fail for \u201c{unchosen.Check!.Trim()}\u201d: every check needs a result.");
            }

            var items = named.Select(c => new QualityCheckItem(c.Check!, c.Passed!.Value)).ToList();
            await w.RecordQualityCheckAsync(a, items, note);
            return $"Quality check recorded: {items.Count(i => i.Passed)} of {items.Count} passed.";
        });

    public Task<IActionResult> OnPostPreviewsAsync(string projectId, int attempt, string? note) =>
        ActAsync(projectId, attempt, async (w, a) => { await w.SendPreviewsToBuyerAsync(a, note); return "Low-resolution previews sent to the buyer."; });

    /// <summary>
    /// Post/Redirect/Get like every other action, so a reload cannot make a second link. The one-time URL rides along
    /// the redirect in TempData (the default cookie provider: encrypted with Data Protection, deleted once read) and is
    /// shown on that one page; the grain keeps only the token's hash.
    /// </summary>
    public Task<IActionResult> OnPostDeliveryLinkAsync(string projectId, int attempt, string? recipientName, string? recipientEmail, double? validDays,
        string? consentHow, DateTime? consentAt, string? reason) =>
        ActAsync(projectId, attempt, async (w, a) =>
        {
            var onBehalf = StaffConsole.OnBehalf(await w.GetAsync(a), Party.Buyer, consentHow, StaffConsole.Utc(consentAt), reason);
            if (validDays is not > 0) throw MarketplaceException.Invalid("Say for how many days the link works.");
            var email = string.IsNullOrWhiteSpace(recipientEmail) ? null : recipientEmail.Trim();
            var issued = await w.CreateDeliveryLinkAsync(a, new ThirdPartyRecipient(recipientName ?? "", email), TimeSpan.FromDays(validDays.Value), onBehalf);
            TempData[IssuedLinkKey] = issued.LinkId;
            TempData[IssuedLinkUrlKey] = StaffConsole.DeliveryUrl(Request, issued.Token);
            return null;
        });

    public Task<IActionResult> OnPostApproveAsync(string projectId, int attempt, string? note, string? consentHow, DateTime? consentAt, string? reason) =>
        OnBehalfAsync(projectId, attempt, Party.Buyer, consentHow, consentAt, reason, (w, a, b) => w.ApproveAsync(a, note, b), "Recorded the buyer's approval.");

    public Task<IActionResult> OnPostChangesAsync(string projectId, int attempt, string? message, string? consentHow, DateTime? consentAt, string? reason) =>
        OnBehalfAsync(projectId, attempt, Party.Buyer, consentHow, consentAt, reason, (w, a, b) => w.RequestChangesAsync(a, message ?? "", b), "Asked the creative for changes for the buyer.");

    public Task<IActionResult> OnPostSignAsync(string projectId, int attempt, Party party, string? consentHow, DateTime? consentAt, string? reason) =>
        OnBehalfAsync(projectId, attempt, party, consentHow, consentAt, reason, async (w, a, b) => await w.SignAgreementAsync(a, (await w.GetAsync(a)).AgreementVersion, b),
            $"Signed the transfer agreement for the {Lower(party)}.");

    public Task<IActionResult> OnPostRespondAsync(string projectId, int attempt, Party party, bool accept, string? note, string? consentHow, DateTime? consentAt, string? reason) =>
        OnBehalfAsync(projectId, attempt, party, consentHow, consentAt, reason, (w, a, b) => w.RespondToProposalAsync(a, accept, note, b),
            $"Recorded that the {Lower(party)} {(accept ? "accepts" : "declines")} the proposal.");

    public Task<IActionResult> OnPostExtendAsync(string projectId, int attempt, WrapUpDeadlineKind deadline, double? byHours, string? reason) =>
        ActAsync(projectId, attempt, async (w, a) =>
        {
            if (byHours is not > 0) throw MarketplaceException.Invalid("Say by how many hours to extend the deadline.");
            await w.ExtendDeadlineAsync(a, deadline, TimeSpan.FromHours(byHours.Value), reason ?? "");
            return "Deadline extended.";
        });

    public Task<IActionResult> OnPostReleasePaymentAsync(string projectId, int attempt, string? reason, bool confirm) =>
        ActAsync(projectId, attempt, async (w, a) =>
        {
            if (!confirm) throw MarketplaceException.Invalid("Tick the confirmation: releasing pays the creative and cannot be undone.");
            await w.ReleasePaymentAsync(a, reason ?? "");
            return "Payment released to the creative. The handover is complete.";
        });

    public Task<IActionResult> OnPostCloseAsync(string projectId, int attempt, string? note) =>
        ActAsync(projectId, attempt, async (w, a) =>
            (await w.CloseMediationAsync(a, note ?? "")).Step == WrapUpStep.Ended
                ? "Case closed with your note; it left the queue."
                : "Mediation closed: the handover continues on the ordinary path.");

    public Task<IActionResult> OnPostRetryZipAsync(string projectId, int attempt) =>
        ActAsync(projectId, attempt, async (w, a) =>
            (await w.RetryZipAsync(a)).ZipFailure is null
                ? "The zip is stored now, so the case is closed: downloads serve it at once."
                : "Building the zip again now. If it succeeds the case leaves the queue by itself; reload this page in a minute to see.");

    public Task<IActionResult> OnPostProposeAsync(string projectId, int attempt, WrapUpOutcome outcome, decimal? toCreative, string? reason) =>
        ActAsync(projectId, attempt, async (w, a) =>
        {
            var view = await w.GetAsync(a);
            await w.ProposeOutcomeAsync(a, StaffConsole.Resolution(view, outcome, toCreative), reason ?? "");
            return "Outcome proposed. Both parties can accept or decline it before its deadline.";
        });

    public Task<IActionResult> OnPostDecideAsync(string projectId, int attempt, WrapUpOutcome outcome, decimal? toCreative, string? reason, bool confirm) =>
        ActAsync(projectId, attempt, async (w, a) =>
        {
            if (!confirm) throw MarketplaceException.Invalid("Tick the confirmation: a decision is final and moves the escrow.");
            var view = await w.GetAsync(a);
            var decided = await w.DecideOutcomeAsync(a, StaffConsole.Resolution(view, outcome, toCreative), reason ?? "");
            return $"Decided: {Outcome(decided.Outcome ?? outcome)}. The case is closed.";
        });

    public string NameOf(string? userId) => userId switch
    {
        null => "",
        "system" => "Marketplace",
        _ when userId.StartsWith("link:", StringComparison.Ordinal) => "Delivery link",
        _ when userId == WrapUp.BuyerId => $"{_names.GetValueOrDefault(userId, "Buyer")} (buyer)",
        _ when userId == WrapUp.CreativeId => $"{_names.GetValueOrDefault(userId, "Creative")} (creative)",
        _ when Viewer.Is(userId) => $"You ({_names.GetValueOrDefault(userId, "staff")})",
        _ => _names.GetValueOrDefault(userId, "Staff member"),
    };

    /// <summary>A person's name alone ("Bea Baker"), for sentences that say their role themselves.</summary>
    public string PersonName(string userId) => _names.GetValueOrDefault(userId, userId == WrapUp.BuyerId ? "the buyer" : userId == WrapUp.CreativeId ? "the creative" : "Marketplace");

    public static string Outcome(WrapUpOutcome outcome) => outcome switch
    {
        WrapUpOutcome.Completed => "complete the handover (pay the creative)",
        WrapUpOutcome.Split => "split the prize",
        WrapUpOutcome.Refunded => "refund the buyer",
        WrapUpOutcome.AwardAnother => "let the buyer award another entry",
        WrapUpOutcome.Reopened => "reopen the project",
        _ => outcome.ToString(),
    };

    private Task<IActionResult> OnBehalfAsync(string projectId, int attempt, Party party, string? consentHow, DateTime? consentAt, string? reason,
        Func<IWrapUpGrain, Actor, OnBehalf, Task<WrapUpView>> act, string done) =>
        ActAsync(projectId, attempt, async (w, a) =>
        {
            var view = await w.GetAsync(a);
            await act(w, a, StaffConsole.OnBehalf(view, party, consentHow, StaffConsole.Utc(consentAt), reason));
            return done;
        });

    /// <summary>Runs one action and redirects to the case with its message (none when the page itself shows the result).</summary>
    private async Task<IActionResult> ActAsync(string projectId, int attempt, Func<IWrapUpGrain, Actor, Task<string?>> act)
    {
        var wrapUp = StaffConsole.Case(grains, projectId, attempt);
        try
        {
            if (await act(wrapUp, User.RequireActor()) is { } done)
            {
                TempData["Flash"] = done;
            }

            return Redirect($"/staff/cases/{projectId}/{attempt}");
        }
        catch (Exception refused) when (refused is MarketplaceException or UploadRefusedException)
        {
            Error = this.InViewerZone(refused);
            Response.StatusCode = ErrorStatus.For(refused);
            await LoadAsync(projectId, attempt);
            return Page();
        }
    }

    private async Task LoadAsync(string projectId, int attempt)
    {
        Viewer = User.RequireActor();
        WrapUp = await StaffConsole.Case(grains, projectId, attempt).GetAsync(Viewer);
        Queue = await QueuedCaseAsync();
        Escrow = await StaffConsole.Case(grains, projectId, attempt).GetEscrowStatementAsync(Viewer);
        var people = new[] { WrapUp.BuyerId, WrapUp.CreativeId, WrapUp.Mediation?.ClaimedBy, Viewer.UserId }
            .Concat(WrapUp.Timeline.Select(t => t.ActorId))
            .Concat(WrapUp.Messages.Select(m => m.SenderId))
            .OfType<string>()
            .Where(id => id != "system" && !id.StartsWith("link:", StringComparison.Ordinal))
            .Distinct();
        foreach (var id in people)
        {
            if (await NameAsync(id) is { } name) _names[id] = name;
        }

        if (Holds && NeedsOutcome && !Ended)
        {
            var fees = grains.GetGrain<IFeeScheduleGrain>(IFeeScheduleGrain.Key);
            Terms = new OutcomeTerms(PersonName(WrapUp.BuyerId), PersonName(WrapUp.CreativeId), await fees.WinnerReceivesAsync(WrapUp.Prize), (await fees.GetAsync()).PlatformFeePercent);
        }
    }

    /// <summary>The queue's view of this case, or null once it left the queue (closed or decided).</summary>
    private async Task<MediationCaseView?> QueuedCaseAsync()
    {
        try
        {
            return await grains.GetGrain<IMediationQueueGrain>(IMediationQueueGrain.Key).GetCaseAsync(Viewer, WrapUp.WrapUpId);
        }
        catch (MarketplaceException missing) when (missing.Kind == ErrorKind.NotFound)
        {
            return null;
        }
    }

    private async Task<string?> NameAsync(string userId)
    {
        try
        {
            return (await grains.GetGrain<IUserGrain>(userId).GetCardAsync()).DisplayName;
        }
        catch (MarketplaceException)
        {
            return null;
        }
    }

    private static string Lower(Party party) => party.ToString().ToLowerInvariant();

    private static Party Other(Party party) => party == Party.Buyer ? Party.Creative : Party.Buyer;

    /// <summary>One line of the quality checklist form.</summary>
    public sealed class QualityRow
    {
        public string? Check { get; set; }
        /// <summary>No default: null until staff chose pass or fail.</summary>
        public bool? Passed { get; set; }
    }
}

/// <summary>The consent fields of one on-behalf form: <paramref name="Parties"/> lists who staff may pick (one = fixed).</summary>
/// <param name="BuyerRemoved">The buyer's account was closed: staff act in their place and no consent is asked for them.</param>
public sealed record ConsentFields(string Id, IReadOnlyList<Party> Parties, string Now, bool BuyerRemoved = false)
{
    public bool OnlyForRemovedBuyer => BuyerRemoved && Parties is [Party.Buyer];
}

/// <summary>The outcome fields of the propose and decide forms.</summary>
/// <param name="BuyerRemoved">Awarding another entry and reopening need the buyer, so they are not offered once the buyer's account was closed.</param>
/// <param name="Terms">What each outcome would move, named, so staff read it before they propose or decide.</param>
public sealed record OutcomeFields(string Id, Money Prize, bool BuyerRemoved = false, OutcomeTerms? Terms = null);

/// <summary>
/// The money behind each outcome, from the grains' own calculation (<see cref="IFeeScheduleGrain"/>): what the winner
/// receives if the handover completes and the fee a split takes from the creative's part, with both parties' names.
/// </summary>
public sealed record OutcomeTerms(string Buyer, string Creative, Money WinnerReceives, decimal FeePercent);

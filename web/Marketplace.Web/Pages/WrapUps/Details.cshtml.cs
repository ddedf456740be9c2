using Marketplace.Contracts;
using Marketplace.Contracts.Escrow;
using Marketplace.Contracts.Files;
using Marketplace.Contracts.Reviews;
using Marketplace.Contracts.Users;
using Marketplace.Contracts.WrapUps;
using Marketplace.Web.Accounts;
using Marketplace.Web.Errors;
using Marketplace.Web.Extensions;
using Marketplace.Web.Files;
using Marketplace.Web.Presentation;
using Marketplace.Web.Uploads;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Marketplace.Web.Pages.WrapUps;

/// <summary>The handover page both parties (and staff) share: what happens next, the files, messages and the timeline.</summary>
// Disputes and answers may carry files, so posts here share the upload limit (reading the page is never limited).
[EnableRateLimiting(WebExtensions.UploadLimit)]
public sealed class DetailsModel(IGrainFactory grains, IConfiguration configuration, UploadService uploads, BuiltZips zips, TimeProvider time, ViewerTime local) : PageModel
{
    private readonly Dictionary<string, string> staffNames = [];

    public WrapUpView WrapUp { get; private set; } = null!;
    public EscrowStatement? Escrow { get; private set; }

    /// <summary>Where "Download all files" stands once the handover completed (null before: the plain link); reading it starts the build if none runs.</summary>
    public ZipStatusAnswer? FinalsZip { get; private set; }

    /// <summary>
    /// For the winner while the prize is held: what escrow will pay them at release, in the same words as the brief's
    /// promise ("$255 after the 15% marketplace fee"), so the payout card never shows only the gross prize.
    /// </summary>
    public string? WinnerWillReceive { get; private set; }
    public string BuyerName { get; private set; } = "The buyer";
    public string CreativeName { get; private set; } = "The creative";
    public Actor Viewer { get; private set; } = null!;

    /// <summary>The grain's refusal of the action just tried, shown at the top of the page with its status code.</summary>
    public string? Refusal { get; private set; }

    /// <summary>The buyer's review of the creative once the handover completed (null before, or for other outcomes).</summary>
    public ReviewPanel? Review { get; private set; }

    /// <summary>A refused review or reply: the grain's words beside its form, with what was typed kept.</summary>
    public string? ReviewRefusal { get; private set; }
    public int? ReviewStars { get; private set; }
    public string? ReviewText { get; private set; }
    public string? ReplyRefusal { get; private set; }
    public string? ReplyText { get; private set; }

    /// <summary>How soon staff aim to answer a case (the wrap-up grain's <c>StaffResponseTarget</c>, same setting).</summary>
    public TimeSpan StaffResponseTarget => configuration.GetValue("Marketplace:WrapUps:StaffResponseTarget", TimeSpan.FromHours(24));

    public bool IsBuyer => Viewer.Is(WrapUp.BuyerId);
    public bool IsCreative => Viewer.Is(WrapUp.CreativeId);
    public bool HasSigned => WrapUp.Signatures.Any(s => Viewer.Is(s.PartyId));
    public bool IsParty => IsBuyer || IsCreative;

    /// <summary>What the reader can do about a print file with no preview: download it where they may, else a buyer asks the creative.</summary>
    public string? NoPreviewNextStep => WrapUp.CanDownloadFinals ? PrintPreviewWords.DownloadToCheck : IsBuyer ? PrintPreviewWords.AskTheCreative : null;
    public ProposalView? Proposal => WrapUp.Proposal ?? WrapUp.Dispute?.Proposal;
    public string Path => $"/wrapups/{WrapUp.WrapUpId}";

    /// <summary>Whose move it is in an open dispute, for the headline at the top of the page; null without one.</summary>
    public DisputeTurn? DisputeTurn => WrapUp.Step == WrapUpStep.Ended || WrapUp.Dispute is not { } dispute ? null
        : dispute.Stage switch
        {
            DisputeStage.AwaitingAnswer when dispute.AnswerDueAt is { } due => AnswerTurn(dispute, due),
            DisputeStage.ProposalPending or DisputeStage.AwaitingStaff when Proposal is { } proposal => ProposalTurn(proposal),
            DisputeStage.AwaitingStaff => new(false, "Waiting for Marketplace support",
                $"Both sides have had their say. Staff now propose an outcome or decide{QueueTime()}; you'll read it here and by email.", null),
            _ => null,
        };

    /// <summary>
    /// A dispute waiting in the queue for staff to take it: its turn notice says when staff aim to answer, so the page does
    /// not say "waiting for staff" a second time in the staff card.
    /// </summary>
    public bool DisputeTurnTellsTheQueue => DisputeTurn is { Mine: false } && WrapUp.Dispute?.Stage == DisputeStage.AwaitingStaff
        && Proposal is null && WrapUp.Mediation is { ClaimedBy: null };

    private string QueueTime()
    {
        if (WrapUp.Mediation is not { ClaimedBy: null } queued) return "";
        var due = queued.OpenedAt + StaffResponseTarget;
        return due < time.GetUtcNow()
            ? $" (we aimed to answer by {local.Text(due)}: we're running late, sorry; you're first in line)"
            : $" (we aim to answer by {local.Text(due)})";
    }

    private DisputeTurn AnswerTurn(DisputeView dispute, DateTimeOffset due)
    {
        var filer = NameOf(dispute.FiledBy);
        var answering = dispute.FiledBy == WrapUp.BuyerId ? WrapUp.CreativeId : WrapUp.BuyerId;
        var by = local.Text(due);
        if (Viewer.Is(answering))
        {
            return new(true, $"Your turn: answer the dispute by {by}",
                $"{filer} opened a dispute: “{dispute.Reason}” Give your side of it, with files that show it if you have them. If you don't answer by then, {IfUnanswered(dispute)}.",
                new("#answer-form", "Write your answer"));
        }

        return Viewer.Is(dispute.FiledBy)
            ? new(false, $"Waiting for {NameOf(answering)} to answer your dispute",
                $"{NameOf(answering)} has until {by} to give their side. If they don't answer in time, {IfUnanswered(dispute)}.", null)
            : new(false, $"Waiting for {NameOf(answering)} to answer {filer}'s dispute",
                $"{NameOf(answering)} has until {by} to answer; if they don't, {IfUnanswered(dispute)}.", null);
    }

    private DisputeTurn ProposalTurn(ProposalView proposal)
    {
        var by = local.Text(proposal.DueAt);
        var waitingFor = new[] { WrapUp.BuyerId, WrapUp.CreativeId }.Where(p => !proposal.AcceptedBy.Contains(p)).ToList();
        if (IsParty && waitingFor.Any(Viewer.Is))
        {
            return new(true, $"Your turn: accept or decline staff's proposal by {by}",
                $"Staff propose to {char.ToLowerInvariant(OutcomeText(proposal.Resolution)[0])}{OutcomeText(proposal.Resolution)[1..]}. If not both of you accept by then, staff decide.",
                new("#proposal-form", "Answer the proposal"));
        }

        var others = string.Join(" and ", waitingFor.Select(NameOf));
        return new(false, $"Waiting for {others} to answer staff's proposal",
            $"{others} {(waitingFor.Count == 1 ? "has" : "have")} until {by} to accept or decline; if not both accept, staff decide.", null);
    }

    public async Task<IActionResult> OnGetAsync(string projectId, int attempt)
    {
        await LoadAsync(projectId, attempt);
        return Page();
    }

    public Task<IActionResult> OnPostApproveAsync(string projectId, int attempt, string? note) =>
        ActAsync(projectId, attempt, (w, a) => w.ApproveAsync(a, note), "You approved the files. Next: both of you sign the transfer agreement.");

    public Task<IActionResult> OnPostRequestChangesAsync(string projectId, int attempt, string? message) =>
        ActAsync(projectId, attempt, (w, a) => w.RequestChangesAsync(a, message ?? ""), "Your change request was sent to the creative.");

    public Task<IActionResult> OnPostSignAsync(string projectId, int attempt, string? agreementVersion) =>
        ActAsync(projectId, attempt, (w, a) => w.SignAgreementAsync(a, agreementVersion ?? ""), "You signed the design transfer agreement.");

    public Task<IActionResult> OnPostPauseAsync(string projectId, int attempt, string? reason) =>
        ActAsync(projectId, attempt, (w, a) => w.PauseAutoReleaseAsync(a, reason ?? ""), "Automatic release paused.");

    public Task<IActionResult> OnPostResumeAsync(string projectId, int attempt) =>
        ActAsync(projectId, attempt, (w, a) => w.ResumeAutoReleaseAsync(a), "Automatic release resumed.");

    public Task<IActionResult> OnPostMessageAsync(string projectId, int attempt, string? text, MessageAudience to) =>
        ActAsync(projectId, attempt, (w, a) => w.PostMessageAsync(a, to, text ?? ""), "Message sent.");

    public Task<IActionResult> OnPostHelpAsync(string projectId, int attempt, string? message) =>
        ActAsync(projectId, attempt, (w, a) => w.RequestHelpAsync(a, message ?? ""), "Our staff have your request and will step in. We answer within 24 hours.");

    public Task<IActionResult> OnPostDisputeAsync(string projectId, int attempt, string? reason, List<IFormFile>? evidence, CancellationToken cancellationToken) =>
        ActWithEvidenceAsync(projectId, attempt, evidence, DisputeEvidence.MayOpen, (w, a, files) => w.OpenDisputeAsync(a, reason ?? "", files),
            "Dispute opened. The other side has a deadline to answer; staff can step in.", cancellationToken);

    public Task<IActionResult> OnPostAnswerDisputeAsync(string projectId, int attempt, string? answer, List<IFormFile>? evidence, CancellationToken cancellationToken) =>
        ActWithEvidenceAsync(projectId, attempt, evidence, DisputeEvidence.MayAnswer, (w, a, files) => w.AnswerDisputeAsync(a, answer ?? "", files),
            "Your answer was recorded. Staff will help settle the dispute.", cancellationToken);

    public Task<IActionResult> OnPostRespondToProposalAsync(string projectId, int attempt, bool accept, string? note) =>
        ActAsync(projectId, attempt, (w, a) => w.RespondToProposalAsync(a, accept, string.IsNullOrWhiteSpace(note) ? null : note.Trim()),
            accept ? "You accepted the proposal." : "You declined the proposal. Staff will decide.");

    /// <summary>A dispute step with optional files; without files, or when the step is not theirs, the grain gives its own answer.</summary>
    private async Task<IActionResult> ActWithEvidenceAsync(string projectId, int attempt, List<IFormFile>? evidence, Func<WrapUpView, Actor, bool> mayAct,
        Func<IWrapUpGrain, Actor, IReadOnlyList<FinalFile>, Task<WrapUpView>> act, string done, CancellationToken cancellationToken)
    {
        var chosen = DisputeEvidence.Chosen(evidence);
        var actor = User.RequireActor();
        if (chosen.Count == 0 || !mayAct(await Grain(projectId, attempt).GetAsync(actor), actor))
        {
            return await ActAsync(projectId, attempt, (w, a) => act(w, a, []), done);
        }

        try
        {
            var files = await DisputeEvidence.StoreAsync(uploads, chosen, cancellationToken);
            return await ActAsync(projectId, attempt, (w, a) => act(w, a, files), done);
        }
        catch (Exception refused) when (refused is UploadRefusedException or MarketplaceException { Kind: ErrorKind.Invalid or ErrorKind.Conflict })
        {
            return await ShowRefusalAsync(projectId, attempt, refused);
        }
    }

    /// <summary>Runs a party's action; a refusal is shown on this page with the grain's words and the matching status code.</summary>
    private async Task<IActionResult> ActAsync(string projectId, int attempt, Func<IWrapUpGrain, Actor, Task<WrapUpView>> act, string done)
    {
        var wrapUp = Grain(projectId, attempt);
        WrapUpView view;
        try
        {
            view = await act(wrapUp, User.RequireActor());
        }
        catch (MarketplaceException refused) when (refused.Kind is ErrorKind.Invalid or ErrorKind.Conflict)
        {
            return await ShowRefusalAsync(projectId, attempt, refused);
        }

        TempData["Flash"] = view.Step == WrapUpStep.Ended && view.Outcome == WrapUpOutcome.Completed
            ? (view.BuyerId == User.ToActor()?.UserId ? "The handover is complete. The files are yours to download." : "The handover is complete. The prize has been released to you.")
            : done;
        return Redirect($"/wrapups/{view.WrapUpId}");
    }

    public async Task<IActionResult> OnPostReviewAsync(string projectId, int attempt, int? stars, string? text)
    {
        var review = Api.ReviewsApi.Review(grains, projectId, attempt);
        try
        {
            var written = await review.WriteAsync(User.RequireActor(), stars ?? 0, text);
            TempData["Flash"] = written.EditedAt is null ? "Thank you: your review is on the creative's profile." : "Your review is updated.";
            return Redirect($"/wrapups/{projectId}/{attempt}#review-heading");
        }
        catch (MarketplaceException refused) when (refused.Kind is ErrorKind.Invalid or ErrorKind.Conflict)
        {
            await LoadAsync(projectId, attempt);
            (ReviewRefusal, ReviewStars, ReviewText) = (this.InViewerZone(refused), stars, text);
            Response.StatusCode = ErrorStatus.For(refused);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostReplyAsync(string projectId, int attempt, string? reply)
    {
        try
        {
            await Api.ReviewsApi.Review(grains, projectId, attempt).ReplyAsync(User.RequireActor(), reply);
            TempData["Flash"] = "Your reply is posted under the review on your profile.";
            return Redirect($"/wrapups/{projectId}/{attempt}#review-heading");
        }
        catch (MarketplaceException refused) when (refused.Kind is ErrorKind.Invalid or ErrorKind.Conflict)
        {
            await LoadAsync(projectId, attempt);
            (ReplyRefusal, ReplyText) = (this.InViewerZone(refused), reply);
            Response.StatusCode = ErrorStatus.For(refused);
            return Page();
        }
    }

    private async Task<IActionResult> ShowRefusalAsync(string projectId, int attempt, Exception refused)
    {
        await LoadAsync(projectId, attempt);
        Refusal = this.InViewerZone(refused);
        Response.StatusCode = ErrorStatus.For(refused);
        return Page();
    }

    private async Task LoadAsync(string projectId, int attempt)
    {
        Viewer = User.RequireActor();
        WrapUp = await Grain(projectId, attempt).GetAsync(Viewer);
        var names = await Task.WhenAll(NameAsync(WrapUp.BuyerId), NameAsync(WrapUp.CreativeId));
        (BuyerName, CreativeName) = (names[0] ?? BuyerName, names[1] ?? CreativeName);
        await LoadStaffNamesAsync();
        Escrow = await Grain(projectId, attempt).GetEscrowStatementAsync(Viewer);
        if (WrapUp is { Outcome: WrapUpOutcome.Completed, CanDownloadFinals: true, LatestDelivery.Files.Count: > 0 })
        {
            FinalsZip = await AllFinalsDownload.StatusOfAsync(zips, await Grain(projectId, attempt).GetFinalsZipAsync(Viewer), AllFinalsDownload.PathFor(WrapUp.WrapUpId));
        }
        WinnerWillReceive = await WinnerWillReceiveAsync();
        if (WrapUp.Outcome == WrapUpOutcome.Completed)
        {
            Review = await Api.ReviewsApi.Review(grains, projectId, attempt).GetAsync(Viewer);
        }
    }

    private async Task<string?> WinnerWillReceiveAsync()
    {
        if (!IsCreative || WrapUp.Step == WrapUpStep.Ended || Escrow is not { Held.Minor: > 0, ReleasedToCreative.Minor: 0 })
        {
            return null;
        }

        var fees = grains.GetGrain<IFeeScheduleGrain>(IFeeScheduleGrain.Key);
        var (schedule, receives) = (await fees.GetAsync(), await fees.WinnerReceivesAsync(WrapUp.Prize));
        return $"You receive {Display.Money(receives)} (the prize less the {FeeSchedule.PercentText(schedule.PlatformFeePercent)} marketplace fee) when the handover completes.";
    }

    /// <summary>Staff appear by name ("Staff (Sam)"), so a party knows who stepped in.</summary>
    private async Task LoadStaffNamesAsync()
    {
        var ids = WrapUp.Timeline.Select(t => t.ActorId).Concat(WrapUp.Messages.Select(m => m.SenderId))
            .Append(WrapUp.Mediation?.ClaimedBy).Append(Proposal?.ProposedBy)
            .OfType<string>().Where(IsStaffId).Distinct().ToList();
        foreach (var id in ids)
        {
            staffNames[id] = await NameAsync(id) ?? "";
        }
    }

    private bool IsStaffId(string id) =>
        id != WrapUp.BuyerId && id != WrapUp.CreativeId && id != "system" && !id.StartsWith("link:", StringComparison.Ordinal);

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

    private IWrapUpGrain Grain(string projectId, int attempt) =>
        Presentation.Ids.IsWellFormed(projectId) && attempt > 0
            ? grains.GetGrain<IWrapUpGrain>(Contracts.Projects.WrapUpIds.For(projectId, attempt))
            : throw MarketplaceException.NotFound("There is no handover at this address.");

    public string NameOf(string? userId) =>
        userId is null ? "" : userId == WrapUp.BuyerId ? (IsBuyer ? "You" : BuyerName)
        : userId == WrapUp.CreativeId ? (IsCreative ? "You" : CreativeName)
        : userId == "system" ? "Marketplace" : userId.StartsWith("link:", StringComparison.Ordinal) ? "The recipient of the link"
        : Viewer.Is(userId) ? "You" : StaffName(userId);

    /// <summary>"Staff (Sam from Support)", or "Marketplace staff" when the name is unknown.</summary>
    public string StaffName(string userId) =>
        staffNames.TryGetValue(userId, out var name) && name.Length > 0 ? $"Staff ({name})" : "Marketplace staff";

    /// <summary>Whom an on-behalf action was for, from the viewer's side: "you", or the party's name.</summary>
    public string ForWhom(string partyId) => Viewer.Is(partyId) ? "you" : NameOf(partyId);

    /// <summary>
    /// What an unanswered dispute comes to: decided for whoever filed it, except once the buyer's account is closed,
    /// when staff decide (the grain never settles a closed buyer's case by default).
    /// </summary>
    public string IfUnanswered(DisputeView dispute) =>
        WrapUp.BuyerRemoved ? "Marketplace support decides it" : $"it is decided for {ForWhom(dispute.FiledBy)}";

    /// <summary>Whom a message went to, from the viewer's side.</summary>
    public string AudienceOf(MessageAudience to) => to switch
    {
        MessageAudience.BothParties => "both of you",
        MessageAudience.Buyer => IsBuyer ? "you" : NameOf(WrapUp.BuyerId),
        MessageAudience.Creative => IsCreative ? "you" : NameOf(WrapUp.CreativeId),
        _ => "staff",
    };

    /// <summary>A proposed outcome in words; a split states what each side is paid, as escrow pays it.</summary>
    public string OutcomeText(Resolution r) => r.Outcome switch
    {
        WrapUpOutcome.Completed => "Complete the handover: the creative is paid and the buyer gets the files",
        WrapUpOutcome.Split when WrapUp.ProposedSplit is { } split => $"Split the prize: {Presentation.FeeWords.Split(split)}",
        WrapUpOutcome.Split => "Split the prize between the creative and the buyer",
        WrapUpOutcome.Refunded => "Refund the buyer",
        WrapUpOutcome.AwardAnother => "Let the buyer award another entry",
        _ => "Reopen the project for new entries",
    };
}

/// <summary>Whose move it is: <paramref name="Mine"/> when the reader must act, what is asked and a link to where they act.</summary>
public sealed record DisputeTurn(bool Mine, string Headline, string Detail, TurnAction? Action);

public sealed record TurnAction(string Href, string Text);

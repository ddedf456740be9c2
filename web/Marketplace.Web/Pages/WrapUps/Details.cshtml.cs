using Marketplace.Contracts;
using Marketplace.Contracts.Escrow;
using Marketplace.Contracts.Users;
using Marketplace.Contracts.WrapUps;
using Marketplace.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.WrapUps;

/// <summary>The handover page both parties (and staff) share: what happens next, the files, messages and the timeline.</summary>
public sealed class DetailsModel(IGrainFactory grains) : PageModel
{
    public WrapUpView WrapUp { get; private set; } = null!;
    public EscrowStatement? Escrow { get; private set; }
    public string BuyerName { get; private set; } = "The buyer";
    public string CreativeName { get; private set; } = "The creative";
    public Actor Viewer { get; private set; } = null!;

    public bool IsBuyer => Viewer.Is(WrapUp.BuyerId);
    public bool IsCreative => Viewer.Is(WrapUp.CreativeId);
    public bool HasSigned => WrapUp.Signatures.Any(s => Viewer.Is(s.PartyId));
    public string Path => $"/wrapups/{WrapUp.WrapUpId}";

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

    public Task<IActionResult> OnPostDisputeAsync(string projectId, int attempt, string? reason) =>
        ActAsync(projectId, attempt, (w, a) => w.OpenDisputeAsync(a, reason ?? "", []), "Dispute opened. The other side has a deadline to answer; staff can step in.");

    private async Task<IActionResult> ActAsync(string projectId, int attempt, Func<IWrapUpGrain, Actor, Task<WrapUpView>> act, string done)
    {
        var wrapUp = Grain(projectId, attempt);
        var view = await act(wrapUp, User.RequireActor());
        TempData["Flash"] = view.Step == WrapUpStep.Ended && view.Outcome == WrapUpOutcome.Completed
            ? (view.BuyerId == User.ToActor()?.UserId ? "The handover is complete. The files are yours to download." : "The handover is complete. The prize has been released to you.")
            : done;
        return Redirect($"/wrapups/{view.WrapUpId}");
    }

    private async Task LoadAsync(string projectId, int attempt)
    {
        Viewer = User.RequireActor();
        WrapUp = await Grain(projectId, attempt).GetAsync(Viewer);
        var names = await Task.WhenAll(NameAsync(WrapUp.BuyerId), NameAsync(WrapUp.CreativeId));
        (BuyerName, CreativeName) = (names[0] ?? BuyerName, names[1] ?? CreativeName);
        Escrow = await grains.GetGrain<IEscrowGrain>(WrapUp.ProjectId).GetStatementAsync();
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

    private IWrapUpGrain Grain(string projectId, int attempt) =>
        Presentation.Ids.IsWellFormed(projectId) && attempt > 0
            ? grains.GetGrain<IWrapUpGrain>(Contracts.Projects.WrapUpIds.For(projectId, attempt))
            : throw MarketplaceException.NotFound("There is no handover at this address.");

    public string NameOf(string? userId) =>
        userId is null ? "" : userId == WrapUp.BuyerId ? (IsBuyer ? "You" : BuyerName)
        : userId == WrapUp.CreativeId ? (IsCreative ? "You" : CreativeName)
        : userId == "system" ? "Marketplace" : Viewer.Is(userId) ? "You" : "Marketplace staff";
}

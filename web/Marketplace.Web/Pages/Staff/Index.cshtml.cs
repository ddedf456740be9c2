using Marketplace.Contracts.Mediation;
using Marketplace.Contracts.WrapUps;
using Marketplace.Web.Accounts;
using Marketplace.Web.Presentation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Staff;

/// <summary>The staff queue: overdue first, then oldest; claim a case to step in as the go-between.</summary>
public sealed class IndexModel(IGrainFactory grains) : PageModel
{
    /// <summary>Every open case; <see cref="Shown"/> is the part the filter keeps.</summary>
    public IReadOnlyList<MediationCaseView> Cases { get; private set; } = [];
    public IReadOnlyList<MediationCaseView> Shown { get; private set; } = [];
    /// <summary>"all" (the default), "unclaimed" (nobody holds it) or "mine" (held by the viewer).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Show { get; set; }
    public string StaffId { get; private set; } = "";
    public string? Error { get; private set; }
    public Dictionary<string, string> Holders { get; } = [];

    public async Task OnGetAsync()
    {
        var actor = User.RequireActor();
        StaffId = actor.UserId;
        Cases = await grains.GetGrain<IMediationQueueGrain>(IMediationQueueGrain.Key).ListAsync(actor);
        Show = Show is "unclaimed" or "mine" ? Show : "all";
        Shown = Cases.Where(Keeps(Show)).ToList();
        await NameHoldersAsync();
    }

    /// <summary>The filter's test: the order (overdue first, then oldest) stays the queue's.</summary>
    public Func<MediationCaseView, bool> Keeps(string show) => show switch
    {
        "unclaimed" => c => c.Case.ClaimedBy is null,
        "mine" => c => c.Case.ClaimedBy == StaffId,
        _ => _ => true,
    };

    /// <summary>Staff see who holds a case, so they know whom to ask instead of claiming it.</summary>
    private async Task NameHoldersAsync()
    {
        foreach (var holder in Cases.Select(c => c.Case.ClaimedBy).OfType<string>().Distinct())
        {
            Holders[holder] = (await grains.GetGrain<Contracts.Users.IUserGrain>(holder).GetCardAsync()).DisplayName;
        }
    }

    public async Task<IActionResult> OnPostClaimAsync(string caseId)
    {
        try
        {
            var view = await WrapUp(caseId).ClaimAsync(User.RequireActor());
            TempData["Flash"] = $"You hold the case for \"{view.ProjectTitle}\". Both parties see you in the timeline.";
            return Redirect($"/staff/cases/{view.WrapUpId}");
        }
        catch (Contracts.MarketplaceException refused)
        {
            // Shown on the queue itself: a second claim names who holds the case.
            Error = this.InViewerZone(refused);
            Response.StatusCode = Errors.ErrorStatus.For(refused);
            await OnGetAsync();
            return Page();
        }
    }

    public async Task<IActionResult> OnPostReleaseAsync(string caseId)
    {
        await WrapUp(caseId).ReleaseClaimAsync(User.RequireActor());
        TempData["Flash"] = "Case released back to the queue.";
        return Redirect("/staff");
    }

    private IWrapUpGrain WrapUp(string? caseId) =>
        caseId?.Split('/') is [var project, var attempt] && Presentation.Ids.IsWellFormed(project) && int.TryParse(attempt, out var n) && n > 0
            ? grains.GetGrain<IWrapUpGrain>(caseId)
            : throw Contracts.MarketplaceException.NotFound("There is no case with this id.");
}

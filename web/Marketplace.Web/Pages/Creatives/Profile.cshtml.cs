using Marketplace.Contracts;
using Marketplace.Contracts.Reviews;
using Marketplace.Web.Accounts;
using Marketplace.Web.Api;
using Marketplace.Web.Errors;
using Marketplace.Web.Presentation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Creatives;

/// <summary>A creative's public profile: their record and reviews; staff also hide a review or reply here, or show it again.</summary>
public sealed class ProfileModel(IGrainFactory grains) : PageModel
{
    public CreativeProfileView Profile { get; private set; } = null!;
    public Actor Viewer { get; private set; } = ActorClaims.Visitor;

    /// <summary>A refused hide or show-again (no reason or note given; shown again meanwhile): the grain's words beside that review's form.</summary>
    public string? HideRefusal { get; private set; }
    public string? HideRefusedFor { get; private set; }

    /// <summary>One staff "hide" or "show again" form: which review, which part, and its refusal if that form was just refused.</summary>
    public sealed record HideTarget(string WrapUpId, ReviewPart Part, string? Refusal);

    public HideTarget HideTargetFor(ProfileReview review, ReviewPart part) =>
        new(review.WrapUpId, part, HideRefusedFor == $"{review.WrapUpId}:{part}" ? HideRefusal : null);

    public async Task<IActionResult> OnGetAsync(string id)
    {
        await LoadAsync(id);
        return Page();
    }

    public async Task<IActionResult> OnPostHideAsync(string id, string? wrapUpId, ReviewPart part, string? reason)
    {
        var (projectId, attempt) = WrapUpKey(wrapUpId);
        try
        {
            await ReviewsApi.Review(grains, projectId, attempt).HideAsync(User.RequireActor(), part, reason);
        }
        catch (MarketplaceException refused) when (refused.Kind is ErrorKind.Invalid)
        {
            await LoadAsync(id);
            (HideRefusal, HideRefusedFor) = (this.InViewerZone(refused), $"{wrapUpId}:{part}");
            Response.StatusCode = ErrorStatus.For(refused);
            return Page();
        }

        TempData["Flash"] = part == ReviewPart.Review ? "The review is hidden. Only staff see it now." : "The reply is hidden. Only staff see it now.";
        return Redirect("/creatives/" + id);
    }

    public async Task<IActionResult> OnPostShowAgainAsync(string id, string? wrapUpId, ReviewPart part, string? note)
    {
        var (projectId, attempt) = WrapUpKey(wrapUpId);
        try
        {
            await ReviewsApi.Review(grains, projectId, attempt).ShowAgainAsync(User.RequireActor(), part, note);
        }
        catch (MarketplaceException refused) when (refused.Kind is ErrorKind.Invalid or ErrorKind.Conflict)
        {
            await LoadAsync(id);
            (HideRefusal, HideRefusedFor) = (this.InViewerZone(refused), $"{wrapUpId}:{part}");
            Response.StatusCode = ErrorStatus.For(refused);
            return Page();
        }

        TempData["Flash"] = part == ReviewPart.Review
            ? "The review shows again on the profile and counts in the rating. The hide and your note stay on its record."
            : "The reply shows again under the review. The hide and your note stay on its record.";
        return Redirect("/creatives/" + id);
    }

    private async Task LoadAsync(string id)
    {
        Viewer = User.ToViewer();
        Profile = await ReviewsApi.Profile(grains, id).GetAsync(Viewer);
    }

    private static (string ProjectId, int Attempt) WrapUpKey(string? wrapUpId) =>
        wrapUpId?.Split('/') is [var project, var attempt] && int.TryParse(attempt, out var n)
            ? (project, n)
            : throw MarketplaceException.NotFound("There is no review at this address.");
}

using Marketplace.Contracts;
using Marketplace.Contracts.Projects;
using Marketplace.Web.Accounts;
using Marketplace.Web.Presentation;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Pages.Buyer.Projects;

/// <summary>
/// The buyer corrects their draft before paying (the grain refuses once it is open, and anyone but its buyer). An open
/// project's brief is what creatives entered against, so it is not edited: this page sends the buyer back to it.
/// </summary>
public sealed class EditModel(IGrainFactory grains) : ProjectFormModel(grains)
{
    /// <summary>The draft's id, from the route (also for "Update the total", which saves nothing and reads no grain).</summary>
    public string ProjectId => RouteData.Values["id"] as string ?? "";

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (!Ids.IsWellFormed(id)) return NotFound();
        var project = await Grains.GetGrain<IProjectGrain>(id).GetAsync(User.RequireActor());
        if (!User.RequireActor().Is(project.BuyerId)) throw MarketplaceException.Forbidden("Only the buyer who wrote this brief can edit it.");
        if (project.State != ProjectState.Draft) return NoLongerADraft(id);
        Fill(project);
        await LoadFeeAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        if (!Ids.IsWellFormed(id)) return NotFound();
        await LoadFeeAsync();
        if (ToDraft() is not { } draft) return Refused();
        try
        {
            await Grains.GetGrain<IProjectGrain>(id).UpdateDraftAsync(User.RequireActor(), draft);
        }
        catch (MarketplaceException refused) when (refused.Kind == ErrorKind.Invalid)
        {
            return Refused(this.InViewerZone(refused));
        }

        TempData["Flash"] = "Your changes are saved. The project stays a draft until you fund it.";
        return Redirect($"/projects/{id}");
    }

    private RedirectResult NoLongerADraft(string id)
    {
        TempData["Flash"] = "This project is already open, so its brief can no longer be changed: creatives are entering against it.";
        return Redirect($"/projects/{id}");
    }
}

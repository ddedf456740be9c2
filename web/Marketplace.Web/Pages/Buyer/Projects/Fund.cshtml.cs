using Marketplace.Contracts.Projects;
using Marketplace.Web.Accounts;
using Marketplace.Web.Presentation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Buyer.Projects;

public sealed class FundModel(IGrainFactory grains) : PageModel
{
    public ProjectView Project { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (!Ids.IsWellFormed(id)) return NotFound();
        Project = await grains.GetGrain<IProjectGrain>(id).GetAsync(User.RequireActor());
        return Project.State == ProjectState.Draft ? Page() : Redirect($"/projects/{id}");
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        if (!Ids.IsWellFormed(id)) return NotFound();
        var project = await grains.GetGrain<IProjectGrain>(id).OpenAsync(User.RequireActor());
        TempData["Flash"] = $"Your project is open and {Display.Money(project.Prize)} is in escrow. Creatives can enter now.";
        return Redirect($"/projects/{id}");
    }
}

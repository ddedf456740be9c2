using Marketplace.Contracts.Entries;
using Marketplace.Contracts.Projects;
using Marketplace.Web.Accounts;
using Marketplace.Web.Presentation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Entries;

/// <summary>Awarding cannot be undone, so it is its own confirmation step (works without JavaScript).</summary>
[Authorize(Policy = Extensions.Policies.Buyer)]
public sealed class AwardModel(IGrainFactory grains) : PageModel
{
    public EntryDetails Entry { get; private set; } = null!;
    public ProjectView Project { get; private set; } = null!;
    public GalleryItem? Item { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (!Ids.IsWellFormed(id)) return NotFound();
        var actor = User.RequireActor();
        Entry = await grains.GetGrain<IEntryGrain>(id).GetAsync(actor);
        var project = grains.GetGrain<IProjectGrain>(Entry.ProjectId);
        Project = await project.GetAsync(actor);
        Item = (await project.GetGalleryAsync(actor)).Items.FirstOrDefault(i => i.EntryId == id);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        if (!Ids.IsWellFormed(id)) return NotFound();
        var actor = User.RequireActor();
        var entry = await grains.GetGrain<IEntryGrain>(id).GetAsync(actor);
        var award = await grains.GetGrain<IProjectGrain>(entry.ProjectId).AwardAsync(actor, id);
        TempData["Flash"] = "You picked a winner! The creative has been asked for the final files.";
        return Redirect($"/wrapups/{award.WrapUpId}");
    }
}

using Marketplace.Contracts;
using Marketplace.Contracts.Entries;
using Marketplace.Contracts.Projects;
using Marketplace.Web.Accounts;
using Marketplace.Web.Errors;
using Marketplace.Web.Extensions;
using Marketplace.Web.Presentation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Projects;

/// <summary>
/// Closing entries early cannot be undone, so it is its own confirmation step (no JavaScript). The project grain decides
/// whether it is allowed; this page only keeps people other than the buyer and staff from a form that is not theirs.
/// </summary>
[Authorize(Policy = Policies.BuyerOrStaff)]
public sealed class CloseEntriesModel(IGrainFactory grains, TimeProvider time, ViewerTime local) : PageModel
{
    public ProjectView Project { get; private set; } = null!;
    public bool ForStaff { get; private set; }

    /// <summary>The entries the buyer would choose from: declined ones can never win.</summary>
    public int EntriesThatCanWin { get; private set; }

    /// <summary>When the buyer would have to choose by, if entries closed now.</summary>
    public DateTimeOffset ChooseBy => time.GetUtcNow() + Project.SelectionWindow;

    public string? Refusal { get; private set; }
    public string? Reason { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (!Ids.IsWellFormed(id)) return NotFound();
        await LoadAsync(id);
        // Entries already closed (a second tab, the back button after closing): the project page says where things stand.
        return Project.State == ProjectState.Open ? Page() : Redirect("/projects/" + id);
    }

    public async Task<IActionResult> OnPostAsync(string id, string? reason)
    {
        if (!Ids.IsWellFormed(id)) return NotFound();
        await LoadAsync(id);
        try
        {
            var closed = await grains.GetGrain<IProjectGrain>(id).CloseEntriesNowAsync(User.RequireActor(), reason);
            var chooseBy = closed.SelectionDeadline is { } at ? local.Text(at) : "the selection deadline";
            TempData["Flash"] = ForStaff
                ? $"Entries are closed for the buyer, who chooses a winner by {chooseBy}. The buyer and the creatives in the gallery were told."
                : $"Entries are closed. Choose a winner by {chooseBy}. The creatives in the gallery were told.";
            return Redirect("/projects/" + id);
        }
        catch (MarketplaceException refused)
        {
            Refusal = this.InViewerZone(refused);
            Reason = reason;
            Response.StatusCode = ErrorStatus.For(refused);
            return Page();
        }
    }

    private async Task LoadAsync(string id)
    {
        var actor = User.RequireActor();
        var project = grains.GetGrain<IProjectGrain>(id);
        Project = await project.GetAsync(actor);
        ForStaff = actor.IsStaff && !actor.Is(Project.BuyerId);
        if (!ForStaff && !actor.Is(Project.BuyerId))
        {
            throw MarketplaceException.Forbidden("Only this project's buyer or Marketplace support can close its entries.");
        }

        EntriesThatCanWin = (await project.GetGalleryAsync(actor)).Items.Count(i => i.Status == EntryStatus.Active);
    }
}

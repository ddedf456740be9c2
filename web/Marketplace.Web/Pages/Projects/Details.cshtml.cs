using Marketplace.Contracts;
using Marketplace.Contracts.Projects;
using Marketplace.Web.Accounts;
using Marketplace.Web.Presentation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Projects;

public sealed class DetailsModel(IGrainFactory grains) : PageModel
{
    public ProjectView Project { get; private set; } = null!;
    public GalleryView Gallery { get; private set; } = null!;
    public Actor Viewer { get; private set; } = ActorClaims.Visitor;

    public bool IsBuyer => Viewer.Is(Project.BuyerId);
    public bool IsWinner => Project.WinnerCreativeId is { } winner && Viewer.Is(winner);
    public bool CanSubmit => Project.State == ProjectState.Open && !IsBuyer && Viewer.Roles.HasFlag(UserRoles.Creative);
    public bool CanAward => IsBuyer && (Project.State == ProjectState.Selecting || (Project.State == ProjectState.Open && Project.AllowEarlyAward));
    public int MyEntryCount => Gallery.Items.Count(IsMine);
    public bool IsMine(GalleryItem item) => Viewer.Is(item.CreativeId);
    public string? WrapUpUrl => Project.ActiveWrapUpId is { } id && (IsBuyer || IsWinner || Viewer.IsStaff) ? "/wrapups/" + id : null;

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (!Ids.IsWellFormed(id)) return NotFound();
        Viewer = User.ToViewer();
        var project = grains.GetGrain<IProjectGrain>(id);
        Project = await project.GetAsync(Viewer);
        Gallery = await project.GetGalleryAsync(Viewer);
        return Page();
    }
}

using Marketplace.Contracts;
using Marketplace.Contracts.Entries;
using Marketplace.Contracts.Projects;
using Marketplace.Contracts.Questions;
using Marketplace.Web.Accounts;
using Marketplace.Web.Extensions;
using Marketplace.Web.Presentation;
using Marketplace.Web.Uploads;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Marketplace.Web.Pages.Projects;

[Authorize(Policy = Policies.Creative)]
[EnableRateLimiting(WebExtensions.UploadLimit)]
public sealed class SubmitModel(IGrainFactory grains, UploadService uploads) : PageModel
{
    public ProjectView Project { get; private set; } = null!;

    /// <summary>The buyer's answers and clarifications, folded with the brief: a creative must not miss them before uploading.</summary>
    public IReadOnlyList<BriefAddition> Additions { get; private set; } = [];

    [BindProperty] public string? Note { get; set; }

    /// <summary>The page a refusal points to ("Revise entry #7"), shown under its message.</summary>
    public RefusalLink? RefusalNext { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (!Ids.IsWellFormed(id)) return NotFound();
        await LoadAsync(id, User.RequireActor());
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, IFormFile? file, CancellationToken cancellationToken)
    {
        if (!Ids.IsWellFormed(id)) return NotFound();
        var actor = User.RequireActor();
        await LoadAsync(id, actor);
        // A refusal while the file is checked (none chosen, not an image, too big) is the picker's error, which reads
        // it out; the rest are about the entry as a whole.
        var refusedField = "";
        try
        {
            EnsureCanEnter(actor);
            refusedField = "file";
            var stored = await uploads.StoreEntryImageAsync(file, UploadLabels.Entry, cancellationToken);
            refusedField = "";
            var entry = await grains.GetGrain<IEntryGrain>(Ids.NewEntryId())
                .SubmitAsync(actor, new EntrySubmission(id, stored.File!, stored.Previews, Trimmed(Note)));
            TempData["Flash"] = "Your entry is in! The buyer will see it in the gallery.";
            return UploadRedirect.To(Request, $"/entries/{entry.Id}");
        }
        catch (Exception refused) when (refused is UploadRefusedException or MarketplaceException)
        {
            ModelState.AddModelError(refusedField, this.InViewerZone(refused));
            RefusalNext = (refused as MarketplaceException)?.Next;
            Response.StatusCode = Errors.ErrorStatus.For(refused);
            return Page();
        }
    }

    private async Task LoadAsync(string id, Actor actor)
    {
        Project = await grains.GetGrain<IProjectGrain>(id).GetAsync(actor);
        Additions = BriefAdditions.Of(await grains.GetGrain<IProjectQuestionsGrain>(id).GetAsync(actor));
    }

    /// <summary>Checked before the upload is stored, so a refused entry leaves no file behind; the grain checks again.</summary>
    private void EnsureCanEnter(Actor actor)
    {
        if (actor.Is(Project.BuyerId)) throw MarketplaceException.Forbidden("You can't enter your own project.");
        if (Project.State != ProjectState.Open) throw MarketplaceException.Conflict("This project no longer takes entries.");
    }

    private static string? Trimmed(string? note) => string.IsNullOrWhiteSpace(note) ? null : note.Trim();
}

using Marketplace.Contracts;
using Marketplace.Contracts.Entries;
using Marketplace.Web.Accounts;
using Marketplace.Web.Extensions;
using Marketplace.Web.Presentation;
using Marketplace.Web.Uploads;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Marketplace.Web.Pages.Entries;

[Authorize(Policy = Policies.Creative)]
[EnableRateLimiting(WebExtensions.UploadLimit)]
public sealed class ReviseModel(IGrainFactory grains, UploadService uploads) : PageModel
{
    public EntryDetails Entry { get; private set; } = null!;

    [BindProperty] public string? Note { get; set; }

    /// <summary>The page a refusal points to ("Revise entry #7"), shown under its message.</summary>
    public RefusalLink? RefusalNext { get; private set; }

    /// <summary>Whether the project grain would take a revision now: an active entry in a running contest.</summary>
    public bool Revisable => Entry.Status == EntryStatus.Active && Entry.Standing == EntryStanding.Running;

    public string NotRevisableReason => Entry.Status == EntryStatus.Declined
        ? "The buyer declined this entry, so it can no longer win and takes no revisions. You can still comment on it or withdraw it."
        : "This entry can no longer be revised: its contest is no longer taking changes to it.";

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (!Ids.IsWellFormed(id)) return NotFound();
        Entry = await OwnEntryAsync(id);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, IFormFile? file, CancellationToken cancellationToken)
    {
        if (!Ids.IsWellFormed(id)) return NotFound();
        Entry = await OwnEntryAsync(id);
        // A refusal while the file is checked (none chosen, not an image, too big) is the picker's error, which reads
        // it out; the grain's are about the entry as a whole.
        var refusedField = "file";
        try
        {
            var stored = await uploads.StoreEntryImageAsync(file, UploadLabels.Entry, cancellationToken);
            refusedField = "";
            await grains.GetGrain<IEntryGrain>(id).ReviseAsync(User.RequireActor(),
                new EntryUpload(stored.File!, stored.Previews, string.IsNullOrWhiteSpace(Note) ? null : Note.Trim()));
            TempData["Flash"] = "Revision uploaded. The buyer sees the new version now.";
            return UploadRedirect.To(Request, $"/entries/{id}");
        }
        catch (Exception refused) when (refused is UploadRefusedException or MarketplaceException)
        {
            ModelState.AddModelError(refusedField, this.InViewerZone(refused));
            RefusalNext = (refused as MarketplaceException)?.Next;
            Response.StatusCode = Errors.ErrorStatus.For(refused);
            return Page();
        }
    }

    /// <summary>Only the entry's creative may revise; checked before the upload is stored (the grain checks again).</summary>
    private async Task<EntryDetails> OwnEntryAsync(string id)
    {
        var actor = User.RequireActor();
        var entry = await grains.GetGrain<IEntryGrain>(id).GetAsync(actor);
        return actor.Is(entry.CreativeId) ? entry : throw MarketplaceException.Forbidden("Only the entry's creative can upload a revision.");
    }
}

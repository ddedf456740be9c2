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
        try
        {
            var stored = await uploads.StoreEntryImageAsync(file, UploadLabels.Entry, cancellationToken);
            await grains.GetGrain<IEntryGrain>(id).ReviseAsync(User.RequireActor(),
                new EntryUpload(stored.File!, stored.Previews, string.IsNullOrWhiteSpace(Note) ? null : Note.Trim()));
            TempData["Flash"] = "Revision uploaded. The buyer sees the new version now.";
            return UploadRedirect.To(Request, $"/entries/{id}");
        }
        catch (Exception refused) when (refused is UploadRefusedException or MarketplaceException)
        {
            ModelState.AddModelError("", refused.Message);
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

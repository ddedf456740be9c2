using Marketplace.Contracts;
using Marketplace.Contracts.Previews;
using Marketplace.Contracts.Projects;
using Marketplace.Contracts.WrapUps;
using Marketplace.Web.Accounts;
using Marketplace.Web.Extensions;
using Marketplace.Web.Presentation;
using Marketplace.Web.Uploads;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Marketplace.Web.Pages.WrapUps;

[EnableRateLimiting(WebExtensions.UploadLimit)]
public sealed class DeliverModel(IGrainFactory grains, UploadService uploads) : PageModel
{
    public const int MaxFiles = StagedUpload.MaxPerBatch;

    public WrapUpView WrapUp { get; private set; } = null!;

    [BindProperty] public string? Note { get; set; }

    public async Task<IActionResult> OnGetAsync(string projectId, int attempt)
    {
        WrapUp = await WinnersWrapUpAsync(projectId, attempt);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string projectId, int attempt, List<IFormFile> files, CancellationToken cancellationToken)
    {
        WrapUp = await WinnersWrapUpAsync(projectId, attempt);
        if (FilesProblem(files.Count) is { } problem)
        {
            ModelState.AddModelError("files", problem);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        try
        {
            DeliveryFormats.RequireBeforeStoring(WrapUp, files, Note);
            var finals = (await uploads.StoreFinalFilesAsync(files, UploadLabels.Final, cancellationToken)).Select(s => new FinalFile(s.File!, s.Previews)).ToList();
            var view = await Grain(projectId, attempt).DeliverFilesAsync(User.RequireActor(), finals, string.IsNullOrWhiteSpace(Note) ? null : Note.Trim());
            TempData["Flash"] = "Files delivered. The buyer has been asked to review them.";
            return UploadRedirect.To(Request, $"/wrapups/{view.WrapUpId}");
        }
        catch (Exception refused) when (refused is UploadRefusedException or MarketplaceException)
        {
            // What is wrong with the chosen files is the picker's error (it reads it out); the rest is about the delivery.
            ModelState.AddModelError(refused is UploadRefusedException ? "files" : "", this.InViewerZone(refused));
            Response.StatusCode = Errors.ErrorStatus.For(refused);
            return Page();
        }
    }

    private static string? FilesProblem(int count) => count switch
    {
        0 => "Choose at least one final file to upload.",
        > MaxFiles => $"Upload at most {MaxFiles} files at a time; zip the rest.",
        _ => null,
    };

    /// <summary>Only the winner delivers; checked before any file is stored (the wrap-up checks again).</summary>
    private async Task<WrapUpView> WinnersWrapUpAsync(string projectId, int attempt)
    {
        var actor = User.RequireActor();
        var view = await Grain(projectId, attempt).GetAsync(actor);
        if (!actor.Is(view.CreativeId)) throw MarketplaceException.Forbidden("Only the winning creative delivers the final files.");
        if (view.Step != WrapUpStep.AwaitingFiles) throw MarketplaceException.Conflict("The final files are not awaited right now.");
        return view;
    }

    private IWrapUpGrain Grain(string projectId, int attempt) =>
        Ids.IsWellFormed(projectId) && attempt > 0
            ? grains.GetGrain<IWrapUpGrain>(WrapUpIds.For(projectId, attempt))
            : throw MarketplaceException.NotFound("There is no handover at this address.");
}

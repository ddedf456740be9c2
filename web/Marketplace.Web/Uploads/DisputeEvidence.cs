using Marketplace.Contracts;
using Marketplace.Contracts.Files;
using Marketplace.Contracts.WrapUps;

namespace Marketplace.Web.Uploads;

/// <summary>
/// Files a party attaches when opening or answering a dispute (the page and the API alike). Whether the person may
/// take the step is checked before any file is stored, so a refused step leaves nothing behind; the grain checks again.
/// </summary>
public static class DisputeEvidence
{
    public const int MaxFiles = 5;

    public static bool MayOpen(WrapUpView view, Actor actor) =>
        IsParty(view, actor) && view.Dispute is null && view.Step != WrapUpStep.Ended;

    public static bool MayAnswer(WrapUpView view, Actor actor) =>
        IsParty(view, actor) && view.Dispute is { Stage: DisputeStage.AwaitingAnswer } dispute && !actor.Is(dispute.FiledBy);

    /// <summary>Stores the chosen files (empty file inputs ignored) with the same checks as final files; images get watermarked previews.</summary>
    public static async Task<IReadOnlyList<FinalFile>> StoreAsync(UploadService uploads, IReadOnlyList<IFormFile> chosen, CancellationToken cancellationToken)
    {
        if (chosen.Count > MaxFiles)
            throw MarketplaceException.Invalid($"Attach at most {MaxFiles} files; put the rest in a zip.");
        if (chosen.Count == 0)
            return [];
        return (await uploads.StoreFinalFilesAsync(chosen, UploadLabels.Evidence, cancellationToken)).Select(s => new FinalFile(s.File!, s.Previews)).ToList();
    }

    public static List<IFormFile> Chosen(IEnumerable<IFormFile>? files) => (files ?? []).Where(f => f.Length > 0).ToList();

    private static bool IsParty(WrapUpView view, Actor actor) => actor.Is(view.BuyerId) || actor.Is(view.CreativeId);
}

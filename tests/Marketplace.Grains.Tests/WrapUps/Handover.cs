using System.Security.Cryptography;
using System.Text;
using Marketplace.Contracts.Escrow;
using Marketplace.Contracts.Files;
using Marketplace.Contracts.Mediation;
using Marketplace.Contracts.Previews;
using Marketplace.Contracts.Projects;
using Marketplace.Contracts.WrapUps;
using Microsoft.Extensions.Time.Testing;

namespace Marketplace.Grains.Tests.WrapUps;

/// <summary>
/// A wrap-up started the real way: a buyer opens and funds a project, a creative enters, the buyer awards.
/// The cluster's grain factory and clock are looked up on each use, so a handover outlives a cluster restart.
/// </summary>
public sealed record Handover(
    Func<IGrainFactory> GrainsOf,
    Func<FakeTimeProvider> ClockOf,
    string Id,
    string ProjectId,
    Actor Buyer,
    Actor Creative,
    Actor Staff)
{
    public static readonly Money Prize = Scenarios.Prize;

    public IWrapUpGrain Grain => GrainsOf().GetGrain<IWrapUpGrain>(Id);
    public IEscrowGrain Escrow => GrainsOf().GetGrain<IEscrowGrain>(ProjectId);
    public IProjectGrain Project => GrainsOf().GetGrain<IProjectGrain>(ProjectId);
    public IMediationQueueGrain Queue => GrainsOf().GetGrain<IMediationQueueGrain>(IMediationQueueGrain.Key);
    public DateTimeOffset Now => ClockOf().GetUtcNow();

    public static Handover Of(IMarketplaceCluster fixture, AwardResult award, Actor buyer, Actor creative, Actor staff) =>
        new(() => fixture.Grains, () => fixture.Clock, award.WrapUpId, award.ProjectId, buyer, creative, staff);

    /// <summary>Awarded on a brief asking for <paramref name="formats"/> (by default <see cref="Finals.BriefFormats"/>).</summary>
    public static async Task<Handover> AwardedAsync(IMarketplaceCluster fixture, params string[] formats)
    {
        var buyer = await fixture.Grains.BuyerAsync();
        var creative = await fixture.Grains.CreativeAsync();
        var staff = await fixture.Grains.StaffAsync();
        var draft = Scenarios.Draft(fixture.Clock.GetUtcNow());
        var project = await fixture.OpenProjectAsync(buyer, formats.Length == 0 ? draft : draft with { Brief = draft.Brief with { DeliverableFormats = formats } });
        var entry = await fixture.SubmitAsync(creative, project.Id);
        await fixture.CloseEntriesAsync(project.Id);
        var award = await fixture.Grains.GetGrain<IProjectGrain>(project.Id).AwardAsync(buyer, entry.Id);
        return Of(fixture, award, buyer, creative, staff);
    }

    /// <summary>Moves the domain clock and lets the wrap-up apply its deadlines, as its reminder does.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        ClockOf().Advance(by);
        await Grain.EvaluateDeadlinesAsync(Actor.System);
    }

    /// <summary>The creative delivers <paramref name="files"/>, by default one file in each format of the brief, with a note.</summary>
    public Task<WrapUpView> DeliverAsync(params FinalFile[] files) =>
        Grain.DeliverFilesAsync(Creative, files.Length == 0 ? Finals.ForBrief() : files, "Here are the finals.");

    public async Task<WrapUpView> DeliveredAndApprovedAsync()
    {
        await DeliverAsync();
        return await Grain.ApproveAsync(Buyer, "Looks great.");
    }

    public async Task<WrapUpView> CaseClaimedAsync(string help = "The other side does not answer.")
    {
        await Grain.RequestHelpAsync(Buyer, help);
        return await Grain.ClaimAsync(Staff);
    }

    public OnBehalf For(Actor party, string how = "phone call", string reason = "The party asked staff to act for them.") =>
        new(party.UserId, new Consent(how, Now.AddMinutes(-5)), reason);

    public Task<MediationCaseView?> QueuedCaseAsync() => QueuedCaseAsync(Staff);

    public async Task<MediationCaseView?> QueuedCaseAsync(Actor staff) =>
        (await Queue.ListAsync(staff)).SingleOrDefault(c => c.Case.CaseId == Id);
}

/// <summary>Final files as the web hands them over after upload: stored in the finals container, images with previews.</summary>
public static class Finals
{
    /// <summary>The brief's formats of <see cref="Scenarios.Draft"/>.</summary>
    public static readonly string[] BriefFormats = ["SVG", "PNG"];

    /// <summary>One file per format the brief asks for (<paramref name="formats"/>, by default <see cref="BriefFormats"/>): a delivery that needs no note.</summary>
    public static FinalFile[] ForBrief(string name = "logo", params string[] formats) =>
        (formats.Length == 0 ? BriefFormats : formats).Select(f => InFormat($"{name}.{f.ToLowerInvariant()}")).ToArray();

    /// <summary>An image (with previews) when the name says JPEG, PNG, WebP or GIF, a document otherwise: as the upload pipeline stores it.</summary>
    public static FinalFile InFormat(string name) => ImageTypeOf(name) is not null ? Image(name) : Document(name);

    /// <summary>An image final whose content is what its name says (the pipeline sniffs the bytes).</summary>
    public static FinalFile Image(string name) => new(Stored(name, ImageTypeOf(name) ?? "image/png"), Manifest(name));

    /// <summary>An image final of <paramref name="contentType"/>, whatever its name says: a mislabelled file.</summary>
    public static FinalFile ImageOf(string name, string contentType) => new(Stored(name, contentType), Manifest(name));

    /// <summary>A document final: its content type comes from its name, as the pipeline does for anything not an image.</summary>
    public static FinalFile Document(string name) => new(Stored(name, Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".pdf" => "application/pdf",
        ".svg" => "image/svg+xml",
        ".ai" or ".eps" => "application/postscript",
        ".tif" or ".tiff" => "image/tiff",
        _ => "application/octet-stream",
    }), null);

    /// <summary>A PDF whose first page was drawn (previews and its page count), as the upload pipeline stores one.</summary>
    public static FinalFile DrawnPdf(string name, int? pageCount) => new(Stored(name, "application/pdf"), Manifest(name) with { FirstPage = new FirstPage(pageCount) });

    /// <summary>A print file that could not be drawn: no images, only the reason.</summary>
    public static FinalFile Undrawn(string name, string format, NoPreviewReason reason) =>
        new(Stored(name, format == "SVG" ? "image/svg+xml" : "application/pdf"), PreviewManifest.None(Sha(name), new NoPreview(format, reason)));

    /// <summary>A zip final listing <paramref name="entries"/> (1 KB each), as the upload pipeline reads its directory.</summary>
    public static FinalFile Zip(string name, params string[] entries) =>
        new(Stored(name, "application/zip"), PreviewManifest.Listing(Sha(name),
            new ArchiveListing(entries.Select(e => new ArchiveEntry(e, 1024)).ToArray(), entries.Length, entries.Length * 1024L, Complete: true)));

    private static string? ImageTypeOf(string name) => FileFormatAliases.OfFileName(name) switch
    {
        "PNG" => "image/png",
        "JPEG" => "image/jpeg",
        "WEBP" => "image/webp",
        "GIF" => "image/gif",
        _ => null,
    };

    public static StoredFile Stored(string name, string contentType, string container = StorageNames.Containers.Finals)
    {
        var blob = $"finals/{Guid.NewGuid():N}/{name}";
        return new StoredFile(container, blob, name, contentType, 120_000, Sha(blob));
    }

    private static PreviewManifest Manifest(string name) =>
        new(Sha(name), 3000, 2000,
        [
            new PreviewImage(PreviewSizes.Lite, 320, 213, 9_000, "jpeg", $"previews/{Guid.NewGuid():N}-lite.jpg"),
            new PreviewImage(PreviewSizes.Phone, 750, 500, 40_000, "jpeg", $"previews/{Guid.NewGuid():N}-phone.jpg"),
            new PreviewImage(PreviewSizes.Desktop, 1600, 1067, 160_000, "jpeg", $"previews/{Guid.NewGuid():N}-desktop.jpg"),
        ]);

    private static string Sha(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

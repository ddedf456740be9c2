using Marketplace.Contracts.Files;

namespace Marketplace.Contracts.Previews;

/// <summary>
/// Image work on the silos: a stateless worker (any key; use 0) that checks uploads by content, stores them
/// and renders watermarked previews. Stateful grains call it and keep only the returned references.
/// The web first writes the upload to a private staging blob (<c>IFileStore.StageAsync</c>) and passes its name.
/// </summary>
public interface IPreviewWorkerGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Checks an entry upload by its bytes (JPEG, PNG, WebP or GIF; byte, side and pixel limits read from the
    /// header before any decoding; corrupt data refused), then stores the original under its content hash in the
    /// private originals container and writes previews, tiled with <paramref name="watermarkLabel"/>, to the
    /// previews container. The staging blob is deleted either way; a refusal leaves nothing stored.
    /// </summary>
    Task<IngestResult> IngestOriginalAsync(string stagingBlobName, string fileName, string watermarkLabel);

    /// <summary>
    /// Stores final files of any format (each up to the final-file byte limit, at most
    /// <see cref="StagedUpload.MaxPerBatch"/>) in the private finals container, all or none: every file is checked
    /// (and its previews rendered) before the first is stored, so a refused file leaves nothing behind.
    /// Images also get low-resolution previews for the buyer's review, watermarked only when
    /// <paramref name="watermarkLabel"/> is given, in the private handover previews container (never the public one);
    /// an image too large to preview is still stored, without previews. A PDF or PostScript file (an EPS, or an Illustrator
    /// file that is either inside), an SVG or a TIFF gets the same previews of its first page, drawn in a limited child process; one that
    /// cannot be drawn is stored all the same, with a manifest that has no images and says why (<see cref="PreviewManifest.NotDrawn"/>).
    /// A file whose bytes say it is an allowed image but that is damaged is refused, so a buyer never receives it.
    /// Every staging blob is deleted either way.
    /// </summary>
    Task<FinalsIngestResult> IngestFinalsAsync(IReadOnlyList<StagedUpload> uploads, string? watermarkLabel);

    /// <summary>
    /// Renders previews again from an already stored original or final image (for example once the entry
    /// number for the watermark is known). Refuses a file that is not in the originals or finals container. Previews of
    /// an original go to the previews container, of a final to the handover previews container.
    /// </summary>
    Task<IngestResult> RenderPreviewsAsync(StoredFile file, string? watermarkLabel);
}

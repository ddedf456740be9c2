namespace Marketplace.Contracts.Previews;

/// <summary>
/// One rendered preview: a watermarked, metadata-free image named by its content hash. An entry's previews are in the
/// public previews container; a handover file's (a final, dispute evidence) in the private handover previews container,
/// except for handovers stored before that container existed, whose previews stayed in the previews container.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PreviewImage(
    [property: Id(0)] string Size,
    [property: Id(1)] int Width,
    [property: Id(2)] int Height,
    [property: Id(3)] long Bytes,
    [property: Id(4)] string Format,
    [property: Id(5)] string BlobName);

/// <summary>
/// Every preview rendered from one original. <see cref="PreviewSizes"/> names the sizes
/// ("lite", "grid", "phone", "desktop"); pages build <c>srcset</c> from the images. A print file's previews are of its
/// first page (<see cref="FirstPage"/>, set for PDFs and PostScript documents, not for one-page EPS and SVG); a print file that could not be drawn has no images and says why in
/// <see cref="NotDrawn"/>, so every place a handover file travels (a delivery, dispute evidence) keeps the reason.
/// A font's preview is a specimen of it (<see cref="FontName"/>, as the font names itself); a zip has no images and lists
/// what it holds (<see cref="Archive"/>).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PreviewManifest(
    [property: Id(0)] string OriginalSha256,
    [property: Id(1)] int OriginalWidth,
    [property: Id(2)] int OriginalHeight,
    [property: Id(3)] IReadOnlyList<PreviewImage> Images,
    [property: Id(4)] FirstPage? FirstPage = null,
    [property: Id(5)] NoPreview? NotDrawn = null,
    [property: Id(6)] ArchiveListing? Archive = null,
    [property: Id(7)] string? FontName = null)
{
    public PreviewImage? Find(string size) => Images.FirstOrDefault(i => i.Size == size);

    /// <summary>No images, only the reason: a print file stored without a preview.</summary>
    public static PreviewManifest None(string originalSha256, NoPreview why) => new(originalSha256, 0, 0, Array.Empty<PreviewImage>(), NotDrawn: why);

    /// <summary>No images, only what a zip holds.</summary>
    public static PreviewManifest Listing(string originalSha256, ArchiveListing archive) => new(originalSha256, 0, 0, Array.Empty<PreviewImage>(), Archive: archive);
}

public static class PreviewSizes
{
    public const string Lite = "lite";
    public const string Grid = "grid";
    public const string Phone = "phone";
    public const string Desktop = "desktop";
}

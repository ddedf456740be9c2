namespace Marketplace.Contracts.Previews;

/// <summary>Why a print file (a PDF, an SVG, an EPS, a TIFF) has no preview; pages word it for their reader.</summary>
public enum NoPreviewReason
{
    /// <summary>This server has no program to draw the format (pdftocairo, rsvg-convert, gs or vips is not installed).</summary>
    NoRenderer,
    /// <summary>The program could not draw the file (damaged, cut off, or not really that format).</summary>
    CouldNotDraw,
    /// <summary>Drawing it needed more time, memory or output than a preview may use.</summary>
    OverLimits,
    /// <summary>
    /// An Illustrator file saved without "Create PDF Compatible File": its only page is Adobe's placeholder ("saved without
    /// PDF Content"), or its bytes are neither a PDF nor PostScript, so nothing but Illustrator can show it.
    /// </summary>
    IllustratorOnly,
}

/// <summary>A print file stored without a preview: its format as people call it ("PDF", "SVG", "EPS") and why.</summary>
[GenerateSerializer, Immutable]
public sealed record NoPreview(
    [property: Id(0)] string Format,
    [property: Id(1)] NoPreviewReason Reason);

/// <summary>
/// A preview drawn from a document's first page. <see cref="PageCount"/> when the document said so cheaply (pages read
/// "Page 1 of 4"); null when it did not ("First page").
/// </summary>
[GenerateSerializer, Immutable]
public sealed record FirstPage(
    [property: Id(0)] int? PageCount);

/// <summary>One file inside a zip final, as its central directory names it, with the size it claims unpacked.</summary>
[GenerateSerializer, Immutable]
public sealed record ArchiveEntry(
    [property: Id(0)] string Name,
    [property: Id(1)] long Bytes);

/// <summary>
/// What a zip final holds, read from its central directory only (nothing is unpacked): the first files
/// (<see cref="Entries"/>, folders left out), how many files the directory lists (<see cref="FileCount"/>, of the records
/// read) and their claimed unpacked size. <see cref="Complete"/> is false when the directory lists more records than we
/// read; <see cref="Unreadable"/> says why there is no listing (a cut-off or damaged directory).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ArchiveListing(
    [property: Id(0)] IReadOnlyList<ArchiveEntry> Entries,
    [property: Id(1)] long FileCount,
    [property: Id(2)] long TotalBytes,
    [property: Id(3)] bool Complete,
    [property: Id(4)] string? Unreadable = null)
{
    /// <summary>Files kept in a listing: the page shows the first few, the formats checklist reads them all.</summary>
    public const int MaxEntries = 100;

    public static ArchiveListing Damaged(string why) => new([], 0, 0, false, why);
}

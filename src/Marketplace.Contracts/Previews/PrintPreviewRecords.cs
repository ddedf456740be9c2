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

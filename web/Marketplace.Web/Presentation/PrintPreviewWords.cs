using Marketplace.Contracts.Previews;

namespace Marketplace.Web.Presentation;

/// <summary>
/// The words beside a print file's preview (a PDF's first page: "Page 1 of 4") or in its place when it could not be drawn
/// ("No preview: this PDF could not be drawn. Download it to check it."), so nobody approves a file they could not see
/// without knowing why.
/// </summary>
public static class PrintPreviewWords
{
    public const string DownloadToCheck = "Download it to check it.";
    public const string AskTheCreative = "Ask the creative in a message for a PNG or JPEG of it.";

    /// <summary>
    /// Under a PDF's or PostScript document's preview: which page it shows ("First page" when the count is unknown, as for
    /// PostScript). Nothing for a one-page PDF or anything else.
    /// </summary>
    public static string? PageLabel(PreviewManifest? preview) => preview?.FirstPage switch
    {
        null or { PageCount: 1 } => null,
        { PageCount: { } pages } => $"Page 1 of {pages:N0}",
        _ => "First page",
    };

    /// <summary>In the preview's place when a print file could not be drawn, ending with what the reader can do next, if anything.</summary>
    public static string? NotDrawn(PreviewManifest? preview, string? nextStep) => preview?.NotDrawn is { } why
        ? $"{Reason(why)} {nextStep}".TrimEnd()
        : null;

    private static string Reason(NoPreview why) => why.Reason switch
    {
        NoPreviewReason.NoRenderer => $"No preview: this server cannot draw {why.Format} files.",
        NoPreviewReason.OverLimits => $"No preview: this {why.Format} needs more time or memory to draw than a preview may use.",
        _ => $"No preview: this {why.Format} could not be drawn.",
    };

    public static bool HasImages(PreviewManifest? preview) => preview is { Images.Count: > 0 };
}

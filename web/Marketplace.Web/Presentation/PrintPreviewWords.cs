using Marketplace.Contracts.Previews;
using Marketplace.Contracts.WrapUps;

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
        NoPreviewReason.IllustratorOnly => IllustratorOnlyReason,
        _ => $"No preview: this {why.Format} could not be drawn.",
    };

    public static bool HasImages(PreviewManifest? preview) => preview is { Images.Count: > 0 };

    /// <summary>Files of a zip shown before "and 12 more": enough to recognise a delivery, short enough for a phone.</summary>
    public const int ZipFilesShown = 8;

    /// <summary>The preview's alternative text: a font's says whose specimen it is.</summary>
    public static string Alt(FinalFile file) => file.Preview?.FontName is { } font
        ? $"Type specimen of {font} ({file.File.FileName}): its name, the alphabet, the figures and a sentence at three sizes"
        : $"Preview of {file.File.FileName}";

    /// <summary>"14 files, 3.2 MB unpacked"; a directory we stopped reading says there are more.</summary>
    public static string ZipSummary(ArchiveListing archive)
    {
        var files = archive.FileCount == 1 ? "1 file" : $"{archive.FileCount:N0} files";
        return archive.Complete
            ? $"Holds {files}, {Display.Bytes(archive.TotalBytes)} unpacked."
            : $"Holds more files than we list here; the first {files} are {Display.Bytes(archive.TotalBytes)} unpacked.";
    }

    /// <summary>What is left out of the zip's list on the page: "and 12 more", or null when all are shown.</summary>
    public static string? ZipMore(ArchiveListing archive)
    {
        if (!archive.Complete) return "and more";
        var hidden = archive.FileCount - Math.Min(archive.Entries.Count, ZipFilesShown);
        return hidden > 0 ? $"and {hidden:N0} more" : null;
    }

    /// <summary>A zip whose list of contents could not be read, with what the reader can do.</summary>
    public static string ZipUnreadable(ArchiveListing archive, string? nextStep) =>
        $"We couldn't read what this zip holds. {archive.Unreadable} {nextStep}".TrimEnd();

    public const string IllustratorOnlyReason = "This Illustrator file was saved without PDF compatibility, so it can't be previewed here.";

    /// <summary>A file of a kind we do not preview: "No preview for DOCX files."</summary>
    public static string NoPreviewFor(string fileName)
    {
        var format = Path.GetExtension(fileName).TrimStart('.').ToUpperInvariant();
        return $"No preview for {(format.Length == 0 ? "this file" : format + " files")}.";
    }
}

using Marketplace.Contracts.Previews;

namespace Marketplace.Previews;

/// <summary>Previews of a print file's first page (a font's specimen, with the font's name), or why it has none.</summary>
public sealed record PrintPreview(RenderedPreviews? Previews, FirstPage? FirstPage, NoPreview? NotDrawn, string? FontName = null);

/// <summary>
/// Previews of print files (a PDF, an SVG, an EPS or other PostScript, an Illustrator file that is a PDF or PostScript inside, a TIFF, a Photoshop file): the <see cref="PrintDrawer"/>
/// draws the first page to a PNG in a sandbox, and that PNG goes through the same header checks and
/// <see cref="PreviewPipeline"/> as any uploaded image, so the previews are the image finals' sizes, watermark and
/// stripping. A file that cannot be drawn is stored all the same: the result says why it has no preview.
/// </summary>
public sealed class PrintPreviews(PrintDrawer drawer, PreviewPipeline pipeline)
{
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "marketplace-previews");

    /// <summary>
    /// The print format by the file's bytes (a ".ai" whose bytes are a PDF is a PDF, one that is PostScript is PostScript); markup counts as SVG only under a
    /// ".svg" name, as the names-must-match-bytes check lets an SVG's root element lie past the first bytes.
    /// </summary>
    public static PrintFormat? FormatOf(string path, string fileName)
    {
        var format = KnownFormats.Identify(KnownFormats.ReadHead(path));
        if (format == KnownFormats.Pdf) return PrintFormat.Pdf;
        if (format == KnownFormats.Svg) return PrintFormat.Svg;
        if (format == KnownFormats.Eps) return PrintFormat.PostScript;
        if (format == KnownFormats.Tiff) return PrintFormat.Tiff;
        if (format == KnownFormats.Psd) return PrintFormat.Psd;
        if (KnownFormats.IsFont(format)) return PrintFormat.Font;
        return format == KnownFormats.OtherMarkup && Path.GetExtension(fileName).Equals(".svg", StringComparison.OrdinalIgnoreCase) ? PrintFormat.Svg : null;
    }

    /// <summary>
    /// Previews of a final that is a print file or a font; null for anything else. An Illustrator file that only
    /// Illustrator can show (saved without PDF compatibility: Adobe's placeholder page, or neither PDF nor PostScript
    /// inside) gets no preview and says so, rather than a preview of Adobe's notice.
    /// </summary>
    public async Task<PrintPreview?> RenderFinalAsync(string path, string fileName, string? watermarkLabel, TimeSpan budget, CancellationToken cancellationToken = default)
    {
        var format = FormatOf(path, fileName);
        var illustrator = Path.GetExtension(fileName).Equals(".ai", StringComparison.OrdinalIgnoreCase);
        if (format is null)
        {
            return illustrator ? IllustratorOnly : null;
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        if (illustrator && format == PrintFormat.Pdf && await drawer.IsIllustratorPlaceholderAsync(path, budget, cancellationToken))
        {
            return IllustratorOnly;
        }

        return await RenderAsync(path, format.Value, watermarkLabel, budget - clock.Elapsed, cancellationToken);
    }

    private static readonly PrintPreview IllustratorOnly = new(null, null, new NoPreview("AI", NoPreviewReason.IllustratorOnly));

    /// <summary>Previews of the first page, drawn within <paramref name="budget"/> (see <see cref="PrintDrawer.DrawAsync"/>).</summary>
    public async Task<PrintPreview> RenderAsync(string path, PrintFormat format, string? watermarkLabel, TimeSpan? budget = null, CancellationToken cancellationToken = default)
    {
        var drawing = await drawer.DrawAsync(path, format, budget, cancellationToken);
        if (drawing.Failure is { } failure)
        {
            return NotDrawn(format, failure);
        }

        var png = Path.Combine(Folder, Guid.NewGuid().ToString("N") + ".png");
        Directory.CreateDirectory(Folder);
        try
        {
            await File.WriteAllBytesAsync(png, drawing.Png!, cancellationToken);
            var outcome = await pipeline.ProcessAsync(png, Path.GetFileName(png), watermarkLabel, cancellationToken);
            // The drawing is checked like an upload; one our checks refuse (an empty drawing, a zero-height page) shows nothing.
            return outcome.Previews is { } previews ? new PrintPreview(previews, drawing.FirstPage, null, drawing.FontName) : NotDrawn(format, NoPreviewReason.CouldNotDraw);
        }
        finally
        {
            File.Delete(png);
        }
    }

    /// <summary>
    /// Named as people know the format: "PDF", "SVG", "EPS" for any PostScript (the name print briefs use), and "font"
    /// for every kind of font ("this font could not be drawn").
    /// </summary>
    private static PrintPreview NotDrawn(PrintFormat format, NoPreviewReason reason) =>
        new(null, null, new NoPreview(format == PrintFormat.Font ? FontFormatName : KnownFormatOf(format).Name, reason));

    public const string FontFormatName = "font";

    private static KnownFormat KnownFormatOf(PrintFormat format) => format switch
    {
        PrintFormat.Pdf => KnownFormats.Pdf,
        PrintFormat.Svg => KnownFormats.Svg,
        PrintFormat.PostScript => KnownFormats.Eps,
        PrintFormat.Psd => KnownFormats.Psd,
        _ => KnownFormats.Tiff,
    };
}

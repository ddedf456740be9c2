using System.Globalization;

namespace Marketplace.Previews;

/// <summary>
/// Ghostscript's command line for a preview of a PostScript file's first page: its own sandbox (<c>-dSAFER</c>: no file
/// but its input read, none written, no <c>%pipe%</c>, no device change) inside ours, a PNG on stdout and nothing else
/// there (the file's own <c>print</c>s and gs's messages go to stderr), and a page of at most
/// <see cref="PrintDrawer.DrawSize"/> pixels a side that the file cannot change (<c>-dFIXEDMEDIA -dFIXEDRESOLUTION</c>),
/// however large a page it asks for.
/// </summary>
public static class GhostscriptArguments
{
    /// <summary>
    /// Without a usable box the page size is only known once the program runs: a square page whose side holds an A4 or
    /// US Letter page's height, and whatever page the file asks for is scaled to fit it (<c>-dPSFitPage</c>).
    /// </summary>
    private const double FallbackPagePoints = 842;

    /// <summary>
    /// The device resolution stays where Ghostscript works well (below 72 dpi its halftone screens fail with a rangecheck;
    /// far above, a page's coordinates overflow its fixed-point paths): a page outside that range is scaled to fit by the
    /// transformation matrix instead.
    /// </summary>
    private const double MinResolution = 72;
    private const double MaxResolution = 2400;

    /// <summary>Room for the largest page (<see cref="PrintDrawer.DrawSize"/> squared, 3 bytes a pixel) with some to spare.</summary>
    private const long MaxBitmapBytes = 4L * PrintDrawer.DrawSize * PrintDrawer.DrawSize * 2;

    public static IReadOnlyList<string> For(PostScriptFile file)
    {
        var box = file.Box;
        var longest = box is null ? FallbackPagePoints : Math.Max(box.Width, box.Height);
        var scale = PrintDrawer.DrawSize / longest;
        var (width, height) = box is null ? (PrintDrawer.DrawSize, PrintDrawer.DrawSize) : (Pixels(box.Width * scale), Pixels(box.Height * scale));
        var resolution = Math.Clamp(72 * scale, MinResolution, MaxResolution);
        List<string> arguments =
        [
            "-dSAFER", "-dBATCH", "-dNOPAUSE", "-dQUIET", "-sstdout=%stderr",
            "-sDEVICE=png16m", "-sOutputFile=-", "-dTextAlphaBits=4", "-dGraphicsAlphaBits=4",
            "-dFIXEDMEDIA", "-dFIXEDRESOLUTION", $"-g{width}x{height}", "-r" + Number(resolution),
            // The whole page in memory (11 MB at most): past its default gs bands the page through temporary files, which
            // the sandbox forbids.
            "-dMaxBitmap=" + MaxBitmapBytes.ToString(CultureInfo.InvariantCulture),
            // PostScript has no page index: LastPage keeps page 2 off the output, and BeginPage ends the run there.
            "-dLastPage=1",
        ];
        if (box is null) arguments.Add("-dPSFitPage");
        else if (file.IsEps) arguments.Add("-dEPSCrop");
        arguments.AddRange(["-c", BeginPage(72 * scale / resolution, file.IsEps ? null : box), "-f", "-"]);
        return arguments;
    }

    /// <summary>
    /// Each page starts with BeginPage, given the number of pages already shown: at the second, quit (bound now, so a
    /// file redefining <c>quit</c> does not stop it). Then the rest of the scale the resolution could not take, and for a
    /// document that is not an EPS its box moved to the page's corner, as <c>-dEPSCrop</c> does for an EPS (a PostScript
    /// Illustrator file's artwork is rarely at 0 0).
    /// </summary>
    private static string BeginPage(double scale, BoundingBox? moveToCorner)
    {
        var scaled = Math.Abs(scale - 1) > 1e-6 ? $" {Number(scale)} dup scale" : "";
        var moved = moveToCorner is { } box ? $" {Number(-box.Left)} {Number(-box.Bottom)} translate" : "";
        return $"<< /BeginPage {{ 1 ge {{ quit }} if{scaled}{moved} }} bind >> setpagedevice";
    }

    private static int Pixels(double size) => Math.Clamp((int)Math.Ceiling(size - 0.01), 1, PrintDrawer.DrawSize);

    private static string Number(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}

using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Marketplace.Contracts.Previews;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Marketplace.Previews;

/// <summary>The print formats we draw, each by its own program.</summary>
public enum PrintFormat
{
    Pdf,
    Svg,
    /// <summary>EPS, other PostScript, and Illustrator files saved as PostScript (before version 9, or "Illustrator EPS").</summary>
    PostScript,
    /// <summary>
    /// TIFF, the print shops' raster format (often CMYK, often huge): libvips' TIFF loader is one entries refuse as
    /// untrusted, so the vips command line runs it here, shrinking the first page as it reads.
    /// </summary>
    Tiff,
    /// <summary>
    /// Photoshop (PSD, and PSB for large documents): the vips command's ImageMagick loader reads the flattened image
    /// Photoshop saves beside the layers ("Maximize compatibility", on by default), which is what opening it shows.
    /// </summary>
    Psd,
    /// <summary>
    /// A font (TrueType, OpenType, a collection, WOFF, WOFF2): a specimen in it, drawn by ImageMagick (FreeType), named by
    /// fc-scan (fontconfig). A font is untrusted input to FreeType like any other file to its drawer.
    /// </summary>
    Font,
}

/// <summary>A drawn first page (a PNG, untrusted like any upload) or why there is none; a font's specimen carries its name.</summary>
public sealed record PrintDrawing(byte[]? Png, FirstPage? FirstPage, NoPreviewReason? Failure, string? FontName = null)
{
    public static PrintDrawing Failed(NoPreviewReason reason) => new(null, null, reason);
}

/// <summary>
/// Draws a PDF's first page (pdftocairo, poppler-utils), an SVG (rsvg-convert, librsvg2-bin) or a PostScript file's first
/// page (gs, ghostscript), a TIFF's first page or a Photoshop file's flattened image (vips, libvips-tools) to a PNG in a <see cref="Sandbox"/>, never in
/// the silo: libvips' own PDF, SVG and TIFF loaders stay blocked there. A PDF's page count comes from pdfinfo in the same sandbox. At most
/// <see cref="PrintDrawingLimits.MaxConcurrent"/> drawings run at once, whatever their format.
/// </summary>
public sealed partial class PrintDrawer
{
    /// <summary>
    /// Drawn at twice the largest preview's width (fit in a square of it): the preview pipeline then shrinks it, which
    /// antialiases thin print lines better than drawing at the final size.
    /// </summary>
    public const int DrawSize = 1920;

    private readonly PrintDrawingLimits _limits;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _slots;
    private readonly Lazy<Sandbox?> _sandbox;
    private readonly string? _pdfToCairo;
    private readonly string? _pdfInfo;
    private readonly string? _rsvgConvert;
    private readonly string? _ghostscript;
    private readonly string? _vips;
    private readonly string? _imageMagick;
    private readonly string? _fontScan;
    private readonly string? _pdfToText;

    public PrintDrawer(IOptions<PreviewOptions> options, ILogger<PrintDrawer>? logger = null)
    {
        _limits = options.Value.PrintDrawing;
        _logger = logger ?? NullLogger<PrintDrawer>.Instance;
        _slots = new SemaphoreSlim(Math.Max(1, _limits.MaxConcurrent));
        _pdfToCairo = Find(_limits.PdfToCairo);
        _pdfInfo = Find(_limits.PdfInfo);
        _rsvgConvert = Find(_limits.RsvgConvert);
        _ghostscript = Find(_limits.Ghostscript);
        _vips = Find(_limits.Vips);
        _imageMagick = Find(_limits.ImageMagick);
        _fontScan = Find(_limits.FontScan);
        _pdfToText = Find(_limits.PdfToText);
        _sandbox = new Lazy<Sandbox?>(MakeSandbox);
    }

    /// <summary>Whether this machine can draw <paramref name="format"/>: its program and prlimit/setsid are installed.</summary>
    public bool CanDraw(PrintFormat format) => ProgramFor(format) is not null && _sandbox.Value is not null;

    /// <summary>Whether drawings run without network (<c>unshare -rn</c> works here); they run either way.</summary>
    public bool WithoutNetwork => _sandbox.Value?.WithoutNetwork == true;

    /// <summary>What is missing for print previews, in a line for the silo's log; null when nothing is.</summary>
    public string? MissingPrograms()
    {
        var missing = new List<string>();
        if (Find("prlimit") is null || Find("setsid") is null) missing.Add("prlimit/setsid (util-linux)");
        if (_pdfToCairo is null || _pdfInfo is null) missing.Add($"{_limits.PdfToCairo}/{_limits.PdfInfo} (poppler-utils)");
        if (_rsvgConvert is null) missing.Add($"{_limits.RsvgConvert} (librsvg2-bin)");
        if (_ghostscript is null) missing.Add($"{_limits.Ghostscript} (ghostscript)");
        if (_vips is null) missing.Add($"{_limits.Vips} (libvips-tools)");
        if (_imageMagick is null) missing.Add($"{_limits.ImageMagick} (imagemagick-6.q16)");
        if (_fontScan is null) missing.Add($"{_limits.FontScan} (fontconfig)");
        if (_pdfToText is null) missing.Add($"{_limits.PdfToText} (poppler-utils)");
        return missing.Count == 0 ? null : string.Join(", ", missing);
    }

    /// <summary>
    /// Draws the file's first page, waiting for a free slot and drawing within <paramref name="budget"/> at most (less than
    /// <see cref="PrintDrawingLimits.Timeout"/> when an upload's drawings have used up most of their time).
    /// </summary>
    public async Task<PrintDrawing> DrawAsync(string path, PrintFormat format, TimeSpan? budget = null, CancellationToken cancellationToken = default)
    {
        if (ProgramFor(format) is not { } program || _sandbox.Value is not { } sandbox)
        {
            return PrintDrawing.Failed(NoPreviewReason.NoRenderer);
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var allowed = budget is { } left && left < _limits.Timeout ? left : _limits.Timeout;
        if (allowed <= TimeSpan.Zero || !await _slots.WaitAsync(allowed, cancellationToken))
        {
            return PrintDrawing.Failed(NoPreviewReason.OverLimits);
        }

        try
        {
            // Off the caller's thread: Orleans' scheduler must not start processes or wait on pipes.
            return await Task.Run(() => DrawAsync(sandbox, program, path, format, allowed - clock.Elapsed, cancellationToken), cancellationToken);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException or InvalidOperationException)
        {
            // The machine's fault (no processes left, a full temp disk), not the file's: no preview, the delivery goes on.
            LogDrawingFailed(e, program);
            return PrintDrawing.Failed(NoPreviewReason.CouldNotDraw);
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task<PrintDrawing> DrawAsync(Sandbox sandbox, string program, string path, PrintFormat format, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (format == PrintFormat.PostScript)
        {
            return await DrawPostScriptAsync(sandbox, program, path, timeout, cancellationToken);
        }

        if (format == PrintFormat.Psd)
        {
            return await DrawPhotoshopAsync(sandbox, program, path, timeout, cancellationToken);
        }

        if (format == PrintFormat.Font)
        {
            return await DrawSpecimenAsync(sandbox, program, path, timeout, cancellationToken);
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var size = DrawSize.ToString(CultureInfo.InvariantCulture);
        string[] arguments = format switch
        {
            PrintFormat.Pdf => ["-png", "-singlefile", "-f", "1", "-l", "1", "-scale-to", size, "-", "-"],
            PrintFormat.Svg => ["--format", "png", "--width", size, "--height", size, "--keep-aspect-ratio"],
            // Shrunk while it is read (never enlarged), CMYK to sRGB (an embedded profile rides along in the PNG for the
            // pipeline to apply: asking for an sRGB export here shifted plain sRGB colours, blue #1840d0 to #4931d1), damage
            // an error, stdin to a PNG on stdout; no vector code compiled at run time (orc writes it to a temporary file,
            // which the sandbox forbids).
            _ => ["--vips-novector", "thumbnail_source", "[descriptor=0]", ".png", size, "--height", size, "--size", "down", "--option-string", "fail_on=error"],
        };
        var drawn = await sandbox.RunAsync(program, arguments, path, timeout, cancellationToken: cancellationToken);
        return drawn.End == SandboxEnd.Finished
            ? new PrintDrawing(drawn.Output, format == PrintFormat.Pdf ? new FirstPage(await PageCountAsync(sandbox, path, timeout - clock.Elapsed, cancellationToken)) : null, null)
            : Failed(drawn);
    }

    /// <summary>
    /// An EPS is one page by definition, so it gets no page line. Other PostScript says "First page": counting its pages
    /// means running the whole program (which may never end), and its "%%Pages:" comment is an unchecked claim.
    /// </summary>
    private static async Task<PrintDrawing> DrawPostScriptAsync(Sandbox sandbox, string ghostscript, string path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (PostScriptFile.Read(path) is not { } file)
        {
            return PrintDrawing.Failed(NoPreviewReason.CouldNotDraw);
        }

        var drawn = await sandbox.RunAsync(ghostscript, GhostscriptArguments.For(file), path, timeout, new InputSection(file.Offset, file.Length), cancellationToken);
        return drawn.End == SandboxEnd.Finished ? new PrintDrawing(drawn.Output, file.IsEps ? null : new FirstPage(null), null) : Failed(drawn);
    }

    /// <summary>
    /// A Photoshop file's flattened image, by ImageMagick. It reads a link to the file in its working folder, not stdin,
    /// and writes raw pixels after a "width height" line, not a PNG: for a PNG, or piped input, ImageMagick 6 goes through
    /// a temporary file, which the sandbox forbids (and the vips command's own ImageMagick loader, which needs neither,
    /// reads a CMYK file's black channel as opacity). The pixels become a PNG here; the pipeline then checks it like any upload.
    /// </summary>
    private static async Task<PrintDrawing> DrawPhotoshopAsync(Sandbox sandbox, string imageMagick, string path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var size = DrawSize.ToString(CultureInfo.InvariantCulture);
        var drawn = await sandbox.RunAsync(imageMagick, PhotoshopArguments(size), path, timeout, cancellationToken: cancellationToken, inputName: PhotoshopInput);
        if (drawn.End != SandboxEnd.Finished) return Failed(drawn);
        return RawPixels.ToPng(drawn.Output, DrawSize) is { } png ? new PrintDrawing(png, null, null) : PrintDrawing.Failed(NoPreviewReason.CouldNotDraw);
    }

    private const string PhotoshopInput = "input.psd";

    /// <summary>
    /// "psd:" reads the bytes as Photoshop and nothing else (only files whose bytes are PSD or PSB come here), "[0]" takes
    /// only the flattened image Photoshop saves beside the layers, so the layers are never composed. ImageMagick's own
    /// limits sit under the sandbox's: pixels in memory only, one thread, at most 30000 px a side (Photoshop's own PSD
    /// limit) and 128 megapixels. CMYK becomes sRGB by formula (close enough to judge, not a colour proof); "-thumbnail"
    /// shrinks, never enlarges, and drops profiles and metadata.
    /// </summary>
    private static string[] PhotoshopArguments(string size) =>
    [
        "-limit", "memory", "256MiB", "-limit", "map", "256MiB", "-limit", "disk", "0", "-limit", "thread", "1",
        "-limit", "width", "30000", "-limit", "height", "30000", "-limit", "area", "128MP",
        $"psd:{PhotoshopInput}[0]", "-colorspace", "sRGB", "-thumbnail", $"{size}x{size}>", "-depth", "8",
        "-format", "%w %h\n", "-write", "info:-", "rgba:-",
    ];

    /// <summary>
    /// A font's specimen: fc-scan reads the name the font gives itself (no name: no font fontconfig can open, so nothing
    /// is drawn, and ImageMagick never falls back to another typeface), then ImageMagick draws the specimen in it, raw
    /// pixels as for a Photoshop file. Both read a link to the file in the working folder: FreeType opens fonts by path.
    /// </summary>
    private async Task<PrintDrawing> DrawSpecimenAsync(Sandbox sandbox, string imageMagick, string path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_fontScan is null) return PrintDrawing.Failed(NoPreviewReason.NoRenderer);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var scanned = await sandbox.RunAsync(_fontScan, FontSpecimen.ScanArguments, path, timeout, cancellationToken: cancellationToken, inputName: FontSpecimen.InputName);
        if (scanned.End == SandboxEnd.OverLimits) return Failed(scanned);
        if (scanned.End != SandboxEnd.Finished || FontSpecimen.NameFrom(scanned.Output) is not { } name) return PrintDrawing.Failed(NoPreviewReason.CouldNotDraw);

        var drawn = await sandbox.RunAsync(imageMagick, FontSpecimen.DrawArguments(name, DrawSize), path, timeout - clock.Elapsed, cancellationToken: cancellationToken, inputName: FontSpecimen.InputName);
        if (drawn.End != SandboxEnd.Finished) return Failed(drawn);
        return RawPixels.ToPng(drawn.Output, DrawSize) is { } png ? new PrintDrawing(png, null, null, name) : PrintDrawing.Failed(NoPreviewReason.CouldNotDraw);
    }

    /// <summary>
    /// Whether a PDF's first page is Illustrator's placeholder for a file saved without "Create PDF Compatible File"
    /// ("This is an Adobe® Illustrator® File that was saved without PDF Content"), by pdftotext in the sandbox: drawing
    /// it would show the buyer Adobe's notice, not the artwork. False when it cannot tell.
    /// </summary>
    public async Task<bool> IsIllustratorPlaceholderAsync(string path, TimeSpan budget, CancellationToken cancellationToken = default)
    {
        if (_pdfToText is null || _sandbox.Value is not { } sandbox) return false;
        var allowed = budget < _limits.Timeout ? budget : _limits.Timeout;
        if (allowed <= TimeSpan.Zero || !await _slots.WaitAsync(allowed, cancellationToken)) return false;
        try
        {
            var text = await Task.Run(() => sandbox.RunAsync(_pdfToText, ["-f", "1", "-l", "1", "-q", "-enc", "UTF-8", "-", "-"], path, allowed, cancellationToken: cancellationToken), cancellationToken);
            return text.End == SandboxEnd.Finished && IllustratorPlaceholder().IsMatch(Encoding.UTF8.GetString(text.Output));
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException or InvalidOperationException)
        {
            LogDrawingFailed(e, _pdfToText);
            return false;
        }
        finally
        {
            _slots.Release();
        }
    }

    [GeneratedRegex(@"saved\s+without\s+PDF\s+Content", RegexOptions.IgnoreCase)]
    private static partial Regex IllustratorPlaceholder();

    private static PrintDrawing Failed(SandboxRun run) =>
        PrintDrawing.Failed(run.End == SandboxEnd.OverLimits ? NoPreviewReason.OverLimits : NoPreviewReason.CouldNotDraw);

    /// <summary>"Pages: 4" from pdfinfo; null when it cannot say (the page then reads "First page").</summary>
    private async Task<int?> PageCountAsync(Sandbox sandbox, string path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_pdfInfo is null || timeout <= TimeSpan.Zero) return null;
        var info = await sandbox.RunAsync(_pdfInfo, ["-"], path, timeout, cancellationToken: cancellationToken);
        if (info.End != SandboxEnd.Finished) return null;
        var pages = PagesLine().Match(Encoding.Latin1.GetString(info.Output));
        return pages.Success && int.TryParse(pages.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0 ? count : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not run {Program} to draw a print preview; the file is stored without one")]
    private partial void LogDrawingFailed(Exception exception, string program);

    [GeneratedRegex(@"^Pages:\s+(\d{1,9})\s*$", RegexOptions.Multiline)]
    private static partial Regex PagesLine();

    private string? ProgramFor(PrintFormat format) => format switch
    {
        PrintFormat.Pdf => _pdfToCairo,
        PrintFormat.Svg => _rsvgConvert,
        PrintFormat.PostScript => _ghostscript,
        PrintFormat.Psd or PrintFormat.Font => _imageMagick,
        _ => _vips,
    };

    private Sandbox? MakeSandbox()
    {
        if (Find("setsid") is not { } setsid || Find("prlimit") is not { } prlimit)
        {
            return null;
        }

        return new Sandbox(setsid, prlimit, UnshareIfItWorks(), _limits);
    }

    /// <summary>Containers and some kernels refuse unprivileged user namespaces; then drawings run with the network.</summary>
    private static string? UnshareIfItWorks()
    {
        if (Find("unshare") is not { } unshare || Find("true") is not { } @true) return null;
        try
        {
            using var probe = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(unshare, ["-rn", "--", @true])
            {
                UseShellExecute = false,
                RedirectStandardError = true,
            });
            if (probe is null) return null;
            if (!probe.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                probe.Kill();
                return null;
            }

            return probe.ExitCode == 0 ? unshare : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>A full path as given if it exists; a bare name from PATH, or the usual Debian folders when PATH is bare.</summary>
    private static string? Find(string program)
    {
        if (Path.IsPathRooted(program)) return File.Exists(program) ? program : null;
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Concat(["/usr/bin", "/bin", "/usr/sbin", "/sbin"]);
        return folders.Select(folder => Path.Combine(folder, program)).FirstOrDefault(File.Exists);
    }
}

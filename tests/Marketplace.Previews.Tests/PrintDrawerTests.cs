using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Marketplace.Previews.Tests;

/// <summary>The sandbox around the print renderers: its wall clock, its output cap, page sizes, and a machine without the renderers.</summary>
[Collection(PipelineCollection.Name)]
public sealed class PrintDrawerTests(PipelineFixture fixture)
{
    [Fact]
    public async Task A_pdf_that_takes_too_long_is_killed_at_the_time_limit_and_leaves_nothing_running()
    {
        PrintFiles.RequireRenderers();
        var path = fixture.Write("slow.pdf", PrintFiles.SlowPdf());
        var limit = TimeSpan.FromMilliseconds(300);
        var previews = Previews(new PrintDrawingLimits { Timeout = limit });
        var clock = Stopwatch.StartNew();

        var drawn = await previews.RenderAsync(path, PrintFormat.Pdf, "Marketplace");

        Assert.True(clock.Elapsed < limit + TimeSpan.FromSeconds(5), $"the drawing ended after {clock.Elapsed}");
        Assert.Equal(new NoPreview("PDF", NoPreviewReason.OverLimits), drawn.NotDrawn);
        Assert.Null(drawn.Previews);
        Assert.Empty(OrphanedDrawings());
    }

    [Fact]
    public async Task A_postscript_loop_that_never_ends_is_killed_at_the_time_limit_and_leaves_nothing_running()
    {
        PrintFiles.RequireRenderers();
        var path = fixture.Write("loop.eps", "%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 100 100\n%%EndComments\n{} loop\n"u8);
        var limit = TimeSpan.FromMilliseconds(500);
        var clock = Stopwatch.StartNew();

        var drawn = await Previews(new PrintDrawingLimits { Timeout = limit }).RenderAsync(path, PrintFormat.PostScript, "Marketplace");

        Assert.True(clock.Elapsed < limit + TimeSpan.FromSeconds(5), $"the drawing ended after {clock.Elapsed}");
        Assert.Equal(new NoPreview("EPS", NoPreviewReason.OverLimits), drawn.NotDrawn);
        Assert.Empty(OrphanedDrawings());
    }

    public static TheoryData<string, string> HugePages => new()
    {
        // The box itself is huge: drawn scaled down to the preview size.
        { "huge box", "%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 100000 100000\n%%EndComments\n0 0 1 setrgbcolor 0 0 100000 100000 rectfill\nshowpage\n" },
        // A tiny box (drawn at a huge resolution) whose program then asks for a huge page and resolution: refused by the fixed media.
        { "tiny box asking for a huge page", "%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 1 1\n%%EndComments\n<< /PageSize [100000 100000] /HWResolution [4000 4000] >> setpagedevice\n0 0 1 setrgbcolor 0 0 1 1 rectfill\nshowpage\n" },
        // No box at all: whatever page the program asks for is scaled to fit the preview's page.
        { "no box, huge page", "%!PS\n<< /PageSize [100000 100000] >> setpagedevice\n0 0 1 setrgbcolor 0 0 100000 100000 rectfill\nshowpage\n" },
    };

    [Theory]
    [MemberData(nameof(HugePages))]
    public async Task A_postscript_page_of_any_size_is_drawn_no_larger_than_the_preview_needs(string kind, string postScript)
    {
        PrintFiles.RequireRenderers();
        var path = fixture.Write("huge.eps", System.Text.Encoding.ASCII.GetBytes(postScript));
        var drawer = new PrintDrawer(Options.Create(new PreviewOptions()));

        var drawn = await drawer.DrawAsync(path, PrintFormat.PostScript);

        Assert.True(drawn.Failure is null, $"{kind}: {drawn.Failure}");
        using var png = Image.NewFromBuffer(drawn.Png!);
        Assert.True(png.Width <= PrintDrawer.DrawSize && png.Height <= PrintDrawer.DrawSize, $"{kind}: drawn at {png.Width}×{png.Height}");
        using var middle = png.Crop(png.Width / 2, png.Height / 2, 1, 1);
        Assert.Equal(255, middle.ExtractBand(2).Avg());
    }

    [Fact]
    public async Task A_drawing_gets_only_what_is_left_of_its_uploads_time()
    {
        PrintFiles.RequireRenderers();
        var path = fixture.Write("slow.pdf", PrintFiles.SlowPdf());
        var previews = Previews(new PrintDrawingLimits());
        var clock = Stopwatch.StartNew();

        var drawn = await previews.RenderAsync(path, PrintFormat.Pdf, "Marketplace", budget: TimeSpan.FromMilliseconds(300));
        var nothingLeft = await previews.RenderAsync(path, PrintFormat.Pdf, "Marketplace", budget: TimeSpan.Zero);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the drawings ended after {clock.Elapsed}, not within the upload's time");
        Assert.Equal(new NoPreview("PDF", NoPreviewReason.OverLimits), drawn.NotDrawn);
        Assert.Equal(new NoPreview("PDF", NoPreviewReason.OverLimits), nothingLeft.NotDrawn);
        Assert.Empty(OrphanedDrawings());
    }

    [Fact]
    public async Task A_drawing_whose_time_ran_out_before_it_started_is_over_the_limits_and_starts_no_program()
    {
        PrintFiles.RequireRenderers();
        var path = fixture.Write("spent.pdf", PrintFiles.SlowPdf());
        var sandbox = new Sandbox("/usr/bin/setsid", "/usr/bin/prlimit", unshare: null, new PrintDrawingLimits());

        var run = await sandbox.RunAsync("/usr/bin/pdftocairo", ["-png", "-", "-"], path, TimeSpan.FromMilliseconds(-5));

        Assert.Equal(SandboxEnd.OverLimits, run.End);
        Assert.Empty(run.Output);
        Assert.Empty(OrphanedDrawings());
    }

    [Fact]
    public async Task A_drawing_larger_than_the_output_cap_is_stopped_and_gives_no_preview()
    {
        PrintFiles.RequireRenderers();
        var path = fixture.Write("logo.svg", PrintFiles.SplitSvg(PrintFiles.Red, PrintFiles.Blue));

        var drawn = await Previews(new PrintDrawingLimits { MaxOutputBytes = 1024 }).RenderAsync(path, PrintFormat.Svg, null);

        Assert.Equal(new NoPreview("SVG", NoPreviewReason.OverLimits), drawn.NotDrawn);
    }

    [Theory]
    [InlineData(PrintFormat.Pdf, "PDF")]
    [InlineData(PrintFormat.Svg, "SVG")]
    [InlineData(PrintFormat.PostScript, "EPS")]
    [InlineData(PrintFormat.Tiff, "TIFF")]
    [InlineData(PrintFormat.Psd, "PSD")]
    public async Task Where_the_renderer_is_not_installed_the_file_has_no_preview_because_this_server_cannot_draw_it(PrintFormat format, string name)
    {
        var path = fixture.Write("file", format switch
        {
            PrintFormat.Pdf => PrintFiles.SlowPdf(10),
            PrintFormat.Svg => PrintFiles.SplitSvg(PrintFiles.Red, PrintFiles.Blue),
            PrintFormat.PostScript => PrintFiles.SplitEps(PrintFiles.Red, PrintFiles.Blue),
            PrintFormat.Psd => PrintFiles.SplitPsd(PrintFiles.Red, PrintFiles.Blue),
            _ => PrintFiles.SplitCmykTiff(PrintFiles.Red, PrintFiles.Blue),
        });
        var missing = new PrintDrawingLimits { PdfToCairo = "/nonexistent/pdftocairo", PdfInfo = "/nonexistent/pdfinfo", RsvgConvert = "/nonexistent/rsvg-convert", Ghostscript = "/nonexistent/gs", Vips = "/nonexistent/vips", ImageMagick = "/nonexistent/convert-im6.q16" };
        var drawer = new PrintDrawer(Options.Create(new PreviewOptions { PrintDrawing = missing }));

        var drawn = await new PrintPreviews(drawer, fixture.Pipeline).RenderAsync(path, format, null);

        Assert.Equal(new NoPreview(name, NoPreviewReason.NoRenderer), drawn.NotDrawn);
        Assert.False(drawer.CanDraw(format));
        Assert.Equal("/nonexistent/pdftocairo//nonexistent/pdfinfo (poppler-utils), /nonexistent/rsvg-convert (librsvg2-bin), /nonexistent/gs (ghostscript), /nonexistent/vips (libvips-tools), /nonexistent/convert-im6.q16 (imagemagick-6.q16)", drawer.MissingPrograms());
    }

    [Fact]
    public async Task The_drawing_runs_without_network_where_this_machine_allows_it()
    {
        PrintFiles.RequireRenderers();
        var drawer = new PrintDrawer(Options.Create(new PreviewOptions()));
        var path = fixture.Write("logo.svg", PrintFiles.SplitSvg(PrintFiles.Red, PrintFiles.Blue));

        var drawn = await drawer.DrawAsync(path, PrintFormat.Svg);

        Assert.Null(drawn.Failure);
        using var png = Image.NewFromBuffer(drawn.Png!);
        Assert.Equal((PrintDrawer.DrawSize, PrintDrawer.DrawSize / 2), (png.Width, png.Height));
        // This machine (Debian, CI) allows unprivileged user namespaces; the README says what happens where it does not.
        Assert.True(drawer.WithoutNetwork, "unshare -rn does not work here, so drawings run with the network");
    }

    private PrintPreviews Previews(PrintDrawingLimits limits) =>
        new(new PrintDrawer(Options.Create(new PreviewOptions { PrintDrawing = limits })), fixture.Pipeline);

    /// <summary>
    /// Processes still running in a drawing's working folder after it was deleted: a killed drawing that survived. Drawings
    /// of other tests running now keep their folder, so they never count.
    /// </summary>
    private static List<string> OrphanedDrawings() =>
        Directory.EnumerateDirectories("/proc").Select(folder => Path.Combine(folder, "cwd"))
            .Select(cwd => { try { return new FileInfo(cwd).LinkTarget; } catch (IOException) { return null; } catch (UnauthorizedAccessException) { return null; } })
            .OfType<string>()
            .Where(target => target.Contains("marketplace-draw-", StringComparison.Ordinal) && target.EndsWith(" (deleted)", StringComparison.Ordinal))
            .ToList();
}

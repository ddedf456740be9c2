using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Marketplace.Previews.Tests;

/// <summary>The sandbox around the print renderers: its wall clock, its output cap, and a machine without the renderers.</summary>
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
    public async Task Where_the_renderer_is_not_installed_the_file_has_no_preview_because_this_server_cannot_draw_it(PrintFormat format, string name)
    {
        var path = fixture.Write("file", format == PrintFormat.Pdf ? PrintFiles.SlowPdf(10) : PrintFiles.SplitSvg(PrintFiles.Red, PrintFiles.Blue));
        var missing = new PrintDrawingLimits { PdfToCairo = "/nonexistent/pdftocairo", PdfInfo = "/nonexistent/pdfinfo", RsvgConvert = "/nonexistent/rsvg-convert" };
        var drawer = new PrintDrawer(Options.Create(new PreviewOptions { PrintDrawing = missing }));

        var drawn = await new PrintPreviews(drawer, fixture.Pipeline).RenderAsync(path, format, null);

        Assert.Equal(new NoPreview(name, NoPreviewReason.NoRenderer), drawn.NotDrawn);
        Assert.False(drawer.CanDraw(format));
        Assert.Equal("/nonexistent/pdftocairo//nonexistent/pdfinfo (poppler-utils), /nonexistent/rsvg-convert (librsvg2-bin)", drawer.MissingPrograms());
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

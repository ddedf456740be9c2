using System.Diagnostics;
using System.Text;
using Marketplace.Contracts;

namespace Marketplace.Previews.Tests;

/// <summary>
/// Print finals (PDF, SVG, EPS and other PostScript, an Illustrator file that is a PDF or PostScript inside, TIFF) are drawn in a sandboxed child process and previewed
/// like image finals; a file that cannot be drawn is stored all the same, with the reason instead of a preview.
/// </summary>
[Collection(WorkerCollection.Name)]
public sealed class PrintPreviewTests(WorkerClusterFixture fixture)
{
    private const string Label = "FOR REVIEW ONLY · 2";

    /// <summary>An SVG, and an EPS cropped to its bounding box: one page each, so no "Page 1 of …" line.</summary>
    [Theory]
    [InlineData("logo.svg", "image/svg+xml")]
    [InlineData("logo.eps", "application/postscript")]
    public async Task A_one_page_drawing_previews_in_its_colours_watermarked_without_metadata_and_with_no_page_line(string fileName, string contentType)
    {
        PrintFiles.RequireRenderers();
        var drawing = fileName.EndsWith(".svg", StringComparison.Ordinal)
            ? PrintFiles.SplitSvg(PrintFiles.Red, PrintFiles.Blue)
            : PrintFiles.SplitEps(PrintFiles.Red, PrintFiles.Blue);

        var result = await IngestFinalAsync(drawing, fileName, Label);

        Assert.Equal((fileName, contentType), (result.File!.FileName, result.File.ContentType));
        Assert.Equal(drawing, await ReadAsync(StorageNames.Containers.Finals, result.File.BlobName));
        var manifest = result.Previews!;
        Assert.Null(manifest.NotDrawn);
        Assert.Null(manifest.FirstPage);
        Assert.Equal(PreviewProfile.All.Select(p => p.Size), manifest.Images.Select(i => i.Size));
        using var desktop = await PreviewAsync(manifest, PreviewSizes.Desktop);
        Assert.Equal((960, 480), (desktop.Width, desktop.Height));
        AssertMostly(desktop, 0.05, 0.45, "red");
        AssertMostly(desktop, 0.55, 0.95, "blue");
        AssertNoMetadata(desktop);
        await AssertWatermarkedAsync(drawing, fileName, desktop);
        await AssertStoredPrivatelyAsync(manifest);
    }

    [Theory]
    [InlineData("business-card.pdf", "application/pdf")]
    [InlineData("logo.ai", "application/postscript")]
    public async Task A_pdf_previews_its_first_page_and_says_how_many_pages_it_has(string fileName, string contentType)
    {
        var pdf = PrintFiles.Pdf(
            PrintFiles.SplitSvg(PrintFiles.Blue, PrintFiles.Red, 300, 400),
            PrintFiles.SplitSvg(PrintFiles.Green, PrintFiles.Green, 300, 400),
            PrintFiles.SplitSvg(PrintFiles.Green, PrintFiles.Green, 300, 400));

        var result = await IngestFinalAsync(pdf, fileName, Label);

        Assert.Equal((fileName, contentType), (result.File!.FileName, result.File.ContentType));
        Assert.Equal(pdf, await ReadAsync(StorageNames.Containers.Finals, result.File.BlobName));
        var manifest = result.Previews!;
        Assert.Equal(new FirstPage(3), manifest.FirstPage);
        using var desktop = await PreviewAsync(manifest, PreviewSizes.Desktop);
        Assert.Equal((960, 1280), (desktop.Width, desktop.Height));
        AssertMostly(desktop, 0.05, 0.45, "blue");
        AssertMostly(desktop, 0.55, 0.95, "red");
        AssertNoMetadata(desktop);
        await AssertWatermarkedAsync(pdf, fileName, desktop);
        await AssertStoredPrivatelyAsync(manifest);
    }

    [Fact]
    public async Task An_illustrator_file_saved_as_postscript_previews_its_artwork_and_says_it_shows_the_first_page()
    {
        PrintFiles.RequireRenderers();
        // Illustrator 8 and older wrote PostScript, not an EPS, with the artwork wherever it sat on the artboard.
        var ai = Encoding.ASCII.GetBytes($"""
            %!PS-Adobe-3.0
            %%Creator: Adobe Illustrator(R) 8.0
            %%BoundingBox: 92 280 392 480
            %%EndComments
            {PrintFiles.PostScriptRgb(PrintFiles.Green)} setrgbcolor 92 280 150 200 rectfill
            {PrintFiles.PostScriptRgb(PrintFiles.Red)} setrgbcolor 242 280 150 200 rectfill
            showpage
            %%EOF

            """);

        var result = await IngestFinalAsync(ai, "mark.ai", null);

        Assert.Equal(("mark.ai", "application/postscript"), (result.File!.FileName, result.File.ContentType));
        Assert.Equal(new FirstPage(null), result.Previews!.FirstPage);
        using var desktop = await PreviewAsync(result.Previews, PreviewSizes.Desktop);
        Assert.Equal((960, 640), (desktop.Width, desktop.Height));
        AssertMostly(desktop, 0.05, 0.45, "green");
        AssertMostly(desktop, 0.55, 0.95, "red");
    }

    [Fact]
    public async Task A_binary_header_eps_previews_its_postscript_and_ignores_its_preview_section()
    {
        PrintFiles.RequireRenderers();
        var eps = PrintFiles.BinaryEps(PrintFiles.SplitEps(PrintFiles.Green, PrintFiles.Blue));

        var result = await IngestFinalAsync(eps, "logo.eps", null);

        Assert.Equal(eps, await ReadAsync(StorageNames.Containers.Finals, result.File!.BlobName));
        Assert.Null(result.Previews!.NotDrawn);
        using var desktop = await PreviewAsync(result.Previews, PreviewSizes.Desktop);
        Assert.Equal((960, 480), (desktop.Width, desktop.Height));
        AssertMostly(desktop, 0.05, 0.45, "green");
        AssertMostly(desktop, 0.55, 0.95, "blue");
    }

    /// <summary>
    /// Print files as drivers write them ("print to file"): the Ctrl-D or PJL header before the PostScript is not drawn
    /// and does not hide the header comments (the page's size, an EPS's box), and the file is kept byte for byte.
    /// </summary>
    [Theory]
    [InlineData("ctrl-d", "brochure.ps")]
    [InlineData("pjl", "brochure.ps")]
    [InlineData("pjl-and-ctrl-d", "brochure.ps")]
    [InlineData("ctrl-d", "logo.eps")]
    public async Task A_print_file_with_a_drivers_ctrl_d_or_pjl_header_previews_its_postscript(string driver, string fileName)
    {
        PrintFiles.RequireRenderers();
        var eps = fileName.EndsWith(".eps", StringComparison.Ordinal);
        var file = PrintFiles.FromDriver(driver, eps
            ? PrintFiles.SplitEps(PrintFiles.Blue, PrintFiles.Red)
            : PrintFiles.PostScript(300, 400, (PrintFiles.Blue, PrintFiles.Red)));

        var result = await IngestFinalAsync(file, fileName, null);

        Assert.Equal(file, await ReadAsync(StorageNames.Containers.Finals, result.File!.BlobName));
        Assert.Null(result.Previews!.NotDrawn);
        using var desktop = await PreviewAsync(result.Previews, PreviewSizes.Desktop);
        Assert.Equal(eps ? (960, 480) : (960, 1280), (desktop.Width, desktop.Height));
        AssertMostly(desktop, 0.05, 0.45, "blue");
        AssertMostly(desktop, 0.55, 0.95, "red");
    }

    [Fact]
    public async Task A_postscript_document_previews_its_first_page_only_and_stops_there()
    {
        PrintFiles.RequireRenderers();
        // Drawing past the first page would reach the endless loop at the end and be killed at the time limit.
        var document = Encoding.ASCII.GetBytes(
            Encoding.ASCII.GetString(PrintFiles.PostScript(300, 400, (PrintFiles.Blue, PrintFiles.Red), (PrintFiles.Green, PrintFiles.Green))) + "{} loop\n");
        var clock = Stopwatch.StartNew();

        var result = await IngestFinalAsync(document, "brochure.ps", null);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"drawing took {clock.Elapsed}");
        var manifest = result.Previews!;
        Assert.Null(manifest.NotDrawn);
        // Counting PostScript pages means running all of it: the page says "First page", never "Page 1 of 2".
        Assert.Equal(new FirstPage(null), manifest.FirstPage);
        using var desktop = await PreviewAsync(manifest, PreviewSizes.Desktop);
        Assert.Equal((960, 1280), (desktop.Width, desktop.Height));
        AssertMostly(desktop, 0.05, 0.45, "blue");
        AssertMostly(desktop, 0.55, 0.95, "red");
    }

    [Fact]
    public async Task Postscript_reaching_for_files_pipes_or_the_disk_is_refused_by_ghostscripts_safer_mode()
    {
        PrintFiles.RequireRenderers();
        // Each third of the page turns green if its attempt succeeds and red if Ghostscript refuses it.
        var eps = Encoding.ASCII.GetBytes($$"""
            %!PS-Adobe-3.0 EPSF-3.0
            %%BoundingBox: 0 0 300 100
            %%EndComments
            /band { exch /x exch def mark exch stopped { cleartomark {{PrintFiles.PostScriptRgb(PrintFiles.Red)}} } { cleartomark {{PrintFiles.PostScriptRgb(PrintFiles.Green)}} } ifelse setrgbcolor x 0 100 100 rectfill } def
            0 { (/etc/passwd) (r) file 100 string readstring pop pop } band
            100 { (%pipe%id > /dev/null) (r) file pop } band
            200 { (written-by-postscript.txt) (w) file dup (x) writestring closefile } band
            showpage
            %%EOF

            """);

        var result = await IngestFinalAsync(eps, "logo.eps", null);

        using var desktop = await PreviewAsync(result.Previews!, PreviewSizes.Desktop);
        AssertMostly(desktop, 0.03, 0.30, "red");
        AssertMostly(desktop, 0.36, 0.63, "red");
        AssertMostly(desktop, 0.70, 0.97, "red");
    }

    [Fact]
    public async Task Postscript_that_prints_a_local_file_gets_no_preview_and_nothing_of_the_file_comes_back()
    {
        PrintFiles.RequireRenderers();
        var eps = Encoding.ASCII.GetBytes("""
            %!PS-Adobe-3.0 EPSF-3.0
            %%BoundingBox: 0 0 600 100
            %%EndComments
            /Helvetica 12 selectfont 10 50 moveto
            (/etc/passwd) (r) file 200 string readstring pop dup print show
            showpage
            %%EOF

            """);
        var path = Path.Combine(Path.GetTempPath(), $"passwd-{Guid.NewGuid():N}.eps");
        await File.WriteAllBytesAsync(path, eps);
        try
        {
            var drawn = await new PrintDrawer(Microsoft.Extensions.Options.Options.Create(new PreviewOptions())).DrawAsync(path, PrintFormat.PostScript);

            Assert.Equal(NoPreviewReason.CouldNotDraw, drawn.Failure);
            Assert.Null(drawn.Png);
        }
        finally
        {
            File.Delete(path);
        }

        var result = await IngestFinalAsync(eps, "logo.eps", Label);
        Assert.Equal(new NoPreview("EPS", NoPreviewReason.CouldNotDraw), result.Previews!.NotDrawn);
        Assert.Empty(result.Previews.Images);
    }

    [Fact]
    public async Task A_cmyk_tiff_final_previews_in_its_colours_drawn_outside_the_silo()
    {
        PrintFiles.RequireRenderers();
        var tiff = PrintFiles.SplitCmykTiff(PrintFiles.Red, PrintFiles.Blue, 4000, 2000);

        var result = await IngestFinalAsync(tiff, "poster.tif", Label);

        Assert.Equal(("poster.tif", "image/tiff"), (result.File!.FileName, result.File.ContentType));
        var manifest = result.Previews!;
        Assert.Null(manifest.NotDrawn);
        Assert.Null(manifest.FirstPage);
        using var desktop = await PreviewAsync(manifest, PreviewSizes.Desktop);
        Assert.Equal((960, 480), (desktop.Width, desktop.Height));
        AssertMostly(desktop, 0.05, 0.45, "red");
        AssertMostly(desktop, 0.55, 0.95, "blue");
        AssertNoMetadata(desktop);
        await AssertStoredPrivatelyAsync(manifest);
    }

    [Theory]
    [InlineData("rgb, raw", false, 8, false)]
    [InlineData("rgb, 16-bit, PackBits", false, 16, true)]
    [InlineData("cmyk, PackBits", true, 8, true)]
    public async Task A_photoshop_final_previews_its_flattened_image_in_its_colours_drawn_outside_the_silo(string kind, bool cmyk, int depth, bool packBits)
    {
        PrintFiles.RequireRenderers();
        var psd = PrintFiles.SplitPsd(PrintFiles.Red, PrintFiles.Blue, 4000, 2000, cmyk, depth, packBits);

        var result = await IngestFinalAsync(psd, "poster.psd", Label);

        Assert.Equal(("poster.psd", "image/vnd.adobe.photoshop"), (result.File!.FileName, result.File.ContentType));
        var manifest = result.Previews!;
        Assert.True(manifest.NotDrawn is null, $"{kind}: {manifest.NotDrawn}");
        Assert.Null(manifest.FirstPage);
        using var desktop = await PreviewAsync(manifest, PreviewSizes.Desktop);
        Assert.Equal((960, 480), (desktop.Width, desktop.Height));
        AssertMostly(desktop, 0.05, 0.45, "red");
        AssertMostly(desktop, 0.55, 0.95, "blue");
        if (!cmyk)
        {
            AssertNear(desktop, 0.05, 0.45, PrintFiles.Red);
            AssertNear(desktop, 0.55, 0.95, PrintFiles.Blue);
        }

        AssertNoMetadata(desktop);
        await AssertStoredPrivatelyAsync(manifest);
    }

    [Fact]
    public async Task A_plain_srgb_tiff_final_keeps_its_colours_in_the_preview()
    {
        PrintFiles.RequireRenderers();
        var tiff = PrintFiles.SplitRgbTiff(PrintFiles.Red, PrintFiles.Blue);

        var result = await IngestFinalAsync(tiff, "scan.tif", null);

        using var phone = await PreviewAsync(result.Previews!, PreviewSizes.Phone);
        AssertNear(phone, 0.05, 0.45, PrintFiles.Red);
        AssertNear(phone, 0.55, 0.95, PrintFiles.Blue);
    }

    [Fact]
    public async Task A_saved_selection_in_a_flat_photoshop_file_does_not_hide_any_of_the_picture()
    {
        PrintFiles.RequireRenderers();
        // A fourth channel in a file without layers is a saved selection (an "alpha channel" in Photoshop's words), not
        // transparency: Photoshop shows the whole picture, and so must the preview.
        var psd = PrintFiles.SplitPsd(PrintFiles.Red, PrintFiles.Blue, 400, 200, extraChannel: true);

        var result = await IngestFinalAsync(psd, "sticker.psd", null);

        using var phone = await PreviewAsync(result.Previews!, PreviewSizes.Phone);
        AssertNear(phone, 0.05, 0.45, PrintFiles.Red);
        AssertNear(phone, 0.55, 0.95, PrintFiles.Blue);
    }

    [Fact]
    public async Task An_svg_pointing_at_local_files_or_the_network_draws_without_them_and_does_not_hang()
    {
        PrintFiles.RequireRenderers();
        // Each reference would paint the right half; drawn from stdin with no base address, none is followed.
        var svg = Encoding.UTF8.GetBytes($"""
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="400" height="200">
              <rect width="400" height="200" fill="{PrintFiles.Red}"/>
              <image x="200" width="200" height="200" href="file:///etc/passwd"/>
              <image x="200" width="200" height="200" href="file:///usr/share/pixmaps/debian-logo.png"/>
              <image x="200" width="200" height="200" xlink:href="http://10.255.255.1/blue.png"/>
              <image x="200" width="200" height="200" href="https://example.com/blue.png"/>
              <use href="file:///etc/fonts/fonts.conf#x"/>
            </svg>
            """);
        var clock = Stopwatch.StartNew();

        var result = await IngestFinalAsync(svg, "logo.svg", null);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"drawing took {clock.Elapsed}");
        using var desktop = await PreviewAsync(result.Previews!, PreviewSizes.Desktop);
        AssertMostly(desktop, 0.05, 0.45, "red");
        AssertMostly(desktop, 0.55, 0.95, "red");
    }

    [Fact]
    public async Task A_huge_canvas_svg_is_drawn_scaled_to_the_preview_size_within_the_limits()
    {
        PrintFiles.RequireRenderers();
        // A vector canvas costs nothing by its declared size: it is drawn at the preview size, never at 100 million pixels.
        var svg = PrintFiles.SplitSvg(PrintFiles.Green, PrintFiles.Blue, 100_000_000, 100_000_000);
        var clock = Stopwatch.StartNew();

        var result = await IngestFinalAsync(svg, "huge.svg", null);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"drawing took {clock.Elapsed}");
        using var desktop = await PreviewAsync(result.Previews!, PreviewSizes.Desktop);
        Assert.Equal((960, 960), (desktop.Width, desktop.Height));
        AssertMostly(desktop, 0.05, 0.45, "green");
        AssertMostly(desktop, 0.55, 0.95, "blue");
    }

    public static TheoryData<string, string, NoPreviewReason> Undrawable => new()
    {
        { "billion laughs", "logo.svg", NoPreviewReason.CouldNotDraw },
        { "not svg", "logo.svg", NoPreviewReason.CouldNotDraw },
        { "truncated", "business-card.pdf", NoPreviewReason.CouldNotDraw },
        { "only a header", "brand book.pdf", NoPreviewReason.CouldNotDraw },
        { "truncated eps", "logo.eps", NoPreviewReason.CouldNotDraw },
        { "garbage postscript", "poster.eps", NoPreviewReason.CouldNotDraw },
        { "binary eps pointing past its end", "logo.eps", NoPreviewReason.CouldNotDraw },
        { "truncated tiff", "scan.tiff", NoPreviewReason.CouldNotDraw },
        { "truncated psd", "layers.psd", NoPreviewReason.CouldNotDraw },
        { "psd declaring 30000 x 30000 px", "poster.psd", NoPreviewReason.CouldNotDraw },
    };

    [Theory]
    [MemberData(nameof(Undrawable))]
    public async Task A_print_file_that_cannot_be_drawn_is_still_delivered_without_a_preview_and_says_why(string kind, string fileName, NoPreviewReason reason)
    {
        PrintFiles.RequireRenderers();
        var bytes = kind switch
        {
            "billion laughs" => BillionLaughs(),
            "not svg" => Encoding.UTF8.GetBytes($"<html><body>Not a drawing {Guid.NewGuid():N}</body></html>"),
            "truncated" => Truncated(PrintFiles.Pdf(PrintFiles.SplitSvg(PrintFiles.Red, PrintFiles.Blue))),
            // Cut off inside a procedure, as an interrupted upload or a full disk leaves it.
            "truncated eps" => Encoding.ASCII.GetBytes($"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 100 100\n% {Guid.NewGuid():N}\n/logo {{ 1 0 0 setrgbcolor 0 0 100 100 rectf"),
            "garbage postscript" => Encoding.ASCII.GetBytes($"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 100 100\n% {Guid.NewGuid():N}\nthis is not ) PostScript }} at all\n"),
            // Cut off inside its pixels, so before the directory libtiff needs (written after them).
            "truncated tiff" => PrintFiles.SplitCmykTiff(PrintFiles.Red, PrintFiles.Green, 300 + Random.Shared.Next(100), 300)[..20_000],
            // Cut off inside the flattened image, as an interrupted upload leaves it.
            "truncated psd" => PrintFiles.SplitPsd(PrintFiles.Red, PrintFiles.Green, 300 + Random.Shared.Next(100), 300)[..20_000],
            // A header claiming Photoshop's largest canvas (900 megapixels) over a few bytes: refused before any pixel is held.
            "psd declaring 30000 x 30000 px" => DeclaringSize(PrintFiles.SplitPsd(PrintFiles.Red, PrintFiles.Green, 64 + Random.Shared.Next(64), 64), 30_000, 30_000),
            "binary eps pointing past its end" => PointingPastItsEnd(PrintFiles.BinaryEps(PrintFiles.SplitEps(PrintFiles.Red, PrintFiles.Blue))),
            _ => Encoding.ASCII.GetBytes($"%PDF-1.7\n% print file {Guid.NewGuid():N}\n%%EOF\n"),
        };
        var handoverPreviewsBefore = await fixture.BlobNamesAsync(StorageNames.Containers.HandoverPreviews);
        var clock = Stopwatch.StartNew();

        var result = await IngestFinalAsync(bytes, fileName, Label);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"{kind} took {clock.Elapsed}");
        Assert.Equal(bytes, await ReadAsync(StorageNames.Containers.Finals, result.File!.BlobName));
        var manifest = result.Previews!;
        Assert.Empty(manifest.Images);
        Assert.Equal(new NoPreview(Path.GetExtension(fileName).TrimStart('.').ToUpperInvariant(), reason), manifest.NotDrawn);
        Assert.Equal(result.File.Sha256, manifest.OriginalSha256);
        Assert.Equal(handoverPreviewsBefore, await fixture.BlobNamesAsync(StorageNames.Containers.HandoverPreviews));
    }

    [Fact]
    public async Task A_zero_byte_print_file_is_refused_when_uploaded_as_every_empty_upload_is()
    {
        // Not a drawing failure: an empty file is never a deliverable, so the creative hears it at once and nothing is kept.
        var staged = await fixture.Files.StageAsync(new MemoryStream([]));

        Assert.False(staged.Accepted);
        Assert.Equal(UploadRefusalCode.Empty, staged.Refusal!.Code);
        Assert.Equal("The file is empty (0 bytes). Choose the file again and upload it.", staged.Refusal.Message);
    }

    [Fact]
    public async Task Other_final_files_get_neither_a_preview_nor_a_reason()
    {
        // An InDesign document: nothing we can draw, and nothing to apologise for.
        var layout = Encoding.ASCII.GetBytes($"InDesign layout {Guid.NewGuid():N}");

        var result = await IngestFinalAsync(layout, "brochure.indd", Label);

        Assert.Null(result.Previews);
    }

    [Fact]
    public async Task An_eps_that_is_really_a_png_is_refused_like_any_final_whose_name_lies_and_nothing_is_stored()
    {
        var finalsBefore = await fixture.BlobNamesAsync(StorageNames.Containers.Finals);
        var png = SampleFiles.Of("png");

        var result = await fixture.Worker.IngestFinalsAsync([new StagedUpload(await fixture.StageAsync(png), "logo.eps")], Label);

        Assert.False(result.Accepted);
        Assert.Equal(("logo.eps", UploadRefusalCode.NameContradictsContent), (result.RefusedFileName, result.Refusal!.Code));
        Assert.Equal("logo.eps is not an EPS (PostScript) file: its contents are a PNG image. Export it as EPS again, or rename it to logo.png.", result.Refusal.Message);
        Assert.Equal(finalsBefore, await fixture.BlobNamesAsync(StorageNames.Containers.Finals));
    }

    private async Task<IngestResult> IngestFinalAsync(byte[] bytes, string fileName, string? label)
    {
        var result = await fixture.Worker.IngestFinalsAsync([new StagedUpload(await fixture.StageAsync(bytes), fileName)], label);
        Assert.True(result.Accepted, result.Refusal?.Message);
        return Assert.Single(result.Stored);
    }

    private async Task<Image> PreviewAsync(PreviewManifest manifest, string size)
    {
        var image = manifest.Find(size) ?? throw new Xunit.Sdk.XunitException($"no {size} preview");
        return Image.NewFromBuffer(await ReadAsync(StorageNames.Containers.HandoverPreviews, image.BlobName)).CopyMemory();
    }

    /// <summary>The same file without a watermark differs from <paramref name="watermarked"/> all over, yet looks alike.</summary>
    private async Task AssertWatermarkedAsync(byte[] bytes, string fileName, Image watermarked)
    {
        var plain = await IngestFinalAsync(bytes, fileName, null);
        using var unmarked = await PreviewAsync(plain.Previews!, PreviewSizes.Desktop);
        var difference = PreviewAssertions.MeanDifference(watermarked, unmarked);
        Assert.InRange(difference, 2, 40);
    }

    private async Task AssertStoredPrivatelyAsync(PreviewManifest manifest)
    {
        var handoverPreviews = await fixture.BlobNamesAsync(StorageNames.Containers.HandoverPreviews);
        var publicPreviews = await fixture.BlobNamesAsync(StorageNames.Containers.Previews);
        Assert.All(manifest.Images, i => Assert.Contains(i.BlobName, handoverPreviews));
        Assert.All(manifest.Images, i => Assert.DoesNotContain(i.BlobName, publicPreviews));
    }

    private static void AssertNoMetadata(Image preview)
    {
        var fields = preview.GetFields();
        Assert.DoesNotContain("exif-data", fields);
        Assert.DoesNotContain("xmp-data", fields);
        Assert.DoesNotContain("icc-profile-data", fields);
    }

    /// <summary>The band from <paramref name="from"/> to <paramref name="to"/> of the width (middle 60% of the height) is mostly <paramref name="colour"/>.</summary>
    private static void AssertMostly(Image preview, double from, double to, string colour)
    {
        using var area = preview.Crop((int)(preview.Width * from), (int)(preview.Height * 0.2), (int)(preview.Width * (to - from)), (int)(preview.Height * 0.6));
        var (r, g, b) = (area.ExtractBand(0).Avg(), area.ExtractBand(1).Avg(), area.ExtractBand(2).Avg());
        var dominant = colour switch
        {
            "red" => r - Math.Max(g, b),
            "green" => g - Math.Max(r, b),
            _ => b - Math.Max(r, g),
        };
        Assert.True(dominant > 60, $"expected {colour} between {from:P0} and {to:P0}, got rgb({r:F0}, {g:F0}, {b:F0})");
    }

    /// <summary>
    /// The band's mean colour is within a few levels of <paramref name="hex"/> in each channel (JPEG rounding and the
    /// watermark's faint tiles move it a little, a colour conversion a lot).
    /// </summary>
    private static void AssertNear(Image preview, double from, double to, string hex)
    {
        using var area = preview.Crop((int)(preview.Width * from), (int)(preview.Height * 0.2), (int)(preview.Width * (to - from)), (int)(preview.Height * 0.6));
        var expected = PrintFiles.Channels(hex);
        var actual = Enumerable.Range(0, 3).Select(band => area.ExtractBand(band).Avg()).ToArray();
        Assert.True(expected.Zip(actual).All(pair => Math.Abs(pair.First - pair.Second) <= 16),
            $"expected about rgb({string.Join(", ", expected)}) between {from:P0} and {to:P0}, got rgb({string.Join(", ", actual.Select(v => v.ToString("F0")))})");
    }

    private static byte[] Truncated(byte[] pdf) => pdf[..(pdf.Length / 3)];

    /// <summary>The binary header says the PostScript is longer than the file.</summary>
    private static byte[] PointingPastItsEnd(byte[] eps)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(eps.AsSpan(8), (uint)eps.Length);
        return eps;
    }

    /// <summary>The Photoshop header claims another canvas size than the pixels that follow.</summary>
    private static byte[] DeclaringSize(byte[] psd, int width, int height)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(psd.AsSpan(14), height);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(psd.AsSpan(18), width);
        return psd;
    }

    private static byte[] BillionLaughs()
    {
        var entities = new StringBuilder("<!ENTITY a \"lol lol lol lol lol lol lol lol lol lol\">\n");
        for (var level = 1; level < 10; level++)
        {
            var previous = (char)('a' + level - 1);
            entities.Append($"<!ENTITY {(char)('a' + level)} \"{string.Concat(Enumerable.Repeat($"&{previous};", 10))}\">\n");
        }

        return Encoding.UTF8.GetBytes($"""
            <?xml version="1.0"?>
            <!DOCTYPE svg [
            {entities}]>
            <svg xmlns="http://www.w3.org/2000/svg" width="400" height="200"><text x="0" y="100">&j;</text></svg>
            """);
    }

    private async Task<byte[]> ReadAsync(string container, string blobName)
    {
        await using var download = await fixture.Files.OpenReadAsync(container, blobName);
        using var copy = new MemoryStream();
        await download!.Content.CopyToAsync(copy);
        return copy.ToArray();
    }
}

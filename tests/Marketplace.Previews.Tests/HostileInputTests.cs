using System.Diagnostics;
using System.Text;

namespace Marketplace.Previews.Tests;

/// <summary>Refusals that must come from the header alone: checked for time, memory and pixels decoded.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HostileInputCollection : ICollectionFixture<PipelineFixture>
{
    public const string Name = "hostile inputs (alone, so libvips memory figures are ours)";
}

[Collection(HostileInputCollection.Name)]
public sealed class HostileInputTests(PipelineFixture fixture)
{
    [Fact]
    public void An_empty_file_is_refused() =>
        AssertRefusedBeforeDecoding(fixture.Write("entry.png", []), UploadRefusalCode.Empty, "empty");

    [Fact]
    public void A_text_file_named_png_is_refused_by_its_content() =>
        AssertRefusedBeforeDecoding(fixture.Write("entry.png", "Hello, this is my design brief."u8), UploadRefusalCode.UnsupportedFormat, "This file is plain text (whatever its name ending \".png\" says)");

    [Fact]
    public void An_svg_with_a_script_is_refused_whatever_its_name()
    {
        var svg = Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"100\" onload=\"alert(1)\"><script>alert(document.cookie)</script><rect width=\"100\" height=\"100\"/></svg>");

        AssertRefusedBeforeDecoding(fixture.Write("entry.svg", svg), UploadRefusalCode.UnsupportedFormat, "This file is an SVG file");
        AssertRefusedBeforeDecoding(fixture.Write("entry.jpg", svg), UploadRefusalCode.UnsupportedFormat, "This file is an SVG file");
    }

    public static TheoryData<string> BlockedFormats => ["svg", "tiff", "ppm", "csv", "matrix", "vips"];

    [Theory]
    [MemberData(nameof(BlockedFormats))]
    public void Libvips_itself_refuses_every_loader_but_the_four_allowed_even_if_asked_directly(string format)
    {
        // Defence in depth behind the byte sniffing: every loader except the four allowed is blocked, untrusted or not.
        _ = fixture.Pipeline;
        using var image = Image.Black(8, 8, bands: 3) + 100;

        Assert.Throws<VipsException>(() => format switch
        {
            "svg" => Image.NewFromBuffer("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>"u8.ToArray()),
            "tiff" => Image.NewFromBuffer(image.TiffsaveBuffer()),
            "ppm" => Image.NewFromFile(fixture.Write("art.ppm", "P3\n1 1\n255\n10 20 30\n"u8)),
            "csv" => Image.NewFromFile(fixture.Write("art.csv", "1,2,3\n4,5,6\n"u8)),
            "matrix" => Image.NewFromFile(fixture.Write("art.mat", "2 1\n1 2\n"u8)),
            _ => Image.NewFromFile(VipsFile(image)),
        });
    }

    [Fact]
    public void The_four_allowed_formats_still_load()
    {
        _ = fixture.Pipeline;
        using var image = Image.Black(8, 8, bands: 3) + 100;

        foreach (var encoded in new[] { image.JpegsaveBuffer(), image.PngsaveBuffer(), image.WebpsaveBuffer(), image.GifsaveBuffer() })
        {
            using var loaded = Image.NewFromBuffer(encoded);
            Assert.Equal(8, loaded.Width);
        }
    }

    [Fact]
    public void Libvips_keeps_no_operation_cache_and_uses_one_thread_per_core()
    {
        _ = fixture.Pipeline;

        Assert.Equal((0, 0UL, 0), (Cache.Max, Cache.MaxMem, Cache.MaxFiles));
        Assert.Equal(Environment.ProcessorCount, NetVips.NetVips.Concurrency);
    }

    [Fact]
    public void A_png_header_declaring_100000_by_100000_is_refused_before_decoding() =>
        AssertRefusedBeforeDecoding(fixture.Write("bomb.png", TestImages.PngDeclaring(100_000, 100_000)), UploadRefusalCode.DimensionsTooLarge, "100,000 × 100,000 pixels");

    [Fact]
    public void A_png_within_the_side_limits_but_over_the_pixel_limit_is_refused_before_decoding() =>
        AssertRefusedBeforeDecoding(fixture.Write("bomb.png", TestImages.PngDeclaring(15_000, 15_000)), UploadRefusalCode.TooManyPixels, "225 megapixels");

    [Fact]
    public void A_gif_with_thousands_of_frames_is_refused() =>
        AssertRefusedBeforeDecoding(fixture.Write("many.gif", TestImages.AnimatedGif(3000)), UploadRefusalCode.TooManyFrames, "3,000 frames");

    [Fact]
    public void A_png_within_the_pixel_limit_but_interlaced_gets_the_lower_interlaced_limit()
    {
        // 36 MP: under the 100 MP limit, but an interlaced PNG is decoded whole before it can be shrunk.
        AssertRefusedBeforeDecoding(fixture.Write("big.png", TestImages.PngDeclaring(6_000, 6_000, interlaced: true)), UploadRefusalCode.TooManyPixels,
            "This PNG has 36 megapixels; the limit is 30 for an interlaced PNG (save it non-interlaced to allow more). Scale it down and upload it again.");

        var plain = UploadInspector.Inspect(fixture.Write("big.png", TestImages.PngDeclaring(6_000, 6_000)), "big.png", fixture.Limits);
        Assert.Null(plain.Refusal);
    }

    [Fact]
    public void A_file_over_the_byte_limit_is_refused_without_reading_it() =>
        AssertRefusedBeforeDecoding(fixture.Write("huge.jpg", new byte[1536 * 1024]), UploadRefusalCode.TooLarge,
            "The image is 1.5 MB; the limit is 1 MB. Export it smaller (for example as JPEG at quality 90) and upload it again.", new PreviewOptions { MaxEntryBytes = 1024 * 1024 });

    [Fact]
    public async Task A_truncated_jpeg_is_refused_as_cut_off()
    {
        using var photo = TestImages.Photo(1200, 800);
        var jpeg = photo.JpegsaveBuffer(q: 90);
        var path = fixture.Write("cut.jpg", jpeg.AsSpan(0, jpeg.Length * 2 / 3));

        var vipsBefore = Stats.MemHighwater;
        var clock = Stopwatch.StartNew();

        var outcome = await fixture.ProcessAsync(path).WaitAsync(PipelineFixture.HangLimit);

        Assert.True(clock.Elapsed < QuickRefusal, $"took {clock.Elapsed}");
        Assert.True(Stats.MemHighwater - vipsBefore < 16 * 1024 * 1024, "libvips needed more than a preview's worth of memory");
        Assert.Null(outcome.Previews);
        Assert.Equal(UploadRefusalCode.Damaged, outcome.Refusal!.Code);
        Assert.Equal("This JPEG is cut off (the file ends before the image does); upload the complete file or export it again.", outcome.Refusal.Message);
    }

    [Fact]
    public async Task A_gif_of_a_few_frames_previews_its_first_frame()
    {
        var outcome = await fixture.ProcessAsync(fixture.Write("small.gif", TestImages.ColouredFramesGif([220, 30, 30], [30, 200, 30], [30, 30, 220])), watermark: null);

        using var preview = PreviewAssertions.Decode(outcome.Size(PreviewSizes.Grid));
        Assert.Equal(preview.Width, preview.Height);
        var centre = preview.Getpoint(preview.Width / 2, preview.Height / 2);
        Assert.True(centre[0] > 180 && centre[1] < 70 && centre[2] < 70, $"expected the red first frame, got [{string.Join(",", centre)}]");
    }

    public static TheoryData<string, string> HeaderBombs => new() { { "jpeg", "This JPEG is 60,000 × 60,000 pixels" }, { "gif", "This GIF is 60,000 × 60,000 pixels" } };

    [Theory]
    [MemberData(nameof(HeaderBombs))]
    public void A_header_declaring_a_huge_image_is_refused_before_decoding_in_any_allowed_format(string format, string message)
    {
        var bytes = format == "jpeg" ? TestImages.JpegDeclaring(60_000, 60_000) : TestImages.GifDeclaring(60_000, 60_000);

        AssertRefusedBeforeDecoding(fixture.Write("bomb." + format, bytes), UploadRefusalCode.DimensionsTooLarge, message);
    }

    public static TheoryData<string, string> CutOffImages => new()
    {
        { "png", "This PNG is damaged (the file is cut off" },
        { "gif", "This GIF is cut off (the file ends before the image does); upload the complete file or export it again." },
        { "webp", "This WebP is cut off (the file ends before the image does); upload the complete file or export it again." },
    };

    [Theory]
    [MemberData(nameof(CutOffImages))]
    public async Task A_cut_off_image_of_every_allowed_format_is_refused_as_cut_off(string format, string message)
    {
        using var photo = TestImages.Photo(600, 400);
        var whole = format switch { "png" => photo.PngsaveBuffer(), "gif" => photo.GifsaveBuffer(), _ => photo.WebpsaveBuffer(q: 90) };

        var outcome = await fixture.ProcessAsync(fixture.Write("cut." + format, whole.AsSpan(0, whole.Length * 2 / 3))).WaitAsync(PipelineFixture.HangLimit);

        Assert.Null(outcome.Previews);
        Assert.Equal(UploadRefusalCode.Damaged, outcome.Refusal!.Code);
        Assert.StartsWith(message, outcome.Refusal.Message);
    }

    /// <summary>
    /// A hang guard, not a speed target (the benchmark measures speed): generous for a busy two-core CI machine running
    /// other test classes at once, yet far below what decoding these bombs would take.
    /// </summary>
    private static readonly TimeSpan QuickRefusal = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Refused within <see cref="QuickRefusal"/>, with under 4 MB of managed and 16 MB of libvips memory: a decode of
    /// the bombs above would need gigabytes, so these prove the pixels were never touched. (libvips reports a
    /// high-water mark, so this catches any decode larger than the tests before needed.)
    /// </summary>
    private void AssertRefusedBeforeDecoding(string path, UploadRefusalCode code, string messagePart, PreviewOptions? limits = null)
    {
        var managedBefore = GC.GetAllocatedBytesForCurrentThread();
        var vipsBefore = Stats.MemHighwater;
        var clock = Stopwatch.StartNew();

        var inspection = UploadInspector.Inspect(path, Path.GetFileName(path)["00000000000000000000000000000000-".Length..], limits ?? fixture.Limits);

        Assert.True(clock.Elapsed < QuickRefusal, $"took {clock.Elapsed}");
        Assert.Null(inspection.Header);
        Assert.Equal(code, inspection.Refusal!.Code);
        Assert.Contains(messagePart, inspection.Refusal.Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - managedBefore < 4 * 1024 * 1024, "allocated too much managed memory");
        Assert.True(Stats.MemHighwater - vipsBefore < 16 * 1024 * 1024, "libvips allocated pixel memory");
    }

    /// <summary>libvips' own file format, which its loader would open from any name.</summary>
    private string VipsFile(Image image)
    {
        var path = fixture.Write("art.v", []);
        image.Vipssave(path);
        return path;
    }
}

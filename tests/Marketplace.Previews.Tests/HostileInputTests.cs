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

    [Fact]
    public void Libvips_itself_refuses_to_load_svg_even_if_asked_directly()
    {
        // Defence in depth behind the byte sniffing: every loader except the four allowed is blocked.
        _ = fixture.Pipeline;
        var svg = Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>");

        Assert.Throws<VipsException>(() => Image.NewFromBuffer(svg));
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
    public void A_file_over_the_byte_limit_is_refused_without_reading_it()
    {
        var limits = new PreviewOptions { MaxEntryBytes = 1024 * 1024 };
        var path = fixture.Write("huge.jpg", new byte[limits.MaxEntryBytes + 1]);

        var inspection = UploadInspector.Inspect(path, "huge.jpg", limits);

        Assert.Equal(UploadRefusalCode.TooLarge, inspection.Refusal!.Code);
        Assert.Contains("the limit is 1 MB", inspection.Refusal.Message);
    }

    [Fact]
    public async Task A_truncated_jpeg_is_refused_as_cut_off()
    {
        using var photo = TestImages.Photo(1200, 800);
        var jpeg = photo.JpegsaveBuffer(q: 90);
        var path = fixture.Write("cut.jpg", jpeg.AsSpan(0, jpeg.Length * 2 / 3));

        var outcome = await fixture.ProcessAsync(path).WaitAsync(PipelineFixture.HangLimit);

        Assert.Null(outcome.Previews);
        Assert.Equal(UploadRefusalCode.Damaged, outcome.Refusal!.Code);
        Assert.Contains("This JPEG is cut off", outcome.Refusal.Message);
    }

    [Fact]
    public async Task A_gif_of_a_few_frames_previews_its_first_frame()
    {
        var outcome = await fixture.ProcessAsync(fixture.Write("small.gif", TestImages.AnimatedGif(3)), watermark: null);

        using var preview = PreviewAssertions.Decode(outcome.Size(PreviewSizes.Grid));
        Assert.Equal(1, preview.Width / preview.Height);
    }

    /// <summary>
    /// Refused with under 4 MB of managed and 16 MB of libvips memory: a decode of the bombs above would need
    /// gigabytes, so these prove the pixels were never touched. (Speed is the benchmark's business, not a test's.)
    /// </summary>
    private void AssertRefusedBeforeDecoding(string path, UploadRefusalCode code, string messagePart)
    {
        var managedBefore = GC.GetAllocatedBytesForCurrentThread();
        var vipsBefore = Stats.MemHighwater;
        var inspection = fixture.Pipeline.Inspect(path, Path.GetFileName(path)["00000000000000000000000000000000-".Length..]);

        Assert.Null(inspection.Header);
        Assert.Equal(code, inspection.Refusal!.Code);
        Assert.Contains(messagePart, inspection.Refusal.Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - managedBefore < 4 * 1024 * 1024, "allocated too much managed memory");
        Assert.True(Stats.MemHighwater - vipsBefore < 16 * 1024 * 1024, "libvips allocated pixel memory");
    }
}

namespace Marketplace.Previews.Tests;

[Collection(PipelineCollection.Name)]
public sealed class ColourAndWatermarkTests(PipelineFixture fixture)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_cmyk_jpeg_previews_in_srgb_close_to_the_original_colours(bool embedProfile)
    {
        using var original = TestImages.Patches(300);
        using var cmyk = original.IccTransform("cmyk");
        Assert.Equal(Enums.Interpretation.Cmyk, cmyk.Interpretation);
        var path = fixture.Write("print.jpg", cmyk.JpegsaveBuffer(q: 95, keep: embedProfile ? Enums.ForeignKeep.Icc : Enums.ForeignKeep.None));

        var outcome = await fixture.ProcessAsync(path, watermark: null);

        AssertPatchColoursInSrgb(outcome, TestImages.PatchColours, tolerance: 20);
    }

    [Theory]
    [InlineData("jpg")]
    [InlineData("png")]
    public async Task Wide_gamut_artwork_with_an_embedded_profile_previews_in_srgb_close_to_the_original_colours(string extension)
    {
        using var original = TestImages.Patches(300, TestImages.SaturatedColours);
        using var displayP3 = original.IccTransform("p3");
        // Saturated colours have Display P3 numbers far from their sRGB ones: a preview that kept the numbers and
        // dropped the profile would fail the comparison below.
        Assert.True(Distance(displayP3.Getpoint(450, 150), TestImages.SaturatedColours[1]) > 40);
        var bytes = extension == "jpg" ? displayP3.JpegsaveBuffer(q: 95, keep: Enums.ForeignKeep.Icc) : displayP3.PngsaveBuffer(keep: Enums.ForeignKeep.Icc);

        var outcome = await fixture.ProcessAsync(fixture.Write("poster." + extension, bytes), watermark: null);

        AssertPatchColoursInSrgb(outcome, TestImages.SaturatedColours, tolerance: 10);
    }

    [Fact]
    public async Task Each_size_is_stored_as_jpeg_or_webp_whichever_is_smaller_for_its_pixels()
    {
        using var flat = TestImages.Patches(500);
        using var noisy = TestImages.Photo(1600, 1000);

        var artwork = await fixture.ProcessAsync(fixture.Write("logo.png", flat.PngsaveBuffer()));
        var photo = await fixture.ProcessAsync(fixture.Write("photo.png", noisy.PngsaveBuffer()));

        // Flat colour compresses far better as WebP at every size; fine noise at 960 px is about 8% smaller as JPEG.
        Assert.All(artwork.Previews!.Images, i => Assert.Equal(("webp", "image/webp"), (i.Format, i.ContentType)));
        Assert.Equal(("jpeg", "image/jpeg"), (photo.Size(PreviewSizes.Desktop).Format, photo.Size(PreviewSizes.Desktop).ContentType));
        Assert.Equal("webp", photo.Size(PreviewSizes.Phone).Format);
    }

    /// <summary>The phone preview is plain sRGB (no profile left) and each patch keeps its colour.</summary>
    private static void AssertPatchColoursInSrgb(PipelineOutcome outcome, double[][] colours, double tolerance)
    {
        using var preview = PreviewAssertions.Decode(outcome.Size(PreviewSizes.Phone));
        Assert.Equal(3, preview.Bands);
        Assert.Equal(Enums.Interpretation.Srgb, preview.Interpretation);
        Assert.DoesNotContain("icc-profile-data", preview.GetFields());
        for (var i = 0; i < colours.Length; i++)
        {
            // Sample the middle of each patch, away from edges the resize blends.
            var (x, y) = (i % 2 * preview.Width / 2 + preview.Width / 4, i / 2 * preview.Height / 2 + preview.Height / 4);
            var pixel = preview.Getpoint(x, y);
            var expected = colours[i];
            Assert.True(Distance(pixel, expected) < tolerance, $"patch {i}: expected [{string.Join(",", expected)}], got [{string.Join(",", pixel)}]");
        }
    }

    private static double Distance(double[] pixel, double[] expected) =>
        Math.Sqrt(Enumerable.Range(0, 3).Sum(b => Math.Pow(pixel[b] - expected[b], 2)));

    [Fact]
    public async Task A_16_bit_png_with_transparency_is_flattened_on_neutral_grey()
    {
        // Red everywhere; the left half fully transparent, the right half opaque.
        using var red = (Image.Black(200, 100, bands: 3) + new double[] { 65535, 0, 0 }).Cast(Enums.BandFormat.Ushort);
        using var alpha = ((Image.Xyz(200, 100)[0] > 99) / 255 * 65535).Cast(Enums.BandFormat.Ushort);
        using var rgba = red.Bandjoin(alpha).Copy(interpretation: Enums.Interpretation.Rgb16);
        var path = fixture.Write("artwork.png", rgba.PngsaveBuffer(bitdepth: 16));

        var outcome = await fixture.ProcessAsync(path, watermark: null);

        using var preview = PreviewAssertions.Decode(outcome.Size(PreviewSizes.Grid));
        Assert.Equal(3, preview.Bands);
        var transparent = preview.Getpoint(preview.Width / 4, preview.Height / 2);
        var opaque = preview.Getpoint(preview.Width * 3 / 4, preview.Height / 2);
        Assert.All(transparent, v => Assert.InRange(v, 225, 250));
        Assert.InRange(opaque[0], 230, 255);
        Assert.InRange(opaque[1], 0, 25);
    }

    [Fact]
    public async Task The_watermark_marks_every_part_of_the_preview_yet_leaves_it_judgeable()
    {
        var path = Corpus.File("exif-orientation", "Landscape_1.jpg");
        using var plain = PreviewAssertions.Decode((await fixture.ProcessAsync(path, watermark: null)).Size(PreviewSizes.Desktop));
        using var marked = PreviewAssertions.Decode((await fixture.ProcessAsync(path, "Marketplace · entry 12")).Size(PreviewSizes.Desktop));
        using var difference = (plain - marked).Abs();

        // Tiled: every cell of a 4×4 grid carries visible text, not just one corner.
        var (cellWidth, cellHeight) = (marked.Width / 4, marked.Height / 4);
        for (var row = 0; row < 4; row++)
        {
            for (var column = 0; column < 4; column++)
            {
                using var cell = difference.Crop(column * cellWidth, row * cellHeight, cellWidth, cellHeight);
                Assert.True(cell.Max() > 60, $"no watermark in cell {column},{row}");
            }
        }

        Assert.InRange(difference.Avg(), 2, 25);
    }

    [Fact]
    public void The_watermark_is_white_text_at_45_percent_with_a_30_percent_dark_edge_and_leaves_the_rest_untouched()
    {
        using var grey = (Image.Black(960, 720, bands: 3) + 128).Cast(Enums.BandFormat.Uchar);

        using var marked = Watermark.Apply(grey, "Marketplace · entry 12");

        Assert.Equal((960, 720, 3, Enums.BandFormat.Uchar), (marked.Width, marked.Height, marked.Bands, marked.Format));
        Assert.Equal(Enums.Interpretation.Srgb, marked.Interpretation);
        // Full text coverage: 128 + (255 − 128) × 0.45 ≈ 185; the edge alone: 128 × (1 − 0.30) ≈ 90.
        Assert.InRange(marked.Max(), 183, 187);
        Assert.InRange(marked.Min(), 88, 92);
        using var untouched = marked.Equal(128).BandAnd();
        var untouchedShare = untouched.Avg() / 255;
        Assert.InRange(untouchedShare, 0.6, 0.95);
    }

    [Theory]
    [InlineData(960, 720)]
    [InlineData(300, 1900)]
    [InlineData(480, 120)]
    [InlineData(1200, 400)]
    public void The_watermark_covers_every_part_of_a_preview_whatever_its_shape(int width, int height)
    {
        using var grey = (Image.Black(width, height, bands: 3) + 128).Cast(Enums.BandFormat.Uchar);

        using var marked = Watermark.Apply(grey, "MARKETPLACE PREVIEW");
        using var again = Watermark.Apply(grey, "MARKETPLACE PREVIEW");

        // Text everywhere: no band a fifth of the preview across or down is left clear.
        using var changed = (marked - grey).Abs().BandOr();
        for (var i = 0; i < 5; i++)
        {
            using var column = changed.Crop(i * width / 5, 0, width / 5, height);
            using var row = changed.Crop(0, i * height / 5, width, height / 5);
            Assert.True(column.Max() > 40, $"column {i} of a {width}×{height} preview has no watermark");
            Assert.True(row.Max() > 40, $"row {i} of a {width}×{height} preview has no watermark");
        }

        // The same label on the same size is the same pattern every time (the mask is drawn once and kept).
        using var difference = (marked - again).Abs();
        Assert.Equal(0, difference.Max());
    }

    [Fact]
    public async Task Previews_are_no_larger_than_their_size_and_never_enlarged()
    {
        using var photo = TestImages.Photo(3000, 2000);
        var outcome = await fixture.ProcessAsync(fixture.Write("photo.jpg", photo.JpegsaveBuffer(q: 85)));

        Assert.Equal((3000, 2000), (outcome.Previews!.OriginalWidth, outcome.Previews.OriginalHeight));
        foreach (var profile in PreviewProfile.All)
        {
            var preview = outcome.Size(profile.Size);
            Assert.Equal(profile.Width, preview.Width);
            Assert.InRange(preview.Height, profile.Width * 2 / 3 - 1, profile.Width * 2 / 3 + 1);
            Assert.Equal(preview.Format == "webp" ? "image/webp" : "image/jpeg", preview.ContentType);
            Assert.StartsWith(preview.Sha256, preview.BlobName);
        }

        Assert.True(outcome.Size(PreviewSizes.Lite).Bytes.Length < 15_000, "the lite preview should be a few KB");
    }
}

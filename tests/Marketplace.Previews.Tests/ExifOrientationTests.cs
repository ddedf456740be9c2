namespace Marketplace.Previews.Tests;

[Collection(PipelineCollection.Name)]
public sealed class ExifOrientationTests(PipelineFixture fixture)
{
    public static TheoryData<string, int> Photos()
    {
        var data = new TheoryData<string, int>();
        foreach (var shape in new[] { "Landscape", "Portrait" })
        {
            for (var flag = 0; flag <= 8; flag++)
            {
                data.Add(shape, flag);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Photos))]
    public async Task Every_orientation_flag_gives_the_same_upright_preview_as_flag_1(string shape, int flag)
    {
        var reference = await RenderDesktopAsync($"{shape}_1.jpg");
        var preview = await RenderDesktopAsync($"{shape}_{flag}.jpg");

        using var expected = PreviewAssertions.Decode(reference);
        using var actual = PreviewAssertions.Decode(preview);
        Assert.Equal(shape == "Landscape", actual.Width > actual.Height);
        Assert.Equal((double)expected.Width / expected.Height, (double)actual.Width / actual.Height, 0.02);
        Assert.True(PreviewAssertions.MeanDifference(expected, actual) < 6, $"{shape}_{flag} differs from {shape}_1");
        // Upright in its pixels, so no viewer may turn it again.
        Assert.DoesNotContain("orientation", actual.GetFields());
    }

    [Theory]
    [InlineData("Landscape")]
    [InlineData("Portrait")]
    public async Task The_similarity_measure_tells_a_wrongly_turned_preview_apart(string shape)
    {
        // Guards the test above: an un-rotated or upside-down picture must fail the same threshold.
        var reference = await RenderDesktopAsync($"{shape}_1.jpg");
        using var expected = PreviewAssertions.Decode(reference);
        using var upsideDown = expected.Rot180();
        using var mirrored = expected.FlipHor();

        Assert.True(PreviewAssertions.MeanDifference(expected, upsideDown) > 15);
        Assert.True(PreviewAssertions.MeanDifference(expected, mirrored) > 15);
    }

    [Theory]
    [InlineData("Landscape_6.jpg")]
    [InlineData("Portrait_8.jpg")]
    public async Task Previews_carry_no_orientation_tag_or_other_metadata(string file)
    {
        var outcome = await fixture.ProcessAsync(Corpus.File("exif-orientation", file));

        Assert.Null(outcome.Refusal);
        foreach (var preview in outcome.Previews!.Images)
        {
            using var image = PreviewAssertions.Decode(preview);
            var fields = image.GetFields();
            Assert.DoesNotContain("orientation", fields);
            Assert.DoesNotContain(fields, f => f.StartsWith("exif", StringComparison.Ordinal));
            Assert.DoesNotContain("xmp-data", fields);
            Assert.DoesNotContain("icc-profile-data", fields);
        }
    }

    [Fact]
    public async Task The_manifest_size_is_the_upright_size_of_the_original()
    {
        using var raw = Image.NewFromFile(Corpus.File("exif-orientation", "Landscape_6.jpg"));
        var outcome = await fixture.ProcessAsync(Corpus.File("exif-orientation", "Landscape_6.jpg"));

        // Flag 6 stores the pixels turned a quarter: the stored height is the upright width.
        Assert.Equal(raw.Height, outcome.Previews!.OriginalWidth);
        Assert.Equal(raw.Width, outcome.Previews.OriginalHeight);
    }

    private async Task<RenderedPreview> RenderDesktopAsync(string file)
    {
        var outcome = await fixture.ProcessAsync(Corpus.File("exif-orientation", file), watermark: null);
        return outcome.Size(PreviewSizes.Desktop);
    }
}

namespace Marketplace.Previews.Tests;

[Collection(PipelineCollection.Name)]
public sealed class PngSuiteTests(PipelineFixture fixture)
{
    public static TheoryData<string> ValidFiles() => Files(corrupt: false);
    public static TheoryData<string> CorruptFiles() => Files(corrupt: true);

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public async Task Every_valid_png_gives_every_preview_size(string file)
    {
        var outcome = await fixture.ProcessAsync(Path.Combine(Corpus.PngSuite, file));

        Assert.Null(outcome.Refusal);
        Assert.Equal(PreviewProfile.All.Select(p => p.Size).Order(), outcome.Previews!.Images.Select(i => i.Size).Order());
        foreach (var preview in outcome.Previews.Images)
        {
            using var image = PreviewAssertions.Decode(preview);
            Assert.Equal(3, image.Bands);
            Assert.Equal(Enums.Interpretation.Srgb, image.Interpretation);
            Assert.True(image.Width <= PreviewProfile.All.Single(p => p.Size == preview.Size).Width);
        }
    }

    [Theory]
    [MemberData(nameof(CorruptFiles))]
    public async Task Every_corrupt_png_is_refused_with_a_reason_and_never_hangs(string file)
    {
        var outcome = await fixture.ProcessAsync(Path.Combine(Corpus.PngSuite, file)).WaitAsync(PipelineFixture.HangLimit);

        Assert.Null(outcome.Previews);
        var refusal = Assert.IsType<UploadRefusal>(outcome.Refusal);
        Assert.Equal(UploadRefusalCode.Damaged, refusal.Code);
        Assert.StartsWith("This PNG is damaged (", refusal.Message);
        Assert.EndsWith("export it again.", refusal.Message);
    }

    [Theory]
    [InlineData("xcsn0g01.png", "bad CRC in the IDAT chunk")]
    [InlineData("xhdn0g08.png", "bad CRC in the IHDR chunk")]
    [InlineData("xc1n0g08.png", "colour type 1")]
    [InlineData("xd0n2c08.png", "bit depth 0")]
    [InlineData("xdtn0g01.png", "no image data")]
    [InlineData("xs1n0g01.png", "signature")]
    [InlineData("xcrn0g04.png", "text mode")]
    public async Task A_corrupt_png_is_refused_with_the_specific_damage(string file, string reason)
    {
        var outcome = await fixture.ProcessAsync(Path.Combine(Corpus.PngSuite, file));

        Assert.Contains(reason, outcome.Refusal!.Message);
    }

    private static TheoryData<string> Files(bool corrupt)
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(Corpus.PngSuite, "*.png").Order())
        {
            var name = Path.GetFileName(path);
            if (name.StartsWith('x') == corrupt)
            {
                data.Add(name);
            }
        }

        return data;
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Marketplace.Previews.Tests;

/// <summary>Every upload limit is read from configuration and holds exactly at its value.</summary>
[Collection(PipelineCollection.Name)]
public sealed class UploadLimitsTests(PipelineFixture fixture)
{
    [Fact]
    public void Each_limit_refuses_one_over_and_allows_exactly_its_value()
    {
        using var photo = TestImages.Photo(300, 200);
        var jpeg = photo.JpegsaveBuffer();
        var path = fixture.Write("poster.jpg", jpeg);
        var gif = fixture.Write("loop.gif", TestImages.AnimatedGif(3));

        AssertLimit(path, new PreviewOptions { MaxWidth = 299 }, new PreviewOptions { MaxWidth = 300 }, UploadRefusalCode.DimensionsTooLarge,
            "This JPEG is 300 × 200 pixels; the limit is 299 × 20,000. Scale it down and upload it again.");
        AssertLimit(path, new PreviewOptions { MaxHeight = 199 }, new PreviewOptions { MaxHeight = 200 }, UploadRefusalCode.DimensionsTooLarge,
            "This JPEG is 300 × 200 pixels; the limit is 20,000 × 199. Scale it down and upload it again.");
        AssertLimit(path, new PreviewOptions { MaxPixels = 59_999 }, new PreviewOptions { MaxPixels = 60_000 }, UploadRefusalCode.TooManyPixels,
            "This JPEG has 0.1 megapixels; the limit is 0.1. Scale it down and upload it again.");
        AssertLimit(path, new PreviewOptions { MaxEntryBytes = jpeg.Length - 1 }, new PreviewOptions { MaxEntryBytes = jpeg.Length }, UploadRefusalCode.TooLarge,
            "Export it smaller (for example as JPEG at quality 90) and upload it again.");
        AssertLimit(gif, new PreviewOptions { MaxFrames = 2 }, new PreviewOptions { MaxFrames = 3 }, UploadRefusalCode.TooManyFrames,
            "This GIF has 3 frames; the limit is 2. Upload a still image or a shorter animation (only the first frame is shown).");
    }

    [Fact]
    public void The_limits_come_from_the_previews_configuration_section()
    {
        var limits = Configured(new()
        {
            ["Previews:MaxEntryBytes"] = "1000",
            ["Previews:MaxFinalBytes"] = "2000",
            ["Previews:MaxWidth"] = "300",
            ["Previews:MaxHeight"] = "400",
            ["Previews:MaxPixels"] = "50000",
            ["Previews:MaxInterlacedPixels"] = "40000",
            ["Previews:MaxFrames"] = "5",
            ["Previews:Concurrency"] = "1",
        }).Value;

        Assert.Equal((1000L, 2000L, 300, 400, 50_000L, 40_000L, 5, 1),
            (limits.MaxEntryBytes, limits.MaxFinalBytes, limits.MaxWidth, limits.MaxHeight, limits.MaxPixels, limits.MaxInterlacedPixels, limits.MaxFrames, limits.Concurrency));
    }

    [Theory]
    [InlineData("MaxEntryBytes", "0")]
    [InlineData("MaxFinalBytes", "0")]
    [InlineData("MaxWidth", "0")]
    [InlineData("MaxHeight", "-1")]
    [InlineData("MaxPixels", "0")]
    [InlineData("MaxInterlacedPixels", "0")]
    [InlineData("MaxFrames", "0")]
    [InlineData("Concurrency", "-1")]
    public void A_limit_that_would_refuse_everything_stops_the_silo_from_starting(string setting, string value)
    {
        var options = Configured(new() { ["Previews:" + setting] = value });

        var error = Assert.Throws<OptionsValidationException>(() => options.Value);
        Assert.Contains("Previews", error.Message);
    }

    private static IOptions<PreviewOptions> Configured(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddMarketplacePreviews(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<PreviewOptions>>();
    }

    private static void AssertLimit(string path, PreviewOptions over, PreviewOptions exact, UploadRefusalCode code, string message)
    {
        var refused = UploadInspector.Inspect(path, Path.GetFileName(path), over);
        var allowed = UploadInspector.Inspect(path, Path.GetFileName(path), exact);

        Assert.Equal(code, refused.Refusal?.Code);
        Assert.Contains(message, refused.Refusal!.Message);
        Assert.Null(allowed.Refusal);
        Assert.NotNull(allowed.Header);
    }
}

using Microsoft.Extensions.Options;

namespace Marketplace.Previews.Tests;

/// <summary>One configured pipeline (default limits) and a scratch folder for generated inputs.</summary>
public sealed class PipelineFixture : IDisposable
{
    public PipelineFixture()
    {
        Pipeline = new PreviewPipeline(Options.Create(Limits));
        Scratch = Directory.CreateTempSubdirectory("previews-tests-").FullName;
    }

    public PreviewOptions Limits { get; } = new();
    public PreviewPipeline Pipeline { get; }
    public string Scratch { get; }

    public string Write(string name, ReadOnlySpan<byte> bytes)
    {
        var path = Path.Combine(Scratch, Guid.NewGuid().ToString("N") + "-" + name);
        File.WriteAllBytes(path, bytes.ToArray());
        return path;
    }

    /// <summary>
    /// Fails a test whose file hangs the pipeline. Generous on purpose: how fast a refusal is belongs to the
    /// benchmark, and a busy CI machine must not fail a correct refusal for being slow.
    /// </summary>
    public static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(30);

    public Task<PipelineOutcome> ProcessAsync(string path, string? watermark = "Marketplace · entry 7") =>
        Pipeline.ProcessAsync(path, Path.GetFileName(path), watermark);

    public void Dispose() => Directory.Delete(Scratch, recursive: true);
}

[CollectionDefinition(Name)]
public sealed class PipelineCollection : ICollectionFixture<PipelineFixture>
{
    public const string Name = "pipeline";
}

public static class PreviewAssertions
{
    public static Image Decode(RenderedPreview preview) => Image.NewFromBuffer(preview.Bytes).CopyMemory();

    public static RenderedPreview Size(this PipelineOutcome outcome, string size)
    {
        Assert.Null(outcome.Refusal);
        return Assert.Single(outcome.Previews!.Images, p => p.Size == size);
    }

    /// <summary>Mean absolute difference per channel (0–255) after scaling both to the same small size.</summary>
    public static double MeanDifference(Image a, Image b)
    {
        using var left = a.ThumbnailImage(64, height: 64, size: Enums.Size.Force);
        using var right = b.ThumbnailImage(64, height: 64, size: Enums.Size.Force);
        using var difference = (left - right).Abs();
        return difference.Avg();
    }
}

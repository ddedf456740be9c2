using System.Diagnostics;
using Marketplace.Previews;
using Microsoft.Extensions.Options;

namespace Marketplace.Benchmarks;

/// <summary>The in-process contenders, each run in a child process by <see cref="Comparison"/>.</summary>
public static class Contenders
{
    public const string Label = "Marketplace · entry 12";

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        ["ours"] = "ours (NetVips pipeline)",
        ["skia"] = "SkiaSharp, codec-scaled decode",
        ["skia-full"] = "SkiaSharp, full-size decode",
        ["ours-decode"] = "ours, decode stage only",
        ["skia-decode"] = "SkiaSharp codec-scaled, decode stage only",
        ["skia-full-decode"] = "SkiaSharp full-size, decode stage only",
    };

    /// <summary>
    /// Processes <paramref name="images"/> copies of the input after one warm-up; returns the wall-clock and
    /// CPU seconds (all threads) they took.
    /// </summary>
    public static (double Seconds, double CpuSeconds) Run(string contender, string input, int images)
    {
        Action work = contender switch
        {
            "ours" => Ours(input),
            "skia" => () => SkiaPipeline.Render(input, Label, scaledDecode: true),
            "skia-full" => () => SkiaPipeline.Render(input, Label, scaledDecode: false),
            "ours-decode" => OursDecodeOnly(input),
            "skia-decode" => () => SkiaPipeline.DecodeLargest(input, scaledDecode: true).Dispose(),
            "skia-full-decode" => () => SkiaPipeline.DecodeLargest(input, scaledDecode: false).Dispose(),
            _ => throw new ArgumentException($"Unknown contender {contender}."),
        };
        work();
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < images; i++)
        {
            work();
        }

        process.Refresh();
        return (clock.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpu).TotalSeconds);
    }

    /// <summary>Only the first stage of ours: the largest size decoded upright into memory, nothing encoded.</summary>
    private static Action OursDecodeOnly(string input)
    {
        _ = new PreviewPipeline(Options.Create(new PreviewOptions())); // the same libvips settings as the product
        return () => PreviewRenderer.DecodeLargest(input).Dispose();
    }

    /// <summary>The product pipeline as the worker grain runs it: header checks, every size, watermark, JPEG/WebP choice.</summary>
    private static Action Ours(string input)
    {
        var pipeline = new PreviewPipeline(Options.Create(new PreviewOptions { MaxEntryBytes = 512L * 1024 * 1024 }));
        return () =>
        {
            var outcome = pipeline.ProcessAsync(input, Path.GetFileName(input), Label).GetAwaiter().GetResult();
            if (outcome.Refusal is { } refusal)
            {
                throw new InvalidOperationException(refusal.Message);
            }
        };
    }
}

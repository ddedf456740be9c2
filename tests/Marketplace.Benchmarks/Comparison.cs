using System.Diagnostics;
using System.Globalization;
using Marketplace.Previews;

namespace Marketplace.Benchmarks;

/// <summary>One contender on one input: throughput and CPU over several images, peak RSS for a single image.</summary>
public sealed record Measurement(string Contender, double ImagesPerSecond, double CpuSecondsPerImage, double PeakMegabytes);

/// <summary>
/// Runs every contender on every input, each in its own process (peak RSS from GNU time), and prints a
/// Markdown table with ratios against vipsthumbnail measured in the same run.
/// </summary>
public static class Comparison
{
    private const string Vips = "vipsthumbnail";
    private const string Time = "/usr/bin/time";

    public static async Task<int> RunAsync(bool quick)
    {
        if (Which(Vips) is null || !File.Exists(Time))
        {
            Console.Error.WriteLine("Needs vipsthumbnail and GNU time: apt-get install libvips-tools time");
            return 2;
        }

        var artifacts = Path.Combine(Repository.Root, "artifacts", "benchmarks");
        var inputs = Inputs.Prepare(Path.Combine(artifacts, "inputs"), quick);
        var output = Path.Combine(artifacts, "out");
        Directory.CreateDirectory(output);

        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}; libvips (ours) {NetVips.NetVips.Version(0)}.{NetVips.NetVips.Version(1)}.{NetVips.NetVips.Version(2)}; {await VersionAsync()}");
        Console.WriteLine("Each image: 4 previews (" + string.Join(", ", PreviewProfile.All.Select(p => $"{p.Size} {p.Width}")) + ").");
        Console.WriteLine();
        Console.WriteLine("| input | contender | images/s | previews/s | CPU s per image | peak RSS, one image (MB) | throughput vs vipsthumbnail | CPU vs vipsthumbnail |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");

        var results = new List<(Input Input, Measurement Ours, Measurement Vips, Measurement Skia, Measurement SkiaFull)>();
        foreach (var input in inputs)
        {
            var vips = await MeasureVipsthumbnailAsync(input, output);
            var ours = await MeasureChildAsync("ours", input);
            var skia = await MeasureChildAsync("skia", input);
            var skiaFull = await MeasureChildAsync("skia-full", input);
            foreach (var m in new[] { ours, vips, skia, skiaFull })
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {input.Name} | {m.Contender} | {m.ImagesPerSecond:0.00} | {m.ImagesPerSecond * PreviewProfile.All.Count:0.0} | {m.CpuSecondsPerImage:0.000} | {m.PeakMegabytes:0} | {m.ImagesPerSecond / vips.ImagesPerSecond:0.00}x | {vips.CpuSecondsPerImage / m.CpuSecondsPerImage:0.00}x |"));
            }

            results.Add((input, ours, vips, skia, skiaFull));
        }

        var decodes = await PrintDecodeBoundAsync(results.Select(r => (r.Input, r.Ours, r.Skia, r.SkiaFull)).ToList());
        PrintFidelity(inputs);
        WriteChart(Path.Combine(artifacts, "time-per-image.svg"), results.Zip(decodes, (r, d) => (r.Input, r.Ours, r.Vips, r.Skia, r.SkiaFull, d)).ToList());

        Console.WriteLine();
        Console.WriteLine("Ours against the targets (throughput = images/s, wall clock; CPU = CPU seconds per image, less noisy on a shared machine):");
        foreach (var (input, ours, vips, skia, skiaFull) in results)
        {
            var vsVips = ours.ImagesPerSecond / vips.ImagesPerSecond;
            var vsSkia = ours.ImagesPerSecond / skia.ImagesPerSecond;
            var vsSkiaFull = ours.ImagesPerSecond / skiaFull.ImagesPerSecond;
            var memory = input.Width * input.Height >= 40_000_000
                ? string.Create(CultureInfo.InvariantCulture, $"; peak {ours.PeakMegabytes:0} MB for one image (target < 150: {Verdict(ours.PeakMegabytes < 150)})")
                : "";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"- {input.Name}: {vsVips:0.00}x vipsthumbnail (CPU {vips.CpuSecondsPerImage / ours.CpuSecondsPerImage:0.00}x; target ≥ 0.8: {Verdict(vsVips >= 0.8)}); " +
                $"{vsSkiaFull:0.00}x SkiaSharp full-size decode (CPU {skiaFull.CpuSecondsPerImage / ours.CpuSecondsPerImage:0.00}x; target ≥ 3: {Verdict(vsSkiaFull >= 3)}); " +
                $"{vsSkia:0.00}x SkiaSharp codec-scaled (CPU {skia.CpuSecondsPerImage / ours.CpuSecondsPerImage:0.00}x; target ≥ 3: {Verdict(vsSkia >= 3)}){memory}"));
        }

        return 0;
    }

    /// <summary>
    /// Both libraries decode with libjpeg-turbo (PNG: zlib), so the decode stage is a floor under ours: even if
    /// everything after it cost nothing, ours could be at most SkiaSharp's whole time / our decode time faster.
    /// </summary>
    private static async Task<IReadOnlyList<DecodeStage>> PrintDecodeBoundAsync(IReadOnlyList<(Input Input, Measurement Ours, Measurement Skia, Measurement SkiaFull)> results)
    {
        var stages = new List<DecodeStage>();
        Console.WriteLine();
        Console.WriteLine("The decode stage alone (the largest size, upright, sRGB, in memory; nothing resized, watermarked or encoded):");
        Console.WriteLine();
        Console.WriteLine("| input | ours: decode ms | ours: whole ms | SkiaSharp scaled: decode ms | SkiaSharp scaled: whole ms | SkiaSharp full: decode ms | SkiaSharp full: whole ms | most ours could be vs SkiaSharp scaled / full |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (input, ours, skia, skiaFull) in results)
        {
            var oursDecode = await MeasureChildAsync("ours-decode", input, peak: false);
            var skiaDecode = await MeasureChildAsync("skia-decode", input, peak: false);
            var skiaFullDecode = await MeasureChildAsync("skia-full-decode", input, peak: false);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {input.Name} | {Ms(oursDecode)} | {Ms(ours)} | {Ms(skiaDecode)} | {Ms(skia)} | {Ms(skiaFullDecode)} | {Ms(skiaFull)} | " +
                $"{oursDecode.ImagesPerSecond / skia.ImagesPerSecond:0.00}x / {oursDecode.ImagesPerSecond / skiaFull.ImagesPerSecond:0.00}x |"));
            stages.Add(new DecodeStage(oursDecode, skiaDecode, skiaFullDecode));
        }

        return stages;
    }

    private sealed record DecodeStage(Measurement Ours, Measurement Skia, Measurement SkiaFull);

    private static void WriteChart(string path, IReadOnlyList<(Input Input, Measurement Ours, Measurement Vips, Measurement Skia, Measurement SkiaFull, DecodeStage Decode)> results)
    {
        static double Milliseconds(Measurement m) => 1000 / m.ImagesPerSecond;
        var groups = results.Select(r => new ChartGroup(
            r.Input.Name,
            [
                new ChartBar("ours (NetVips)", Milliseconds(r.Ours), Milliseconds(r.Decode.Ours)),
                new ChartBar("SkiaSharp, codec-scaled decode", Milliseconds(r.Skia), Milliseconds(r.Decode.Skia)),
                new ChartBar("SkiaSharp, full-size decode", Milliseconds(r.SkiaFull), Milliseconds(r.Decode.SkiaFull)),
                new ChartBar("vipsthumbnail, 4 runs", Milliseconds(r.Vips), null),
            ],
            Milliseconds(r.Skia) / 3,
            Milliseconds(r.SkiaFull) / 3)).ToList();
        TimeChart.Write(path, groups, $"{Environment.ProcessorCount} cores, wall clock, one run.");
        Console.WriteLine();
        Console.WriteLine($"Chart: {path}");
    }

    /// <summary>Speed bought with a deeper DCT-scaled decode shows up as lower fidelity; see <see cref="Fidelity"/>.</summary>
    private static void PrintFidelity(IReadOnlyList<Input> inputs)
    {
        Console.WriteLine();
        Console.WriteLine("Fidelity of the largest preview (before watermark and encoding) to one made from a full-size decode with libvips' lanczos3, PSNR in dB (higher is closer):");
        Console.WriteLine();
        Console.WriteLine("| input | ours | SkiaSharp codec-scaled | SkiaSharp full-size |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        foreach (var input in inputs)
        {
            var (ours, skiaScaled, skiaFull) = Fidelity.Measure(input.Path);
            Console.WriteLine($"| {input.Name} | {Decibels(ours)} | {Decibels(skiaScaled)} | {Decibels(skiaFull)} |");
        }
    }

    private static string Decibels(double psnr) =>
        double.IsPositiveInfinity(psnr) ? "identical" : psnr.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Ms(Measurement m) => (1000 / m.ImagesPerSecond).ToString("0", CultureInfo.InvariantCulture);

    private static string Verdict(bool met) => met ? "met" : "MISSED";

    private static async Task<Measurement> MeasureChildAsync(string contender, Input input, bool peak = true)
    {
        var (program, prefix) = Self();
        var timed = await RunTimedAsync(program, [.. prefix, "run", contender, input.Path, input.Images.ToString(CultureInfo.InvariantCulture)]);
        var seconds = Value(timed.Output, "elapsed=");
        var cpu = Value(timed.Output, "cpu=");
        var single = peak ? await RunTimedAsync(program, [.. prefix, "run", contender, input.Path, "0"]) : null;
        return new Measurement(Contenders.Names[contender], input.Images / seconds, cpu / input.Images, (single?.PeakKilobytes ?? 0) / 1024.0);
    }

    private static double Value(string output, string key) =>
        double.Parse(output.Split('\n').Single(l => l.StartsWith(key, StringComparison.Ordinal))[key.Length..], CultureInfo.InvariantCulture);

    /// <summary>
    /// vipsthumbnail makes one size per run, so each size is one process over all the images (process start
    /// amortised); the sizes' times add up, and its peak is the largest of the four processes.
    /// </summary>
    private static async Task<Measurement> MeasureVipsthumbnailAsync(Input input, string output)
    {
        var (seconds, cpu, peak) = (0.0, 0.0, 0.0);
        foreach (var profile in PreviewProfile.All)
        {
            var target = Path.Combine(output, $"%s-{profile.Size}.jpg[Q={profile.Quality},strip,optimize_coding,interlace]");
            string[] common = ["--size", $"{profile.Width}x{profile.MaxHeight}", "-o", target];
            var timed = await RunTimedAsync(Vips, [.. common, .. Enumerable.Repeat(input.Path, input.Images)]);
            seconds += timed.Seconds;
            cpu += timed.CpuSeconds;
            var single = await RunTimedAsync(Vips, [.. common, input.Path]);
            peak = Math.Max(peak, single.PeakKilobytes / 1024.0);
        }

        return new Measurement("vipsthumbnail (Debian libvips-tools)", input.Images / seconds, cpu / input.Images, peak);
    }

    /// <summary>Wall-clock and CPU (user + system) seconds of a whole process, its peak RSS, its output.</summary>
    private sealed record Timed(double Seconds, double CpuSeconds, long PeakKilobytes, string Output);

    private static async Task<Timed> RunTimedAsync(string program, IEnumerable<string> arguments)
    {
        var peakFile = Path.GetTempFileName();
        var start = new ProcessStartInfo(Time) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-f", "%M %U %S", "-o", peakFile, program, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        clock.Stop();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {await stderr}");
        }

        var figures = (await File.ReadAllTextAsync(peakFile)).Trim().Split('\n')[^1].Split(' ');
        File.Delete(peakFile);
        var cpu = double.Parse(figures[1], CultureInfo.InvariantCulture) + double.Parse(figures[2], CultureInfo.InvariantCulture);
        return new Timed(clock.Elapsed.TotalSeconds, cpu, long.Parse(figures[0], CultureInfo.InvariantCulture), await stdout);
    }

    /// <summary>How to start this program again: the apphost directly, or dotnet with the assembly.</summary>
    private static (string Program, string[] Prefix) Self()
    {
        var process = Environment.ProcessPath!;
        return Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? (process, [typeof(Comparison).Assembly.Location])
            : (process, []);
    }

    private static async Task<string> VersionAsync()
    {
        var start = new ProcessStartInfo(Vips, "--vips-version") { RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var version = (await process.StandardOutput.ReadToEndAsync()).Trim();
        await process.WaitForExitAsync();
        return $"vipsthumbnail {version}";
    }

    private static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);
}

using System.Globalization;
using System.Net;
using System.Text;

namespace Marketplace.Benchmarks;

/// <summary>One contender's bar: milliseconds per image, and the part of it the decode stage alone takes (if measured).</summary>
public sealed record ChartBar(string Label, double WholeMs, double? DecodeMs);

/// <summary>One input's bars, and the times ours would need to be 3× SkiaSharp (the target).</summary>
public sealed record ChartGroup(string Input, IReadOnlyList<ChartBar> Bars, double ThreeTimesSkiaScaledMs, double ThreeTimesSkiaFullMs);

/// <summary>
/// The benchmark as a picture: milliseconds per image for each contender (shorter is faster), the decode stage drawn
/// dark inside each bar, and the 3× SkiaSharp targets as red lines. Where a target line falls left of our dark decode
/// part, no speed-up after the decode could reach it. Plain SVG, so it renders on GitHub and in any browser without a
/// charting library (the one served here, ScottPlot, pins an older SkiaSharp than the benchmark's).
/// </summary>
public static class TimeChart
{
    private const int Width = 960;
    private const int LabelWidth = 250;
    private const int PlotWidth = 600;
    private const int BarHeight = 18;
    private const int BarGap = 6;
    private const int GroupTitle = 30;
    private const int GroupGap = 22;
    private const int Top = 64;
    private static readonly string[] Fills = ["#2563eb", "#f59e0b", "#b45309", "#6b7280"];
    private static readonly string[] DecodeFills = ["#1e3a8a", "#92400e", "#78350f", "#374151"];

    public static void Write(string path, IReadOnlyList<ChartGroup> groups, string caption)
    {
        var longest = groups.SelectMany(g => g.Bars).Max(b => b.WholeMs);
        double X(double ms) => LabelWidth + ms / longest * PlotWidth;
        var height = Top + groups.Sum(g => GroupTitle + g.Bars.Count * (BarHeight + BarGap) + GroupGap) + 40;
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" font-family=\"sans-serif\" font-size=\"13\">"));
        svg.Append(Invariant($"<rect width=\"{Width}\" height=\"{height}\" fill=\"#fff\"/>"));
        svg.Append(Invariant($"<text x=\"12\" y=\"24\" font-size=\"16\" font-weight=\"bold\">Milliseconds per image, four previews each (shorter is faster)</text>"));
        svg.Append(Invariant($"<text x=\"12\" y=\"44\" fill=\"#444\">{Escape(caption)} Dark part: the decode stage alone. Red: the time ours would need to be 3× SkiaSharp.</text>"));

        var y = (double)Top;
        foreach (var group in groups)
        {
            svg.Append(Invariant($"<text x=\"12\" y=\"{y + 16}\" font-weight=\"bold\">{Escape(group.Input)}</text>"));
            y += GroupTitle;
            var barsTop = y;
            for (var i = 0; i < group.Bars.Count; i++)
            {
                var bar = group.Bars[i];
                svg.Append(Invariant($"<text x=\"{LabelWidth - 8}\" y=\"{y + 13}\" text-anchor=\"end\">{Escape(bar.Label)}</text>"));
                svg.Append(Invariant($"<rect x=\"{LabelWidth}\" y=\"{y}\" width=\"{X(bar.WholeMs) - LabelWidth:0.0}\" height=\"{BarHeight}\" fill=\"{Fills[i % Fills.Length]}\"/>"));
                if (bar.DecodeMs is { } decode)
                {
                    svg.Append(Invariant($"<rect x=\"{LabelWidth}\" y=\"{y}\" width=\"{X(Math.Min(decode, bar.WholeMs)) - LabelWidth:0.0}\" height=\"{BarHeight}\" fill=\"{DecodeFills[i % DecodeFills.Length]}\"/>"));
                }

                svg.Append(Invariant($"<text x=\"{X(bar.WholeMs) + 6:0.0}\" y=\"{y + 13}\">{bar.WholeMs:0} ms</text>"));
                y += BarHeight + BarGap;
            }

            TargetLine(svg, X(group.ThreeTimesSkiaScaledMs), barsTop, y, "3× SkiaSharp scaled", labelY: barsTop - 6);
            TargetLine(svg, X(group.ThreeTimesSkiaFullMs), barsTop, y, "3× SkiaSharp full-size", labelY: y + 8);
            y += GroupGap;
        }

        svg.Append("</svg>");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, svg.ToString());
    }

    private static void TargetLine(StringBuilder svg, double x, double top, double bottom, string label, double labelY)
    {
        svg.Append(Invariant($"<line x1=\"{x:0.0}\" y1=\"{top - 4:0.0}\" x2=\"{x:0.0}\" y2=\"{bottom - BarGap + 2:0.0}\" stroke=\"#dc2626\" stroke-width=\"2\" stroke-dasharray=\"4 3\"/>"));
        svg.Append(Invariant($"<text x=\"{x + 3:0.0}\" y=\"{labelY:0.0}\" font-size=\"11\" fill=\"#dc2626\">{label}</text>"));
    }

    private static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

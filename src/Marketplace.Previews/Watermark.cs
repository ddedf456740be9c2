using System.Collections.Concurrent;
using NetVips;

namespace Marketplace.Previews;

/// <summary>
/// Tiles a label (marketplace name, entry number) in diagonal rows over a preview: white text with a dark
/// edge, so it shows on light and dark artwork, at an opacity that spoils reuse but leaves the design
/// judgeable. Text is sized to the preview, so every size carries readable labels.
/// </summary>
public static class Watermark
{
    private const double TextOpacity = 0.45;
    private const double ShadowOpacity = 0.30;
    private const double Angle = -30;
    private const string Font = "DejaVu Sans Bold";
    private const int MinPoints = 7;
    private const int MaxPoints = 32;

    // Labels are a handful of constants, text sizes a few dozen; the bound keeps an odd caller from filling memory.
    private const int MaxSheets = 12;
    private static readonly ConcurrentDictionary<(string Label, int Points), Lazy<byte[]>> Sheets = new();
    private static readonly int TallestPreview = PreviewProfile.All.Max(p => p.MaxHeight);

    // Opacity per mask value (0–255), as 0–255 weights.
    private static readonly byte[] TextWeights = Weights(TextOpacity);
    private static readonly byte[] ShadowWeights = Weights(ShadowOpacity);

    /// <summary>Returns a new 8-bit sRGB image in memory; <paramref name="image"/> must be 8-bit sRGB without alpha.</summary>
    public static Image Apply(Image image, string label)
    {
        if (image.Bands != 3 || image.Format != Enums.BandFormat.Uchar)
        {
            throw new ArgumentException("The watermark blends 8-bit RGB pixels.", nameof(image));
        }

        var mask = MaskFor(label, image.Width, image.Height);
        var pixels = image.WriteToMemory<byte>();
        Blend(pixels, image.Width, image.Height, mask);
        return Image.NewFromMemory(pixels, image.Width, image.Height, bands: 3, format: Enums.BandFormat.Uchar);
    }

    /// <summary>
    /// The mask for a preview, cut from the middle of a kept one. Drawing and turning the text costs more than
    /// blending it, and every preview of one label at one text size shares the same pattern, so each
    /// (label, text size) is drawn once, as large as the widest and tallest preview that uses it.
    /// </summary>
    private static MaskView MaskFor(string label, int width, int height)
    {
        var points = Points(width);
        var (sheetWidth, sheetHeight) = (LargestWidthFor(points), TallestPreview);
        if (width > sheetWidth || height > sheetHeight || (!Sheets.ContainsKey((label, points)) && Sheets.Count >= MaxSheets))
        {
            return MaskView.Whole(Draw(label, points, width, height), width);
        }

        var sheet = Sheets.GetOrAdd((label, points), key => new Lazy<byte[]>(() => Draw(key.Label, key.Points, sheetWidth, sheetHeight))).Value;
        return new MaskView(sheet, sheetWidth, (sheetWidth - width) / 2, (sheetHeight - height) / 2);
    }

    /// <summary>Text size in points for a preview this wide: readable on the 160 px grid, not shouting at 960 px.</summary>
    private static int Points(int width) => Math.Clamp(width / 30, MinPoints, MaxPoints);

    /// <summary>The widest preview drawn at <paramref name="points"/>.</summary>
    private static int LargestWidthFor(int points) => points == MaxPoints ? PreviewProfile.All.Max(p => p.Width) : points * 30 + 29;

    private static byte[] Draw(string label, int points, int width, int height)
    {
        using var cover = Cover(label, points, width, height);
        return cover.WriteToMemory<byte>();
    }

    /// <summary>
    /// Darkens under the text's copy one pixel down and right (the edge), then lightens toward white under the
    /// text, in one pass over the pixels. libvips needs five full-size operations for the same (two weightings,
    /// a shift, two blends), which made the watermark the costliest step after the decode; most pixels lie
    /// between the labels and are skipped here.
    /// </summary>
    private static void Blend(Span<byte> pixels, int width, int height, MaskView mask)
    {
        for (var y = 0; y < height; y++)
        {
            var textRow = mask.Row(y, width);
            var edgeRow = y > 0 ? mask.Row(y - 1, width) : default;
            var row = pixels.Slice(y * width * 3, width * 3);
            for (var x = 0; x < width; x++)
            {
                int text = TextWeights[textRow[x]];
                int edge = y > 0 && x > 0 ? ShadowWeights[edgeRow[x - 1]] : 0;
                if ((text | edge) == 0)
                {
                    continue;
                }

                // What shows of the artwork, 0–255, after the edge and the text cover it; white fills the rest.
                var keep = Divide255((255 - edge) * (255 - text));
                var rgb = row.Slice(x * 3, 3);
                rgb[0] = (byte)(Divide255(rgb[0] * keep) + text);
                rgb[1] = (byte)(Divide255(rgb[1] * keep) + text);
                rgb[2] = (byte)(Divide255(rgb[2] * keep) + text);
            }
        }
    }

    /// <summary>Rounded <c>value / 255</c> for 0 ≤ value ≤ 255², without a division.</summary>
    private static int Divide255(int value)
    {
        value += 128;
        return (value + (value >> 8)) >> 8;
    }

    private static byte[] Weights(double opacity) =>
        Enumerable.Range(0, 256).Select(level => (byte)Math.Round(level * opacity)).ToArray();

    /// <summary>A 0–255 mask of staggered label rows, turned diagonal and cropped to the preview.</summary>
    private static Image Cover(string label, int points, int width, int height)
    {
        using var text = Image.Text(label, font: $"{Font} {points}", dpi: 72);
        var (gapX, gapY) = (points * 2, points * 2);
        using var cell = text.Embed(gapX / 2, gapY / 2, text.Width + gapX, text.Height + gapY);
        // Every second row starts half a label along, like bricks, so no column of the artwork stays clear.
        using var staggered = cell.Wrap(x: cell.Width / 2, y: 0);
        using var pair = cell.Join(staggered, Enums.Direction.Vertical);

        var diagonal = (int)Math.Ceiling(Math.Sqrt((double)width * width + (double)height * height));
        using var sheet = pair.Replicate(diagonal / pair.Width + 1, diagonal / pair.Height + 1);
        using var turned = sheet.Rotate(Angle);
        return turned.Crop((turned.Width - width) / 2, (turned.Height - height) / 2, width, height);
    }
}

/// <summary>A window of <c>width</c>-byte rows into a mask <paramref name="Stride"/> bytes wide.</summary>
internal readonly record struct MaskView(byte[] Pixels, int Stride, int Left, int Top)
{
    public static MaskView Whole(byte[] pixels, int width) => new(pixels, width, 0, 0);

    public ReadOnlySpan<byte> Row(int y, int width) => Pixels.AsSpan((Top + y) * Stride + Left, width);
}

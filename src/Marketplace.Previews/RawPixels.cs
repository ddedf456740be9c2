using System.Globalization;
using System.Text;
using NetVips;

namespace Marketplace.Previews;

/// <summary>
/// Pixels a drawing program wrote as a line "width height" and then 8-bit RGBA rows (ImageMagick's "info:" and "rgba:"),
/// turned into a PNG. Untrusted like the program's input: the size must be within the drawing's square and the bytes
/// exactly that many pixels, or there is no picture.
/// </summary>
public static class RawPixels
{
    private const int Bands = 4;

    /// <summary>The PNG, or null when the output is not a picture of at most <paramref name="maxSide"/> px a side.</summary>
    public static byte[]? ToPng(byte[] output, int maxSide)
    {
        var lineEnd = Array.IndexOf(output, (byte)'\n', 0, Math.Min(output.Length, 32));
        if (lineEnd < 0) return null;
        var size = Encoding.ASCII.GetString(output, 0, lineEnd).Split(' ');
        if (size.Length != 2 || !TryParseSide(size[0], maxSide, out var width) || !TryParseSide(size[1], maxSide, out var height)) return null;
        if (output.Length - lineEnd - 1 != (long)width * height * Bands) return null;

        using var image = Image.NewFromMemory(output[(lineEnd + 1)..], width, height, Bands, Enums.BandFormat.Uchar);
        using var srgb = image.Copy(interpretation: Enums.Interpretation.Srgb);
        return srgb.PngsaveBuffer(compression: 1);
    }

    private static bool TryParseSide(string text, int maxSide, out int side) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out side) && side is > 0 && side <= maxSide;
}

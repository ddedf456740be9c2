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

    /// <summary>Returns a new 8-bit sRGB image; <paramref name="image"/> must be 8-bit sRGB without alpha.</summary>
    public static Image Apply(Image image, string label)
    {
        // Rendered once into memory: the text and its shadow both read it, and rotating it is the costly part.
        using var cover = Cover(label, image.Width, image.Height);
        using var mask = cover.CopyMemory();
        using var shifted = mask.Embed(1, 1, image.Width + 1, image.Height + 1).Crop(0, 0, image.Width, image.Height);
        using var textWeight = mask.Linear([TextOpacity], [0.0], uchar: true);
        using var shadowWeight = shifted.Linear([ShadowOpacity], [0.0], uchar: true);

        // Blend by 8-bit weights (fast integer path): darken under the text's offset copy, then lighten with the text.
        using var shadowed = shadowWeight.Ifthenelse(new double[] { 0, 0, 0 }, image, blend: true);
        return textWeight.Ifthenelse(new double[] { 255, 255, 255 }, shadowed, blend: true);
    }

    /// <summary>A 0–255 mask of staggered label rows, turned diagonal and cropped to the preview.</summary>
    private static Image Cover(string label, int width, int height)
    {
        var points = Math.Clamp(width / 30, 7, 32);
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

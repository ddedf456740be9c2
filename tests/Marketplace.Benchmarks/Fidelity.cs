using Marketplace.Previews;
using Microsoft.Extensions.Options;
using NetVips;
using SkiaSharp;

namespace Marketplace.Benchmarks;

/// <summary>
/// How close each contender's largest preview (the decode stage's output: upright, sRGB, before watermark and
/// encoding) is to the same size made from a full-size decode resized with libvips' lanczos3: PSNR in dB, higher is
/// closer. A faster decode that scales deeper in the JPEG's DCT (block averages), or a resize that samples without
/// averaging, pays for it here, in aliasing. The reference is libvips' own resize, so ours scores high by construction
/// (identical on the PNG); compare each library with itself, and SkiaSharp's two forms with each other.
/// </summary>
public static class Fidelity
{
    public static (double Ours, double SkiaScaled, double SkiaFull) Measure(string path)
    {
        _ = new PreviewPipeline(Options.Create(new PreviewOptions())); // the product's libvips settings
        var largest = PreviewProfile.All[0];
        using var full = Image.NewFromFile(path);
        using var reference = full.ThumbnailImage(largest.Width, height: largest.MaxHeight, size: Enums.Size.Down);
        using var ours = PreviewRenderer.DecodeLargest(path);
        using var skiaScaled = FromSkia(SkiaPipeline.DecodeLargest(path, scaledDecode: true));
        using var skiaFull = FromSkia(SkiaPipeline.DecodeLargest(path, scaledDecode: false));
        return (Psnr(reference, ours), Psnr(reference, skiaScaled), Psnr(reference, skiaFull));
    }

    private static Image FromSkia(SKBitmap bitmap)
    {
        using (bitmap)
        {
            // Opaque RGBA (flattened on grey), so premultiplied or not, the first three bands are the colours.
            using var rgba = Image.NewFromMemoryCopy(bitmap.GetPixels(), (ulong)(bitmap.RowBytes * bitmap.Height), bitmap.Width, bitmap.Height, 4, Enums.BandFormat.Uchar);
            return rgba.ExtractBand(0, n: 3).CopyMemory();
        }
    }

    /// <summary>Over the area both images cover (sizes may differ by a rounding pixel).</summary>
    private static double Psnr(Image reference, Image candidate)
    {
        var (width, height) = (Math.Min(reference.Width, candidate.Width), Math.Min(reference.Height, candidate.Height));
        using var a = reference.Crop(0, 0, width, height).Cast(Enums.BandFormat.Float);
        using var b = candidate.Crop(0, 0, width, height).Cast(Enums.BandFormat.Float);
        using var difference = a - b;
        using var squared = difference * difference;
        return 10 * Math.Log10(255.0 * 255.0 / squared.Avg());
    }
}

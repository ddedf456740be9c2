using NetVips;

namespace Marketplace.Previews;

/// <summary>
/// Renders every <see cref="PreviewProfile"/> from one decode: <c>thumbnail</c> shrinks on load to the
/// largest size (JPEG decodes at 1/2–1/8 scale), turns the image upright by its EXIF orientation and
/// converts ICC/CMYK to sRGB; the smaller sizes are reduced from that in memory. Each size is flattened
/// on a neutral grey, watermarked, stripped of all metadata and stored as JPEG, or WebP when smaller.
/// Sizes and their two encoders run side by side: encoders are single-threaded, and a creative waiting
/// for their previews should get every core (concurrent uploads are bounded by <see cref="PreviewPipeline"/>).
/// </summary>
public static class PreviewRenderer
{
    /// <summary>Light neutral grey behind transparent areas: reads as "background" on both light and dark pages.</summary>
    private static readonly double[] Background = [238, 238, 238];

    /// <exception cref="DamagedImageException">The pixel data is corrupt or truncated.</exception>
    public static RenderedPreviews Render(string path, ImageHeader header, string? watermarkLabel)
    {
        using var upright = DecodeLargest(path);
        var images = new RenderedPreview[PreviewProfile.All.Count];
        Parallel.For(0, images.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i => images[i] = RenderSize(upright, PreviewProfile.All[i], watermarkLabel));
        var (width, height) = header.Upright;
        return new RenderedPreviews(width, height, images);
    }

    /// <summary>The largest preview size as 8-bit sRGB without alpha, fully decoded into memory (so corrupt data fails here).</summary>
    internal static Image DecodeLargest(string path)
    {
        try
        {
            return DecodeUpright(path, PreviewProfile.All[0]);
        }
        catch (VipsException e)
        {
            // Only decoding reads the creative's bytes; a failure after this point is our bug, not their file.
            throw new DamagedImageException(e);
        }
    }

    private static Image DecodeUpright(string path, PreviewProfile largest)
    {
        // The output profile makes libvips apply an embedded profile (Display P3, Adobe RGB, a print CMYK): without it
        // only CMYK is converted, and wide-gamut artwork shows dull once the profile is stripped.
        using var thumbnail = Image.Thumbnail(path, largest.Width, height: largest.MaxHeight, size: Enums.Size.Down, outputProfile: "srgb", failOn: Enums.FailOn.Error);
        using var srgb = thumbnail.Interpretation == Enums.Interpretation.Srgb && thumbnail.Format == Enums.BandFormat.Uchar
            ? thumbnail.Copy()
            : thumbnail.Colourspace(Enums.Interpretation.Srgb);
        using var opaque = srgb.HasAlpha() ? srgb.Flatten(background: Background) : srgb.Copy();
        using var bytes = opaque.Format == Enums.BandFormat.Uchar ? opaque.Copy() : opaque.Cast(Enums.BandFormat.Uchar);
        return bytes.CopyMemory();
    }

    private static RenderedPreview RenderSize(Image upright, PreviewProfile profile, string? watermarkLabel)
    {
        var scale = Math.Min(1.0, Math.Min((double)profile.Width / upright.Width, (double)profile.MaxHeight / upright.Height));
        using var sized = scale < 1.0 ? upright.Resize(scale) : upright.Copy();
        // In memory once (the watermark returns its result there); both encoders below read these pixels.
        using var pixels = string.IsNullOrWhiteSpace(watermarkLabel) ? sized.CopyMemory() : Watermark.Apply(sized, watermarkLabel);
        return Encode(pixels, profile);
    }

    private static RenderedPreview Encode(Image pixels, PreviewProfile profile)
    {
        byte[] jpeg = [], webp = [];
        Parallel.Invoke(
            () => jpeg = pixels.JpegsaveBuffer(q: profile.Quality, optimizeCoding: true, interlace: true, keep: Enums.ForeignKeep.None),
            // Effort 2: about 3% larger than effort 4 at a third of the time.
            () => webp = pixels.WebpsaveBuffer(q: profile.Quality, effort: 2, keep: Enums.ForeignKeep.None));
        return webp.Length < jpeg.Length
            ? new RenderedPreview(profile.Size, pixels.Width, pixels.Height, "webp", "image/webp", webp)
            : new RenderedPreview(profile.Size, pixels.Width, pixels.Height, "jpeg", "image/jpeg", jpeg);
    }
}

/// <summary>libvips could not decode the pixel data (corrupt or truncated file).</summary>
public sealed class DamagedImageException(Exception inner) : Exception("The image data cannot be decoded.", inner);

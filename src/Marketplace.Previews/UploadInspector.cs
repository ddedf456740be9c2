using System.Globalization;
using Marketplace.Contracts.Previews;
using Marketplace.Storage.Files;
using NetVips;

namespace Marketplace.Previews;

/// <summary>What the header of an accepted image says; nothing has been decoded yet.</summary>
public sealed record ImageHeader(ImageFormat Format, int Width, int Height, int Frames, bool Interlaced, int Orientation)
{
    public long Pixels => (long)Width * Height;

    /// <summary>Orientations 5–8 swap the sides once the image is turned upright.</summary>
    public (int Width, int Height) Upright => Orientation >= 5 ? (Height, Width) : (Width, Height);
}

/// <summary>The header check's answer: a header to render from, or the refusal.</summary>
public sealed record Inspection(ImageHeader? Header, UploadRefusal? Refusal);

/// <summary>
/// Decides from a file's bytes whether it is an allowed image within the limits. Reads only the header:
/// the format from the first bytes, then sizes and frame count through the matching libvips loader
/// opened for sequential access, so a decompression bomb is refused before a single pixel is decoded.
/// </summary>
public static class UploadInspector
{
    public static Inspection Inspect(string path, string fileName, PreviewOptions limits)
    {
        var bytes = new FileInfo(path).Length;
        if (bytes == 0)
        {
            return Refuse(UploadRefusalCode.Empty, "The file is empty (0 bytes). Choose the image again and upload it.");
        }

        if (bytes > limits.MaxEntryBytes)
        {
            return Refuse(UploadRefusalCode.TooLarge,
                $"The image is {ByteLimits.Describe(bytes)}; the limit is {ByteLimits.Describe(limits.MaxEntryBytes)}. Export it smaller (for example as JPEG at quality 90) and upload it again.");
        }

        var head = KnownFormats.ReadHead(path);

        if (ImageFormats.Detect(head) is not { } format)
        {
            return RefuseUnknown(head, fileName);
        }

        ImageHeader header;
        try
        {
            header = ReadHeader(path, format);
        }
        catch (VipsException)
        {
            return Refuse(UploadRefusalCode.Damaged, DamageDiagnosis.Explain(path, format));
        }

        return CheckLimits(header, limits);
    }

    private static ImageHeader ReadHeader(string path, ImageFormat format)
    {
        // The loader for the sniffed format, never libvips' own guess: the name picks nothing here.
        using var image = format switch
        {
            ImageFormat.Jpeg => Image.Jpegload(path, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error),
            ImageFormat.Png => Image.Pngload(path, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error),
            ImageFormat.WebP => Image.Webpload(path, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error),
            _ => Image.Gifload(path, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error),
        };
        return new ImageHeader(
            format,
            image.Width,
            image.Height,
            IntField(image, "n-pages", 1),
            IntField(image, "interlaced", 0) != 0,
            IntField(image, "orientation", 1));
    }

    private static int IntField(Image image, string name, int fallback) =>
        image.GetTypeOf(name) != IntPtr.Zero ? Convert.ToInt32(image.Get(name), CultureInfo.InvariantCulture) : fallback;

    private static Inspection CheckLimits(ImageHeader header, PreviewOptions limits)
    {
        var name = header.Format.DisplayName();
        if (header.Width > limits.MaxWidth || header.Height > limits.MaxHeight)
        {
            return Refuse(UploadRefusalCode.DimensionsTooLarge,
                $"This {name} is {header.Width:N0} × {header.Height:N0} pixels; the limit is {limits.MaxWidth:N0} × {limits.MaxHeight:N0}. Scale it down and upload it again.");
        }

        var pixelLimit = header.Interlaced && header.Format == ImageFormat.Png ? limits.MaxInterlacedPixels : limits.MaxPixels;
        if (header.Pixels > pixelLimit)
        {
            var interlaced = header.Interlaced && header.Format == ImageFormat.Png ? " for an interlaced PNG (save it non-interlaced to allow more)" : "";
            return Refuse(UploadRefusalCode.TooManyPixels,
                $"This {name} has {Megapixels(header.Pixels)} megapixels; the limit is {Megapixels(pixelLimit)}{interlaced}. Scale it down and upload it again.");
        }

        if (header.Frames > limits.MaxFrames)
        {
            return Refuse(UploadRefusalCode.TooManyFrames,
                $"This {name} has {header.Frames:N0} frames; the limit is {limits.MaxFrames:N0}. Upload a still image or a shorter animation (only the first frame is shown).");
        }

        return new Inspection(header, null);
    }

    private static Inspection RefuseUnknown(ReadOnlySpan<byte> head, string fileName)
    {
        if (ImageFormats.LooksLikeDamagedPng(head))
        {
            return Refuse(UploadRefusalCode.Damaged,
                "This PNG is damaged (its signature, the first bytes of the file, is wrong, as happens when a file is copied in text mode); export it again.");
        }

        var named = Path.GetExtension(fileName) is { Length: > 1 } extension ? $" (whatever its name ending \"{extension}\" says)" : "";
        return Refuse(UploadRefusalCode.UnsupportedFormat,
            $"This file is {KnownFormats.Describe(head)}{named}. Entries must be {ImageFormats.AllowedNames} images; export it as PNG or JPEG and upload it again.");
    }

    private static string Megapixels(long pixels) => (pixels / 1_000_000d).ToString("0.#", CultureInfo.InvariantCulture);

    private static Inspection Refuse(UploadRefusalCode code, string message) => new(null, new UploadRefusal(code, message));
}

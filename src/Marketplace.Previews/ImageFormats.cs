using System.Text;

namespace Marketplace.Previews;

/// <summary>The image formats an entry may be. Decided from the bytes only.</summary>
public enum ImageFormat
{
    Jpeg,
    Png,
    WebP,
    Gif,
}

public static class ImageFormats
{
    /// <summary>Bytes needed to recognise a format.</summary>
    public const int SniffLength = 16;

    public static ImageFormat? Detect(ReadOnlySpan<byte> head) => head switch
    {
        [0xFF, 0xD8, 0xFF, ..] => ImageFormat.Jpeg,
        [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => ImageFormat.Png,
        [(byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'7' or (byte)'9', (byte)'a', ..] => ImageFormat.Gif,
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => ImageFormat.WebP,
        _ => null,
    };

    /// <summary>The allowed format of the file at <paramref name="path"/>, from its first bytes.</summary>
    public static ImageFormat? DetectFile(string path)
    {
        using var file = File.OpenRead(path);
        Span<byte> head = stackalloc byte[SniffLength];
        return Detect(head[..file.ReadAtLeast(head, SniffLength, throwOnEndOfStream: false)]);
    }

    public static string DisplayName(this ImageFormat format) => format switch
    {
        ImageFormat.Jpeg => "JPEG",
        ImageFormat.Png => "PNG",
        ImageFormat.WebP => "WebP",
        _ => "GIF",
    };

    public static string ContentType(this ImageFormat format) => format switch
    {
        ImageFormat.Jpeg => "image/jpeg",
        ImageFormat.Png => "image/png",
        ImageFormat.WebP => "image/webp",
        _ => "image/gif",
    };

    public static string Extension(this ImageFormat format) => format switch
    {
        ImageFormat.Jpeg => ".jpg",
        ImageFormat.Png => ".png",
        ImageFormat.WebP => ".webp",
        _ => ".gif",
    };

    /// <summary>
    /// A PNG whose 8-byte signature was mangled (sent in text mode, a flipped bit) still shows "PNG" or its
    /// IHDR chunk near the start: worth telling the creative it is a damaged PNG rather than "not an image".
    /// </summary>
    public static bool LooksLikeDamagedPng(ReadOnlySpan<byte> head) =>
        head.Length >= 8 && (head[1..4].SequenceEqual("PNG"u8) || head[1..4].SequenceEqual("PNg"u8) || head.IndexOf("IHDR"u8) is >= 8 and <= 16);

    /// <summary>What a refused file seems to be, for the message ("a PDF document").</summary>
    public static string DescribeOther(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("%PDF"u8)) return "a PDF document";
        if (head.StartsWith("%!PS"u8)) return "a PostScript/EPS file";
        if (head.StartsWith("8BPS"u8)) return "a Photoshop (PSD) file";
        if (head.StartsWith("II*\0"u8) || head.StartsWith("MM\0*"u8)) return "a TIFF image";
        if (head.StartsWith("BM"u8)) return "a BMP image";
        if (head.StartsWith("PK\u0003\u0004"u8)) return "a ZIP archive";
        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8)) return "a HEIC/AVIF image";
        var text = Encoding.UTF8.GetString(head).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (text.StartsWith("<svg", StringComparison.OrdinalIgnoreCase) || text.StartsWith("<?xml", StringComparison.OrdinalIgnoreCase))
            return "an SVG or XML document";
        return IsText(head) ? "a text file" : "not an image we recognise";
    }

    /// <summary>Text as people save it: no control bytes other than tab and line breaks.</summary>
    internal static bool IsText(ReadOnlySpan<byte> head)
    {
        foreach (var b in head)
        {
            if (b < 0x09 || b is > 0x0D and < 0x20) return false;
        }

        return head.Length > 0;
    }
}

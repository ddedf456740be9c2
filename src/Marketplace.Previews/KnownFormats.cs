using System.Buffers.Binary;

namespace Marketplace.Previews;

/// <summary>Whether a file's first bytes are one format.</summary>
public delegate bool Signature(ReadOnlySpan<byte> head);

/// <summary>
/// A file format recognisable from its first bytes. <see cref="Name"/> is what export menus call it ("PNG");
/// <see cref="Described"/> the one phrase every message uses for a file of it ("a PNG image"); <see cref="Extension"/>
/// its usual name ending, or null where no one ending fits; <see cref="Image"/> set for the formats an entry may be.
/// </summary>
public sealed record KnownFormat(string Name, string Described, string? Extension, Signature Matches, ImageFormat? Image = null);

/// <summary>
/// The one table of file signatures: the entry check names what a refused file really is from it, the finals check
/// compares a file's name with it, and the allowed image formats are its first four rows. Wording follows the kinds
/// people see in Finder and Explorer ("a PNG image", "a PDF document", "a ZIP archive").
/// </summary>
public static class KnownFormats
{
    /// <summary>Bytes read from the start: a PDF's "%PDF-" may follow up to 1 KB of junk, as readers allow.</summary>
    public const int HeadLength = 1024;

    public static readonly KnownFormat Jpeg = new("JPEG", "a JPEG image", ".jpg", head => head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]), ImageFormat.Jpeg);
    public static readonly KnownFormat Png = new("PNG", "a PNG image", ".png", head => head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]), ImageFormat.Png);
    public static readonly KnownFormat WebP = new("WebP", "a WebP image", ".webp", head => head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8), ImageFormat.WebP);
    public static readonly KnownFormat Gif = new("GIF", "a GIF image", ".gif", head => head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8), ImageFormat.Gif);
    public static readonly KnownFormat Tiff = new("TIFF", "a TIFF image", ".tif", head => head.StartsWith("II*\0"u8) || head.StartsWith("MM\0*"u8) || head.StartsWith("II+\0"u8) || head.StartsWith("MM\0+"u8));
    /// <summary>"BM", the file size, then four reserved zero bytes: "BM" alone also starts ordinary text.</summary>
    public static readonly KnownFormat Bmp = new("BMP", "a BMP image", ".bmp", head => head.Length >= 14 && head.StartsWith("BM"u8) && head[6..10].IndexOfAnyExcept((byte)0) < 0);
    public static readonly KnownFormat Heic = new("HEIC", "a HEIC image", ".heic", head => HasBrand(head, "heic", "heix", "hevc", "hevx", "heim", "heis", "hevm", "hevs", "mif1", "msf1"));
    public static readonly KnownFormat Avif = new("AVIF", "an AVIF image", ".avif", head => HasBrand(head, "avif", "avis"));
    /// <summary>The same box structure as HEIC and AVIF; other brands (a Canon CR3 raw photo) stay unnamed rather than misnamed.</summary>
    public static readonly KnownFormat Video = new("MP4/MOV", "an MP4 or MOV video", null,
        head => HasBrand(head, "isom", "iso2", "iso4", "iso5", "iso6", "mp41", "mp42", "avc1", "M4V ", "qt  ", "3gp4", "3gp5", "3g2a", "mmp4"));
    /// <summary>"8BPS", then version 1 (PSD) or 2 (PSB, Photoshop's large document format, which keeps the signature).</summary>
    public static readonly KnownFormat Psd = new("PSD", "a Photoshop (PSD) file", ".psd", head => head.StartsWith("8BPS\0\u0001"u8) || head.StartsWith("8BPS\0\u0002"u8));
    /// <summary>
    /// PostScript of any kind ("%!PS-Adobe-3.0 EPSF-3.0", plain "%!PS", an Illustrator file saved as PostScript, a print
    /// file whose driver put a Ctrl-D or a PJL header first: <see cref="PostScriptFile.StartOf"/>), or a DOS binary EPS:
    /// its header, then where its PostScript section lies (at or after the 30-byte header, not empty).
    /// </summary>
    public static readonly KnownFormat Eps = new("EPS", "an EPS (PostScript) file", ".eps", head => PostScriptFile.StartOf(head) >= 0 ||
        (PostScriptFile.IsBinaryEps(head) && head.Length >= 12 && BinaryPrimitives.ReadUInt32LittleEndian(head[4..8]) >= 30 && BinaryPrimitives.ReadUInt32LittleEndian(head[8..12]) > 0));
    /// <summary>
    /// An sfnt font: TrueType outlines (version 1.0, or Apple's "true"), CFF outlines ("OTTO"), with a plausible table
    /// count after it (so a text file starting "true" is not a font), or a collection of them ("ttcf", version 1 or 2).
    /// ".ttf" and ".otf" both take any flavour: plenty of OpenType fonts with TrueType outlines are named ".otf".
    /// </summary>
    public static readonly KnownFormat Font = new("TTF or OTF", "a TrueType or OpenType font", ".ttf", head => IsSfnt(head) || IsFontCollection(head));
    public static readonly KnownFormat Woff = new("WOFF", "a WOFF web font", ".woff", head => head.StartsWith("wOFF"u8));
    public static readonly KnownFormat Woff2 = new("WOFF2", "a WOFF2 web font", ".woff2", head => head.StartsWith("wOF2"u8));
    public static readonly KnownFormat Zip = new("ZIP", "a ZIP archive", ".zip", head => head.StartsWith("PK\u0003\u0004"u8) || head.StartsWith("PK\u0005\u0006"u8) || head.StartsWith("PK\u0007\u0008"u8));
    public static readonly KnownFormat Svg = new("SVG", "an SVG file", ".svg", head => Markup(head).IndexOf("<svg"u8) >= 0);
    /// <summary>Other markup, or an SVG whose root element lies past the first bytes: a ".svg" name accepts it.</summary>
    public static readonly KnownFormat OtherMarkup = new("XML/HTML", "an XML or HTML file", null, head => !Markup(head).IsEmpty);
    public static readonly KnownFormat Pdf = new("PDF", "a PDF document", ".pdf", head => head.IndexOf("%PDF-"u8) >= 0);

    /// <summary>
    /// Fixed signatures first; then markup, so an SVG mentioning "%PDF-" stays an SVG; then a PDF, whose signature may
    /// come after some junk.
    /// </summary>
    public static readonly IReadOnlyList<KnownFormat> All = [Jpeg, Png, WebP, Gif, Tiff, Bmp, Heic, Avif, Video, Psd, Font, Woff, Woff2, Eps, Zip, Svg, OtherMarkup, Pdf];

    public const string PlainText = "plain text";
    public const string Unrecognised = "not a file type we recognise";

    public static KnownFormat? Identify(ReadOnlySpan<byte> head)
    {
        foreach (var format in All)
        {
            if (format.Matches(head)) return format;
        }

        return null;
    }

    /// <summary>What the file is, in the words every message uses: "a PDF document", "plain text".</summary>
    public static string Describe(ReadOnlySpan<byte> head) =>
        Identify(head)?.Described ?? (IsText(head) ? PlainText : Unrecognised);

    /// <summary>The first <see cref="HeadLength"/> bytes of the file at <paramref name="path"/> (fewer if it is shorter).</summary>
    public static byte[] ReadHead(string path)
    {
        using var file = File.OpenRead(path);
        var head = new byte[HeadLength];
        return head[..file.ReadAtLeast(head, HeadLength, throwOnEndOfStream: false)];
    }

    /// <summary>Text as people save it: no control bytes other than tab and line breaks.</summary>
    public static bool IsText(ReadOnlySpan<byte> head)
    {
        foreach (var b in head)
        {
            if (b < 0x09 || b is > 0x0D and < 0x20) return false;
        }

        return head.Length > 0;
    }

    /// <summary>The formats a font final may be; each is previewed as a specimen.</summary>
    public static bool IsFont(KnownFormat? format) => format == Font || format == Woff || format == Woff2;

    private static bool IsSfnt(ReadOnlySpan<byte> head) =>
        head.Length >= 12
        && (head.StartsWith((ReadOnlySpan<byte>)[0, 1, 0, 0]) || head.StartsWith("OTTO"u8) || head.StartsWith("true"u8))
        && BinaryPrimitives.ReadUInt16BigEndian(head[4..6]) is > 0 and <= 128;

    private static bool IsFontCollection(ReadOnlySpan<byte> head) =>
        head.Length >= 12 && head.StartsWith("ttcf"u8) && BinaryPrimitives.ReadUInt32BigEndian(head[4..8]) is 0x00010000 or 0x00020000;

    /// <summary>An ISO media file ("ftyp" box) whose major brand is one of <paramref name="brands"/>.</summary>
    private static bool HasBrand(ReadOnlySpan<byte> head, params ReadOnlySpan<string> brands)
    {
        if (head.Length < 12 || !head[4..8].SequenceEqual("ftyp"u8)) return false;
        Span<char> brand = stackalloc char[4];
        for (var i = 0; i < 4; i++) brand[i] = (char)head[8 + i];
        foreach (var candidate in brands)
        {
            if (brand.SequenceEqual(candidate)) return true;
        }

        return false;
    }

    /// <summary>
    /// The markup text, empty when the head is not markup: after a UTF-8 byte-order mark and white space it starts
    /// with "&lt;" ("&lt;svg", "&lt;?xml", a comment or a doctype). UTF-16 files (a 16-bit byte-order mark) count as
    /// markup rather than being guessed at.
    /// </summary>
    private static ReadOnlySpan<byte> Markup(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return head;
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) head = head[3..];
        var text = head.TrimStart(" \t\r\n"u8);
        return text.Length > 0 && text[0] == (byte)'<' ? text : default;
    }
}

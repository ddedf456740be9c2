using Marketplace.Contracts.Previews;

namespace Marketplace.Previews;

/// <summary>
/// A final's name must not lie about formats we can recognise from the first bytes: "logo.png" that is really a JPEG
/// reaches the buyer's printer as a broken PNG. Names we cannot verify by bytes (AI, EPS, PSD, fonts…) pass.
/// </summary>
public static class ClaimedFormats
{
    /// <summary>Bytes read from the start: a PDF's "%PDF-" may follow up to 1 KB of junk, as readers allow.</summary>
    public const int HeadLength = 1024;

    private delegate bool Signature(ReadOnlySpan<byte> head);

    /// <summary>A format recognisable by its first bytes: its name, what a person calls its bytes, and its usual name ending.</summary>
    private sealed record KnownFormat(string Name, string Contents, string Extension, Signature Matches)
    {
        /// <summary>"a PNG", "an SVG": these initialisms are read letter by letter.</summary>
        public string WithArticle => ("AEFHILMNORSX".Contains(Name[0]) ? "an " : "a ") + Name;
    }

    private static readonly KnownFormat Jpeg = new("JPEG", "a JPEG", ".jpg", head => Starts(head, 0xFF, 0xD8, 0xFF));
    private static readonly KnownFormat Png = new("PNG", "a PNG", ".png", head => Starts(head, 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A));
    private static readonly KnownFormat Gif = new("GIF", "a GIF", ".gif", head => head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8));
    private static readonly KnownFormat WebP = new("WebP", "a WebP image", ".webp", head => head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8));
    private static readonly KnownFormat Pdf = new("PDF", "a PDF", ".pdf", head => head.IndexOf("%PDF-"u8) >= 0);
    private static readonly KnownFormat Tiff = new("TIFF", "a TIFF image", ".tif", head => head.StartsWith("II*\0"u8) || head.StartsWith("MM\0*"u8) || head.StartsWith("II+\0"u8) || head.StartsWith("MM\0+"u8));
    private static readonly KnownFormat Zip = new("ZIP", "a ZIP archive", ".zip", head => head.StartsWith("PK\u0003\u0004"u8) || head.StartsWith("PK\u0005\u0006"u8) || head.StartsWith("PK\u0007\u0008"u8));
    private static readonly KnownFormat Svg = new("SVG", "an SVG", ".svg", StartsLikeMarkup);

    /// <summary>Recognised by bytes only to name what a mislabelled file really is; their names are not checked.</summary>
    private static readonly KnownFormat Psd = new("PSD", "a Photoshop (PSD) file", ".psd", head => head.StartsWith("8BPS"u8));
    private static readonly KnownFormat PostScript = new("EPS", "a PostScript/EPS file", ".eps", head => head.StartsWith("%!PS"u8) || Starts(head, 0xC5, 0xD0, 0xD3, 0xC6));

    /// <summary>
    /// Fixed signatures first; then markup, so an SVG mentioning "%PDF-" stays an SVG; then a PDF, whose signature may
    /// come after some junk.
    /// </summary>
    private static readonly KnownFormat[] Recognisable = [Jpeg, Png, Gif, WebP, Tiff, Zip, Psd, PostScript, Svg, Pdf];

    private static readonly Dictionary<string, KnownFormat> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".jpg"] = Jpeg,
        [".jpeg"] = Jpeg,
        [".jpe"] = Jpeg,
        [".jfif"] = Jpeg,
        [".png"] = Png,
        [".gif"] = Gif,
        [".webp"] = WebP,
        [".pdf"] = Pdf,
        [".tif"] = Tiff,
        [".tiff"] = Tiff,
        [".zip"] = Zip,
        [".svg"] = Svg,
    };

    /// <summary>
    /// The refusal when <paramref name="fileName"/> names a format we recognise and <paramref name="head"/> (the file's
    /// first <see cref="HeadLength"/> bytes) is not that format; null when they agree or the name claims nothing we can check.
    /// </summary>
    public static UploadRefusal? Check(string fileName, ReadOnlySpan<byte> head)
    {
        if (!ByExtension.TryGetValue(Path.GetExtension(fileName), out var claimed) || IsClaimed(claimed, head))
        {
            return null;
        }

        var actual = Identify(head);
        var contents = actual?.Contents ?? (ImageFormats.IsText(head) ? "plain text" : "not a file type we recognise");
        var rename = actual is null ? "" : $", or rename it to {Path.GetFileNameWithoutExtension(fileName)}{actual.Extension}";
        return new UploadRefusal(UploadRefusalCode.NameContradictsContent,
            $"{fileName} is not {claimed.WithArticle}: its contents are {contents}. Export it as {claimed.Name} again{rename}.");
    }

    /// <summary>The file at <paramref name="path"/>, checked by its first bytes.</summary>
    public static UploadRefusal? CheckFile(string path, string fileName)
    {
        using var file = File.OpenRead(path);
        var head = new byte[HeadLength];
        return Check(fileName, head.AsSpan(0, file.ReadAtLeast(head, HeadLength, throwOnEndOfStream: false)));
    }

    /// <summary>Identified, not merely matched: a PNG's bytes named .svg are a PNG, whatever a loose test would say.</summary>
    private static bool IsClaimed(KnownFormat claimed, ReadOnlySpan<byte> head) => Identify(head) == claimed;

    private static KnownFormat? Identify(ReadOnlySpan<byte> head)
    {
        foreach (var format in Recognisable)
        {
            if (format.Matches(head)) return format;
        }

        return null;
    }

    /// <summary>
    /// An SVG is XML text: after a byte-order mark and white space it starts with "&lt;" ("&lt;svg", "&lt;?xml", a comment
    /// or a doctype). UTF-16 files (a 16-bit byte-order mark) are let through rather than guessed at.
    /// </summary>
    private static bool StartsLikeMarkup(ReadOnlySpan<byte> head)
    {
        if (Starts(head, 0xFF, 0xFE) || Starts(head, 0xFE, 0xFF)) return true;
        if (Starts(head, 0xEF, 0xBB, 0xBF)) head = head[3..];
        var text = head.TrimStart(" \t\r\n"u8);
        return text.Length > 0 && text[0] == (byte)'<';
    }

    private static bool Starts(ReadOnlySpan<byte> head, params ReadOnlySpan<byte> signature) => head.StartsWith(signature);
}

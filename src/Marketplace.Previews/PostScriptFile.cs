using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Marketplace.Previews;

/// <summary>The area a PostScript file says it draws on, in points (1/72 inch), from its DSC header.</summary>
public sealed record BoundingBox(double Left, double Bottom, double Right, double Top)
{
    public double Width => Right - Left;
    public double Height => Top - Bottom;
}

/// <summary>
/// What Ghostscript needs to know before it runs a PostScript file, read from the file's first bytes without running it:
/// where the PostScript is (after a DOS binary EPS header, whose TIFF or WMF preview is ignored: it is the creative's
/// own picture of the file, not the file), whether it is an EPS (one page, cropped to its box) and the box its header
/// comments declare. Null from <see cref="Read"/> when it is not PostScript we can draw.
/// </summary>
public sealed record PostScriptFile(long Offset, long Length, bool IsEps, BoundingBox? Box)
{
    /// <summary>The DOS binary EPS header: magic, then the PostScript section's offset and length (little-endian).</summary>
    private const int BinaryHeaderLength = 30;

    /// <summary>Header comments are read from this much of the PostScript at most: DSC puts them first.</summary>
    private const int CommentsLength = 64 * 1024;

    public static PostScriptFile? Read(string path)
    {
        using var file = File.OpenRead(path);
        var (offset, length) = SectionOf(file);
        if (length <= 0) return null;

        file.Position = offset;
        var head = new byte[(int)Math.Min(length, CommentsLength)];
        head = head[..file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false)];
        var start = StartOf(head);
        if (start < 0) return null;
        // Ghostscript is given the PostScript from its "%!", so the driver's prefix never reaches the DSC header's reading.
        (offset, length, head) = (offset + start, length - start, head[start..]);

        var lines = Encoding.Latin1.GetString(head).Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        return new PostScriptFile(offset, length, lines[0].Contains(" EPSF-", StringComparison.Ordinal), BoxOf(HeaderComments(lines)));
    }

    /// <summary>The whole file, or the PostScript section a DOS binary EPS header points at (nothing if it points outside the file).</summary>
    private static (long Offset, long Length) SectionOf(FileStream file)
    {
        Span<byte> header = stackalloc byte[BinaryHeaderLength];
        if (file.ReadAtLeast(header, BinaryHeaderLength, throwOnEndOfStream: false) < BinaryHeaderLength || !IsBinaryEps(header))
        {
            return (0, file.Length);
        }

        long offset = BinaryPrimitives.ReadUInt32LittleEndian(header[4..8]);
        long length = BinaryPrimitives.ReadUInt32LittleEndian(header[8..12]);
        return offset >= BinaryHeaderLength && offset + length <= file.Length ? (offset, length) : (0, 0);
    }

    /// <summary>
    /// Where the PostScript ("%!PS") starts in a file's first bytes, or -1 if it does not: at once, or after what printer
    /// drivers put before it in a print file: a Ctrl-D (0x04, which resets a PostScript printer between jobs), and a PJL
    /// job header (the Universal Exit Language escape "ESC%-12345X", then "@PJL …" lines such as "@PJL ENTER LANGUAGE =
    /// POSTSCRIPT"). What drivers add after the PostScript (another Ctrl-D or escape) Ghostscript passes over itself.
    /// </summary>
    public static int StartOf(ReadOnlySpan<byte> head)
    {
        var at = SkipCtrlD(head, 0);
        if (head[at..].StartsWith(UniversalExitLanguage))
        {
            at += UniversalExitLanguage.Length;
            while (head[at..].StartsWith("@PJL"u8) || head[at..].StartsWith("\r\n"u8) || head[at..].StartsWith("\n"u8))
            {
                var lineEnd = head[at..].IndexOf((byte)'\n');
                if (lineEnd < 0) return -1;
                at += lineEnd + 1;
            }

            at = SkipCtrlD(head, at);
        }

        return head[at..].StartsWith("%!PS"u8) ? at : -1;
    }

    private static ReadOnlySpan<byte> UniversalExitLanguage => "\u001b%-12345X"u8;

    private static int SkipCtrlD(ReadOnlySpan<byte> head, int at) => at < head.Length && head[at] == 0x04 ? at + 1 : at;

    public static bool IsBinaryEps(ReadOnlySpan<byte> head) => head.StartsWith((ReadOnlySpan<byte>)[0xC5, 0xD0, 0xD3, 0xC6]);

    /// <summary>The "%%" lines before the first line of code or "%%EndComments" (DSC's header).</summary>
    private static IEnumerable<string> HeaderComments(string[] lines) =>
        lines.Skip(1).TakeWhile(line => line.StartsWith('%') && !line.StartsWith("%%EndComments", StringComparison.Ordinal));

    /// <summary>%%HiResBoundingBox if it is there and makes sense, as Ghostscript prefers it; else %%BoundingBox.</summary>
    private static BoundingBox? BoxOf(IEnumerable<string> comments)
    {
        BoundingBox? box = null;
        foreach (var comment in comments)
        {
            if (comment.StartsWith("%%HiResBoundingBox:", StringComparison.Ordinal) && Parse(comment["%%HiResBoundingBox:".Length..]) is { } hiRes) return hiRes;
            if (box is null && comment.StartsWith("%%BoundingBox:", StringComparison.Ordinal)) box = Parse(comment["%%BoundingBox:".Length..]);
        }

        return box;
    }

    /// <summary>Four numbers with some area; "(atend)" (the box is in the trailer) or nonsense give none.</summary>
    private static BoundingBox? Parse(string values)
    {
        var parts = values.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 4) return null;
        var numbers = new double[4];
        for (var i = 0; i < 4; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]) || !double.IsFinite(numbers[i])) return null;
        }

        var box = new BoundingBox(numbers[0], numbers[1], numbers[2], numbers[3]);
        return box.Width > 0 && box.Height > 0 ? box : null;
    }
}

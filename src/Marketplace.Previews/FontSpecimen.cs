using System.Globalization;
using System.Text;

namespace Marketplace.Previews;

/// <summary>
/// A font final's preview: a specimen sheet in the font itself (its own name, the alphabet in pairs, the figures, a
/// pangram at three sizes), so a buyer on a phone can judge a typeface they cannot install there. The font's name comes
/// from the font, so it is untrusted text: only letters, digits, spaces and a little punctuation reach ImageMagick, which
/// would otherwise read "@file" and "%[…]" in caption text.
/// </summary>
public static class FontSpecimen
{
    /// <summary>The link to the file in the sandbox's working folder; FreeType reads the format from the bytes, not the name.</summary>
    public const string InputName = "input.font";

    public const string Alphabet = "Aa Bb Cc Dd Ee Ff Gg Hh Ii Jj Kk Ll Mm Nn Oo Pp Qq Rr Ss Tt Uu Vv Ww Xx Yy Zz";
    public const string Figures = "0123456789 & ? ! ( ) . , ; :";
    public const string Pangram = "The quick brown fox jumps over the lazy dog.";

    private const int MaxNameLength = 64;
    private const int Margin = 60;

    /// <summary>
    /// Narrower than a drawing (1200 px, not 1920) so the lines wrap into a taller sheet: on a 390 px phone the smallest
    /// sentence still reads at about 10 px, the largest at 24.
    /// </summary>
    public const int SheetWidth = 1200;

    /// <summary>fc-scan's full name of the first face, then its family (some fonts leave the full name out).</summary>
    public static IReadOnlyList<string> ScanArguments { get; } = ["--format", "%{fullname[0]}\n%{family[0]}\n", InputName];

    /// <summary>The first name fc-scan printed, made safe to draw; null when it found no font in the file.</summary>
    public static string? NameFrom(byte[] output)
    {
        foreach (var line in Encoding.UTF8.GetString(output).Split('\n'))
        {
            if (Safe(line) is { Length: > 0 } name) return name;
        }

        return null;
    }

    /// <summary>
    /// ImageMagick 6: one caption per line, all in the font, wrapped to the sheet's width, stacked with gaps, on white,
    /// written as "width height" and raw RGBA (see <see cref="RawPixels"/>). Its own limits sit under the sandbox's, and
    /// a warning (the font could not be read, so another would be used) is an error. A font whose letters run very tall
    /// is shrunk to fit <paramref name="maxSide"/>.
    /// </summary>
    public static string[] DrawArguments(string name, int maxSide)
    {
        var text = (SheetWidth - 2 * Margin).ToString(CultureInfo.InvariantCulture);
        var fit = maxSide.ToString(CultureInfo.InvariantCulture);
        string[] Line(int points, string words) => ["-size", $"{text}x", "-pointsize", points.ToString(CultureInfo.InvariantCulture), $"caption:{words}"];
        string[] Gap(int pixels) => ["-size", $"{text}x{pixels}", "xc:white"];
        return
        [
            "-regard-warnings",
            "-limit", "memory", "256MiB", "-limit", "map", "256MiB", "-limit", "disk", "0", "-limit", "thread", "1",
            "-limit", "width", "16000", "-limit", "height", "16000",
            "-background", "white", "-fill", "#1a1a1a", "-font", InputName, "-gravity", "west",
            .. Line(96, name), .. Gap(30),
            .. Line(56, Alphabet), .. Line(56, Figures), .. Gap(40),
            .. Line(32, Pangram), .. Gap(16), .. Line(48, Pangram), .. Gap(16), .. Line(72, Pangram),
            "-append", "-bordercolor", "white", "-border", Margin.ToString(CultureInfo.InvariantCulture), "-resize", $"{fit}x{fit}>",
            "-depth", "8", "-format", "%w %h\n", "-write", "info:-", "rgba:-",
        ];
    }

    private static string Safe(string line)
    {
        var safe = new StringBuilder();
        foreach (var c in line)
        {
            if (char.IsLetterOrDigit(c) || c is ' ' or '-' or '.' or ',' or '\'' or '&' or '+' or '(' or ')') safe.Append(c);
        }

        var name = string.Join(' ', safe.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return name.Length <= MaxNameLength ? name : name[..MaxNameLength].TrimEnd();
    }
}

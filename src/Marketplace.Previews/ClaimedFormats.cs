using Marketplace.Contracts.Previews;

namespace Marketplace.Previews;

/// <summary>
/// A final's name must not lie about formats we can recognise from the first bytes: "logo.png" that is really a JPEG
/// reaches the buyer's printer as a broken PNG, and "logo.ttf" that is a PNG installs as no font at all. Names we cannot
/// verify by bytes (AI, which may be a PDF or PostScript inside, Office files…) pass.
/// </summary>
public static class ClaimedFormats
{
    /// <summary>
    /// Name endings whose claim the bytes can confirm (any PostScript passes for ".eps": plenty of EPS exports lack the
    /// "EPSF" mark and still print); PSB, Photoshop's large document format, has PSD's signature.
    /// </summary>
    private static readonly Dictionary<string, KnownFormat> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".jpg"] = KnownFormats.Jpeg,
        [".jpeg"] = KnownFormats.Jpeg,
        [".jpe"] = KnownFormats.Jpeg,
        [".jfif"] = KnownFormats.Jpeg,
        [".png"] = KnownFormats.Png,
        [".gif"] = KnownFormats.Gif,
        [".webp"] = KnownFormats.WebP,
        [".pdf"] = KnownFormats.Pdf,
        [".tif"] = KnownFormats.Tiff,
        [".tiff"] = KnownFormats.Tiff,
        [".zip"] = KnownFormats.Zip,
        [".svg"] = KnownFormats.Svg,
        [".eps"] = KnownFormats.Eps,
        [".epsf"] = KnownFormats.Eps,
        [".epsi"] = KnownFormats.Eps,
        [".ps"] = KnownFormats.Eps,
        [".psd"] = KnownFormats.Psd,
        [".psb"] = KnownFormats.Psd,
        [".ttf"] = KnownFormats.Font,
        [".otf"] = KnownFormats.Font,
        [".ttc"] = KnownFormats.Font,
        [".otc"] = KnownFormats.Font,
        [".woff"] = KnownFormats.Woff,
        [".woff2"] = KnownFormats.Woff2,
    };

    /// <summary>
    /// The refusal when <paramref name="fileName"/> names a format we recognise and <paramref name="head"/> (the file's
    /// first <see cref="KnownFormats.HeadLength"/> bytes) is not that format; null when they agree or the name claims
    /// nothing we can check.
    /// </summary>
    public static UploadRefusal? Check(string fileName, ReadOnlySpan<byte> head)
    {
        var actual = KnownFormats.Identify(head);
        if (!ByExtension.TryGetValue(Path.GetExtension(fileName), out var claimed) || IsClaimed(claimed, actual))
        {
            return null;
        }

        var rename = actual?.Extension is { } extension ? $", or rename it to {Path.GetFileNameWithoutExtension(fileName)}{extension}" : "";
        return new UploadRefusal(UploadRefusalCode.NameContradictsContent,
            $"{fileName} is not {claimed.Described}: its contents are {KnownFormats.Describe(head)}. Export it as {claimed.Name} again{rename}.");
    }

    /// <summary>The file at <paramref name="path"/>, checked by its first bytes.</summary>
    public static UploadRefusal? CheckFile(string path, string fileName) => Check(fileName, KnownFormats.ReadHead(path));

    /// <summary>
    /// Identified, not merely matched: a PNG's bytes named .svg are a PNG, whatever a loose test would say. An SVG's
    /// root element may lie past the bytes read, so any markup passes for ".svg".
    /// </summary>
    private static bool IsClaimed(KnownFormat claimed, KnownFormat? actual) =>
        actual == claimed || (claimed == KnownFormats.Svg && actual == KnownFormats.OtherMarkup);
}

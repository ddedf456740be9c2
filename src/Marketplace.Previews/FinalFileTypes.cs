namespace Marketplace.Previews;

/// <summary>Content types and blob name endings for final files that are not previewable images.</summary>
public static class FinalFileTypes
{
    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = "application/pdf",
        [".svg"] = "image/svg+xml",
        [".ai"] = "application/postscript",
        [".eps"] = "application/postscript",
        [".psd"] = "image/vnd.adobe.photoshop",
        [".tif"] = "image/tiff",
        [".tiff"] = "image/tiff",
        [".zip"] = "application/zip",
        [".txt"] = "text/plain",
        [".ttf"] = "font/ttf",
        [".otf"] = "font/otf",
        [".ttc"] = "font/collection",
        [".otc"] = "font/collection",
        [".woff"] = "font/woff",
        [".woff2"] = "font/woff2",
    };

    /// <summary>
    /// Only informs the download's Content-Type; the web always serves finals as attachments, so a
    /// mislabelled file cannot run in the browser.
    /// </summary>
    public static string ContentType(string fileName) =>
        ByExtension.GetValueOrDefault(Path.GetExtension(fileName), "application/octet-stream");

    /// <summary>A safe blob name ending from the file name: lower-case letters and digits, at most 10.</summary>
    public static string Extension(string fileName)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        return extension.Length is > 1 and <= 11 && extension[1..].All(char.IsAsciiLetterOrDigit) ? extension : "";
    }
}

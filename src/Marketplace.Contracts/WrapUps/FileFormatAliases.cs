namespace Marketplace.Contracts.WrapUps;

/// <summary>
/// File-name extensions that name the same format, so a brief asking for "JPG" is met by <c>photo.jpeg</c> and one
/// asking for "TIFF" by <c>scan.tif</c>. A format not listed here is only its own name. The first name of a group is
/// the format's canonical name.
/// </summary>
public static class FileFormatAliases
{
    private static readonly string[][] Groups =
    [
        ["JPEG", "JPG", "JPE", "JFIF"],
        ["TIFF", "TIF"],
        ["EPS", "EPSF", "EPSI"],
        ["HTML", "HTM"],
        ["MPEG", "MPG"],
        ["YAML", "YML"],
        ["MARKDOWN", "MD"],
        ["TXT", "TEXT"],
        ["HEIC", "HEIF"],
        ["INDD", "INDESIGN"],
        ["FIG", "FIGMA"],
    ];

    private static readonly Dictionary<string, string[]> ByName = Groups
        .SelectMany(group => group.Select(name => (name, group)))
        .ToDictionary(pair => pair.name, pair => pair.group, StringComparer.OrdinalIgnoreCase);

    /// <summary>The canonical name of a format or extension: "jpg", ".JPG" and "jpeg" are all "JPEG".</summary>
    public static string Canonical(string formatOrExtension)
    {
        var name = formatOrExtension.Trim().TrimStart('.').ToUpperInvariant();
        return ByName.TryGetValue(name, out var group) ? group[0] : name;
    }

    /// <summary>Every name the format goes by, the brief's own first ("JPG" → JPG, JPEG, JPE, JFIF).</summary>
    public static IReadOnlyList<string> NamesOf(string format)
    {
        var name = format.Trim().TrimStart('.').ToUpperInvariant();
        return ByName.TryGetValue(name, out var group) ? [name, .. group.Where(n => n != name)] : [name];
    }

    /// <summary>The canonical format a file name's extension names, or null when it has none.</summary>
    public static string? OfFileName(string fileName) =>
        Path.GetExtension(fileName) is { Length: > 1 } extension ? Canonical(extension) : null;
}

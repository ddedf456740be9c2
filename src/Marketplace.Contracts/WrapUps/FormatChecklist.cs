using Marketplace.Contracts.Files;
using Marketplace.Contracts.Previews;

namespace Marketplace.Contracts.WrapUps;

/// <summary>One format the brief asks for (in the brief's own spelling) and the delivered files that are in it; none means missing.</summary>
[GenerateSerializer, Immutable]
public sealed record FormatCheck(
    [property: Id(0)] string Format,
    [property: Id(1)] IReadOnlyList<string> FileNames)
{
    public bool Delivered => FileNames.Count > 0;
}

/// <summary>
/// A file whose content contradicts its name: <paramref name="NamedAs"/> is the format its extension names,
/// <paramref name="ContentIs"/> what its bytes are (null: not a <paramref name="NamedAs"/> image, but we can't say what).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record MislabelledFile(
    [property: Id(0)] string FileName,
    [property: Id(1)] string NamedAs,
    [property: Id(2)] string? ContentIs);

/// <summary>
/// A delivery checked against the formats of the brief: each requested format with the files that meet it, the files in
/// formats nobody asked for (<paramref name="Extras"/>, welcome), and files whose content contradicts their name
/// (<paramref name="Mislabelled"/>, which meet nothing).
/// <para>
/// A file meets a format by its extension, with <see cref="FileFormatAliases"/> (JPG = JPEG, TIF = TIFF…). The bytes
/// are consulted where the upload pipeline sniffed them: it gives a JPEG, PNG, WebP or GIF final that image's content
/// type whatever its name, and any other file a content type from its name alone. So "logo.svg" stored as
/// <c>image/png</c> is a PNG, and "logo.png" stored as anything but <c>image/png</c> is not a PNG; neither ticks a box.
/// Other formats (SVG, PDF, EPS, AI…) are taken at their name's word: an upload whose ".svg", ".pdf" or ".eps" name
/// contradicts its bytes was refused before it was stored.
/// </para>
/// </summary>
[GenerateSerializer, Immutable]
public sealed record FormatChecklist(
    [property: Id(0)] IReadOnlyList<FormatCheck> Requested,
    [property: Id(1)] IReadOnlyList<string> Extras,
    [property: Id(2)] IReadOnlyList<MislabelledFile> Mislabelled)
{
    /// <summary>Content types the pipeline sets from the bytes only (see the remarks above), with the format they are.</summary>
    private static readonly Dictionary<string, string> SniffedContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["image/jpeg"] = "JPEG",
        ["image/png"] = "PNG",
        ["image/webp"] = "WEBP",
        ["image/gif"] = "GIF",
    };

    /// <summary>The requested formats no delivered file meets, in the brief's order and spelling.</summary>
    public IReadOnlyList<string> Missing => Requested.Where(r => !r.Delivered).Select(r => r.Format).ToArray();

    public bool Complete => Requested.All(r => r.Delivered);

    /// <summary>Checks stored files: their names, and their sniffed content where there is one.</summary>
    public static FormatChecklist Of(IReadOnlyList<string> requested, IEnumerable<StoredFile> files) =>
        Of(requested, files.Select(f => (f.FileName, (string?)f.ContentType)));

    /// <summary>Zip entries named per format before they collapse into a count ("logo.svg, icon.svg and 6 more inside brand.zip").</summary>
    private const int NamedInsideArchive = 2;

    /// <summary>
    /// Checks delivered finals, and the files each zip among them lists (<see cref="PreviewManifest.Archive"/>): a brand.zip
    /// holding logo.svg delivers SVG, shown as "logo.svg inside brand.zip". Files inside a zip count by their name alone
    /// (nothing is unpacked to check their bytes), meet formats only, and are never listed as extras: the zip itself is.
    /// </summary>
    public static FormatChecklist Of(IReadOnlyList<string> requested, IEnumerable<FinalFile> finals)
    {
        var delivered = finals.ToArray();
        var checklist = Of(requested, delivered.Select(f => f.File));
        var wanted = requested.Select(FileFormatAliases.Canonical).ToArray();
        var inside = requested.Select(_ => new List<string>()).ToArray();
        foreach (var zip in delivered.Where(f => f.Preview?.Archive is { Entries.Count: > 0 }))
        {
            foreach (var (entries, index) in zip.Preview!.Archive!.Entries
                         .GroupBy(e => FileFormatAliases.OfFileName(e.Name) is { } named ? Array.IndexOf(wanted, named) : -1)
                         .Where(g => g.Key >= 0)
                         .Select(g => (g.ToArray(), g.Key)))
            {
                inside[index].Add(InsideArchive(entries, zip.File.FileName));
            }
        }

        return checklist with
        {
            Requested = checklist.Requested.Select((check, i) => check with { FileNames = [.. check.FileNames, .. inside[i]] }).ToArray(),
        };
    }

    /// <summary>"logo.svg inside brand.zip", "logo.svg, icon.svg and 6 more inside brand.zip".</summary>
    private static string InsideArchive(IReadOnlyList<ArchiveEntry> entries, string zipName)
    {
        var named = entries.Take(NamedInsideArchive).Select(e => e.Name[(e.Name.LastIndexOf('/') + 1)..]).ToList();
        var more = entries.Count - named.Count;
        var names = more > 0 ? $"{string.Join(", ", named)} and {more} more" : Join(named);
        return $"{names} inside {zipName}";
    }

    /// <summary>
    /// Checks files by <paramref name="files"/>' names and content types; a null content type is not known yet (a page
    /// checking names before upload), so only the name counts.
    /// </summary>
    public static FormatChecklist Of(IReadOnlyList<string> requested, IEnumerable<(string FileName, string? ContentType)> files)
    {
        var matched = requested.Select(_ => new List<string>()).ToArray();
        var wanted = requested.Select(FileFormatAliases.Canonical).ToArray();
        var extras = new List<string>();
        var mislabelled = new List<MislabelledFile>();
        foreach (var (fileName, contentType) in files)
        {
            var named = FileFormatAliases.OfFileName(fileName);
            if (named is not null && Contradicts(named, contentType) is { } contentIs)
            {
                mislabelled.Add(new MislabelledFile(fileName, named, contentIs.Length == 0 ? null : contentIs));
                continue;
            }

            var index = named is null ? -1 : Array.IndexOf(wanted, named);
            if (index >= 0)
            {
                matched[index].Add(fileName);
            }
            else
            {
                extras.Add(fileName);
            }
        }

        return new FormatChecklist(
            requested.Select((format, i) => new FormatCheck(format, matched[i].ToArray())).ToArray(),
            extras.ToArray(),
            mislabelled.ToArray());
    }

    /// <summary>
    /// What a person must fix when formats are missing and no note says why, or null when nothing is missing:
    /// which formats, which files do not count, and the two ways forward.
    /// </summary>
    public string? RefusalWithoutNote()
    {
        var missing = Missing;
        if (missing.Count == 0)
        {
            return null;
        }

        var notCounted = string.Concat(Mislabelled.Select(m => $" \"{m.FileName}\" is {(m.ContentIs is { } actual ? $"really a {actual} image" : $"not a real {m.NamedAs} image")}, so it does not count as {m.NamedAs}."));
        var too = Requested.Any(r => r.Delivered) ? " too" : "";
        var them = missing.Count == 1 ? "it" : "them";
        var are = missing.Count == 1 ? "it is" : "they are";
        return $"The brief asks for {Join(missing)}{too}.{notCounted} Add {them}, or say in the note why {are} not included.";
    }

    /// <summary>"SVG", "SVG and PDF", "PNG, SVG and PDF".</summary>
    public static string Join(IReadOnlyList<string> formats) =>
        formats.Count <= 1 ? string.Concat(formats) : $"{string.Join(", ", formats.Take(formats.Count - 1))} and {formats[^1]}";

    /// <summary>
    /// The format the content is when it contradicts <paramref name="named"/> ("" when it is not that image but
    /// unnamed), or null when the content agrees or cannot tell.
    /// </summary>
    private static string? Contradicts(string named, string? contentType)
    {
        if (contentType is null)
        {
            return null;
        }

        var sniffed = SniffedContentTypes.GetValueOrDefault(contentType);
        if (sniffed is not null)
        {
            return sniffed == named ? null : sniffed;
        }

        return SniffedContentTypes.ContainsValue(named) ? "" : null;
    }
}

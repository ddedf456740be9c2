using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Marketplace.Contracts;

/// <summary>
/// Times as a person reads them: in their IANA time zone, always with the zone's abbreviation ("CET", "IST") or, where
/// the time zone database has none, the offset ("UTC+05:30"), so a time is never ambiguous. Shared by the web (pages)
/// and the grains (notices and emails). Never depends on the machine's own zone.
/// </summary>
public static class LocalTimes
{
    /// <summary>What visitors and people who never chose a zone see.</summary>
    public const string UtcId = "UTC";

    /// <summary>The longest id we accept: IANA ids are short ("America/Argentina/ComodRivadavia" is 32).</summary>
    public const int MaxIdLength = 64;

    private static readonly ConcurrentDictionary<string, ZoneNames?> NamesById = new(StringComparer.Ordinal);

    /// <summary>The zone of an IANA id this machine's time zone database knows; null for anything else (Windows names included).</summary>
    public static TimeZoneInfo? FindZone(string? id)
    {
        var trimmed = id?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxIdLength || trimmed.Contains(' ') || trimmed.Contains(".."))
        {
            return null;
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(trimmed, out var zone) || !zone.HasIanaId)
        {
            return null;
        }

        // Browsers report UTC as "UTC" or "Etc/UTC"; both are kept as UTC, so it reads and is stored one way.
        return UtcAliases.Contains(zone.Id) ? TimeZoneInfo.Utc : zone;
    }

    private static readonly HashSet<string> UtcAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        UtcId, "Etc/UTC", "Etc/UCT", "Etc/Universal", "Etc/Zulu", "UCT", "Universal", "Zulu",
    };

    /// <summary>The person's zone, or UTC when none is set (or it is no longer known).</summary>
    public static TimeZoneInfo ZoneOrUtc(string? id) => FindZone(id) ?? TimeZoneInfo.Utc;

    /// <summary>"Sat 6 Mar, 10:00 CET" with <paramref name="pattern"/> for the date and time part.</summary>
    public static string Format(DateTimeOffset at, TimeZoneInfo zone, string pattern)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return local.ToString(pattern, CultureInfo.InvariantCulture) + " " + Label(at, zone);
    }

    /// <summary>The date in the zone, without a label: "3 Dec 2026" (a day needs no zone to be read).</summary>
    public static string FormatDate(DateTimeOffset at, TimeZoneInfo zone, string pattern) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString(pattern, CultureInfo.InvariantCulture);

    /// <summary>
    /// What names the zone at <paramref name="at"/>: the time zone database's abbreviation when it has a lettered one
    /// for that offset ("CET" or "CEST", "EST" or "EDT", "IST"), else the offset, "UTC+05:30"; "UTC" itself for UTC.
    /// </summary>
    public static string Label(DateTimeOffset at, TimeZoneInfo zone)
    {
        var offset = zone.GetUtcOffset(at);
        if (zone == TimeZoneInfo.Utc || UtcAliases.Contains(zone.Id))
        {
            return UtcId;
        }

        var names = NamesOf(zone.Id);
        return names?.Standard is { } std && offset == std.Offset ? std.Name
            : names?.Daylight is { } dst && offset == dst.Offset ? dst.Name
            : Offset(offset);
    }

    /// <summary>A zone's id as people read it: "America/New York", "UTC".</summary>
    public static string Name(string zoneId) => zoneId.Replace('_', ' ');

    /// <summary>"UTC+05:30", "UTC-03:00", "UTC" for no offset.</summary>
    public static string Offset(TimeSpan offset) =>
        offset == TimeSpan.Zero ? UtcId : "UTC" + (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);

    /// <summary>
    /// Every zone this machine knows by IANA id (the "Region/City" ones, plus UTC), sorted by region then city, with its
    /// offset now: what the account page offers.
    /// </summary>
    public static IReadOnlyList<ZoneChoice> Choices(DateTimeOffset now) =>
        [.. TimeZoneInfo.GetSystemTimeZones()
            .Where(z => z.HasIanaId && z.Id.Contains('/') && !z.Id.StartsWith("Etc/", StringComparison.Ordinal))
            .Select(z => new ZoneChoice(z.Id, Region(z.Id), City(z.Id), Offset(z.GetUtcOffset(now))))
            .Prepend(new ZoneChoice(UtcId, "", UtcId, UtcId))
            .DistinctBy(c => c.Id)
            .OrderBy(c => c.Region, StringComparer.Ordinal).ThenBy(c => c.City, StringComparer.Ordinal)];

    /// <summary>One option of the zone picker: "Berlin (UTC+01:00)" under "Europe".</summary>
    public sealed record ZoneChoice(string Id, string Region, string City, string OffsetNow);

    private static string Region(string id) => id[..id.IndexOf('/')];

    /// <summary>"America/Argentina/Buenos_Aires" → "Argentina, Buenos Aires".</summary>
    private static string City(string id) => id[(id.IndexOf('/') + 1)..].Replace('_', ' ').Replace("/", ", ");

    private sealed record ZoneName(string Name, TimeSpan Offset);

    private sealed record ZoneNames(ZoneName? Standard, ZoneName? Daylight);

    private static ZoneNames? NamesOf(string id) => NamesById.GetOrAdd(id, ReadNames);

    /// <summary>
    /// .NET gives no abbreviations, but every TZif file of the time zone database ends with a POSIX TZ string naming the
    /// zone's current standard and daylight time ("CET-1CEST,M3.5.0,M10.5.0/3", "IST-5:30", "&lt;+04&gt;-4"). Only lettered
    /// names count; a numeric one ("+04") reads better as the offset.
    /// </summary>
    private static ZoneNames? ReadNames(string id)
    {
        try
        {
            var folder = Environment.GetEnvironmentVariable("TZDIR") is { Length: > 0 } tzdir ? tzdir : "/usr/share/zoneinfo";
            var path = Path.GetFullPath(Path.Combine(folder, id));
            if (!path.StartsWith(Path.GetFullPath(folder), StringComparison.Ordinal) || !File.Exists(path))
            {
                return null;
            }

            var text = Encoding.ASCII.GetString(File.ReadAllBytes(path)).TrimEnd('\n');
            var footer = text[(text.LastIndexOf('\n') + 1)..];
            return ParsePosix(footer);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>"EST5EDT,M3.2.0,M11.1.0" → EST at -05:00, EDT at -04:00. POSIX offsets count west of Greenwich, so their sign is flipped.</summary>
    private static ZoneNames? ParsePosix(string posix)
    {
        var at = 0;
        var standardName = ReadName(posix, ref at);
        if (standardName is null || ReadOffset(posix, ref at) is not { } standardOffset)
        {
            return null;
        }

        var standard = new ZoneName(standardName, -standardOffset);
        var daylightName = ReadName(posix, ref at);
        if (daylightName is null)
        {
            return new ZoneNames(Lettered(standard), null);
        }

        var daylightOffset = ReadOffset(posix, ref at) is { } given ? -given : standard.Offset + TimeSpan.FromHours(1);
        return new ZoneNames(Lettered(standard), Lettered(new ZoneName(daylightName, daylightOffset)));
    }

    private static ZoneName? Lettered(ZoneName name) => name.Name.All(char.IsAsciiLetter) ? name : null;

    private static string? ReadName(string s, ref int at)
    {
        if (at < s.Length && s[at] == '<')
        {
            var close = s.IndexOf('>', at);
            if (close < 0)
            {
                return null;
            }

            var quoted = s[(at + 1)..close];
            at = close + 1;
            return quoted;
        }

        var start = at;
        while (at < s.Length && char.IsAsciiLetter(s[at]))
        {
            at++;
        }

        return at - start >= 3 ? s[start..at] : null;
    }

    private static TimeSpan? ReadOffset(string s, ref int at)
    {
        var start = at;
        while (at < s.Length && (char.IsAsciiDigit(s[at]) || s[at] is '+' or '-' or ':'))
        {
            at++;
        }

        var text = s[start..at];
        if (text.Length == 0)
        {
            return null;
        }

        var negative = text.StartsWith('-');
        var parts = text.TrimStart('+', '-').Split(':');
        if (!parts.All(p => p.Length > 0 && p.All(char.IsAsciiDigit)))
        {
            return null;
        }

        var span = TimeSpan.FromHours(int.Parse(parts[0], CultureInfo.InvariantCulture))
            + (parts.Length > 1 ? TimeSpan.FromMinutes(int.Parse(parts[1], CultureInfo.InvariantCulture)) : TimeSpan.Zero)
            + (parts.Length > 2 ? TimeSpan.FromSeconds(int.Parse(parts[2], CultureInfo.InvariantCulture)) : TimeSpan.Zero);
        return negative ? -span : span;
    }
}

using System.Globalization;
using NodaTime;

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

        // .NET has no abbreviations; NodaTime's copy of the time zone database names each period of a zone. Its name is
        // used only when its offset agrees with the machine's database (the two copies may differ by a release), and only
        // a lettered one: a numeric name ("+04") reads better as the offset.
        var period = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone.Id)?.GetZoneInterval(Instant.FromDateTimeOffset(at));
        return period is { Name: { Length: >= 3 } name } && period.WallOffset.ToTimeSpan() == offset && name.All(char.IsAsciiLetter)
            ? name
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
}

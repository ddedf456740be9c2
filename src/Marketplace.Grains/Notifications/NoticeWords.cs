using Marketplace.Contracts;

namespace Marketplace.Grains.Notifications;

/// <summary>Small wording helpers shared by the grains that write notifications.</summary>
internal static class NoticeWords
{
    private const int MaxQuote = 280;

    /// <summary>Someone's words on one line in quotes, cut with an ellipsis so a long comment keeps the notice short.</summary>
    public static string Quote(string text, int max = MaxQuote)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return $"“{(flat.Length <= max ? flat : flat[..(max - 1)].TrimEnd() + "…")}”";
    }

    /// <summary>
    /// A time in a notice, a refusal or a timeline line: kept as a marker holding the instant, so whoever shows it writes
    /// it in its reader's zone ("Tue 12 Jan, 10:00 CET"; see <see cref="InZone"/> and <see cref="TimeMarkers"/>).
    /// </summary>
    public static string When(DateTimeOffset at) => TimeMarkers.Mark(at);

    /// <summary>A notice's times written in <paramref name="zone"/>. Notices stored before times followed the reader say "UTC" and stay so.</summary>
    public static string InZone(string text, TimeZoneInfo zone) => TimeMarkers.Write(text, zone);

    /// <summary>Time left, roughly, as a sentence starts: "2 days", "12 hours", "Less than 2 hours".</summary>
    public static string TimeLeft(TimeSpan left) =>
        left.TotalHours >= 36 ? $"{Math.Round(left.TotalDays):0} days"
        : left.TotalHours >= 2 ? $"{Math.Round(left.TotalHours):0} hours"
        : "Less than 2 hours";

    /// <summary>"1 entry", "3 entries".</summary>
    public static string Entries(int count) => count == 1 ? "1 entry" : $"{count} entries";
}

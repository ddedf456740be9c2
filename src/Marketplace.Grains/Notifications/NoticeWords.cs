using System.Globalization;
using System.Text.RegularExpressions;
using Marketplace.Contracts;

namespace Marketplace.Grains.Notifications;

/// <summary>Small wording helpers shared by the grains that write notifications.</summary>
internal static partial class NoticeWords
{
    private const string NoticeTimePattern = "ddd d MMM, HH:mm";
    private const int MaxQuote = 280;

    /// <summary>Someone's words on one line in quotes, cut with an ellipsis so a long comment keeps the notice short.</summary>
    public static string Quote(string text, int max = MaxQuote)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return $"“{(flat.Length <= max ? flat : flat[..(max - 1)].TrimEnd() + "…")}”";
    }

    /// <summary>
    /// A time in a notice: kept as a marker holding the instant, so the inbox writes it in its reader's zone whenever the
    /// notice is shown or emailed ("Tue 12 Jan, 10:00 CET"; see <see cref="InZone"/>). Only for notification texts,
    /// which only the inbox shows; a message read anywhere else uses <see cref="InUtc"/>.
    /// </summary>
    public static string When(DateTimeOffset at) => "⟦" + at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) + "⟧";

    /// <summary>A notice's times written in <paramref name="zone"/>. Notices stored before times followed the reader say "UTC" and stay so.</summary>
    public static string InZone(string text, TimeZoneInfo zone) =>
        !text.Contains('⟦', StringComparison.Ordinal) ? text
        : TimeMarker().Replace(text, m => DateTimeOffset.TryParse(m.Groups[1].Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? LocalTimes.Format(at, zone, NoticeTimePattern)
            : m.Value);

    /// <summary>A time in a refusal or an account email, which no inbox renders: in UTC, labelled.</summary>
    public static string InUtc(DateTimeOffset at) => LocalTimes.Format(at, TimeZoneInfo.Utc, NoticeTimePattern);

    [GeneratedRegex("⟦([0-9T:Z-]{20})⟧")]
    private static partial Regex TimeMarker();

    /// <summary>Time left, roughly, as a sentence starts: "2 days", "12 hours", "Less than 2 hours".</summary>
    public static string TimeLeft(TimeSpan left) =>
        left.TotalHours >= 36 ? $"{Math.Round(left.TotalDays):0} days"
        : left.TotalHours >= 2 ? $"{Math.Round(left.TotalHours):0} hours"
        : "Less than 2 hours";

    /// <summary>"1 entry", "3 entries".</summary>
    public static string Entries(int count) => count == 1 ? "1 entry" : $"{count} entries";
}

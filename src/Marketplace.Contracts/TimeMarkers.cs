using System.Globalization;
using System.Text.RegularExpressions;

namespace Marketplace.Contracts;

/// <summary>
/// A time inside a sentence written by a grain (a notice, a timeline line, a refusal), kept as a marker holding the
/// instant ("⟦2026-12-03T17:00:00Z⟧") so whoever shows the sentence writes it in its reader's zone. Text without
/// markers is shown as it was stored.
/// </summary>
public static partial class TimeMarkers
{
    /// <summary>How notices and refusals write a time: "Thu 3 Dec, 18:00 CET".</summary>
    public const string ShortPattern = "ddd d MMM, HH:mm";

    /// <summary>The marker for <paramref name="at"/>: the exact instant (a fraction of a second only where there is one).</summary>
    public static string Mark(DateTimeOffset at) => "⟦" + at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture) + "⟧";

    public static bool HasAny(string? text) => text is not null && text.Contains('⟦', StringComparison.Ordinal);

    /// <summary>The text with each marked time written in <paramref name="zone"/> with <paramref name="pattern"/> and the zone's label.</summary>
    public static string Write(string text, TimeZoneInfo zone, string pattern = ShortPattern) =>
        !HasAny(text) ? text
        : Marker().Replace(text, m => Parse(m) is { } at ? LocalTimes.Format(at, zone, pattern) : m.Value);

    /// <summary>The instants the text marks, in order: what the JSON API gives beside a message, in ISO 8601 UTC.</summary>
    public static IReadOnlyList<DateTimeOffset> Instants(string? text) =>
        !HasAny(text) ? [] : [.. Marker().Matches(text!).Select(Parse).OfType<DateTimeOffset>()];

    /// <summary>The text cut into its words and its times, for a page that puts each time in a <c>&lt;time&gt;</c> element.</summary>
    public static IEnumerable<(string Words, DateTimeOffset? At)> Parts(string text)
    {
        var from = 0;
        foreach (Match m in Marker().Matches(text))
        {
            if (Parse(m) is not { } at) continue;
            if (m.Index > from) yield return (text[from..m.Index], null);
            yield return ("", at);
            from = m.Index + m.Length;
        }

        if (from < text.Length) yield return (text[from..], null);
    }

    private static DateTimeOffset? Parse(Match m) =>
        DateTimeOffset.TryParse(m.Groups[1].Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;

    [GeneratedRegex(@"⟦(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,7})?Z)⟧")]
    private static partial Regex Marker();
}

using System.Globalization;
using Marketplace.Contracts;

namespace Marketplace.Web.Presentation;

/// <summary>How amounts, dates and names read on every page.</summary>
public static class Display
{
    /// <summary>"$420", "$1,250.50": the one money format, <see cref="Contracts.Money.ToString"/>, shared with the grains' notices.</summary>
    public static string Money(Money money) => money.ToString();

    /// <summary>"3 Dec 2026": the day in <paramref name="zone"/> (pages use <see cref="ViewerTime"/>, which passes the viewer's).</summary>
    public static string Date(DateTimeOffset at, TimeZoneInfo zone) => LocalTimes.FormatDate(at, zone, "d MMM yyyy");

    /// <summary>"3 Dec 2026, 18:00 CET", "3 Dec 2026, 22:30 IST", "3 Dec 2026, 21:00 UTC+04:00": never without its zone.</summary>
    public static string DateTime(DateTimeOffset at, TimeZoneInfo zone) => LocalTimes.Format(at, zone, "d MMM yyyy, HH:mm");

    /// <summary>"in 3 days", "in 5 hours", "2 days ago".</summary>
    public static string Relative(DateTimeOffset at, DateTimeOffset now)
    {
        var span = at - now;
        var future = span > TimeSpan.Zero;
        var abs = span.Duration();
        var text = abs.TotalDays >= 1.5 ? $"{Math.Round(abs.TotalDays)} days"
            : abs.TotalHours >= 1.5 ? $"{Math.Round(abs.TotalHours)} hours"
            : abs.TotalMinutes >= 1.5 ? $"{Math.Round(abs.TotalMinutes)} minutes"
            : "a moment";
        return future ? "in " + text : text + " ago";
    }

    /// <summary>"1 day", "7 days": a period set in whole days, such as the selection window.</summary>
    public static string Days(TimeSpan period)
    {
        var days = (int)Math.Round(period.TotalDays);
        return days == 1 ? "1 day" : $"{days} days";
    }

    /// <summary>"24 hours", "90 minutes", "3 days": a configured period as people say it.</summary>
    public static string Period(TimeSpan period) => period switch
    {
        { TotalMinutes: < 120 } => period.TotalMinutes == 1 ? "1 minute" : $"{(int)Math.Round(period.TotalMinutes)} minutes",
        { TotalHours: <= 48 } => $"{(int)Math.Round(period.TotalHours)} hours",
        _ => Days(period),
    };

    public static string Stars(int? rating) => rating is { } r and > 0 ? new string('★', r) + new string('☆', 5 - r) : "";

    /// <summary>"4 out of 5": what a star rating says in words, beside the glyphs (which screen readers skip).</summary>
    public static string StarWords(int stars) => $"{stars} out of 5";

    /// <summary>An average of star ratings, "4.8 out of 5".</summary>
    public static string AverageStars(double average) => $"{average.ToString("0.#", CultureInfo.InvariantCulture)} out of 5";

    public static string Category(string category) => category switch
    {
        "logo" => "Logo",
        "branding" => "Brand identity",
        "web" => "Web design",
        "app" => "App design",
        "packaging" => "Packaging",
        "print" => "Print",
        "illustration" => "Illustration",
        "social" => "Social media",
        _ => "Other",
    };

    /// <summary>"12.4 MB": <see cref="Contracts.Files.FileSizes.Describe"/>, shared with the zip's README.txt written on the silos.</summary>
    public static string Bytes(long bytes) => Contracts.Files.FileSizes.Describe(bytes);

    /// <summary>The text on one line, cut at a word before <paramref name="max"/> characters with "…" (a link preview's description).</summary>
    public static string Excerpt(string text, int max)
    {
        var line = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (line.Length <= max) return line;
        var cut = line.LastIndexOf(' ', max - 1);
        return (cut > 0 ? line[..cut] : line[..(max - 1)]).TrimEnd(',', ';', ':', '.') + "…";
    }
}

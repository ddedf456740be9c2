using System.Globalization;

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

    /// <summary>A deadline as every notice and email writes it, in UTC so it reads the same wherever the person is.</summary>
    public static string When(DateTimeOffset at) => at.UtcDateTime.ToString("ddd d MMM, HH:mm 'UTC'", CultureInfo.InvariantCulture);
}

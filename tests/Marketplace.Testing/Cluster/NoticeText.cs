using System.Globalization;

namespace Marketplace.Testing.Cluster;

/// <summary>How notices write things, for tests that check the words (<c>using static</c> it to write <c>When(at)</c>).</summary>
public static class NoticeText
{
    /// <summary>
    /// A date as notices write it ("Fri 4 Dec, 12:00 UTC"). Spelled out here rather than borrowed from the grains, so a
    /// change to the words people read fails a test instead of passing unseen.
    /// </summary>
    public static string When(DateTimeOffset at) => at.UtcDateTime.ToString("ddd d MMM, HH:mm 'UTC'", CultureInfo.InvariantCulture);
}

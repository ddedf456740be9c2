using Marketplace.Contracts;
using Marketplace.Web.Presentation;

namespace Marketplace.Web.Tests.TimeZones;

/// <summary>
/// How a time reads on the site: in the viewer's zone, always with the zone's abbreviation from the time zone database
/// ("CET", "EDT", "IST") or, where it has only a number, the offset; never depending on the machine's own zone.
/// </summary>
public sealed class LocalTimeFormatTests
{
    private static TimeZoneInfo Zone(string id) => LocalTimes.FindZone(id) ?? throw new InvalidOperationException(id + " is not installed (tzdata)");

    private static readonly DateTimeOffset Winter = new(2026, 12, 3, 17, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Summer = new(2026, 7, 3, 17, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_time_reads_in_the_zone_with_its_abbreviation_and_the_abbreviation_follows_daylight_saving()
    {
        Assert.Equal("3 Dec 2026, 18:00 CET", Display.DateTime(Winter, Zone("Europe/Berlin")));
        Assert.Equal("3 Jul 2026, 19:00 CEST", Display.DateTime(Summer, Zone("Europe/Berlin")));
        Assert.Equal("3 Dec 2026, 12:00 EST", Display.DateTime(Winter, Zone("America/New_York")));
        Assert.Equal("3 Jul 2026, 13:00 EDT", Display.DateTime(Summer, Zone("America/New_York")));
        Assert.Equal("3 Dec 2026, 17:00 GMT", Display.DateTime(Winter, Zone("Europe/London")));
        Assert.Equal("3 Jul 2026, 18:00 BST", Display.DateTime(Summer, Zone("Europe/London")));
        Assert.Equal("3 Dec 2026, 22:30 IST", Display.DateTime(Winter, Zone("Asia/Kolkata")));
        Assert.Equal("3 Dec 2026, 18:00 WAT", Display.DateTime(Winter, Zone("Africa/Lagos")));
        Assert.Equal("4 Dec 2026, 04:00 AEDT", Display.DateTime(Winter, Zone("Australia/Sydney")));
    }

    [Fact]
    public void Where_the_database_has_only_a_number_the_time_reads_with_its_offset_from_UTC()
    {
        Assert.Equal("3 Dec 2026, 21:00 UTC+04:00", Display.DateTime(Winter, Zone("Asia/Dubai")));
        Assert.Equal("3 Dec 2026, 22:45 UTC+05:45", Display.DateTime(Winter, Zone("Asia/Kathmandu")));
        Assert.Equal("3 Dec 2026, 14:00 UTC-03:00", Display.DateTime(Winter, Zone("America/Sao_Paulo")));
    }

    [Fact]
    public void UTC_reads_as_UTC_however_the_browser_names_it_and_the_day_follows_the_zone()
    {
        Assert.Equal("3 Dec 2026, 17:00 UTC", Display.DateTime(Winter, TimeZoneInfo.Utc));
        Assert.Same(TimeZoneInfo.Utc, Zone("Etc/UTC"));
        Assert.Same(TimeZoneInfo.Utc, Zone("UTC"));
        Assert.Equal("3 Dec 2026", Display.Date(Winter, TimeZoneInfo.Utc));
        Assert.Equal("4 Dec 2026", Display.Date(Winter, Zone("Asia/Tokyo")));
    }

    [Fact]
    public void Only_IANA_names_this_machine_knows_are_zones()
    {
        Assert.Equal("Asia/Kolkata", Zone(" Asia/Kolkata ").Id);
        Assert.NotNull(LocalTimes.FindZone("Asia/Calcutta"));
        foreach (var id in new[] { null, "", "Mars/Olympus_Mons", "Pacific Standard Time", "../../../etc/passwd", "Europe/../Asia/Tokyo", new string('x', 100) })
        {
            Assert.Null(LocalTimes.FindZone(id));
        }
    }

    [Fact]
    public void A_page_writes_each_time_in_a_time_element_carrying_UTC_for_machines_and_marked_grain_text_in_the_viewers_zone()
    {
        var viewer = new ViewerTime();
        viewer.Use("Asia/Kolkata");
        using var written = new StringWriter();
        viewer.At(Winter).WriteTo(written, System.Text.Encodings.Web.HtmlEncoder.Default);
        Assert.Equal("<time datetime=\"2026-12-03T17:00:00Z\">3 Dec 2026, 22:30 IST</time>", written.ToString());
        using var line = new StringWriter();
        viewer.Marked("Automatic release on " + TimeMarkers.Mark(Winter) + " <soon>.").WriteTo(line, System.Text.Encodings.Web.HtmlEncoder.Default);
        Assert.Equal("Automatic release on <time datetime=\"2026-12-03T17:00:00Z\">3 Dec 2026, 22:30 IST</time> &lt;soon&gt;.", line.ToString());

        var visitor = new ViewerTime();
        Assert.Equal("3 Dec 2026, 17:00 UTC", visitor.Text(Winter));
        Assert.False(visitor.ZoneChosen);
        Assert.True(viewer.ZoneChosen);
    }

    [Fact]
    public void The_zone_picker_offers_every_region_sorted_with_the_offset_now_and_UTC_first()
    {
        var choices = LocalTimes.Choices(Winter);
        Assert.True(choices.Count > 300, $"only {choices.Count} zones: is tzdata installed?");
        Assert.Equal(LocalTimes.UtcId, choices[0].Id);
        Assert.Contains(choices, c => c is { Id: "Asia/Kolkata", Region: "Asia", City: "Kolkata", OffsetNow: "UTC+05:30" });
        Assert.Contains(choices, c => c is { Id: "America/Argentina/Buenos_Aires", City: "Argentina, Buenos Aires" });
        Assert.Equal(choices.OrderBy(c => c.Region, StringComparer.Ordinal).ThenBy(c => c.City, StringComparer.Ordinal).Select(c => c.Id), choices.Select(c => c.Id));
        Assert.All(choices, c => Assert.NotNull(LocalTimes.FindZone(c.Id)));
    }
}

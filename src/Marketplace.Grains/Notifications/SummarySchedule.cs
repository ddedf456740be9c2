using Marketplace.Contracts;

namespace Marketplace.Grains.Notifications;

/// <summary>
/// When a person's daily summary is due: their chosen hour on each day of their own calendar, in their zone. On the
/// day clocks go forward an hour that does not exist is sent when the clocks reach it (02:00 that jumps to 03:00 is
/// sent at 03:00); on the day they go back an hour that happens twice is sent the first time. So every local day has
/// exactly one summary time, and they only move forward: none is skipped and none is sent twice.
/// </summary>
public static class SummarySchedule
{
    /// <summary>The summary time of the local day <paramref name="day"/>.</summary>
    public static DateTimeOffset On(DateOnly day, int hour, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(new TimeOnly(hour, 0), DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // Clocks jumped over it: the offset from just before the jump puts it at the instant they jumped.
            var before = zone.GetUtcOffset(local.AddHours(-3));
            return new DateTimeOffset(local - before, TimeSpan.Zero);
        }

        if (zone.IsAmbiguousTime(local))
        {
            // The first of the two: the larger offset is the one in force before clocks went back.
            var first = zone.GetAmbiguousTimeOffsets(local).Max();
            return new DateTimeOffset(local - first, TimeSpan.Zero);
        }

        return new DateTimeOffset(local - zone.GetUtcOffset(local), TimeSpan.Zero);
    }

    /// <summary>The latest summary time at or before <paramref name="now"/>.</summary>
    public static DateTimeOffset Latest(DateTimeOffset now, int hour, TimeZoneInfo zone)
    {
        var today = LocalDay(now, zone);
        var time = On(today, hour, zone);
        return time <= now ? time : On(today.AddDays(-1), hour, zone);
    }

    /// <summary>The first summary time after <paramref name="now"/>.</summary>
    public static DateTimeOffset Next(DateTimeOffset now, int hour, TimeZoneInfo zone)
    {
        var today = LocalDay(now, zone);
        var time = On(today, hour, zone);
        return time > now ? time : On(today.AddDays(1), hour, zone);
    }

    /// <summary>The day of the person's calendar that <paramref name="at"/> falls on.</summary>
    public static DateOnly LocalDay(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);
}

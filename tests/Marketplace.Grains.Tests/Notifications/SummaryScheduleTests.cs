using Marketplace.Grains.Notifications;

namespace Marketplace.Grains.Tests.Notifications;

/// <summary>
/// When a daily summary is due in a person's zone, on ordinary days and on both days the clocks change (2026 in
/// Berlin: forward on 29 March at 02:00, back on 25 October at 03:00; New York: 8 March and 1 November).
/// </summary>
public sealed class SummaryScheduleTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly TimeZoneInfo Kolkata = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void Eight_in_the_morning_is_seven_UTC_in_Berlin_winter_six_in_summer_and_half_past_two_in_Kolkata()
    {
        Assert.Equal(Utc(1, 10, 7), SummarySchedule.On(new DateOnly(2026, 1, 10), 8, Berlin));
        Assert.Equal(Utc(7, 10, 6), SummarySchedule.On(new DateOnly(2026, 7, 10), 8, Berlin));
        Assert.Equal(Utc(1, 10, 2, 30), SummarySchedule.On(new DateOnly(2026, 1, 10), 8, Kolkata));
    }

    [Fact]
    public void On_the_days_the_clocks_change_eight_oclock_happens_once_at_its_new_offset()
    {
        Assert.Equal(Utc(3, 28, 7), SummarySchedule.On(new DateOnly(2026, 3, 28), 8, Berlin));
        Assert.Equal(Utc(3, 29, 6), SummarySchedule.On(new DateOnly(2026, 3, 29), 8, Berlin));
        Assert.Equal(Utc(10, 25, 7), SummarySchedule.On(new DateOnly(2026, 10, 25), 8, Berlin));
        Assert.Equal(Utc(3, 8, 12), SummarySchedule.On(new DateOnly(2026, 3, 8), 8, NewYork));
        Assert.Equal(Utc(11, 1, 13), SummarySchedule.On(new DateOnly(2026, 11, 1), 8, NewYork));
    }

    [Fact]
    public void An_hour_the_clocks_skip_is_sent_when_they_reach_it_and_an_hour_they_repeat_is_sent_the_first_time()
    {
        // 02:00 does not exist on 29 March in Berlin (01:59 CET is followed by 03:00 CEST, 01:00 UTC).
        Assert.Equal(Utc(3, 29, 1), SummarySchedule.On(new DateOnly(2026, 3, 29), 2, Berlin));
        // 02:00 happens twice on 25 October: first in CEST (00:00 UTC), then in CET (01:00 UTC).
        Assert.Equal(Utc(10, 25, 0), SummarySchedule.On(new DateOnly(2026, 10, 25), 2, Berlin));
        // New York: 02:00 is skipped on 8 March (07:00 UTC), 01:00 repeats on 1 November (first at 05:00 UTC).
        Assert.Equal(Utc(3, 8, 7), SummarySchedule.On(new DateOnly(2026, 3, 8), 2, NewYork));
        Assert.Equal(Utc(11, 1, 5), SummarySchedule.On(new DateOnly(2026, 11, 1), 1, NewYork));
    }

    [Theory]
    [InlineData("Europe/Berlin", 2)]
    [InlineData("Europe/Berlin", 8)]
    [InlineData("America/New_York", 1)]
    [InlineData("America/New_York", 2)]
    [InlineData("Australia/Lord_Howe", 2)]
    public void Across_a_whole_year_every_local_day_has_exactly_one_summary_time_and_they_only_move_forward(string zoneId, int hour)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var times = new List<DateTimeOffset>();
        var now = Utc(1, 1, 0);
        while (now < Utc(12, 31, 0))
        {
            var next = SummarySchedule.Next(now, hour, zone);
            Assert.True(next > now);
            Assert.Equal(next, SummarySchedule.Latest(next, hour, zone));
            times.Add(next);
            now = next;
        }

        Assert.Equal(times.Count, times.Select(t => SummarySchedule.LocalDay(t, zone)).Distinct().Count());
        var days = times.Select(t => SummarySchedule.LocalDay(t, zone)).ToList();
        Assert.All(days.Zip(days.Skip(1)), pair => Assert.Equal(pair.First.AddDays(1), pair.Second));
    }
}

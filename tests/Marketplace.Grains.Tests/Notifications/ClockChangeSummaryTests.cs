using Marketplace.Contracts.Notifications;
using MimeKit;

namespace Marketplace.Grains.Tests.Notifications;

/// <summary>
/// The daily summary on the days Berlin's clocks change in 2026, on Azurite and the test clock of a cluster of its own
/// (the clock walks to March and October): one summary each local day at the chosen hour, never skipped, never twice.
/// </summary>
public sealed class ClockChangeSummaryTests(PersistentClusterFixture fixture) : IClassFixture<PersistentClusterFixture>
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task Across_both_clock_changes_in_Berlin_one_summary_goes_each_day_at_the_chosen_hour()
    {
        // In date order, on one clock: 02:00 is skipped on 29 March and happens twice on 25 October; 08:00 just moves.
        await WalkFourDaysAsync(3, 27);
        await WalkFourDaysAsync(10, 23);
    }

    /// <summary>
    /// Two people in Berlin, their summaries at 02:00 and at 08:00; from noon UTC on <paramref name="day"/> the clock walks
    /// four days in half hours, a new notice for each every three hours, asking for the due summary at each step as the
    /// reminder (or any wake-up) would, and notes when each summary went.
    /// </summary>
    private async Task WalkFourDaysAsync(int month, int day)
    {
        var start = new DateTimeOffset(2026, month, day, 12, 0, 0, TimeSpan.Zero);
        Assert.True(fixture.Clock.GetUtcNow() <= start, "the test clock has not passed the days this test walks");
        fixture.Clock.SetUtcNow(start);
        var people = new List<(Actor Person, int Hour, List<DateTimeOffset> SentAt)>();
        foreach (var hour in new[] { 2, 8 })
        {
            var creative = await Grains.CreativeAsync();
            await Grains.InboxOf(creative).SetTimeZoneAsync(creative, "Europe/Berlin");
            await Grains.InboxOf(creative).SetEmailSettingsAsync(creative, new EmailSettings(ContestActivityEmail.Daily, hour));
            people.Add((creative, hour, []));
        }

        for (var step = 0; step < 4 * 48; step++)
        {
            foreach (var (person, hour, sentAt) in people)
            {
                var inbox = Grains.InboxOf(person);
                if (step % 6 == 0)
                {
                    await inbox.AddAsync(Actor.System, Notice($"{month}-{hour}-{step}-{person.UserId}", $"Rex Rival submitted entry #{step} to “Harbour sign”."));
                }

                await inbox.SendDueSummaryAsync(Actor.System);
                var sent = Summaries(person).Count;
                if (sent > sentAt.Count)
                {
                    sentAt.Add(fixture.Clock.GetUtcNow());
                }

                Assert.Equal(sentAt.Count, sent);
            }

            fixture.Clock.Advance(TimeSpan.FromMinutes(30));
        }

        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        foreach (var (_, hour, sentAt) in people)
        {
            var localDays = sentAt.Select(t => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(t, berlin).DateTime)).ToList();
            Assert.Equal(Enumerable.Range(1, 4).Select(i => DateOnly.FromDateTime(start.UtcDateTime).AddDays(i)), localDays);
            Assert.Equal(ExpectedUtc(month, hour), sentAt.Select(t => t.UtcDateTime.Hour));
            Assert.All(sentAt, t => Assert.Equal(0, t.Minute));
        }
    }

    /// <summary>The UTC hour of each of the four summaries, worked out by hand from Berlin's 2026 rules.</summary>
    private static int[] ExpectedUtc(int month, int hour) => (month, hour) switch
    {
        // 28 March CET (+1); 29 March 02:00 skipped → 03:00 CEST = 01:00 UTC; then CEST (+2).
        (3, 2) => [1, 1, 0, 0],
        (3, 8) => [7, 6, 6, 6],
        // 24 October CEST (+2); 25 October 02:00 first time is CEST = 00:00 UTC; then CET (+1).
        (10, 2) => [0, 0, 1, 1],
        (10, 8) => [6, 7, 7, 7],
        _ => throw new ArgumentOutOfRangeException(nameof(month)),
    };

    private IReadOnlyList<MimeMessage> Summaries(Actor person) =>
        MailPickup.To(fixture.MailFolder, $"{person.UserId}@example.com").Where(m => m.Subject?.StartsWith("Your daily summary", StringComparison.Ordinal) == true).ToList();

    private NewNotification Notice(string id, string text) =>
        new("test/dst/" + id, NotificationKinds.EntrySubmitted, text, "/entries/e-" + id, fixture.Clock.GetUtcNow());
}

using Marketplace.Contracts.Notifications;
using Marketplace.Contracts.Projects;
using MimeKit;

namespace Marketplace.Grains.Tests.Notifications;

/// <summary>
/// A person's time zone and summary hour, on Azurite and the test clock (a cluster of its own, so the clock may jump to
/// a date without moving anyone else's): kept across a restart, the daily summary at the person's hour in their zone,
/// moved by a change of zone, and the refusals. The days the clocks change: <see cref="ClockChangeSummaryTests"/>.
/// </summary>
public sealed class PersonTimeZoneTests(PersistentClusterFixture fixture) : IClassFixture<PersistentClusterFixture>
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task The_zone_and_hour_survive_a_restart_and_the_summary_then_goes_at_that_hour_in_that_zone()
    {
        var buyer = await Grains.BuyerAsync();
        var inbox = Grains.InboxOf(buyer);
        Assert.Null(await inbox.GetTimeZoneAsync(buyer));
        Assert.Equal("Asia/Kolkata", await inbox.SetTimeZoneAsync(buyer, " Asia/Kolkata "));
        await inbox.SetEmailSettingsAsync(buyer, new EmailSettings(ContestActivityEmail.Daily, 9));

        await fixture.RestartClusterAsync();
        inbox = Grains.InboxOf(buyer);
        Assert.Equal("Asia/Kolkata", await inbox.GetTimeZoneAsync(buyer));
        Assert.Equal(new EmailSettings(ContestActivityEmail.Daily, 9), await inbox.GetEmailSettingsAsync(buyer));

        // 09:00 in Kolkata is 03:30 UTC.
        var day = fixture.Clock.GetUtcNow().UtcDateTime.Date.AddDays(1);
        fixture.Clock.SetUtcNow(new DateTimeOffset(day.AddHours(1), TimeSpan.Zero));
        await inbox.AddAsync(Actor.System, Notice("restart", "Cora Creative submitted an entry to “Spice shop logo”."));
        fixture.Clock.SetUtcNow(new DateTimeOffset(day.AddHours(3).AddMinutes(29), TimeSpan.Zero));
        await inbox.SendDueSummaryAsync(Actor.System);
        Assert.Empty(Summaries(buyer));

        fixture.Clock.SetUtcNow(new DateTimeOffset(day.AddHours(3).AddMinutes(30), TimeSpan.Zero));
        await inbox.SendDueSummaryAsync(Actor.System);
        var summary = Assert.Single(Summaries(buyer));
        Assert.Contains("You get one summary a day, at 09:00 Asia/Kolkata time", summary.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_zone_moves_the_next_summary_and_never_sends_a_second_one_the_same_day()
    {
        var creative = await Grains.CreativeAsync();
        var inbox = Grains.InboxOf(creative);
        await inbox.SetEmailSettingsAsync(creative, new EmailSettings(ContestActivityEmail.Daily));
        // A winter day in New York (UTC-5) and Berlin (UTC+1); nothing else in this class sets the clock to a date.
        var day = new DateTime(2026, 12, 7, 0, 0, 0, DateTimeKind.Utc);
        Assert.True(fixture.Clock.GetUtcNow() < day, "the test clock has not passed the day this test uses");
        DateTimeOffset At(double hours) => new(day.AddHours(hours), TimeSpan.Zero);

        // No zone: 08:00 UTC.
        fixture.Clock.SetUtcNow(At(1));
        await inbox.AddAsync(Actor.System, Notice("utc", "Bea Buyer rated your entry to “Bakery logo” 4 of 5 stars."));
        await inbox.SetTimeZoneAsync(creative, "America/New_York");
        fixture.Clock.SetUtcNow(At(8.5));
        await inbox.SendDueSummaryAsync(Actor.System);
        Assert.Empty(Summaries(creative));

        // 08:00 in New York is 13:00 UTC in winter.
        fixture.Clock.SetUtcNow(At(13));
        await inbox.SendDueSummaryAsync(Actor.System);
        Assert.Single(Summaries(creative));

        // Moving east after today's summary: Berlin's 08:00 of the same New York day has passed, so the next is tomorrow's.
        await inbox.AddAsync(Actor.System, Notice("later", "Bea Buyer commented on your entry to “Bakery logo”: “Lovely.”"));
        await inbox.SetTimeZoneAsync(creative, "Europe/Berlin");
        fixture.Clock.SetUtcNow(At(23));
        await inbox.SendDueSummaryAsync(Actor.System);
        Assert.Single(Summaries(creative));
        fixture.Clock.SetUtcNow(At(24 + 7));
        await inbox.SendDueSummaryAsync(Actor.System);
        Assert.Equal(2, Summaries(creative).Count);
    }

    [Fact]
    public async Task A_buyer_in_Kolkata_reads_the_time_to_choose_in_IST_on_the_site_and_by_email_and_one_without_a_zone_in_UTC()
    {
        var (buyer, project) = await fixture.BuyerWithOpenProjectAsync();
        var (plain, other) = await fixture.BuyerWithOpenProjectAsync();
        await Grains.InboxOf(buyer).SetTimeZoneAsync(buyer, "Asia/Kolkata");
        await fixture.SubmitAsync(await Grains.CreativeAsync(), project.Id);
        await fixture.SubmitAsync(await Grains.CreativeAsync(), other.Id);
        await fixture.CloseEntriesAsync(project.Id);
        await fixture.CloseEntriesAsync(other.Id);
        var deadline = (await Grains.GetGrain<IProjectGrain>(project.Id).GetAsync(buyer)).SelectionDeadline!.Value;
        var otherDeadline = (await Grains.GetGrain<IProjectGrain>(other.Id).GetAsync(plain)).SelectionDeadline!.Value;

        var inIst = TimeZoneInfo.ConvertTime(deadline, TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata"))
            .ToString("ddd d MMM, HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " IST";
        var notice = Assert.Single(await Grains.NoticesAsync(buyer), n => n.Kind == NotificationKinds.TimeToChoose);
        Assert.Contains("Choose a winner by " + inIst + ".", notice.Text, StringComparison.Ordinal);
        var mail = await MailPickup.WaitForAsync(fixture.MailFolder, $"{buyer.UserId}@example.com");
        Assert.Contains("Choose a winner by " + inIst + ".", Assert.Single(mail, m => m.Subject?.StartsWith("Entries to", StringComparison.Ordinal) == true).TextBody, StringComparison.Ordinal);

        var inUtc = otherDeadline.UtcDateTime.ToString("ddd d MMM, HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " UTC";
        var plainNotice = Assert.Single(await Grains.NoticesAsync(plain), n => n.Kind == NotificationKinds.TimeToChoose);
        Assert.Contains("Choose a winner by " + inUtc + ".", plainNotice.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("⟦", plainNotice.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_zone_or_hour_is_refused_and_changes_nothing_and_nobody_else_reads_or_sets_them()
    {
        var buyer = await Grains.BuyerAsync();
        var other = await Grains.BuyerAsync();
        var staff = await Grains.StaffAsync();
        var inbox = Grains.InboxOf(buyer);
        await inbox.SetTimeZoneAsync(buyer, "Europe/Lisbon");

        foreach (var bad in new[] { "Mars/Olympus_Mons", "Pacific Standard Time", "../../etc/passwd", "", new string('A', 80) })
        {
            var refused = await Assert.ThrowsAsync<MarketplaceException>(() => inbox.SetTimeZoneAsync(buyer, bad));
            Assert.Equal(ErrorKind.Invalid, refused.Kind);
            Assert.Contains("is not a time zone we know", refused.Message, StringComparison.Ordinal);
        }

        var badHour = await Assert.ThrowsAsync<MarketplaceException>(() => inbox.SetEmailSettingsAsync(buyer, new EmailSettings(ContestActivityEmail.Daily, 24)));
        Assert.Equal(ErrorKind.Invalid, badHour.Kind);
        Assert.Equal(new EmailSettings(ContestActivityEmail.Each, EmailKinds.DefaultSummaryHour), await inbox.GetEmailSettingsAsync(buyer));
        Assert.Equal("Europe/Lisbon", await inbox.GetTimeZoneAsync(buyer));

        // A browser's zone never replaces one already set; an unknown one is ignored.
        await inbox.DetectTimeZoneAsync(buyer, "Asia/Tokyo");
        Assert.Equal("Europe/Lisbon", await inbox.GetTimeZoneAsync(buyer));
        var fresh = Grains.InboxOf(other);
        await fresh.DetectTimeZoneAsync(other, "Nowhere/Special");
        Assert.Null(await fresh.GetTimeZoneAsync(other));
        await fresh.DetectTimeZoneAsync(other, "Asia/Tokyo");
        Assert.Equal("Asia/Tokyo", await fresh.GetTimeZoneAsync(other));

        Assert.Equal(ErrorKind.Forbidden, (await Assert.ThrowsAsync<MarketplaceException>(() => inbox.SetTimeZoneAsync(other, "Asia/Tokyo"))).Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Assert.ThrowsAsync<MarketplaceException>(() => inbox.SetTimeZoneAsync(staff, "Asia/Tokyo"))).Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Assert.ThrowsAsync<MarketplaceException>(() => inbox.GetTimeZoneAsync(staff))).Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Assert.ThrowsAsync<MarketplaceException>(() => inbox.GetContactSettingsAsync(other))).Kind);
        var seenByStaff = await inbox.GetContactSettingsAsync(staff);
        Assert.Equal("Europe/Lisbon", seenByStaff.TimeZone);
        Assert.Equal(ContestActivityEmail.Each, seenByStaff.Email.ContestActivity);
    }

    private IReadOnlyList<MimeMessage> Summaries(Actor person) =>
        MailPickup.To(fixture.MailFolder, $"{person.UserId}@example.com").Where(m => m.Subject?.StartsWith("Your daily summary", StringComparison.Ordinal) == true).ToList();

    private NewNotification Notice(string id, string text) =>
        new("test/tz/" + id + "/" + Guid.NewGuid().ToString("N")[..6], NotificationKinds.EntrySubmitted, text, "/entries/e-" + id, fixture.Clock.GetUtcNow());
}

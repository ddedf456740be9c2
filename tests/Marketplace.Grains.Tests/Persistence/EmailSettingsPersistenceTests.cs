using Marketplace.Contracts.Notifications;
using Marketplace.Grains.Tests.Notifications;
using MimeKit;

namespace Marketplace.Grains.Tests.Persistence;

/// <summary>
/// Email settings, the unsubscribe link and what the daily summary already covered live in the inbox's stored state:
/// after the whole cluster stops and a new one starts on the same Azurite, the choice holds and no notice is summarised twice.
/// </summary>
public sealed class EmailSettingsPersistenceTests(PersistentClusterFixture fixture) : IClassFixture<PersistentClusterFixture>
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task The_daily_choice_and_a_sent_summary_survive_a_restart_so_the_next_summary_holds_only_new_notices()
    {
        var buyer = await Grains.BuyerAsync();
        await Grains.InboxOf(buyer).SetEmailSettingsAsync(buyer, new EmailSettings(ContestActivityEmail.Daily));
        await Grains.InboxOf(buyer).AddAsync(Actor.System, Notice("first", "Cora Creative submitted an entry to “Harbour sign”."));
        var hour = EmailSettingsTests.NextSummaryHour(fixture.Clock.GetUtcNow()) + TimeSpan.FromMinutes(1);
        fixture.Clock.SetUtcNow(hour);
        await Grains.InboxOf(buyer).SendDueSummaryAsync(Actor.System);
        var first = Assert.Single(Summaries(buyer));
        var token = EmailSettingsTests.UnsubscribeUrlOf(first)[(EmailSettingsTests.UnsubscribeUrlOf(first).LastIndexOf('/') + 1)..];

        await fixture.RestartClusterAsync();
        fixture.Clock.SetUtcNow(hour);
        var inbox = Grains.InboxOf(buyer);
        Assert.Equal(ContestActivityEmail.Daily, (await inbox.GetEmailSettingsAsync(buyer)).ContestActivity);
        Assert.Equal(ContestActivityEmail.Daily, (await inbox.CheckUnsubscribeTokenAsync(token)).ContestActivity);
        await inbox.SendDueSummaryAsync(Actor.System);
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        await inbox.SendDueSummaryAsync(Actor.System);
        Assert.Single(Summaries(buyer));

        await inbox.AddAsync(Actor.System, Notice("second", "Rex Rival submitted an entry to “Harbour sign”."));
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        await inbox.SendDueSummaryAsync(Actor.System);
        var second = Assert.Single(Summaries(buyer), m => m.MessageId != first.MessageId);
        Assert.Contains("Rex Rival", second.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Cora Creative", second.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_payment_notice_the_inbox_could_not_take_before_the_restart_is_emailed_once_after_it()
    {
        var buyer = await Grains.BuyerAsync();
        string projectId;
        using (CallOutage.Of(buyer.UserId, nameof(INotificationInboxGrain.AddAsync)))
        {
            projectId = (await fixture.OpenProjectAsync(buyer)).Id;
        }

        // Stored with the project's state, not yet in the inbox: the cluster stops with it pending.
        Assert.Empty(await Grains.NoticesAsync(buyer));
        Assert.Empty(MailPickup.To(fixture.MailFolder, $"{buyer.UserId}@example.com"));

        await fixture.RestartClusterAsync();
        await Grains.GetGrain<Marketplace.Contracts.Projects.IProjectGrain>(projectId).GetAsync(buyer); // its activation hands pending notices over

        var mail = await MailPickup.WaitForAsync(fixture.MailFolder, $"{buyer.UserId}@example.com");
        var payment = Assert.Single(mail);
        Assert.StartsWith("Payment received: your prize of €500", payment.Subject, StringComparison.Ordinal);
        Assert.Contains($"/buyer/projects/{projectId}/receipt", payment.TextBody, StringComparison.Ordinal);
        Assert.Single(await Grains.NoticesAsync(buyer), n => n.Kind == NotificationKinds.ProjectFunded);
    }

    private IReadOnlyList<MimeMessage> Summaries(Actor person) =>
        MailPickup.To(fixture.MailFolder, $"{person.UserId}@example.com").Where(m => m.Subject?.StartsWith("Your daily summary", StringComparison.Ordinal) == true).ToList();

    private NewNotification Notice(string id, string text) =>
        new("test/" + id, NotificationKinds.EntrySubmitted, text, "/entries/e-" + id, fixture.Clock.GetUtcNow());
}

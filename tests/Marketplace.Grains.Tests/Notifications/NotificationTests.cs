using Marketplace.Contracts.Notifications;
using Marketplace.Contracts.WrapUps;
using Marketplace.Grains.Tests.WrapUps;
using Marketplace.Grains.WrapUps;

namespace Marketplace.Grains.Tests.Notifications;

/// <summary>What the parties of a handover are told, in the site and by email, and who may read an inbox.</summary>
[Collection(ClusterCollection.Name)]
public sealed class NotificationTests(ClusterFixture fixture)
{
    private static readonly WrapUpOptions Limits = new();

    [Fact]
    public async Task A_quiet_buyer_is_nudged_once_in_the_site_and_by_email()
    {
        var h = await Handover.AwardedAsync(fixture);
        var version = (await h.DeliveredAndApprovedAsync()).AgreementVersion;
        await h.Grain.SignAgreementAsync(h.Creative, version);

        await h.AdvanceAsync(Limits.NudgeAfter);

        var inbox = await fixture.Grains.InboxOf(h.Buyer).GetAsync(h.Buyer);
        var nudge = Assert.Single(inbox.Notifications, n => n.Kind == NotificationKinds.Reminder);
        Assert.False(nudge.Read);
        Assert.Equal("/wrapups/" + h.Id, nudge.Link);
        Assert.Contains("waits on you", nudge.Text, StringComparison.Ordinal);
        Assert.Contains("A logo for Bread & Butter", nudge.Text, StringComparison.Ordinal);
        var email = await EmailAboutAsync(h.Buyer, "Reminder:");
        Assert.Contains("http://localhost:5080/wrapups/" + h.Id, email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Bea Buyer", email.To.ToString(), StringComparison.Ordinal);

        await h.AdvanceAsync(TimeSpan.FromMinutes(15));
        await h.Grain.EvaluateDeadlinesAsync(Actor.System);

        Assert.Equal(inbox, await fixture.Grains.InboxOf(h.Buyer).GetAsync(h.Buyer), InboxComparer.Instance);
        Assert.Single(MailPickup.To(fixture.MailFolder, EmailOf(h.Buyer)), m => m.Subject?.StartsWith("Reminder:", StringComparison.Ordinal) == true);
        Assert.DoesNotContain((await fixture.Grains.InboxOf(h.Creative).GetAsync(h.Creative)).Notifications, n => n.Kind == NotificationKinds.Reminder);
    }

    [Fact]
    public async Task Delivering_files_tells_the_buyer_where_to_review_them()
    {
        var h = await Handover.AwardedAsync(fixture);
        await fixture.Grains.InboxOf(h.Buyer).MarkReadAsync(h.Buyer, null); // the winning entry's arrival
        Assert.Equal(0, await fixture.Grains.InboxOf(h.Buyer).CountUnreadAsync(h.Buyer));

        await h.DeliverAsync();

        var delivered = (await fixture.Grains.InboxOf(h.Buyer).GetAsync(h.Buyer)).Notifications[0];
        Assert.Equal(NotificationKinds.FilesDelivered, delivered.Kind);
        Assert.Equal("/wrapups/" + h.Id, delivered.Link);
        Assert.StartsWith("Cai Creative delivered the final files for “A logo for Bread & Butter”", delivered.Text, StringComparison.Ordinal);
        Assert.Equal(1, await fixture.Grains.InboxOf(h.Buyer).CountUnreadAsync(h.Buyer));
        Assert.Contains("delivered the final files", (await EmailAboutAsync(h.Buyer, "Cai Creative delivered")).TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Along_the_ordinary_path_each_party_hears_what_the_other_did()
    {
        var h = await Handover.AwardedAsync(fixture);
        await h.DeliverAsync();
        await h.Grain.RequestChangesAsync(h.Buyer, "Bolder letters, please.");
        await h.DeliverAsync();
        var version = (await h.Grain.ApproveAsync(h.Buyer, null)).AgreementVersion;
        await h.Grain.SignAgreementAsync(h.Buyer, version);
        var done = await h.Grain.SignAgreementAsync(h.Creative, version);

        Assert.Equal(WrapUpOutcome.Completed, done.Outcome);
        Assert.Equal(
            [NotificationKinds.EntriesClosed, NotificationKinds.Awarded, NotificationKinds.ChangesRequested, NotificationKinds.Approved, NotificationKinds.Signed, NotificationKinds.Paid],
            await KindsOldestFirstAsync(h.Creative));
        Assert.Equal(
            [NotificationKinds.ProjectFunded, NotificationKinds.EntrySubmitted, NotificationKinds.TimeToChoose, NotificationKinds.FilesDelivered, NotificationKinds.FilesDelivered, NotificationKinds.Completed],
            await KindsOldestFirstAsync(h.Buyer));
        var creative = (await fixture.Grains.InboxOf(h.Creative).GetAsync(h.Creative)).Notifications;
        Assert.Contains("“Bolder letters, please.”", creative.Single(n => n.Kind == NotificationKinds.ChangesRequested).Text, StringComparison.Ordinal);
        // The handover is complete, so the calls to act along the way read as what happened, without the call.
        var approved = creative.Single(n => n.Kind == NotificationKinds.Approved);
        Assert.Equal(("Bea Buyer approved your files for “A logo for Bread & Butter”.", true), (approved.Text, approved.StepOver));
        Assert.All((await fixture.Grains.InboxOf(h.Buyer).GetAsync(h.Buyer)).Notifications.Where(n => n.Kind == NotificationKinds.FilesDelivered),
            n => Assert.Equal(("Cai Creative delivered the final files for “A logo for Bread & Butter”.", true), (n.Text, n.StepOver)));
        Assert.False(creative.Single(n => n.Kind == NotificationKinds.Paid).StepOver);
        Assert.Contains("Payment released", creative.Single(n => n.Kind == NotificationKinds.Paid).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disputes_and_staff_reach_the_parties_they_concern()
    {
        var h = await Handover.AwardedAsync(fixture);
        await h.DeliverAsync();
        await h.Grain.OpenDisputeAsync(h.Buyer, "The colours are wrong.", []);
        Assert.Equal([NotificationKinds.EntriesClosed, NotificationKinds.Awarded, NotificationKinds.Dispute], await KindsOldestFirstAsync(h.Creative));

        await h.Grain.AnswerDisputeAsync(h.Creative, "They match the brief.", []);
        await h.Grain.ClaimAsync(h.Staff);
        await h.Grain.PostMessageAsync(h.Staff, MessageAudience.Creative, "Could you send the Pantone values?");
        await h.Grain.ProposeOutcomeAsync(h.Staff, new Resolution(WrapUpOutcome.Refunded), "The colours differ from the brief.");

        Assert.Equal(
            [NotificationKinds.ProjectFunded, NotificationKinds.EntrySubmitted, NotificationKinds.TimeToChoose, NotificationKinds.FilesDelivered, NotificationKinds.Dispute, NotificationKinds.StaffStepIn, NotificationKinds.Proposal],
            await KindsOldestFirstAsync(h.Buyer));
        Assert.Equal(
            [NotificationKinds.EntriesClosed, NotificationKinds.Awarded, NotificationKinds.Dispute, NotificationKinds.StaffStepIn, NotificationKinds.Message, NotificationKinds.Proposal],
            await KindsOldestFirstAsync(h.Creative));
        var creative = (await fixture.Grains.InboxOf(h.Creative).GetAsync(h.Creative)).Notifications;
        Assert.Contains("“The colours are wrong.”", creative.Single(n => n.Kind == NotificationKinds.Dispute).Text, StringComparison.Ordinal);
        Assert.Contains("“Could you send the Pantone values?”", creative.Single(n => n.Kind == NotificationKinds.Message).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_owner_reads_or_marks_their_inbox_and_only_the_marketplace_adds_ends_or_supersedes_calls()
    {
        var h = await Handover.AwardedAsync(fixture);
        await h.DeliverAsync();
        var stranger = await fixture.Grains.BuyerAsync("Stranger Sue");
        var inbox = fixture.Grains.InboxOf(h.Buyer);

        foreach (var other in new[] { stranger, h.Creative, h.Staff })
        {
            await Refused.WithAsync(ErrorKind.Forbidden, () => inbox.GetAsync(other));
            await Refused.WithAsync(ErrorKind.Forbidden, () => inbox.GetNewestAsync(other, 20));
            await Refused.WithAsync(ErrorKind.Forbidden, () => inbox.EndCallsAsync(other, WrapUpNotices.CallTopic(h.Id), 99));
            await Refused.WithAsync(ErrorKind.Forbidden, () => inbox.SupersedeCallsAsync(other, WrapUpNotices.CallTopic(h.Id), [1, 2, 3], "Moved."));
            await Refused.WithAsync(ErrorKind.Forbidden, () => inbox.RestoreCallsAsync(other, [new RestoredCall(WrapUpNotices.NotificationId(h.Id, 2), new CallToAct("x", 1, "Past."), Ended: true)]));
            await Refused.WithAsync(ErrorKind.Forbidden, () => inbox.CountUnreadAsync(other));
            await Refused.WithAsync(ErrorKind.Forbidden, () => inbox.MarkReadAsync(other, null));
            await Refused.WithAsync(ErrorKind.Forbidden, () => inbox.AddAsync(other, new NewNotification("fake", "message", "Pay me here.", "/", h.Now)));
        }

        Assert.Equal(4, await inbox.CountUnreadAsync(h.Buyer)); // the payment, the entry, time to choose and the delivery, untouched by the refused calls
        Assert.Contains((await inbox.GetAsync(h.Buyer)).Notifications, n => n.Kind == NotificationKinds.FilesDelivered && n.Asks);
    }

    [Fact]
    public async Task A_repeated_notification_shows_once_and_marking_read_is_per_notification_or_all()
    {
        var buyer = await fixture.Grains.BuyerAsync();
        var inbox = fixture.Grains.InboxOf(buyer);
        var first = new NewNotification("test/1", NotificationKinds.Message, "First.", "/projects", fixture.Clock.GetUtcNow());
        var second = first with { Id = "test/2", Text = "Second." };

        Assert.True(await inbox.AddAsync(Actor.System, first));
        Assert.False(await inbox.AddAsync(Actor.System, first with { Text = "Retried." }));
        Assert.True(await inbox.AddAsync(Actor.System, second));
        await Refused.WithAsync(ErrorKind.Invalid, () => inbox.AddAsync(Actor.System, first with { Id = "test/3", Link = "https://evil.example/" }));

        var view = await inbox.GetAsync(buyer);
        Assert.Equal(["Second.", "First."], view.Notifications.Select(n => n.Text));
        await Refused.WithAsync(ErrorKind.NotFound, () => inbox.MarkReadAsync(buyer, ["test/1", "not-mine"]));
        Assert.Equal(2, await inbox.CountUnreadAsync(buyer));
        Assert.Equal(1, await inbox.MarkReadAsync(buyer, ["test/1"]));
        Assert.Equal(0, await inbox.MarkReadAsync(buyer, null));
        Assert.All((await inbox.GetAsync(buyer)).Notifications, n => Assert.True(n.Read));
        await MailPickup.WaitForAsync(fixture.MailFolder, EmailOf(buyer), count: 2);
        Assert.Equal(2, MailPickup.To(fixture.MailFolder, EmailOf(buyer)).Count);
    }

    [Fact]
    public async Task An_inbox_keeps_the_newest_notifications_only()
    {
        var buyer = await fixture.Grains.BuyerAsync();
        var inbox = fixture.Grains.InboxOf(buyer);
        for (var i = 1; i <= NotificationLimits.Kept + 5; i++)
        {
            await inbox.AddAsync(Actor.System, new NewNotification($"test/{i}", NotificationKinds.Message, $"Number {i}.", "/", fixture.Clock.GetUtcNow()));
        }

        var view = await inbox.GetAsync(buyer);
        Assert.Equal(NotificationLimits.Kept, view.Notifications.Count);
        Assert.Equal($"Number {NotificationLimits.Kept + 5}.", view.Notifications[0].Text);
        Assert.Equal("Number 6.", view.Notifications[^1].Text);
    }

    private async Task<IReadOnlyList<string>> KindsOldestFirstAsync(Actor person) =>
        (await fixture.Grains.InboxOf(person).GetAsync(person)).Notifications.Reverse().Select(n => n.Kind).ToList();

    private Task<MimeKit.MimeMessage> EmailAboutAsync(Actor person, string subjectStart) =>
        MailPickup.WaitForSubjectAsync(fixture.MailFolder, EmailOf(person), subjectStart);

    private static string EmailOf(Actor person) => $"{person.UserId}@example.com";

    private sealed class InboxComparer : IEqualityComparer<InboxView>
    {
        public static readonly InboxComparer Instance = new();

        public bool Equals(InboxView? x, InboxView? y) => x!.Unread == y!.Unread && x.Notifications.SequenceEqual(y.Notifications);

        public int GetHashCode(InboxView obj) => obj.Unread;
    }
}

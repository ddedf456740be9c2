using Marketplace.Contracts.Notifications;
using Marketplace.Contracts.WrapUps;
using Marketplace.Grains.Tests.WrapUps;
using Marketplace.Grains.WrapUps;
using static Marketplace.Testing.Cluster.NoticeText;

namespace Marketplace.Grains.Tests.Notifications;

/// <summary>
/// The winner's calls to upload ("You won", "changes asked") name the entry and the date the files are due, the same
/// date the handover page gives (the stall clock's <see cref="WrapUpView.StaffStepInAt"/>), in the notice and its
/// email; staff giving more time supersedes them with a notice carrying the new date.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class UploadByNoticeTests(ClusterFixture fixture)
{
    private const string Title = "“A logo for Bread & Butter”";
    private static readonly WrapUpOptions Limits = new();

    [Fact]
    public async Task You_won_names_the_entry_and_the_date_to_upload_by_as_the_handover_page_does_in_the_notice_and_the_email()
    {
        var h = await Handover.AwardedAsync(fixture);
        var view = await h.Grain.GetAsync(h.Creative);
        var uploadBy = view.StaffStepInAt!.Value;

        var won = Assert.Single(await fixture.Grains.NoticesAsync(h.Creative), n => n.Kind == NotificationKinds.Awarded);
        Assert.Equal(view.Timeline.Single(t => t.Kind == "Started").At + Limits.QueueAfter, uploadBy);
        Assert.StartsWith($"You won {Title} with entry #1! Bea Buyer chose it. Upload the final files (", won.Text, StringComparison.Ordinal);
        Assert.EndsWith($". Upload them by {When(uploadBy)}; after that Marketplace support steps in.", won.Text, StringComparison.Ordinal);
        var mail = Assert.Single(await MailPickup.WaitForAsync(fixture.MailFolder, $"{h.Creative.UserId}@example.com"), m => m.Subject!.StartsWith("You won", StringComparison.Ordinal));
        Assert.Contains($"Upload them by {When(uploadBy)}", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changes_asked_give_the_new_date_to_upload_by_counted_from_the_request()
    {
        var h = await Handover.AwardedAsync(fixture);
        await h.DeliverAsync();
        await h.AdvanceAsync(TimeSpan.FromDays(1));

        await h.Grain.RequestChangesAsync(h.Buyer, "Bolder letters, please.");

        var uploadBy = (await h.Grain.GetAsync(h.Creative)).StaffStepInAt!.Value;
        Assert.Equal(h.Now + Limits.QueueAfter, uploadBy);
        var asked = Assert.Single(await fixture.Grains.NoticesAsync(h.Creative), n => n.Kind == NotificationKinds.ChangesRequested);
        Assert.Equal(
            $"Bea Buyer asked for changes to your files for {Title}: “Bolder letters, please.” Upload the new files on the handover page. Upload them by {When(uploadBy)}; after that Marketplace support steps in.",
            asked.Text);
        Assert.True(asked.Asks);
    }

    [Fact]
    public async Task Staff_giving_the_winner_more_time_supersedes_the_won_notice_with_one_carrying_the_new_date()
    {
        var h = await Handover.AwardedAsync(fixture);
        await h.CaseClaimedAsync();

        await h.Grain.ExtendDeadlineAsync(h.Staff, WrapUpDeadlineKind.Response, TimeSpan.FromDays(2), "The winner is ill this week.");

        var newDate = When((await h.Grain.GetAsync(h.Creative)).StaffStepInAt!.Value);
        var notices = await fixture.Grains.NoticesAsync(h.Creative);
        var won = notices.Single(n => n.Kind == NotificationKinds.Awarded);
        Assert.Equal(($"You won {Title} with entry #1! Bea Buyer chose it.", false), (won.Text, won.Asks));
        Assert.Equal($"That date moved to {newDate}; see the newer notice.", won.Superseded);
        var renewed = notices.Single(n => n.Kind == NotificationKinds.DeadlineMoved);
        Assert.Equal(($"Marketplace support gave you more time to upload the final files for {Title}. Upload them by {newDate}; after that Marketplace support steps in.", true),
            (renewed.Text, renewed.Asks));

        await h.DeliverAsync();
        Assert.DoesNotContain(await fixture.Grains.NoticesAsync(h.Creative), n => n.Asks);
    }
}

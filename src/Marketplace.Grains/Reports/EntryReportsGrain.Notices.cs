using Marketplace.Contracts;
using Marketplace.Contracts.Notifications;
using Marketplace.Contracts.Reports;
using Marketplace.Grains.Notifications;

namespace Marketplace.Grains.Reports;

/// <summary>
/// What reporters hear, once, when their report ends: what became of the entry and thanks, never who looked at it or
/// staff's note. The creative hears nothing of reports (a dismissed one would only invite retaliation); a removal tells
/// them through the entry grain, with staff's reason, and never who reported.
/// </summary>
public sealed partial class EntryReportsGrain
{
    private void TellOutcome(string reporterId, ReportOutcome outcome, bool contestRuns)
    {
        var entry = $"entry #{S.EntryNumber} in “{S.ProjectTitle}”";
        var (text, link) = outcome switch
        {
            ReportOutcome.Dismissed => ($"Staff looked at {entry} and left it in the {(contestRuns ? "contest" : "gallery")}. Thank you for telling us.", "/entries/" + Id),
            ReportOutcome.Removed => ($"Staff looked at {entry} and removed it. Thank you for telling us.", "/projects/" + S.ProjectId),
            _ => ($"{char.ToUpperInvariant(entry[0])}{entry[1..]} was withdrawn by its creative, so staff need not act on your report. Thank you for telling us.", "/projects/" + S.ProjectId),
        };
        S.NoticesIssued++;
        S.PendingNotices.Add(new PendingNotice(reporterId,
            new NewNotification($"reports/{Id}/{S.NoticesIssued}", NotificationKinds.ReportOutcome, text, link, Now)));
    }

    private Task HandOverNoticesAsync() =>
        NoticeOutbox.HandOverAsync(this, grains, S.PendingNotices, () => reports.SaveAsync(this), logger, "Reports of entry " + Id);

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == NoticeOutbox.RetryReminder
            ? NoticeOutbox.RetryAsync(this, grains, S.PendingNotices, () => reports.SaveAsync(this), logger, "Reports of entry " + Id)
            : Task.CompletedTask;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A silo may have stopped between storing a resolution and handing its notices over: hand them over now.
        if (S.PendingNotices.Count > 0)
        {
            this.RegisterGrainTimer(_ => HandOverNoticesAsync(), TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }

        return base.OnActivateAsync(cancellationToken);
    }
}

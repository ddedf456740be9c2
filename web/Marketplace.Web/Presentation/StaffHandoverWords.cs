using Marketplace.Contracts.WrapUps;

namespace Marketplace.Web.Presentation;

/// <summary>
/// A handover's state in a staff list (a person's page): its step in a word or two ("Awaiting files", "In review",
/// "Disputed", "Completed"…) and, while staff have it, since when and why ("Stalled since …").
/// </summary>
public static class StaffHandoverWords
{
    public static HandoverLine State(WrapUpView w) => w.Step == WrapUpStep.Ended
        ? w.Outcome switch
        {
            WrapUpOutcome.Completed => new("Completed", "ok"),
            WrapUpOutcome.Split => new("Settled by a split", "warn"),
            WrapUpOutcome.Refunded => new("Ended: buyer refunded", ""),
            WrapUpOutcome.AwardAnother => new("Ended: buyer to award another entry", ""),
            WrapUpOutcome.Reopened => new("Ended: project reopened", ""),
            _ => new("Ended", ""),
        }
        : w.Dispute is not null ? new("Disputed", "bad")
        : w.Step switch
        {
            WrapUpStep.AwaitingFiles => new("Awaiting files", "brand"),
            WrapUpStep.InReview => new("In review", "brand"),
            WrapUpStep.AwaitingSignatures => new("Awaiting signatures", "brand"),
            WrapUpStep.AwaitingRelease => new("Awaiting release", "brand"),
            _ => new("Starting", "brand"),
        };

    /// <summary>
    /// While a staff case is open on a running handover: "Stalled since" when nothing moved for too long, else "With
    /// staff since" and the reasons; the time is the case's opening. Null when staff do not have it.
    /// </summary>
    public static (string Words, DateTimeOffset At)? WithStaffSince(WrapUpView w)
    {
        if (w.Step == WrapUpStep.Ended || w.Mediation is not { } staffCase) return null;
        if (staffCase.Reasons.Contains(MediationReason.Stalled)) return ("Stalled since", staffCase.OpenedAt);
        var reasons = string.Join(", ", staffCase.Reasons.Select(r => Labels.Reason(r).ToLowerInvariant()));
        return ($"With staff ({reasons}) since", staffCase.OpenedAt);
    }
}

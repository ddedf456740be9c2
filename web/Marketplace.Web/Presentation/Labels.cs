using Marketplace.Contracts.Entries;
using Marketplace.Contracts.Escrow;
using Marketplace.Contracts.Mediation;
using Marketplace.Contracts.Projects;
using Marketplace.Contracts.WrapUps;

namespace Marketplace.Web.Presentation;

/// <summary>
/// The words for every state the grains return, in one place, so no page prints a raw enum value ("AwaitingStaff")
/// and the same state reads the same on every page. The grains decide the states; this only names them.
/// </summary>
public static class Labels
{
    public static string Standing(EntryStanding standing) => standing switch
    {
        EntryStanding.Running => "In the running",
        EntryStanding.Declined => "Declined",
        EntryStanding.Winner => "Winner",
        EntryStanding.NotChosen => "Not chosen",
        EntryStanding.Closed => "Closed",
        EntryStanding.NoLongerEligible => "No longer eligible",
        EntryStanding.Withdrawn => "Withdrawn",
        EntryStanding.Removed => "Removed",
        _ => "Unknown",
    };

    /// <summary>The badge class (site.css) for a standing.</summary>
    public static string StandingTone(EntryStanding standing) => standing switch
    {
        EntryStanding.Winner => "ok",
        EntryStanding.Running => "open",
        EntryStanding.Declined or EntryStanding.Removed => "bad",
        _ => "",
    };

    public static string Project(ProjectState state) => state switch
    {
        ProjectState.Draft => "Draft",
        ProjectState.Open => "Open",
        ProjectState.Selecting => "Choosing a winner",
        ProjectState.Awarded => "Awarded",
        ProjectState.Completed => "Completed",
        ProjectState.Cancelled => "Cancelled",
        ProjectState.Refunded => "Refunded",
        _ => "Unknown",
    };

    public static string Step(WrapUpStep step) => step switch
    {
        WrapUpStep.NotStarted => "starting",
        WrapUpStep.AwaitingFiles => "waiting for final files",
        WrapUpStep.InReview => "buyer reviewing",
        WrapUpStep.AwaitingSignatures => "signatures",
        WrapUpStep.AwaitingRelease => "payment release",
        WrapUpStep.Ended => "ended",
        _ => "unknown",
    };

    /// <summary>The staff queue's step: a dispute holds the handover, so it says so before the step it holds.</summary>
    public static string QueueStep(MediationCase c) =>
        c.Disputed && c.Step != WrapUpStep.Ended ? $"disputed (on hold at: {Step(c.Step)})" : Step(c.Step);

    public static string DisputeStage(DisputeStage stage) => stage switch
    {
        Contracts.WrapUps.DisputeStage.AwaitingAnswer => "waiting for the other party's answer",
        Contracts.WrapUps.DisputeStage.AwaitingStaff => "with staff: decide or propose an outcome",
        Contracts.WrapUps.DisputeStage.ProposalPending => "proposal sent: waiting for both parties to accept",
        _ => "unknown",
    };

    public static string Reason(MediationReason reason) => reason switch
    {
        MediationReason.Stalled => "Stalled",
        MediationReason.HelpRequested => "Asked for help",
        MediationReason.Disputed => "Disputed",
        MediationReason.WinnerRemoved => "Winner removed",
        MediationReason.BuyerRemoved => "Buyer removed",
        MediationReason.ZipFailed => "Zip keeps failing",
        _ => "Other",
    };

    public static string Waiting(WaitingOn on)
    {
        if (on == WaitingOn.Nobody) return "nobody";
        var who = new List<string>();
        if (on.HasFlag(WaitingOn.Buyer)) who.Add("the buyer");
        if (on.HasFlag(WaitingOn.Creative)) who.Add("the creative");
        if (on.HasFlag(WaitingOn.Staff)) who.Add("staff");
        return string.Join(" and ", who);
    }

    public static string Outcome(WrapUpOutcome outcome) => outcome switch
    {
        WrapUpOutcome.Completed => "completed",
        WrapUpOutcome.Split => "prize split",
        WrapUpOutcome.Refunded => "buyer refunded",
        WrapUpOutcome.AwardAnother => "buyer may award another entry",
        WrapUpOutcome.Reopened => "project reopened",
        _ => "closed",
    };

    public static string Movement(EscrowMovementKind kind) => kind switch
    {
        EscrowMovementKind.Funded => "Funded",
        EscrowMovementKind.ReleasedToCreative => "Paid to the creative",
        EscrowMovementKind.PlatformFee => "Platform fee",
        EscrowMovementKind.RefundedToBuyer => "Refunded to the buyer",
        _ => "Movement",
    };

    /// <summary>
    /// Since when the final files are awaited and what the clocks do next: "Files asked for on 3 Dec 2026; if none
    /// arrive, Marketplace reminds the creative on 5 Dec 2026." for the people waiting on them, and "… reminds you on …"
    /// for the creative, who is the one reminded. Null unless files are awaited.
    /// </summary>
    public static string? FilesAwaited(WrapUpView w, ViewerTime local, bool forCreative = false)
    {
        if (w.Step != WrapUpStep.AwaitingFiles || w.Timeline.LastOrDefault(t => t.Kind is "Started" or "ChangesRequested") is not { } asked) return null;
        var since = $"{(asked.Kind == "ChangesRequested" ? "Changed files" : "Files")} asked for on {local.DayText(asked.At)}";
        var whom = forCreative ? "you" : "the creative";
        return w.ReminderDueAt is { } remind ? $"{since}; if none arrive, Marketplace reminds {whom} on {local.DayText(remind)}." : since + ".";
    }

    /// <summary>
    /// One line for a handover in a list: its step and whose turn it is, for the party reading it
    /// ("Your turn: upload the final files", "Waiting for the buyer's review", "Complete — paid $297.50").
    /// <paramref name="paidToCreative"/> is what escrow released to the creative, once the handover ended.
    /// </summary>
    public static HandoverLine Handover(WrapUpView w, bool asBuyer, Contracts.Money? paidToCreative)
    {
        if (w.Step == WrapUpStep.Ended)
        {
            return w.Outcome switch
            {
                WrapUpOutcome.Completed => new(paidToCreative is { Minor: > 0 } paid && !asBuyer ? $"Complete — paid {Display.Money(paid)}" : "Complete", "ok"),
                WrapUpOutcome.Split => new(SplitLine(w, asBuyer, paidToCreative), "warn"),
                WrapUpOutcome.Refunded => new("Closed — the buyer was refunded", ""),
                WrapUpOutcome.AwardAnother => new("Closed — the buyer may award another entry", ""),
                WrapUpOutcome.Reopened => new("Closed — the project was reopened", ""),
                _ => new("Closed", ""),
            };
        }

        if (w.Dispute is not null) return new("Disputed — with Marketplace support", "warn");
        if (w.Mediation is not null) return new("With Marketplace support", "warn");
        if (YourTurn(w, asBuyer) is { } turn) return new($"Your turn: {char.ToLowerInvariant(turn[0])}{turn[1..]}", "open");
        return w.Step switch
        {
            WrapUpStep.AwaitingFiles => new("Waiting for the creative's final files", "brand"),
            WrapUpStep.InReview => new("Waiting for the buyer's review", "brand"),
            WrapUpStep.AwaitingSignatures => new("Waiting for the other signature", "brand"),
            WrapUpStep.AwaitingRelease => new("Releasing the payment", "brand"),
            _ => new("Starting the handover", "brand"),
        };
    }

    /// <summary>
    /// What the party must do next on an ordinary handover step ("Upload the final files", "Review the files", "Sign the
    /// transfer"), or null when it is not their turn, or the handover ended or is with support.
    /// </summary>
    public static string? YourTurn(WrapUpView w, bool asBuyer)
    {
        if (w.Step == WrapUpStep.Ended || w.Dispute is not null || w.Mediation is not null) return null;
        if (!w.WaitingOn.HasFlag(asBuyer ? WaitingOn.Buyer : WaitingOn.Creative)) return null;
        return w.Step switch
        {
            WrapUpStep.AwaitingFiles => "Upload the final files",
            WrapUpStep.InReview => "Review the files",
            WrapUpStep.AwaitingSignatures => "Sign the transfer",
            _ => null,
        };
    }

    /// <summary>A split in a list, for the reader: what the buyer got back, or what the creative was paid; the design was not handed over.</summary>
    private static string SplitLine(WrapUpView w, bool asBuyer, Contracts.Money? paidToCreative) => asBuyer
        ? w.SettledSplit is { } split ? $"Settled by a split — {Display.Money(split.BuyerGetsBack)} refunded to you; no files or rights handed over" : "Settled by a split — no files or rights handed over"
        : paidToCreative is { Minor: > 0 } paid ? $"Settled by a split — paid {Display.Money(paid)}; the design stays yours" : "Settled by a split — the design stays yours";

    /// <summary>A project's state in the buyer's list: a completed project settled by a split says so.</summary>
    public static string ProjectFor(ProjectState state, WrapUpOutcome? outcome) =>
        state == ProjectState.Completed && outcome == WrapUpOutcome.Split ? "Settled by a split" : Project(state);
}

/// <summary>A handover's state in a list: the words and the badge class.</summary>
public sealed record HandoverLine(string Text, string Tone);

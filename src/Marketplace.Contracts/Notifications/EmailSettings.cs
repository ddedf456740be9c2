namespace Marketplace.Contracts.Notifications;

/// <summary>How a person wants contest activity (<see cref="EmailKinds.IsContestActivity"/>) emailed.</summary>
[GenerateSerializer]
public enum ContestActivityEmail
{
    /// <summary>One email per notice, as it happens (the default).</summary>
    Each,

    /// <summary>One email a day at <see cref="EmailKinds.DailySummaryAt"/> UTC listing that day's notices.</summary>
    Daily,

    /// <summary>No email: the notices are on the site only.</summary>
    None,
}

/// <summary>A person's email settings. Only contest activity can be changed; everything else is always emailed.</summary>
[GenerateSerializer, Immutable]
public sealed record EmailSettings([property: Id(0)] ContestActivityEmail ContestActivity);

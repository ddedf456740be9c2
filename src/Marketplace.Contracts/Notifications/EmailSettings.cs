namespace Marketplace.Contracts.Notifications;

/// <summary>How a person wants contest activity (<see cref="EmailKinds.IsContestActivity"/>) emailed.</summary>
[GenerateSerializer]
public enum ContestActivityEmail
{
    /// <summary>One email per notice, as it happens (the default).</summary>
    Each,

    /// <summary>One email a day at the person's <see cref="EmailSettings.SummaryHour"/>, in their zone, listing that day's notices.</summary>
    Daily,

    /// <summary>No email: the notices are on the site only.</summary>
    None,
}

/// <summary>
/// A person's email settings. Only contest activity can be changed; everything else is always emailed.
/// <see cref="SummaryHour"/>: the whole hour (0–23) of the daily summary in the person's time zone; always given in an
/// answer, and left as it was when a change leaves it null.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record EmailSettings([property: Id(0)] ContestActivityEmail ContestActivity, [property: Id(1)] int? SummaryHour = null);

/// <summary>
/// What staff see of a person's choices on their user page (read-only): the email settings, and the time zone their
/// times are shown and emailed in (<see cref="TimeZone"/> null: never set, so UTC).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ContactSettings([property: Id(0)] EmailSettings Email, [property: Id(1)] string? TimeZone);

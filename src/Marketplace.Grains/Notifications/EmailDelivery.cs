namespace Marketplace.Grains.Notifications;

/// <summary>Where a notification's email stands. The notification itself is shown on the site whatever this says.</summary>
public enum EmailDelivery
{
    /// <summary>Not handed to the mail server yet (or the last attempt failed and another is due).</summary>
    Pending,
    Sent,
    /// <summary>Every attempt failed; the last error is kept and nothing more is tried.</summary>
    Failed,
    /// <summary>The person has no registered address (no profile): nothing to send.</summary>
    NoAddress,
    /// <summary>Contest activity waiting for the person's daily summary.</summary>
    HeldForSummary,
    /// <summary>Contest activity of a person who chose no email for it: on the site only.</summary>
    NotEmailed,
    /// <summary>Held for the daily summary, but read on the site before it went out, so left out of it.</summary>
    ReadFirst,
}

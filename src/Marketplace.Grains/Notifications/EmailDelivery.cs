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
}

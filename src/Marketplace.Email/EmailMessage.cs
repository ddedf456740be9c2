namespace Marketplace.Email;

/// <summary>
/// One plain-text email to one person. <see cref="MessageId"/> is stable for the thing it tells (a notification id),
/// so a message sent twice after a lost acknowledgement carries the same Message-ID and mail clients can fold it.
/// <see cref="UnsubscribeUrl"/> is set on optional email only: it becomes the RFC 8058 one-click unsubscribe headers.
/// </summary>
public sealed record EmailMessage(string MessageId, string ToAddress, string ToName, string Subject, string Body, string? UnsubscribeUrl = null);

namespace Marketplace.Contracts.Notifications;

/// <summary>
/// One person's notifications (key: user id): what happened that they should know about, written for them, with the
/// page where they act. Keeps the newest <see cref="NotificationLimits.Kept"/>. Each new notification is also emailed to
/// the person's address; the notification stays in the inbox whether or not the email went out.
/// </summary>
public interface INotificationInboxGrain : IGrainWithStringKey
{
    /// <summary>Only the owner: their notifications, newest first, and how many are unread.</summary>
    Task<InboxView> GetAsync(Actor actor);

    /// <summary>Only the owner: how many are unread (what the page header shows).</summary>
    Task<int> CountUnreadAsync(Actor actor);

    /// <summary>
    /// Only the owner: marks the named notifications read, or all of them when <paramref name="ids"/> is null or empty.
    /// An id that is not in this inbox is refused (NotFound) and nothing changes. Returns the unread count after.
    /// </summary>
    Task<int> MarkReadAsync(Actor actor, IReadOnlyList<string>? ids);

    /// <summary>
    /// Only <see cref="Actor.System"/> (the grain whose event it tells): adds the notification unless one with the same
    /// id is already here, so a retried delivery never shows twice. Returns whether it was new.
    /// </summary>
    Task<bool> AddAsync(Actor actor, NewNotification notification);
}

/// <summary>
/// What a grain hands an inbox. <see cref="Id"/> comes from what caused it (e.g. the wrap-up id and the journal
/// position), never from a clock or random number, so repeating a delivery is harmless. <see cref="Link"/> is a site
/// path ("/wrapups/p1/1").
/// </summary>
[GenerateSerializer, Immutable]
public sealed record NewNotification(
    [property: Id(0)] string Id,
    [property: Id(1)] string Kind,
    [property: Id(2)] string Text,
    [property: Id(3)] string Link,
    [property: Id(4)] DateTimeOffset At);

[GenerateSerializer, Immutable]
public sealed record NotificationView(
    [property: Id(0)] string Id,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Kind,
    [property: Id(3)] string Text,
    [property: Id(4)] string Link,
    [property: Id(5)] bool Read);

[GenerateSerializer, Immutable]
public sealed record InboxView(
    [property: Id(0)] IReadOnlyList<NotificationView> Notifications,
    [property: Id(1)] int Unread);

public static class NotificationLimits
{
    /// <summary>How many notifications an inbox keeps; older ones drop off.</summary>
    public const int Kept = 200;

    public const int MaxText = 1000;
}

/// <summary>The kinds of notification, for filtering and icons; the text says the rest.</summary>
public static class NotificationKinds
{
    public const string Awarded = "awarded";
    public const string FilesDelivered = "files-delivered";
    public const string ChangesRequested = "changes-requested";
    public const string Approved = "approved";
    public const string Signed = "signed";
    public const string Reminder = "reminder";
    public const string Message = "message";
    public const string StaffStepIn = "staff";
    public const string Dispute = "dispute";
    public const string Proposal = "proposal";
    public const string Previews = "previews";
    public const string WinnerRemoved = "winner-removed";
    public const string Paid = "paid";
    public const string Completed = "completed";
    public const string Ended = "ended";
}

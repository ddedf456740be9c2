namespace Marketplace.Contracts.Notifications;

public static class NotificationLimits
{
    /// <summary>How many notifications an inbox keeps; older ones drop off.</summary>
    public const int Kept = 200;

    public const int MaxText = 1000;
}

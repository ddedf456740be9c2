using Marketplace.Contracts.Notifications;

namespace Marketplace.Grains.WrapUps;

/// <summary>A notification for one person.</summary>
public sealed record Notice(string RecipientId, NewNotification Notification);

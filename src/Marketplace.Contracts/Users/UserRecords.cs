namespace Marketplace.Contracts.Users;

/// <summary>
/// Active users may act; suspended users may sign in but not act; removed users (by staff) and closed ones (by the
/// person themselves) are out for good.
/// </summary>
public enum UserStatus
{
    Active,
    Suspended,
    Removed,
    Closed,
}

public static class UserStatuses
{
    /// <summary>Removed by staff or closed by the person: no sign-in, no public profile, nothing more to do.</summary>
    public static bool IsGone(this UserStatus status) => status is UserStatus.Removed or UserStatus.Closed;
}

/// <summary>What a person gives at sign-up. Roles may be buyer and/or creative; staff is never self-chosen.</summary>
[GenerateSerializer, Immutable]
public sealed record UserRegistration(
    [property: Id(0)] string DisplayName,
    [property: Id(1)] string Email,
    [property: Id(2)] UserRoles Roles);

/// <summary>The full account, for the person themselves and for staff.</summary>
[GenerateSerializer, Immutable]
public sealed record UserProfile(
    [property: Id(0)] string Id,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] string Email,
    [property: Id(3)] UserRoles Roles,
    [property: Id(4)] UserStatus Status,
    [property: Id(5)] string? StatusReason,
    [property: Id(6)] DateTimeOffset? StatusChangedAt,
    [property: Id(7)] string? StatusChangedBy,
    [property: Id(8)] DateTimeOffset RegisteredAt)
{
    public UserCard ToCard() => new(Id, DisplayName, Roles, Status) { RegisteredAt = RegisteredAt };
}

/// <summary>Where the marketplace writes to a person: for the marketplace itself, never shown to others.</summary>
[GenerateSerializer, Immutable]
public sealed record UserContact(
    [property: Id(0)] string DisplayName,
    [property: Id(1)] string Email);

/// <summary>What anyone may see of a user (no email).</summary>
[GenerateSerializer, Immutable]
public sealed record UserCard(
    [property: Id(0)] string Id,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] UserRoles Roles,
    [property: Id(3)] UserStatus Status)
{
    /// <summary>When the person signed up ("member since" on a creative's profile); public, as on any marketplace.</summary>
    [Id(4)] public DateTimeOffset? RegisteredAt { get; init; }

    public bool IsActive => Status == UserStatus.Active;
}

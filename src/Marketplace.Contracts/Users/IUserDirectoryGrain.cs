namespace Marketplace.Contracts.Users;

/// <summary>
/// Every user, for staff moderation (one grain, key <see cref="Key"/>). Kept up to date by the user grains,
/// so the staff list is one call and never a storage scan.
/// </summary>
public interface IUserDirectoryGrain : IGrainWithStringKey
{
    public const string Key = "all";

    /// <summary>Staff only: users, newest first, optionally only those with <paramref name="status"/>.</summary>
    Task<IReadOnlyList<UserProfile>> ListAsync(Actor actor, UserStatus? status = null);

    /// <summary>Only <see cref="Actor.System"/> (the user grain): records the current profile.</summary>
    Task RecordAsync(Actor actor, UserProfile profile);
}

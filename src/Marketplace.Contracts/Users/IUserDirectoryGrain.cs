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

    /// <summary>
    /// Staff only: users whose name or email contains <paramref name="query"/> (or whose id is it), newest first, at most
    /// <paramref name="limit"/> (1–500) of them, with how many matched in all. Filtering happens here, not in the caller.
    /// </summary>
    Task<UserSearchResult> SearchAsync(Actor actor, string? query, UserStatus? status = null, int limit = 100);

    /// <summary>Only <see cref="Actor.System"/> (the user grain): records the current profile.</summary>
    Task RecordAsync(Actor actor, UserProfile profile);
}

/// <summary>One page of a directory search: the first matches and the count of all matches.</summary>
[GenerateSerializer, Immutable]
public sealed record UserSearchResult(
    [property: Id(0)] IReadOnlyList<UserProfile> Users,
    [property: Id(1)] int Total);

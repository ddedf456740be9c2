namespace Marketplace.Contracts.Users;

/// <summary>
/// Staff's search of every user (one stateless grain, key <see cref="Key"/>). It asks every part of the directory
/// (<see cref="IUserDirectoryPartGrain"/>) at once and merges their answers, so the staff list is one call and never a
/// storage scan, and no single stored state holds every user.
/// </summary>
public interface IUserDirectoryGrain : IGrainWithStringKey
{
    public const string Key = "all";

    /// <summary>
    /// Staff only: users whose name or email contains <paramref name="query"/> (or whose id is it), newest first, at most
    /// <paramref name="limit"/> (1–500) of them, with how many matched in all. Filtering happens in the parts, not in the caller.
    /// </summary>
    Task<UserSearchResult> SearchAsync(Actor actor, string? query, UserStatus? status = null, int limit = 100);

    /// <summary>Only <see cref="Actor.System"/> (the user grain): records the current profile in its user's part.</summary>
    Task RecordAsync(Actor actor, UserProfile profile);
}

/// <summary>One page of a directory search: the first matches and the count of all matches.</summary>
[GenerateSerializer, Immutable]
public sealed record UserSearchResult(
    [property: Id(0)] IReadOnlyList<UserProfile> Users,
    [property: Id(1)] int Total);

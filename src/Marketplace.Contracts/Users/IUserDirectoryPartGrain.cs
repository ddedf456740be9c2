namespace Marketplace.Contracts.Users;

/// <summary>
/// One part of the user directory: the latest profile of each user whose id falls in it (key
/// <see cref="UserDirectoryParts.For"/>). A sign-up or a status change rewrites one part, a sixteenth of the users, not
/// a state holding everyone. Only <see cref="IUserDirectoryGrain"/> and the user grains call it.
/// </summary>
public interface IUserDirectoryPartGrain : IGrainWithStringKey
{
    /// <summary>Only <see cref="Actor.System"/>: this part's matches, newest first, at most <paramref name="limit"/>, and their count.</summary>
    Task<UserSearchResult> SearchAsync(Actor actor, string? query, UserStatus? status, int limit);

    /// <summary>Only <see cref="Actor.System"/>: records the current profile (no write when it is unchanged).</summary>
    Task RecordAsync(Actor actor, UserProfile profile);

    /// <summary>
    /// Only <see cref="Actor.System"/>, on the part keyed <see cref="UserDirectoryParts.Before"/>: hands every user the
    /// directory held when it was one state to the part it belongs in now, then empties itself. Repeating it is harmless.
    /// </summary>
    Task HandOverToPartsAsync(Actor actor);
}

/// <summary>Which part of the directory holds a user.</summary>
public static class UserDirectoryParts
{
    public const int Count = 16;

    /// <summary>
    /// The key under which the whole directory was one state before it was split (the grain type kept its name, so its
    /// stored state is still found there and handed over).
    /// </summary>
    public const string Before = "all";

    public static IReadOnlyList<string> All { get; } = Enumerable.Range(0, Count).Select(KeyOf).ToArray();

    /// <summary>The part of a user: by a hash of the id that is the same in every process (not <c>GetHashCode</c>).</summary>
    public static string For(string userId) =>
        KeyOf(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(userId))[0] % Count);

    private static string KeyOf(int part) => "part-" + part.ToString("x", System.Globalization.CultureInfo.InvariantCulture);
}

using Marketplace.Contracts;
using Marketplace.Contracts.Users;

namespace Marketplace.Grains.Users;

[GenerateSerializer]
public sealed class UserDirectoryState
{
    [Id(0)] public Dictionary<string, UserProfile> Users { get; set; } = [];
}

/// <summary>Every user's latest profile, for staff moderation. Calls no other grain except to check the staff reader.</summary>
public sealed class UserDirectoryGrain(
    [PersistentState("directory", StorageNames.GrainStorage)] IPersistentState<UserDirectoryState> directory,
    IGrainFactory grains) : Grain, IUserDirectoryGrain
{
    public const int MaxSearchResults = 500;

    public async Task<IReadOnlyList<UserProfile>> ListAsync(Actor actor, UserStatus? status = null)
    {
        await grains.RequireStaffAsync(actor, "list users");
        return NewestFirst(directory.State.Users.Values.Where(u => status is null || u.Status == status)).ToList();
    }

    public async Task<UserSearchResult> SearchAsync(Actor actor, string? query, UserStatus? status = null, int limit = 100)
    {
        await grains.RequireStaffAsync(actor, "search users");
        if (limit is < 1 or > MaxSearchResults)
        {
            throw MarketplaceException.Invalid($"Ask for 1 to {MaxSearchResults} users at a time.");
        }

        var words = query?.Trim();
        var matching = directory.State.Users.Values
            .Where(u => status is null || u.Status == status)
            .Where(u => string.IsNullOrEmpty(words) || Matches(u, words))
            .ToList();
        return new UserSearchResult(NewestFirst(matching).Take(limit).ToArray(), matching.Count);
    }

    private static bool Matches(UserProfile user, string words) =>
        user.DisplayName.Contains(words, StringComparison.OrdinalIgnoreCase)
        || user.Email.Contains(words, StringComparison.OrdinalIgnoreCase)
        || user.Id == words;

    private static IEnumerable<UserProfile> NewestFirst(IEnumerable<UserProfile> users) =>
        users.OrderByDescending(u => u.RegisteredAt).ThenBy(u => u.Id, StringComparer.Ordinal);

    public async Task RecordAsync(Actor actor, UserProfile profile)
    {
        actor.RequireSystem("record users in the directory");
        if (directory.State.Users.TryGetValue(profile.Id, out var known) && known == profile)
        {
            return;
        }

        directory.State.Users[profile.Id] = profile;
        await directory.SaveAsync(this);
    }
}

using Marketplace.Contracts;
using Marketplace.Contracts.Users;

namespace Marketplace.Grains.Users;

[GenerateSerializer]
public sealed class UserDirectoryState
{
    [Id(0)] public Dictionary<string, UserProfile> Users { get; set; } = [];
}

/// <summary>
/// The latest profile of each user in one part of the directory. Its grain type is the name the whole directory had when
/// it was one grain, so that state (key <see cref="UserDirectoryParts.Before"/>) is still read, and handed over.
/// </summary>
[GrainType("userdirectory")]
public sealed class UserDirectoryPartGrain(
    [PersistentState("directory", StorageNames.GrainStorage)] IPersistentState<UserDirectoryState> directory,
    IGrainFactory grains) : Grain, IUserDirectoryPartGrain
{
    public Task<UserSearchResult> SearchAsync(Actor actor, string? query, UserStatus? status, int limit)
    {
        actor.RequireSystem("search a part of the user directory");
        var matching = directory.State.Users.Values
            .Where(u => status is null || u.Status == status)
            .Where(u => string.IsNullOrEmpty(query) || Matches(u, query))
            .ToList();
        return Task.FromResult(new UserSearchResult(UserSearchOrder.NewestFirst(matching).Take(limit).ToArray(), matching.Count));
    }

    private static bool Matches(UserProfile user, string words) =>
        user.DisplayName.Contains(words, StringComparison.OrdinalIgnoreCase)
        || user.Email.Contains(words, StringComparison.OrdinalIgnoreCase)
        || user.Id == words;

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

    public async Task HandOverToPartsAsync(Actor actor)
    {
        actor.RequireSystem("split the user directory");
        if (this.GetPrimaryKeyString() != UserDirectoryParts.Before || directory.State.Users.Count == 0)
        {
            return;
        }

        // Each part skips a profile it already has, so a hand-over cut off half-way is finished by the next one.
        foreach (var profile in directory.State.Users.Values)
        {
            await grains.GetGrain<IUserDirectoryPartGrain>(UserDirectoryParts.For(profile.Id)).RecordAsync(Actor.System, profile);
        }

        await directory.ClearStateAsync();
    }
}

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
    public async Task<IReadOnlyList<UserProfile>> ListAsync(Actor actor, UserStatus? status = null)
    {
        await grains.RequireStaffAsync(actor, "list users");
        return directory.State.Users.Values
            .Where(u => status is null || u.Status == status)
            .OrderByDescending(u => u.RegisteredAt)
            .ThenBy(u => u.Id, StringComparer.Ordinal)
            .ToList();
    }

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

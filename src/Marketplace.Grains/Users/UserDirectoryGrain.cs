using Marketplace.Contracts;
using Marketplace.Contracts.Users;
using Orleans.Concurrency;

namespace Marketplace.Grains.Users;

/// <summary>
/// Staff's search of every user: asks the parts of the directory at once and merges their newest-first answers. Holds
/// no state, so any silo answers (a stateless worker).
/// </summary>
[StatelessWorker]
[GrainType("userdirectory-search")]
public sealed class UserDirectoryGrain(IGrainFactory grains) : Grain, IUserDirectoryGrain
{
    public const int MaxSearchResults = 500;

    private bool _earlierDirectoryHandedOver;

    public async Task<UserSearchResult> SearchAsync(Actor actor, string? query, UserStatus? status = null, int limit = 100)
    {
        await grains.RequireStaffAsync(actor, "search users");
        if (limit is < 1 or > MaxSearchResults)
        {
            throw MarketplaceException.Invalid($"Ask for 1 to {MaxSearchResults} users at a time.");
        }

        await HandOverEarlierDirectoryOnceAsync();
        var words = query?.Trim();
        var answers = await Task.WhenAll(UserDirectoryParts.All.Select(part =>
            grains.GetGrain<IUserDirectoryPartGrain>(part).SearchAsync(Actor.System, words, status, limit)));
        // Each part gave its newest `limit`, so the newest `limit` of all are among them.
        var newest = UserSearchOrder.NewestFirst(answers.SelectMany(a => a.Users)).Take(limit).ToArray();
        return new UserSearchResult(newest, answers.Sum(a => a.Total));
    }

    public async Task RecordAsync(Actor actor, UserProfile profile)
    {
        actor.RequireSystem("record users in the directory");
        await grains.GetGrain<IUserDirectoryPartGrain>(UserDirectoryParts.For(profile.Id)).RecordAsync(actor, profile);
    }

    /// <summary>
    /// A directory stored before it was split into parts would otherwise be missing from searches until each of its
    /// users changed; once per activation is enough, as the hand-over empties the old state and then costs one call.
    /// </summary>
    private async Task HandOverEarlierDirectoryOnceAsync()
    {
        if (_earlierDirectoryHandedOver)
        {
            return;
        }

        await grains.GetGrain<IUserDirectoryPartGrain>(UserDirectoryParts.Before).HandOverToPartsAsync(Actor.System);
        _earlierDirectoryHandedOver = true;
    }
}

using Marketplace.Contracts;
using Marketplace.Contracts.Users;

namespace Marketplace.Grains.Users;

[GenerateSerializer]
public sealed class UserIndexState
{
    [Id(0)] public Dictionary<string, ProjectSummary> Projects { get; set; } = [];
    [Id(1)] public Dictionary<string, EntrySummary> Entries { get; set; } = [];
    [Id(2)] public Dictionary<string, WonWrapUp> WrapUpsWon { get; set; } = [];
}

/// <summary>
/// A user's own lists. Its only outward call is a staff reader's card (read-only and interleaved), so any grain may
/// update it while busy without risking a call cycle.
/// </summary>
public sealed class UserIndexGrain(
    [PersistentState("index", StorageNames.GrainStorage)] IPersistentState<UserIndexState> index,
    IGrainFactory grains) : Grain, IUserIndexGrain
{
    public async Task<IReadOnlyList<ProjectSummary>> GetProjectsAsync(Actor actor)
    {
        await RequireOwnerStaffOrSystemAsync(actor);
        return index.State.Projects.Values.OrderByDescending(p => p.CreatedAt).ToList();
    }

    public async Task<IReadOnlyList<EntrySummary>> GetEntriesAsync(Actor actor)
    {
        await RequireOwnerStaffOrSystemAsync(actor);
        return index.State.Entries.Values.OrderByDescending(e => e.SubmittedAt).ToList();
    }

    public async Task<IReadOnlyList<WonWrapUp>> GetWrapUpsWonAsync(Actor actor)
    {
        await RequireOwnerStaffOrSystemAsync(actor);
        return index.State.WrapUpsWon.Values.OrderBy(w => w.AwardedAt).ToList();
    }

    public Task RecordProjectAsync(Actor actor, ProjectSummary project) =>
        RecordAsync(actor, index.State.Projects, project.ProjectId, project);

    /// <summary>The entry grain does not know the entry's number in its gallery: its updates keep the one the project wrote.</summary>
    public Task RecordEntryAsync(Actor actor, EntrySummary entry) =>
        RecordAsync(actor, index.State.Entries, entry.EntryId,
            entry.Number is null && index.State.Entries.GetValueOrDefault(entry.EntryId)?.Number is { } number ? entry with { Number = number } : entry);

    public Task RecordWrapUpWonAsync(Actor actor, WonWrapUp wrapUp) =>
        RecordAsync(actor, index.State.WrapUpsWon, wrapUp.WrapUpId, wrapUp);

    private async Task RecordAsync<T>(Actor actor, Dictionary<string, T> list, string key, T item)
        where T : class
    {
        actor.RequireSystem("update a user's lists");
        if (list.TryGetValue(key, out var known) && known.Equals(item))
        {
            return;
        }

        list[key] = item;
        await index.SaveAsync(this);
    }

    /// <summary>The owner, the system, or staff whose own account is active (a suspended staff member reads nobody's lists).</summary>
    private async Task RequireOwnerStaffOrSystemAsync(Actor actor)
    {
        if (actor.IsSystem || actor.Is(this.GetPrimaryKeyString()))
        {
            return;
        }

        if (!actor.IsStaff)
        {
            throw MarketplaceException.Forbidden("Only the account holder and staff can see these lists.");
        }

        await grains.RequireStaffAsync(actor, "see another person's lists");
    }
}

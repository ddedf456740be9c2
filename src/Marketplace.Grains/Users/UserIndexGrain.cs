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
/// A user's own lists. It never calls another grain, so any grain may update it while busy without risking a
/// call cycle.
/// </summary>
public sealed class UserIndexGrain(
    [PersistentState("index", StorageNames.GrainStorage)] IPersistentState<UserIndexState> index) : Grain, IUserIndexGrain
{
    public Task<IReadOnlyList<ProjectSummary>> GetProjectsAsync(Actor actor)
    {
        RequireOwnerStaffOrSystem(actor);
        return Task.FromResult<IReadOnlyList<ProjectSummary>>(
            index.State.Projects.Values.OrderByDescending(p => p.CreatedAt).ToList());
    }

    public Task<IReadOnlyList<EntrySummary>> GetEntriesAsync(Actor actor)
    {
        RequireOwnerStaffOrSystem(actor);
        return Task.FromResult<IReadOnlyList<EntrySummary>>(
            index.State.Entries.Values.OrderByDescending(e => e.SubmittedAt).ToList());
    }

    public Task<IReadOnlyList<WonWrapUp>> GetWrapUpsWonAsync(Actor actor)
    {
        RequireOwnerStaffOrSystem(actor);
        return Task.FromResult<IReadOnlyList<WonWrapUp>>(
            index.State.WrapUpsWon.Values.OrderBy(w => w.AwardedAt).ToList());
    }

    public Task RecordProjectAsync(Actor actor, ProjectSummary project) =>
        RecordAsync(actor, index.State.Projects, project.ProjectId, project);

    public Task RecordEntryAsync(Actor actor, EntrySummary entry) =>
        RecordAsync(actor, index.State.Entries, entry.EntryId, entry);

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

    private void RequireOwnerStaffOrSystem(Actor actor)
    {
        if (!actor.IsSystem && !actor.IsStaff && !actor.Is(this.GetPrimaryKeyString()))
        {
            throw MarketplaceException.Forbidden("Only the account holder and staff can see these lists.");
        }
    }
}

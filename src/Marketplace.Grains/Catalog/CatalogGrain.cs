using Marketplace.Contracts;
using Marketplace.Contracts.Catalog;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Grains.Catalog;

[GenerateSerializer]
public sealed class CatalogState
{
    [Id(0)] public Dictionary<string, CatalogItem> Items { get; set; } = [];
}

/// <summary>The open projects of one category. Calls no other grain.</summary>
public sealed class CatalogGrain(
    [PersistentState("catalog", StorageNames.GrainStorage)] IPersistentState<CatalogState> catalog,
    [FromKeyedServices(MarketplaceClock.Key)] TimeProvider clock) : Grain, ICatalogGrain
{
    public Task<IReadOnlyList<CatalogItem>> ListOpenAsync()
    {
        // A project whose deadline passed may not have told us yet (its reminder is due); never show it as open.
        var now = clock.GetUtcNow();
        return Task.FromResult<IReadOnlyList<CatalogItem>>(catalog.State.Items.Values
            .Where(i => i.EntryDeadline > now)
            .OrderBy(i => i.EntryDeadline)
            .ThenBy(i => i.ProjectId, StringComparer.Ordinal)
            .ToList());
    }

    public async Task ListAsync(Actor actor, CatalogItem item)
    {
        actor.RequireSystem("list projects in the catalog");
        if (catalog.State.Items.TryGetValue(item.ProjectId, out var known) && known == item)
        {
            return;
        }

        catalog.State.Items[item.ProjectId] = item;
        await catalog.SaveAsync(this);
    }

    public async Task UnlistAsync(Actor actor, string projectId)
    {
        actor.RequireSystem("remove projects from the catalog");
        if (catalog.State.Items.Remove(projectId))
        {
            await catalog.SaveAsync(this);
        }
    }
}

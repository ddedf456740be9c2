using Marketplace.Contracts.Catalog;
using Marketplace.Contracts.Projects;

namespace Marketplace.Web.Presentation;

/// <summary>Open projects across the category catalogs, for the home page and browsing.</summary>
public sealed class OpenProjects(IGrainFactory grains)
{
    public async Task<IReadOnlyList<CatalogItem>> ListAsync(string? category = null, string? sort = null)
    {
        var categories = category is not null && Categories.IsKnown(category) ? [category] : Categories.All;
        var lists = await Task.WhenAll(categories.Select(c => grains.GetGrain<ICatalogGrain>(c).ListOpenAsync()));
        var all = lists.SelectMany(l => l);
        return (sort switch
        {
            "prize" => all.OrderByDescending(p => p.Prize.Minor).ThenBy(p => p.EntryDeadline),
            "newest" => all.OrderByDescending(p => p.EntryDeadline),
            "entries" => all.OrderBy(p => p.EntryCount).ThenBy(p => p.EntryDeadline),
            _ => all.OrderBy(p => p.EntryDeadline),
        }).ToList();
    }
}

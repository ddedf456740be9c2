using Marketplace.Contracts.Catalog;
using Marketplace.Web.Presentation;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages;

public sealed class IndexModel(OpenProjects open) : PageModel
{
    public IReadOnlyList<CatalogItem> Projects { get; private set; } = [];
    public int OpenCount { get; private set; }

    public async Task OnGetAsync()
    {
        var all = await open.ListAsync();
        OpenCount = all.Count;
        Projects = all.Take(9).ToList();
    }
}

using Marketplace.Contracts.Catalog;
using Marketplace.Web.Presentation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Projects;

public sealed class IndexModel(OpenProjects open) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Category { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }

    public IReadOnlyList<CatalogItem> Projects { get; private set; } = [];

    public async Task OnGetAsync() => Projects = await open.ListAsync(Category, Sort);
}

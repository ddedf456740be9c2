using Marketplace.Contracts.Catalog;
using Marketplace.Contracts.Escrow;
using Marketplace.Web.Presentation;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages;

public sealed class IndexModel(OpenProjects open, IGrainFactory grains) : PageModel
{
    public IReadOnlyList<CatalogItem> Projects { get; private set; } = [];
    public int OpenCount { get; private set; }

    /// <summary>The configured fee, so "how it works" tells both sides what the winner is paid.</summary>
    public decimal PlatformFeePercent { get; private set; }

    public async Task OnGetAsync()
    {
        var all = await open.ListAsync();
        OpenCount = all.Count;
        Projects = all.Take(9).ToList();
        PlatformFeePercent = (await grains.GetGrain<IFeeScheduleGrain>(IFeeScheduleGrain.Key).GetAsync()).PlatformFeePercent;
    }
}

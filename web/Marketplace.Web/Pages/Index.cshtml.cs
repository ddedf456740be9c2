using Marketplace.Contracts.Catalog;
using Marketplace.Contracts.Escrow;
using Marketplace.Web.Accounts;
using Marketplace.Web.Presentation;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages;

public sealed class IndexModel(OpenProjects open, HomeActionsFor homeActions, IGrainFactory grains) : PageModel
{
    /// <summary>The one primary action for this visitor and the quieter links (see <see cref="HomeActionsFor"/>).</summary>
    public HomeActions Actions { get; private set; } = null!;

    public IReadOnlyList<CatalogItem> Projects { get; private set; } = [];
    public int OpenCount { get; private set; }

    /// <summary>The configured fee, so "how it works" tells both sides what the winner is paid.</summary>
    public decimal PlatformFeePercent { get; private set; }

    public async Task OnGetAsync()
    {
        var all = await open.ListAsync();
        OpenCount = all.Count;
        Projects = all.Take(9).ToList();
        Actions = await homeActions.ForAsync(User.ToActor(), OpenCount);
        PlatformFeePercent = (await grains.GetGrain<IFeeScheduleGrain>(IFeeScheduleGrain.Key).GetAsync()).PlatformFeePercent;
    }
}

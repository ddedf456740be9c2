using Marketplace.Contracts.Earnings;
using Marketplace.Web.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Creative;

/// <summary>The creative's earnings statement: every payout as escrow made it and the totals per calendar year, for their taxes.</summary>
public sealed class EarningsModel(IGrainFactory grains) : PageModel
{
    public EarningsStatement Statement { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        var actor = User.RequireActor();
        Statement = await grains.GetGrain<ICreativeEarningsGrain>(actor.UserId).GetAsync(actor);
    }
}

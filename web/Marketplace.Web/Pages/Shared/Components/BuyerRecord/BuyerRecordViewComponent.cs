using Marketplace.Contracts;
using Marketplace.Contracts.Reviews;
using Marketplace.Web.Accounts;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Pages;

/// <summary>
/// The buyer's record on a brief, for creatives deciding whether to enter: one grain call. The buyer reading their
/// own brief does not see it, and a closed account shows nothing.
/// </summary>
public sealed class BuyerRecordViewComponent(IGrainFactory grains) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string buyerId)
    {
        if (UserClaimsPrincipal.ToViewer().Is(buyerId))
        {
            return Content("");
        }

        try
        {
            return View(await grains.GetGrain<IBuyerRecordGrain>(buyerId).GetAsync());
        }
        catch (MarketplaceException e) when (e.Kind == ErrorKind.NotFound)
        {
            return Content("");
        }
    }
}

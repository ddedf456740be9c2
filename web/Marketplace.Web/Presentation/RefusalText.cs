using Marketplace.Contracts;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Presentation;

/// <summary>What a page shows of a refused call: the message, any time a grain's refusal names in the viewer's zone.</summary>
public static class RefusalText
{
    public static string InViewerZone(this PageModel page, Exception refused) => refused is MarketplaceException marketplace
        ? page.HttpContext.RequestServices.GetRequiredService<ViewerTime>().Words(marketplace)
        : refused.Message;
}

using Marketplace.Contracts;
using Marketplace.Contracts.Escrow;
using Marketplace.Contracts.Projects;
using Marketplace.Web.Accounts;
using Marketplace.Web.Extensions;
using Marketplace.Web.Presentation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Receipts;

/// <summary>
/// The buyer's printable receipt for a project (the browser prints it to PDF). Outside the /Buyer folder so staff,
/// who are not buyers, may open it too; the project grain decides who may read it.
/// </summary>
[Authorize(Policy = Policies.BuyerOrStaff)]
public sealed class ReceiptModel(IGrainFactory grains) : PageModel
{
    public BuyerReceipt Receipt { get; private set; } = null!;
    public bool ForStaff { get; private set; }

    public async Task OnGetAsync(string id)
    {
        if (!Ids.IsWellFormed(id)) throw MarketplaceException.NotFound("There is no project with this id.");
        var actor = User.RequireActor();
        Receipt = await grains.GetGrain<IProjectGrain>(id).GetReceiptAsync(actor);
        ForStaff = actor.IsStaff;
    }

    /// <summary>What each amount back was, in the buyer's words.</summary>
    public static string Describe(ReceiptReturn back) => back.Kind switch
    {
        ReceiptReturnKind.SplitShare => "Your part of the prize back, after a split settlement",
        _ => "Prize refunded to you",
    };

    /// <summary>An amount back, written as the minus it is on the total.</summary>
    public static string Minus(Money amount) => Display.Money(new Money(-amount.Minor, amount.Currency));
}

using Marketplace.Contracts;
using Marketplace.Contracts.Escrow;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages;

public sealed class HelpModel(IGrainFactory grains) : PageModel
{
    public static readonly Money ExamplePrize = new(100_00, "USD");

    /// <summary>The fee as the silo pays it, never a number written into the page.</summary>
    public decimal PlatformFeePercent { get; private set; }

    /// <summary>What the winner of <see cref="ExamplePrize"/> receives, from the calculation escrow pays with.</summary>
    public Money ExampleWinnerReceives { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        var fees = grains.GetGrain<IFeeScheduleGrain>(IFeeScheduleGrain.Key);
        PlatformFeePercent = (await fees.GetAsync()).PlatformFeePercent;
        ExampleWinnerReceives = await fees.WinnerReceivesAsync(ExamplePrize);
    }
}

using Marketplace.Contracts.Earnings;
using Marketplace.Contracts.Escrow;
using Marketplace.Contracts.Users;
using Marketplace.Contracts.WrapUps;
using Marketplace.Web.Accounts;
using Marketplace.Web.Presentation;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Creative;

/// <summary>A prize the creative won that escrow still holds: the handover, what they will receive and where it stands.</summary>
public sealed record HeldPrize(string WrapUpId, string ProjectTitle, Contracts.Money Receives, HandoverLine Line);

/// <summary>The creative's earnings statement: every payout as escrow made it and the totals per calendar year, for their taxes.</summary>
public sealed class EarningsModel(IGrainFactory grains) : PageModel
{
    public EarningsStatement Statement { get; private set; } = null!;

    /// <summary>
    /// Won handovers not yet paid, so a winner whose statement is still empty reads where their prize is (as the
    /// handover's own payout card says it) rather than only "No payouts yet".
    /// </summary>
    public IReadOnlyList<HeldPrize> Held { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var actor = User.RequireActor();
        Statement = await grains.GetGrain<ICreativeEarningsGrain>(actor.UserId).GetAsync(actor);
        var won = await grains.GetGrain<IUserIndexGrain>(actor.UserId).GetWrapUpsWonAsync(actor);
        var fees = grains.GetGrain<IFeeScheduleGrain>(IFeeScheduleGrain.Key);
        // Few per creative; each needs its handover's step and escrow, which only the wrap-up knows.
        var held = await Task.WhenAll(won.Reverse().Select(async w =>
        {
            var wrapUp = grains.GetGrain<IWrapUpGrain>(w.WrapUpId);
            var view = await wrapUp.GetAsync(actor);
            if (view.Step == WrapUpStep.Ended) return null;
            var escrow = await wrapUp.GetEscrowStatementAsync(actor);
            if (escrow is not { Held.Minor: > 0, ReleasedToCreative.Minor: 0 }) return null;
            return new HeldPrize(w.WrapUpId, view.ProjectTitle, await fees.WinnerReceivesAsync(view.Prize), Labels.Handover(view, asBuyer: false, null));
        }));
        Held = [.. held.OfType<HeldPrize>()];
    }
}

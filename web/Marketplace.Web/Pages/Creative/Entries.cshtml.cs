using Marketplace.Contracts.Escrow;
using Marketplace.Contracts.Users;
using Marketplace.Contracts.WrapUps;
using Marketplace.Web.Accounts;
using Marketplace.Web.Presentation;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Creative;

/// <summary>A won handover as its card shows it: the project, and its step and whose turn it is.</summary>
public sealed record WonCard(WonWrapUp Won, string ProjectTitle, HandoverLine Line);

public sealed class EntriesModel(IGrainFactory grains) : PageModel
{
    public IReadOnlyList<EntrySummary> Entries { get; private set; } = [];
    public IReadOnlyList<WonCard> Won { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var actor = User.RequireActor();
        var index = grains.GetGrain<IUserIndexGrain>(actor.UserId);
        Entries = await index.GetEntriesAsync(actor);
        var won = await index.GetWrapUpsWonAsync(actor);
        // Few per creative, and each card needs its handover's current step, which only the wrap-up knows.
        Won = await Task.WhenAll(won.Reverse().Select(async w =>
        {
            var view = await grains.GetGrain<IWrapUpGrain>(w.WrapUpId).GetAsync(actor);
            var paid = view.Step == WrapUpStep.Ended
                ? (await grains.GetGrain<IEscrowGrain>(w.ProjectId).GetStatementAsync()).ReleasedToCreative
                : null;
            return new WonCard(w, view.ProjectTitle, Labels.Handover(view, asBuyer: false, paid));
        }));
    }
}

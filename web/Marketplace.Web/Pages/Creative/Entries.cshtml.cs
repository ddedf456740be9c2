using Marketplace.Contracts.Users;
using Marketplace.Web.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Creative;

public sealed class EntriesModel(IGrainFactory grains) : PageModel
{
    public IReadOnlyList<EntrySummary> Entries { get; private set; } = [];
    public IReadOnlyList<WonWrapUp> Won { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var actor = User.RequireActor();
        var index = grains.GetGrain<IUserIndexGrain>(actor.UserId);
        Entries = await index.GetEntriesAsync(actor);
        Won = await index.GetWrapUpsWonAsync(actor);
    }
}

using Marketplace.Contracts.Earnings;
using Marketplace.Contracts.Users;
using Marketplace.Web.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Staff.Users;

/// <summary>
/// A creative's earnings as staff read them to answer "I wasn't paid": the creative's own statement, read-only, with
/// each payment's reference. The earnings grain decides who may read it (the creative and staff); the folder keeps
/// everyone but staff out.
/// </summary>
public sealed class EarningsModel(IGrainFactory grains) : PageModel
{
    public UserProfile Person { get; private set; } = null!;
    public EarningsStatement Statement { get; private set; } = null!;

    public async Task OnGetAsync(string id)
    {
        var actor = User.RequireActor();
        Person = await StaffConsole.User(grains, id).GetProfileAsync(actor);
        Statement = await grains.GetGrain<ICreativeEarningsGrain>(id).GetAsync(actor);
    }
}

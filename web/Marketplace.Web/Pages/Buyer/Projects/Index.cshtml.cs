using Marketplace.Contracts.Users;
using Marketplace.Web.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Buyer.Projects;

public sealed class IndexModel(IGrainFactory grains) : PageModel
{
    public IReadOnlyList<ProjectSummary> Projects { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var actor = User.RequireActor();
        Projects = await grains.GetGrain<IUserIndexGrain>(actor.UserId).GetProjectsAsync(actor);
    }
}

using Marketplace.Contracts;
using Marketplace.Contracts.Projects;
using Marketplace.Web.Accounts;
using Marketplace.Web.Presentation;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Pages.Buyer.Projects;

public sealed class NewModel(IGrainFactory grains, TimeProvider time) : ProjectFormModel(grains)
{
    public async Task OnGetAsync()
    {
        EntryDeadline = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime.AddDays(7));
        await LoadFeeAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadFeeAsync();
        if (ToDraft() is not { } draft) return Refused();
        try
        {
            var project = await Grains.GetGrain<IProjectGrain>(Ids.NewProjectId()).CreateAsync(User.RequireActor(), draft);
            return Redirect($"/buyer/projects/{project.Id}/fund");
        }
        catch (MarketplaceException refused) when (refused.Kind == ErrorKind.Invalid)
        {
            return Refused(refused.Message);
        }
    }
}

using Marketplace.Contracts;
using Marketplace.Contracts.Projects;
using Marketplace.Web.Accounts;
using Marketplace.Web.Presentation;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Pages.Buyer.Projects;

public sealed class NewModel(IGrainFactory grains, TimeProvider time) : ProjectFormModel(grains)
{
    /// <summary>
    /// The project's id, minted when the form is first shown and kept through refusals, so a repeated post (a double
    /// tap on "Continue to payment", a resend) answers with the draft it already made instead of making another.
    /// </summary>
    [BindProperty] public string? FormId { get; set; }

    public async Task OnGetAsync()
    {
        FormId = Ids.NewProjectId();
        EntryDeadline = DayForBuyer(time.GetUtcNow()).AddDays(7);
        await LoadFeeAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadFeeAsync();
        // A form cached from before the field existed (or tampered with) gets a fresh id: it cannot name another project.
        if (!Ids.IsProjectId(FormId)) FormId = Ids.NewProjectId();
        if (ToDraft() is not { } draft) return Refused();
        try
        {
            var project = await Grains.GetGrain<IProjectGrain>(FormId).CreateAsync(User.RequireActor(), draft);
            return Redirect(project.State == ProjectState.Draft ? $"/buyer/projects/{project.Id}/fund" : $"/projects/{project.Id}");
        }
        catch (MarketplaceException refused) when (refused.Kind == ErrorKind.Invalid)
        {
            return Refused(this.InViewerZone(refused));
        }
        catch (MarketplaceException refused) when (refused.Kind == ErrorKind.Conflict)
        {
            return SentBefore();
        }
    }

    /// <summary>
    /// This form already made a draft whose details differ now (sent, then changed on the way back): nothing is
    /// overwritten. A fresh id lets the buyer post these details as a new project if that is what they meant.
    /// </summary>
    private IActionResult SentBefore()
    {
        EarlierDraftId = FormId;
        FormId = Ids.NewProjectId();
        return Refused("You already sent this form, and the draft it made has other details, so nothing was changed. " +
            "Edit that draft instead, or press “Continue to payment” again to post these details as a new project.");
    }

    /// <summary>The draft this form made before, linked beside the refusal.</summary>
    public string? EarlierDraftId { get; private set; }
}

using Marketplace.Contracts.Notifications;
using Marketplace.Contracts.Users;
using Marketplace.Web.Accounts;
using Marketplace.Web.Presentation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Staff.Users;

/// <summary>
/// One person as staff see them before suspending or removing: their projects as buyer, entries as creative and the
/// handovers they are part of, each linked. The user and user-index grains decide who may read this (staff, or the
/// person); the folder's policy keeps everyone but staff out.
/// </summary>
public sealed partial class DetailsModel(IGrainFactory grains, ILogger<DetailsModel> logger) : PageModel
{
    public UserProfile Person { get; private set; } = null!;
    public IReadOnlyList<ProjectSummary> Projects { get; private set; } = [];
    public IReadOnlyList<EntrySummary> Entries { get; private set; } = [];
    public IReadOnlyList<WonWrapUp> WrapUpsWon { get; private set; } = [];

    /// <summary>Handovers running now where this person is the buyer (the project's active wrap-up).</summary>
    public IEnumerable<ProjectSummary> BuyingHandovers => Projects.Where(p => p.ActiveWrapUpId is not null);

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (!Ids.IsWellFormed(id)) return NotFound();
        var actor = User.RequireActor();
        Person = await StaffConsole.User(grains, id).GetProfileAsync(actor);
        var index = grains.GetGrain<IUserIndexGrain>(id);
        Projects = await index.GetProjectsAsync(actor);
        Entries = await index.GetEntriesAsync(actor);
        WrapUpsWon = await index.GetWrapUpsWonAsync(actor);
        Contact = await ContactSettingsAsync(actor, id);
        return Page();
    }

    /// <summary>What the person chose for email and their time zone (read-only), for "I never get your emails"; null if their inbox cannot answer.</summary>
    public ContactSettings? Contact { get; private set; }

    private async Task<ContactSettings?> ContactSettingsAsync(Contracts.Actor actor, string id)
    {
        try
        {
            return await grains.GetGrain<INotificationInboxGrain>(id).GetContactSettingsAsync(actor);
        }
        catch (Exception e) when (e is not OperationCanceledException and not Contracts.MarketplaceException)
        {
            LogContactFailed(logger, e, id);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The email settings of {UserId} could not be read for staff")]
    private static partial void LogContactFailed(ILogger logger, Exception exception, string userId);

    /// <summary>The staff case page of a handover id (<c>{project}/{attempt}</c>).</summary>
    public static string CasePath(string wrapUpId) => "/staff/cases/" + wrapUpId;
}

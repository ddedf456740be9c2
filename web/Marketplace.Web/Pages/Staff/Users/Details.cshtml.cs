using Marketplace.Contracts.Notifications;
using Marketplace.Contracts.Users;
using Marketplace.Contracts.WrapUps;
using Marketplace.Web.Accounts;
using Marketplace.Web.Errors;
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

    /// <summary>
    /// The person's handovers, as buyer (running or completed) and as winner, each with its state as staff see it; the
    /// view is null when its wrap-up could not answer (the line then still links the case).
    /// </summary>
    public IReadOnlyList<HandoverRow> Handovers { get; private set; } = [];

    /// <summary>A refused suspension or removal, shown beside its form with the grain's words.</summary>
    public string? Error { get; private set; }

    /// <summary>Handovers not yet ended: what suspending or removing this person touches now.</summary>
    public IReadOnlyList<HandoverRow> Running => [.. Handovers.Where(h => h.View is not { Step: WrapUpStep.Ended })];

    public Task<IActionResult> OnGetAsync(string id) => LoadAsync(id);

    // Suspend and remove here too, below the person's running handovers, so staff see what a removal sends to the queue
    // before they do it (the list's forms stay for quick moderation of people with nothing running).
    public Task<IActionResult> OnPostSuspendAsync(string id, string? reason) =>
        ActAsync(id, async (u, a) => $"{(await u.SuspendAsync(a, reason ?? "")).DisplayName} is suspended: they can sign in but not act.");

    public Task<IActionResult> OnPostReinstateAsync(string id) =>
        ActAsync(id, async (u, a) => $"{(await u.ReinstateAsync(a)).DisplayName} may act again.");

    public Task<IActionResult> OnPostRemoveAsync(string id, string? reason, bool confirm) =>
        ActAsync(id, async (u, a) =>
        {
            if (!confirm) throw Contracts.MarketplaceException.Invalid("Tick the confirmation: removal is for good.");
            var removed = await u.RemoveAsync(a, reason ?? "");
            return $"{removed.DisplayName} was removed. Their entries left the galleries; any handover they won or were buying is now in the staff queue.";
        });

    private async Task<IActionResult> ActAsync(string id, Func<IUserGrain, Contracts.Actor, Task<string>> act)
    {
        if (!Ids.IsWellFormed(id)) return NotFound();
        try
        {
            TempData["Flash"] = await act(StaffConsole.User(grains, id), User.RequireActor());
            return Redirect("/staff/users/" + id);
        }
        catch (Contracts.MarketplaceException refused)
        {
            Error = this.InViewerZone(refused);
            var status = ErrorStatus.For(refused);
            await LoadAsync(id);
            Response.StatusCode = status;
            return Page();
        }
    }

    private async Task<IActionResult> LoadAsync(string id)
    {
        if (!Ids.IsWellFormed(id)) return NotFound();
        var actor = User.RequireActor();
        Person = await StaffConsole.User(grains, id).GetProfileAsync(actor);
        var index = grains.GetGrain<IUserIndexGrain>(id);
        Projects = await index.GetProjectsAsync(actor);
        Entries = await index.GetEntriesAsync(actor);
        WrapUpsWon = await index.GetWrapUpsWonAsync(actor);
        Handovers = await HandoversAsync(actor);
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

    /// <summary>One call per handover, all at once: a person has a handful, and each wrap-up keeps its own state.</summary>
    private async Task<IReadOnlyList<HandoverRow>> HandoversAsync(Contracts.Actor actor)
    {
        var rows = Projects.Where(p => (p.ActiveWrapUpId ?? p.CompletedWrapUpId) is not null)
            .Select(p => (Id: (p.ActiveWrapUpId ?? p.CompletedWrapUpId)!, Title: p.Title, AsBuyer: true, Since: p.UpdatedAt))
            .Concat(WrapUpsWon.Select(w => (Id: w.WrapUpId, Title: w.ProjectTitle ?? "Handover " + w.WrapUpId, AsBuyer: false, Since: w.AwardedAt)))
            .ToList();
        var views = await Task.WhenAll(rows.Select(r => ViewAsync(actor, r.Id)));
        return [.. rows.Select((r, i) => new HandoverRow(r.Id, r.Title, r.AsBuyer, views[i]))];
    }

    private async Task<WrapUpView?> ViewAsync(Contracts.Actor actor, string wrapUpId)
    {
        try
        {
            return await grains.GetGrain<IWrapUpGrain>(wrapUpId).GetAsync(actor);
        }
        catch (Exception e) when (e is not OperationCanceledException and not Contracts.MarketplaceException)
        {
            LogHandoverFailed(logger, e, wrapUpId);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handover {WrapUpId} could not be read for a staff person page")]
    private static partial void LogHandoverFailed(ILogger logger, Exception exception, string wrapUpId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The email settings of {UserId} could not be read for staff")]
    private static partial void LogContactFailed(ILogger logger, Exception exception, string userId);

    /// <summary>The staff case page of a handover id (<c>{project}/{attempt}</c>).</summary>
    public static string CasePath(string wrapUpId) => "/staff/cases/" + wrapUpId;
}

/// <summary>One handover on a person's staff page: <see cref="View"/> null when it could not be read.</summary>
public sealed record HandoverRow(string WrapUpId, string Title, bool AsBuyer, WrapUpView? View);

using Marketplace.Contracts;
using Marketplace.Contracts.Projects;
using Marketplace.Contracts.Users;
using Marketplace.Contracts.WrapUps;
using Marketplace.Web.Accounts;
using Marketplace.Web.Presentation;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Buyer.Projects;

/// <summary>
/// One of the buyer's projects; an awarded one carries its running handover and where it stands, a completed one the
/// handover that completed it (<paramref name="CompletedWrapUpId"/>), an open or selecting one how many entries are in
/// its gallery (<paramref name="Entries"/>), a selecting one by when to choose (<paramref name="ChooseBy"/>), one awaiting
/// files since when they were asked for (<paramref name="FilesAwaited"/>).
/// </summary>
public sealed record ProjectRow(ProjectSummary Project, string? WrapUpId, HandoverLine? Handover, string? CompletedWrapUpId = null, WrapUpOutcome? Outcome = null,
    int? Entries = null, string? FilesAwaited = null, string? ChooseBy = null);

public sealed class IndexModel(IGrainFactory grains, TimeProvider time, ViewerTime local) : PageModel
{
    public IReadOnlyList<ProjectRow> Projects { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var actor = User.RequireActor();
        var projects = await grains.GetGrain<IUserIndexGrain>(actor.UserId).GetProjectsAsync(actor);
        Projects = await Task.WhenAll(projects.Select(async p =>
        {
            if (p.State == ProjectState.Completed) return await CompletedRowAsync(p, actor);
            if (p.State is ProjectState.Open or ProjectState.Selecting) return await ContestRowAsync(p, actor);
            if (p.State != ProjectState.Awarded) return new ProjectRow(p, null, null);
            // Summaries stored before they named the handover ask the project which one runs.
            var wrapUpId = p.ActiveWrapUpId ?? (await grains.GetGrain<IProjectGrain>(p.ProjectId).GetAsync(actor)).ActiveWrapUpId;
            if (wrapUpId is null) return new ProjectRow(p, null, null);
            var view = await grains.GetGrain<IWrapUpGrain>(wrapUpId).GetAsync(actor);
            return new ProjectRow(p, wrapUpId, Labels.Handover(view, asBuyer: true, null), FilesAwaited: Labels.FilesAwaited(view, local));
        }));
    }

    /// <summary>A running contest: what arrived, so the buyer knows from the list whether there is anything to look at.</summary>
    private async Task<ProjectRow> ContestRowAsync(ProjectSummary p, Actor actor)
    {
        var project = await grains.GetGrain<IProjectGrain>(p.ProjectId).GetAsync(actor);
        var chooseBy = project is { State: ProjectState.Selecting, SelectionDeadline: { } deadline }
            ? $"Choose a winner by {local.Text(deadline)} ({Display.Relative(deadline, time.GetUtcNow())})"
            : null;
        return new ProjectRow(p, null, null, Entries: project.ActiveEntryCount, ChooseBy: chooseBy);
    }

    /// <summary>
    /// A completed project and the handover that ended it: completed the ordinary way (files and rights handed over) or
    /// settled by a split (money divided, nothing handed over), which the list must not show as the same thing.
    /// </summary>
    private async Task<ProjectRow> CompletedRowAsync(ProjectSummary p, Actor actor)
    {
        var wrapUpId = await CompletedWrapUpIdAsync(p, actor);
        var view = await grains.GetGrain<IWrapUpGrain>(wrapUpId).GetAsync(actor);
        var line = view.Outcome == WrapUpOutcome.Split ? Labels.Handover(view, asBuyer: true, null) : null;
        return new ProjectRow(p, null, line, wrapUpId, view.Outcome);
    }

    /// <summary>Summaries stored before they named it: the handover of the project's last attempt completed it.</summary>
    private async Task<string> CompletedWrapUpIdAsync(ProjectSummary p, Actor actor) =>
        p.CompletedWrapUpId ?? WrapUpIds.For(p.ProjectId, (await grains.GetGrain<IProjectGrain>(p.ProjectId).GetAsync(actor)).Attempt);
}

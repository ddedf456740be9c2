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
/// handover that completed it (<paramref name="CompletedWrapUpId"/>).
/// </summary>
public sealed record ProjectRow(ProjectSummary Project, string? WrapUpId, HandoverLine? Handover, string? CompletedWrapUpId = null);

public sealed class IndexModel(IGrainFactory grains) : PageModel
{
    public IReadOnlyList<ProjectRow> Projects { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var actor = User.RequireActor();
        var projects = await grains.GetGrain<IUserIndexGrain>(actor.UserId).GetProjectsAsync(actor);
        Projects = await Task.WhenAll(projects.Select(async p =>
        {
            if (p.State == ProjectState.Completed) return new ProjectRow(p, null, null, await CompletedWrapUpIdAsync(p, actor));
            if (p.State != ProjectState.Awarded) return new ProjectRow(p, null, null);
            // Summaries stored before they named the handover ask the project which one runs.
            var wrapUpId = p.ActiveWrapUpId ?? (await grains.GetGrain<IProjectGrain>(p.ProjectId).GetAsync(actor)).ActiveWrapUpId;
            if (wrapUpId is null) return new ProjectRow(p, null, null);
            var view = await grains.GetGrain<IWrapUpGrain>(wrapUpId).GetAsync(actor);
            return new ProjectRow(p, wrapUpId, Labels.Handover(view, asBuyer: true, null));
        }));
    }

    /// <summary>Summaries stored before they named it: the handover of the project's last attempt completed it.</summary>
    private async Task<string> CompletedWrapUpIdAsync(ProjectSummary p, Actor actor) =>
        p.CompletedWrapUpId ?? WrapUpIds.For(p.ProjectId, (await grains.GetGrain<IProjectGrain>(p.ProjectId).GetAsync(actor)).Attempt);
}

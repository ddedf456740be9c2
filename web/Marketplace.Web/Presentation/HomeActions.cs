using Marketplace.Contracts;
using Marketplace.Contracts.Mediation;
using Marketplace.Contracts.Projects;
using Marketplace.Contracts.Users;
using Marketplace.Contracts.WrapUps;

namespace Marketplace.Web.Presentation;

public sealed record HomeLink(string Text, string Href);

/// <summary>
/// The home page's one primary action for this visitor, what it is about (<paramref name="About"/>, e.g. the project
/// whose handover waits on them), and quieter links beside it.
/// </summary>
public sealed record HomeActions(HomeLink Primary, string? About, IReadOnlyList<HomeLink> Others);

/// <summary>
/// One primary action per visitor, so the buttons never compete on a phone: a newcomer is asked to post a brief (creatives
/// and browsing are quieter links); signed-in people get what is next for them — a handover step waiting on them, a
/// contest to decide, the staff queue — and otherwise their usual start.
/// </summary>
public sealed class HomeActionsFor(IGrainFactory grains)
{
    public async Task<HomeActions> ForAsync(Actor? actor, int openCount)
    {
        var browse = new HomeLink(openCount == 0 ? "Browse projects" : $"Browse {openCount} open {(openCount == 1 ? "project" : "projects")}", "/projects");
        if (actor is null)
            return new(new("Get a design", "/account/signup?role=buyer"), null, [new("Join as a creative", "/account/signup?role=creative"), browse]);
        if (actor.Roles.HasFlag(UserRoles.Staff))
            return await ForStaffAsync(actor, browse);
        if (actor.Roles.HasFlag(UserRoles.Buyer))
            return await ForBuyerAsync(actor, browse);
        return await ForCreativeAsync(actor, browse);
    }

    private async Task<HomeActions> ForStaffAsync(Actor actor, HomeLink browse)
    {
        var cases = (await grains.GetGrain<IMediationQueueGrain>(IMediationQueueGrain.Key).ListAsync(actor)).Count;
        var about = cases switch { 0 => "No cases are waiting.", 1 => "1 case is in the staff queue.", _ => $"{cases} cases are in the staff queue." };
        return new(new("Open the staff queue", "/staff"), about, [new("Accounts", "/staff/users"), browse]);
    }

    /// <summary>A handover step waiting on the buyer comes first, then a contest whose entry period ended and needs a winner.</summary>
    private async Task<HomeActions> ForBuyerAsync(Actor actor, HomeLink browse)
    {
        var projects = await grains.GetGrain<IUserIndexGrain>(actor.UserId).GetProjectsAsync(actor);
        HomeLink[] quieter = [new("My projects", "/buyer/projects"), new("Post a project", "/buyer/projects/new"), browse];
        foreach (var project in projects.Where(p => p.State == ProjectState.Awarded && p.ActiveWrapUpId is not null))
        {
            var view = await grains.GetGrain<IWrapUpGrain>(project.ActiveWrapUpId!).GetAsync(actor);
            if (NextStep(view, actor, asBuyer: true) is { } turn)
                return new(new(turn, "/wrapups/" + project.ActiveWrapUpId), $"Your turn on “{project.Title}”.", quieter);
        }

        if (projects.FirstOrDefault(p => p.State == ProjectState.Selecting) is { } selecting)
            return new(new("Choose a winner", "/projects/" + selecting.ProjectId), $"Entries for “{selecting.Title}” have closed.", quieter);
        return new(new("Post a project", "/buyer/projects/new"), null, projects.Count > 0 ? [quieter[0], browse] : [browse]);
    }

    /// <summary>A dispute to answer or staff's proposal to accept comes before an ordinary step of the handover.</summary>
    private static string? NextStep(WrapUpView w, Actor actor, bool asBuyer) =>
        w.Step == WrapUpStep.Ended ? null
        : w.Dispute is { Stage: DisputeStage.AwaitingAnswer } d && !actor.Is(d.FiledBy) ? "Answer the dispute"
        : w.Proposal is { } p && !p.AcceptedBy.Contains(actor.UserId) ? "Answer staff's proposal"
        : Labels.YourTurn(w, asBuyer);

    /// <summary>A handover the creative won and must act on comes first; otherwise the contests to enter.</summary>
    private async Task<HomeActions> ForCreativeAsync(Actor actor, HomeLink browse)
    {
        var index = grains.GetGrain<IUserIndexGrain>(actor.UserId);
        HomeLink myEntries = new("My entries", "/creative/entries");
        foreach (var won in (await index.GetWrapUpsWonAsync(actor)).Reverse())
        {
            var view = await grains.GetGrain<IWrapUpGrain>(won.WrapUpId).GetAsync(actor);
            if (NextStep(view, actor, asBuyer: false) is { } turn)
                return new(new(turn, "/wrapups/" + won.WrapUpId), $"Your turn on “{view.ProjectTitle}”.", [myEntries, browse]);
        }

        return new(browse, null, [myEntries]);
    }
}

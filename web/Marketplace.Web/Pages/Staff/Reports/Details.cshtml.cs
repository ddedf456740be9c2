using Marketplace.Contracts;
using Marketplace.Contracts.Projects;
using Marketplace.Contracts.Reports;
using Marketplace.Contracts.WrapUps;
using Marketplace.Web.Accounts;
using Marketplace.Web.Errors;
using Marketplace.Web.Presentation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Staff.Reports;

/// <summary>
/// One reported entry beside the entries it is said to copy, who reported it and why, and staff's two answers: dismiss
/// (a note for the record) or remove the entry (the entry grain's removal, which also ends the reports). Suspending or
/// removing the creative's account is on their user page.
/// </summary>
public sealed class DetailsModel(IGrainFactory grains, ViewerTime local) : PageModel
{
    public EntryReportsView View { get; private set; } = null!;
    public string? Refusal { get; private set; }
    /// <summary>The form whose post was refused ("dismiss", "remove").</summary>
    public string? RefusedForm { get; private set; }
    public string? DismissNote { get; private set; }
    public string? RemoveReason { get; private set; }

    public string NameOf(string userId) => View.Names.GetValueOrDefault(userId, "A member");

    /// <summary>While entries may still win, a dismissed entry stays in the contest; after that, only in the gallery.</summary>
    public bool ContestRuns => View.ProjectState is ProjectState.Open or ProjectState.Selecting;

    /// <summary>The buyer hears an entry left while the project runs (a winner's through its handover), not once it ended.</summary>
    public bool BuyerHearsOfRemoval => !View.ProjectState.IsTerminal();

    /// <summary>What removing a winning entry does to its handover, in the words staff decide by.</summary>
    public string WinnerConsequence(WinningHandover winner)
    {
        var creative = NameOf(View.Reported.CreativeId);
        var ended = winner.EndedAt is { } at ? " on " + local.DayText(at) : "";
        return winner switch
        {
            { Running: true } => "Its handover is running: removing the entry stops it and sends the case to the staff queue as “winner removed”, where staff decide how it ends (the prize stays in escrow until then).",
            { Outcome: WrapUpOutcome.Split } => $"Its handover was settled by a split{ended}: each side was paid its part and no files or rights were handed over. Removing the entry takes it out of the gallery and off {creative}'s winning designs; the handover stays as it ended.",
            _ => $"Its handover completed{ended}: the buyer already has the final files and the rights, and {creative} was paid. Removing the entry takes it out of the gallery and off {creative}'s winning designs, and tells {creative} your reason; it cannot take back the files or the prize, and the buyer is not told. If the buyer should stop using the design, write to them; a pattern of stolen work is for {creative}'s account page.",
        };
    }
    public string? RefusalFor(string form) => RefusedForm == form ? Refusal : null;

    public async Task<IActionResult> OnGetAsync(string entryId)
    {
        View = await StaffConsole.Reports(grains, entryId).GetAsync(User.RequireActor());
        return Page();
    }

    public Task<IActionResult> OnPostDismissAsync(string entryId, string? note)
    {
        DismissNote = note;
        return ActAsync(entryId, "dismiss", async (reports, actor) => await reports.DismissAsync(actor, note ?? ""),
            view => $"Reports dismissed: entry #{view.Reported.Number} stays in the {(view.ProjectState is ProjectState.Open or ProjectState.Selecting ? "contest" : "gallery")}. {Told(view)}");
    }

    public Task<IActionResult> OnPostRemoveAsync(string entryId, string? reason, bool confirm)
    {
        RemoveReason = reason;
        return ActAsync(entryId, "remove", async (reports, actor) =>
        {
            if (!confirm) throw MarketplaceException.Invalid("Tick the confirmation: removing an entry is for good. Nothing was changed.");
            await StaffConsole.Entry(grains, entryId).RemoveAsync(actor, reason ?? "");
            return await reports.GetAsync(actor);
        }, view => $"Entry #{view.Reported.Number} was removed from the gallery; {view.Names.GetValueOrDefault(view.Reported.CreativeId, "its creative")} was told your reason. {Told(view)}");
    }

    /// <summary>Who heard of it: the reporters of the reports just resolved, never the creative of a dismissal.</summary>
    private static string Told(EntryReportsView view) =>
        view.Resolved.LastOrDefault() is { } last
            ? $"{(last.Reports.Select(r => r.ReporterId).Distinct().Count() is var n && n == 1 ? "The reporter was" : $"The {n} reporters were")} told the outcome."
            : "";

    private async Task<IActionResult> ActAsync(string entryId, string form, Func<IEntryReportsGrain, Actor, Task<EntryReportsView>> act, Func<EntryReportsView, string> done)
    {
        var reports = StaffConsole.Reports(grains, entryId);
        var actor = User.RequireActor();
        try
        {
            var view = await act(reports, actor);
            TempData["Flash"] = done(view);
            return Redirect("/staff/reports");
        }
        catch (MarketplaceException refused) when (refused.Kind != ErrorKind.NotFound)
        {
            View = await reports.GetAsync(actor);
            Refusal = this.InViewerZone(refused);
            RefusedForm = form;
            Response.StatusCode = ErrorStatus.For(refused);
            return Page();
        }
    }
}

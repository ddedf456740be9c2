using Marketplace.Contracts;
using Marketplace.Contracts.Entries;
using Marketplace.Contracts.Previews;
using Marketplace.Contracts.Projects;
using Marketplace.Contracts.Reports;
using Marketplace.Contracts.Users;
using Marketplace.Web.Accounts;
using Marketplace.Web.Errors;
using Marketplace.Web.Presentation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Entries;

/// <summary>
/// Where an entry stands in the gallery its viewer sees (gallery order; withdrawn and removed entries are not in it):
/// its <paramref name="Position"/> of <paramref name="Count"/>, and its neighbours, null at either end.
/// </summary>
public sealed record GalleryPlace(int Position, int Count, string? PreviousEntryId, string? NextEntryId)
{
    public static GalleryPlace? Of(IReadOnlyList<GalleryItem> gallery, string entryId)
    {
        var index = gallery.ToList().FindIndex(i => i.EntryId == entryId);
        return index < 0
            ? null
            : new GalleryPlace(index + 1, gallery.Count, index > 0 ? gallery[index - 1].EntryId : null, index < gallery.Count - 1 ? gallery[index + 1].EntryId : null);
    }
}

/// <summary>
/// One entry: the large preview for anyone; rating, comments, decline and award for the buyer; revise and withdraw for
/// its creative; removal (with a reason) for staff. The entry grain decides who may do each. A refused form comes back
/// as this page with the grain's reason beside that form and the words typed into it. An entry that left the gallery
/// (withdrawn, removed) is gone for everyone but its creative, who still reads what happened to it and why, and staff,
/// who mediate and so see every entry with who took it out, when and why.
/// </summary>
/// <summary>The report form's fields as typed, so a refused report comes back with them.</summary>
public sealed record ReportForm(string? Reason, int? CopiesEntryNumber, string? Note);

public sealed class DetailsModel(IGrainFactory grains) : PageModel
{
    public EntryPublicView Entry { get; private set; } = null!;
    public EntryDetails? Details { get; private set; }
    public ProjectView Project { get; private set; } = null!;
    public string CreativeName { get; private set; } = "";
    public int Number { get; private set; }
    /// <summary>Previous/next through the gallery the viewer may see, so a buyer rating on a phone need not go back to it; null when the entry is not in it.</summary>
    public GalleryPlace? Place { get; private set; }
    /// <summary>Why the last post was refused (the grain's words), shown beside the form that was sent (<see cref="RefusedForm"/>).</summary>
    public string? Refusal { get; private set; }
    /// <summary>The form whose post was refused ("rate", "comment", "decline", "withdraw"); null for staff's removal, shown above the forms.</summary>
    public string? RefusedForm { get; private set; }
    /// <summary>The comment typed, kept when it was refused.</summary>
    public string? CommentText { get; private set; }
    /// <summary>The decline reason typed, kept when the decline was refused.</summary>
    public string? DeclineReason { get; private set; }
    /// <summary>The refusal to show beside <paramref name="form"/>, if that form's post was refused.</summary>
    public string? RefusalFor(string form) => RefusedForm == form ? Refusal : null;
    /// <summary>The reason staff typed, kept when a removal is refused so they need not type it again.</summary>
    public string? RemoveReason { get; private set; }
    public Actor Viewer { get; private set; } = ActorClaims.Visitor;
    /// <summary>For staff: the name of whoever made the last status change (the staff member who removed it); null when unknown.</summary>
    public string? ChangedByName { get; private set; }

    public PreviewManifest? Previews => Entry.Previews;
    public bool IsBuyer => Viewer.Is(Project.BuyerId);
    public bool IsCreative => Viewer.Is(Entry.CreativeId);
    public bool InPlay => Project.State is ProjectState.Open or ProjectState.Selecting;
    public bool CanRate => IsBuyer && InPlay && Entry.Status is EntryStatus.Active or EntryStatus.Declined;
    public bool CanDecline => IsBuyer && InPlay && Entry.Status == EntryStatus.Active;
    public bool CanAward => IsBuyer && Entry.Status == EntryStatus.Active
        && (Project.State == ProjectState.Selecting || (Project.State == ProjectState.Open && Project.AllowEarlyAward));
    /// <summary>Only an active entry takes a revision: a declined one can never win again (the project grain refuses it).</summary>
    public bool CanRevise => IsCreative && InPlay && Entry.Status == EntryStatus.Active;
    public bool CanWithdraw => IsCreative && InPlay && Entry.Status is EntryStatus.Active or EntryStatus.Declined;
    public bool CanComment => Details is { CommentsOpen: true };
    public bool CanRemove => Viewer.IsStaff && Entry.Status.IsInGallery();
    /// <summary>The viewer's standing report of this entry, if they made one (the page says when, instead of the form).</summary>
    public EntryReport? MyReport { get; private set; }
    /// <summary>
    /// Anyone but its creative may report an entry while the gallery shows it, the contest running or ended (stolen work
    /// is often recognised once the winner is shown); signed-out visitors are offered sign-in first.
    /// </summary>
    public bool Reportable => !IsCreative && Entry.Status.IsInGallery() && Project.State != ProjectState.Draft;
    /// <summary>What was typed into the report form, kept when it was refused.</summary>
    public ReportForm? Report { get; private set; }

    /// <summary>For staff, who took the entry out of the gallery: a named person, or the removal of the creative's account.</summary>
    public string StaffOutcomeHeading => Entry.Status switch
    {
        EntryStatus.Withdrawn => $"Withdrawn by {CreativeName} (the creative)",
        _ => Details?.StatusChange switch
        {
            null => "Removed by Marketplace staff",
            { ByUserId: null } => $"Removed with {CreativeName}'s account",
            _ => $"Removed by {ChangedByName ?? "Marketplace staff"} (staff)",
        },
    };

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (!Ids.IsWellFormed(id)) return NotFound();
        await LoadAsync(id);
        return Page();
    }

    public Task<IActionResult> OnPostRateAsync(string id, int stars) =>
        ActAsync(id, "rate", (entry, actor) => entry.RateAsync(actor, stars), _ => $"Rated {stars} of 5.");

    public Task<IActionResult> OnPostCommentAsync(string id, string? text)
    {
        CommentText = text;
        return ActAsync(id, "comment", (entry, actor) => entry.CommentAsync(actor, text ?? ""), _ => "Comment posted.");
    }

    public Task<IActionResult> OnPostDeclineAsync(string id, string? reason)
    {
        DeclineReason = reason;
        return ActAsync(id, "decline", (entry, actor) => entry.DeclineAsync(actor, reason), DeclinedMessage);
    }

    public Task<IActionResult> OnPostWithdrawAsync(string id) =>
        ActAsync(id, "withdraw", (entry, actor) => entry.WithdrawAsync(actor), _ => "Your entry was withdrawn.",
            entry => $"/projects/{entry.ProjectId}");

    public async Task<IActionResult> OnPostReportAsync(string id, string? reason, int? copiesEntryNumber, string? reportNote)
    {
        if (!Ids.IsWellFormed(id)) return NotFound();
        Report = new ReportForm(reason, copiesEntryNumber, reportNote);
        try
        {
            var entry = await grains.GetGrain<IEntryGrain>(id).GetPublicAsync();
            await grains.GetGrain<IEntryReportsGrain>(id).ReportAsync(User.RequireActor(), entry.ProjectId,
                new ReportRequest(ReportReasons.Parse(reason), copiesEntryNumber, reportNote));
        }
        catch (MarketplaceException refused) when (refused.Kind != ErrorKind.NotFound)
        {
            await LoadAsync(id);
            Refusal = this.InViewerZone(refused);
            RefusedForm = "report";
            Response.StatusCode = ErrorStatus.For(refused);
            return Page();
        }

        TempData["Flash"] = "Thank you. Staff will look at this entry; you will hear what they decide. Nobody else is told who reported it.";
        return Redirect($"/entries/{id}");
    }

    /// <summary>The decline rule as the grains keep it: for good, no award, no revision; the creative reads the reason.</summary>
    private static string DeclinedMessage(EntryDetails entry) =>
        "Entry declined. It can no longer win or be revised; the creative was told" +
        (entry.StatusReason is null ? "." : " your reason.");

    public async Task<IActionResult> OnPostRemoveAsync(string id, string? reason, bool confirm)
    {
        if (!Ids.IsWellFormed(id)) return NotFound();
        await LoadAsync(id);
        try
        {
            // The confirmation is a question the form asks staff; anyone else goes straight to the grain's refusal.
            if (!confirm && Viewer.IsStaff) throw MarketplaceException.Invalid("Tick the confirmation: removing an entry is for good. Nothing was changed.");
            await grains.GetGrain<IEntryGrain>(id).RemoveAsync(User.RequireActor(), reason ?? "");
        }
        catch (MarketplaceException refused)
        {
            Refusal = this.InViewerZone(refused);
            RemoveReason = reason;
            Response.StatusCode = ErrorStatus.For(refused);
            return Page();
        }

        TempData["Flash"] = RemovedMessage();
        return Redirect($"/projects/{Entry.ProjectId}");
    }

    /// <summary>What staff did and who heard of it, as the entry and project grains tell it (read before the removal).</summary>
    private string RemovedMessage()
    {
        var what = $"Entry #{Number} by {CreativeName} was removed from the gallery. {CreativeName} was told why.";
        if (Entry.Status == EntryStatus.Won && Project.State == ProjectState.Awarded)
            return what + " Its handover is now in the staff queue; the buyer was told the winning entry (not the account) was removed, without the reason.";
        return Project.State.IsTerminal()
            ? what
            : what + $" The buyer was told entry #{Number} left, without the reason.";
    }

    /// <summary>
    /// Does one of the entry's forms: done, back to the page (or <paramref name="then"/>) with what happened; refused, the
    /// same page again with the grain's reason beside <paramref name="form"/> and what was typed still in it.
    /// </summary>
    private async Task<IActionResult> ActAsync(string id, string form, Func<IEntryGrain, Actor, Task<EntryDetails>> act,
        Func<EntryDetails, string> done, Func<EntryDetails, string>? then = null)
    {
        if (!Ids.IsWellFormed(id)) return NotFound();
        EntryDetails entry;
        try
        {
            entry = await act(grains.GetGrain<IEntryGrain>(id), User.RequireActor());
        }
        catch (MarketplaceException refused)
        {
            await LoadAsync(id);
            Refusal = this.InViewerZone(refused);
            RefusedForm = form;
            Response.StatusCode = ErrorStatus.For(refused);
            return Page();
        }

        TempData["Flash"] = done(entry);
        return Redirect(then?.Invoke(entry) ?? $"/entries/{id}");
    }

    private async Task LoadAsync(string id)
    {
        Viewer = User.ToViewer();
        var entry = grains.GetGrain<IEntryGrain>(id);
        Entry = await VisibleEntryAsync(entry);
        Project = await grains.GetGrain<IProjectGrain>(Entry.ProjectId).GetAsync(Viewer);
        var gallery = await grains.GetGrain<IProjectGrain>(Entry.ProjectId).GetGalleryAsync(Viewer);
        var item = gallery.Items.FirstOrDefault(i => i.EntryId == id);
        CreativeName = item?.CreativeName ?? (IsCreative || Viewer.IsStaff ? await NameOfAsync(Entry.CreativeId) : "A creative");
        Number = item?.Number ?? 0;
        Place = GalleryPlace.Of(gallery.Items, id);
        if (Viewer.Is(Project.BuyerId) || Viewer.Is(Entry.CreativeId) || Viewer.IsStaff)
            Details ??= await entry.GetAsync(Viewer);
        if (Viewer.IsStaff && Details?.StatusChange?.ByUserId is { } changedBy)
            ChangedByName = await NameOfAsync(changedBy);
        if (Viewer != ActorClaims.Visitor && Reportable)
            MyReport = await grains.GetGrain<IEntryReportsGrain>(id).GetMineAsync(Viewer);
    }

    private async Task<string> NameOfAsync(string userId) => (await grains.GetGrain<IUserGrain>(userId).GetCardAsync()).DisplayName;

    /// <summary>
    /// The public view; for an entry that left the gallery, only its own creative and staff get one, built from the
    /// private details (which the grain gives them with the reason). Everyone else keeps the grain's "no longer shown".
    /// </summary>
    private async Task<EntryPublicView> VisibleEntryAsync(IEntryGrain entry)
    {
        try
        {
            return await entry.GetPublicAsync();
        }
        catch (MarketplaceException gone) when (gone.Kind == ErrorKind.NotFound && Viewer != ActorClaims.Visitor)
        {
            var details = await CreativeOrStaffDetailsOrNullAsync(entry);
            if (details is null) throw;
            Details = details;
            var latest = details.Revisions[^1];
            return new EntryPublicView(details.Id, details.ProjectId, details.CreativeId, details.Status, details.Revisions.Count, latest.Previews, details.SubmittedAt)
            {
                Standing = details.Standing,
            };
        }
    }

    private async Task<EntryDetails?> CreativeOrStaffDetailsOrNullAsync(IEntryGrain entry)
    {
        try
        {
            var details = await entry.GetAsync(Viewer);
            return Viewer.Is(details.CreativeId) || Viewer.IsStaff ? details : null;
        }
        catch (MarketplaceException)
        {
            return null;
        }
    }

    /// <summary>How a creative contests a removal: an email to support that names the entry (the route the removal notice gives).</summary>
    public string ContestLink =>
        $"mailto:{SupportContact.Email}?subject={Uri.EscapeDataString($"Removed entry {Entry.Id} to “{Project.Brief.Title}”")}";

    public string AuthorOf(EntryComment comment) =>
        comment.AuthorId == Project.BuyerId ? (IsBuyer ? "You (buyer)" : "Buyer")
        : comment.AuthorId == Entry.CreativeId ? (IsCreative ? "You" : CreativeName)
        : "Marketplace staff";
}

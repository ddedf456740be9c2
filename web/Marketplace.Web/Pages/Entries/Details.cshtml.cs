using Marketplace.Contracts;
using Marketplace.Contracts.Entries;
using Marketplace.Contracts.Previews;
using Marketplace.Contracts.Projects;
using Marketplace.Web.Accounts;
using Marketplace.Web.Errors;
using Marketplace.Web.Presentation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Entries;

/// <summary>
/// One entry: the large preview for anyone; rating, comments, decline and award for the buyer; revise and withdraw for
/// its creative; removal (with a reason) for staff. The entry grain decides who may do each.
/// </summary>
public sealed class DetailsModel(IGrainFactory grains) : PageModel
{
    public EntryPublicView Entry { get; private set; } = null!;
    public EntryDetails? Details { get; private set; }
    public ProjectView Project { get; private set; } = null!;
    public string CreativeName { get; private set; } = "";
    public int Number { get; private set; }
    /// <summary>Why the last post was refused (the grain's words), shown above the forms.</summary>
    public string? Refusal { get; private set; }
    /// <summary>The reason staff typed, kept when a removal is refused so they need not type it again.</summary>
    public string? RemoveReason { get; private set; }
    public Actor Viewer { get; private set; } = ActorClaims.Visitor;

    public PreviewManifest? Previews => Entry.Previews;
    public bool IsBuyer => Viewer.Is(Project.BuyerId);
    public bool IsCreative => Viewer.Is(Entry.CreativeId);
    public bool InPlay => Project.State is ProjectState.Open or ProjectState.Selecting;
    public bool CanRate => IsBuyer && InPlay && Entry.Status is EntryStatus.Active or EntryStatus.Declined;
    public bool CanDecline => IsBuyer && InPlay && Entry.Status == EntryStatus.Active;
    public bool CanAward => IsBuyer && Entry.Status == EntryStatus.Active
        && (Project.State == ProjectState.Selecting || (Project.State == ProjectState.Open && Project.AllowEarlyAward));
    public bool CanRevise => IsCreative && InPlay && Entry.Status is EntryStatus.Active or EntryStatus.Declined;
    public bool CanWithdraw => IsCreative && InPlay && Entry.Status is EntryStatus.Active or EntryStatus.Declined;
    public bool CanComment => Details is { CommentsOpen: true };
    public bool CanRemove => Viewer.IsStaff;

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (!Ids.IsWellFormed(id)) return NotFound();
        await LoadAsync(id);
        return Page();
    }

    public Task<IActionResult> OnPostRateAsync(string id, int stars) =>
        ActAsync(id, (entry, actor) => entry.RateAsync(actor, stars), $"Rated {stars} of 5.");

    public Task<IActionResult> OnPostCommentAsync(string id, string? text) =>
        ActAsync(id, (entry, actor) => entry.CommentAsync(actor, text ?? ""), "Comment posted.");

    public Task<IActionResult> OnPostDeclineAsync(string id, string? reason) =>
        ActAsync(id, (entry, actor) => entry.DeclineAsync(actor, reason), "Entry declined. The creative can still revise it.");

    public async Task<IActionResult> OnPostWithdrawAsync(string id)
    {
        if (!Ids.IsWellFormed(id)) return NotFound();
        var entry = await grains.GetGrain<IEntryGrain>(id).WithdrawAsync(User.RequireActor());
        TempData["Flash"] = "Your entry was withdrawn.";
        return Redirect($"/projects/{entry.ProjectId}");
    }

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
            Refusal = refused.Message;
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

    private async Task<IActionResult> ActAsync(string id, Func<IEntryGrain, Actor, Task<EntryDetails>> act, string done)
    {
        if (!Ids.IsWellFormed(id)) return NotFound();
        await act(grains.GetGrain<IEntryGrain>(id), User.RequireActor());
        TempData["Flash"] = done;
        return Redirect($"/entries/{id}");
    }

    private async Task LoadAsync(string id)
    {
        Viewer = User.ToViewer();
        var entry = grains.GetGrain<IEntryGrain>(id);
        Entry = await entry.GetPublicAsync();
        Project = await grains.GetGrain<IProjectGrain>(Entry.ProjectId).GetAsync(Viewer);
        var gallery = await grains.GetGrain<IProjectGrain>(Entry.ProjectId).GetGalleryAsync(Viewer);
        var item = gallery.Items.FirstOrDefault(i => i.EntryId == id);
        CreativeName = item?.CreativeName ?? "A creative";
        Number = item?.Number ?? 0;
        if (Viewer.Is(Project.BuyerId) || Viewer.Is(Entry.CreativeId) || Viewer.IsStaff)
            Details = await entry.GetAsync(Viewer);
    }

    public string AuthorOf(EntryComment comment) =>
        comment.AuthorId == Project.BuyerId ? (IsBuyer ? "You (buyer)" : "Buyer")
        : comment.AuthorId == Entry.CreativeId ? (IsCreative ? "You" : CreativeName)
        : "Marketplace staff";
}

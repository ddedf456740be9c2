using Marketplace.Contracts;
using Marketplace.Contracts.Projects;
using Marketplace.Web.Accounts;
using Marketplace.Web.Errors;
using Marketplace.Web.Presentation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Projects;

public sealed class DetailsModel(IGrainFactory grains) : PageModel
{
    public ProjectView Project { get; private set; } = null!;
    public GalleryView Gallery { get; private set; } = null!;
    public Actor Viewer { get; private set; } = ActorClaims.Visitor;

    public bool IsBuyer => Viewer.Is(Project.BuyerId);
    public bool IsWinner => Project.WinnerCreativeId is { } winner && Viewer.Is(winner);
    public bool CanSubmit => Project.State == ProjectState.Open && !IsBuyer && Viewer.Roles.HasFlag(UserRoles.Creative);
    public bool CanAward => IsBuyer && (Project.State == ProjectState.Selecting || (Project.State == ProjectState.Open && Project.AllowEarlyAward));
    public int MyEntryCount => Gallery.Items.Count(IsMine);
    public bool IsMine(GalleryItem item) => Viewer.Is(item.CreativeId);
    public string? WrapUpUrl => Project.ActiveWrapUpId is { } id && (IsBuyer || IsWinner || Viewer.IsStaff) ? "/wrapups/" + id : null;

    /// <summary>The buyer may call off a draft, or an open project nobody has entered yet (the grain's rule; staff cancel from their console).</summary>
    public bool CanCancel => IsBuyer && (Project.State == ProjectState.Draft || (Project.State == ProjectState.Open && Gallery.Items.Count == 0));

    /// <summary>The buyer (or staff for them) may give an open contest more time, up to <see cref="ProjectView.LatestEntryDeadline"/>.</summary>
    public bool CanExtend => (IsBuyer || Viewer.IsStaff) && Project.State == ProjectState.Open && Project.LatestEntryDeadline is not null;

    /// <summary>The days the date picker offers: after the current deadline, up to the last whole day the limit allows.</summary>
    public DateOnly ExtendFrom => DateOnly.FromDateTime(Project.EntryDeadline.UtcDateTime).AddDays(1);
    public DateOnly ExtendUntil => DateOnly.FromDateTime(Project.LatestEntryDeadline!.Value.UtcDateTime);

    public string? ExtendRefusal { get; private set; }
    public DateOnly? ExtendTo { get; private set; }

    /// <summary>Why the cancellation was refused (the grain's words), shown in its form with the reason typed kept.</summary>
    public string? CancelRefusal { get; private set; }
    public string? CancelReason { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (!Ids.IsWellFormed(id)) return NotFound();
        await LoadAsync(id);
        return Page();
    }

    public async Task<IActionResult> OnPostCancelAsync(string id, string? reason)
    {
        if (!Ids.IsWellFormed(id)) return NotFound();
        var actor = User.RequireActor();
        var project = grains.GetGrain<IProjectGrain>(id);
        var before = await project.GetAsync(actor);
        // Nobody has seen a draft, so there is nothing to explain: the grain's required reason is written for the buyer.
        var isDraft = before.State == ProjectState.Draft;
        try
        {
            await project.CancelAsync(actor, isDraft ? "The buyer cancelled the draft before funding it." : reason ?? "");
        }
        catch (MarketplaceException refused)
        {
            await LoadAsync(id);
            CancelRefusal = refused.Message;
            CancelReason = reason;
            Response.StatusCode = ErrorStatus.For(refused);
            return Page();
        }

        TempData["Flash"] = isDraft
            ? $"“{before.Brief.Title}” is cancelled. It was a draft, so nothing was charged."
            : $"“{before.Brief.Title}” is cancelled and your {Display.Money(before.Prize)} prize is refunded in full.";
        return Redirect("/buyer/projects");
    }

    /// <summary>
    /// Entries close at the picked day's end (23:59 UTC, as on the new-project form), or at the latest moment allowed
    /// when that day is the last one; the grain checks the rules.
    /// </summary>
    public async Task<IActionResult> OnPostExtendAsync(string id, DateOnly? entryDeadline)
    {
        if (!Ids.IsWellFormed(id)) return NotFound();
        var actor = User.RequireActor();
        var project = grains.GetGrain<IProjectGrain>(id);
        try
        {
            if (entryDeadline is not { } day) throw MarketplaceException.Invalid("Choose the day entries should close.");
            var before = await project.GetAsync(actor);
            var deadline = before.LatestEntryDeadline is { } latest ? EndOfDayOrLimit(day, latest) : EndOfDay(day);
            var extended = await project.ExtendEntryDeadlineAsync(actor, deadline);
            TempData["Flash"] = $"Entries now close on {Display.DateTime(extended.EntryDeadline)}. Creatives with an entry in the running were told.";
            return Redirect("/projects/" + id);
        }
        catch (MarketplaceException refused)
        {
            await LoadAsync(id);
            ExtendRefusal = refused.Message;
            ExtendTo = entryDeadline;
            Response.StatusCode = ErrorStatus.For(refused);
            return Page();
        }
    }

    private static DateTimeOffset EndOfDay(DateOnly day) => new(day.ToDateTime(new TimeOnly(23, 59)), TimeSpan.Zero);

    private static DateTimeOffset EndOfDayOrLimit(DateOnly day, DateTimeOffset latest) =>
        DateOnly.FromDateTime(latest.UtcDateTime) == day && latest < EndOfDay(day) ? latest : EndOfDay(day);

    private async Task LoadAsync(string id)
    {
        Viewer = User.ToViewer();
        var project = grains.GetGrain<IProjectGrain>(id);
        Project = await project.GetAsync(Viewer);
        Gallery = await project.GetGalleryAsync(Viewer);
    }
}

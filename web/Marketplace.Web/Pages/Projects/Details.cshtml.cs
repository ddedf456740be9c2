using Marketplace.Contracts;
using Marketplace.Contracts.Entries;
using Marketplace.Contracts.Projects;
using Marketplace.Contracts.Questions;
using Marketplace.Web.Accounts;
using Marketplace.Web.Errors;
using Marketplace.Web.Presentation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Projects;

public sealed class DetailsModel(IGrainFactory grains, ViewerTime local) : PageModel
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

    /// <summary>
    /// The buyer (or staff for them) may close entries now when the brief allowed early award and an entry can win (the
    /// grain's rule; the link leads to a confirmation page).
    /// </summary>
    public bool CanCloseEntries => (IsBuyer || Viewer.IsStaff) && Project.State == ProjectState.Open && Project.AllowEarlyAward && Gallery.Items.Any(i => i.Status == EntryStatus.Active);

    /// <summary>The days the date picker offers: after the current deadline, up to the last whole day the limit allows.</summary>
    public DateOnly ExtendFrom => DateOnly.FromDateTime(Project.EntryDeadline.UtcDateTime).AddDays(1);
    public DateOnly ExtendUntil => DateOnly.FromDateTime(Project.LatestEntryDeadline!.Value.UtcDateTime);

    public string? ExtendRefusal { get; private set; }
    public DateOnly? ExtendTo { get; private set; }

    /// <summary>Why the cancellation was refused (the grain's words), shown in its form with the reason typed kept.</summary>
    public string? CancelRefusal { get; private set; }
    public string? CancelReason { get; private set; }

    public QuestionsView Questions { get; private set; } = null!;

    /// <summary>A signed-in creative other than the buyer, while entries are open (the grain checks the account and the cap).</summary>
    public bool CanAsk => Questions.TakingQuestions && !IsBuyer && Viewer.Roles.HasFlag(UserRoles.Creative);
    public bool CanAnswer => IsBuyer && Questions.Answering;
    public bool CanClarify => IsBuyer && Questions.TakingQuestions;
    public bool CanHide => Viewer.IsStaff && !IsBuyer;

    /// <summary>What everyone reads under the brief: answered questions and clarifications, oldest first, newest last.</summary>
    public IReadOnlyList<BriefAddition> Clarified => BriefAdditions.Of(Questions);

    /// <summary>Clarifications staff hid (staff only: the grain shows them to nobody else), each with its "Show again" form.</summary>
    public IReadOnlyList<ClarificationView> HiddenClarifications => Questions.Clarifications.Where(c => c.Hidden is not null).ToList();

    /// <summary>Beside a "hidden" line, a record is worth reading once it holds a show-again (a hide alone is that line).</summary>
    public ModerationRecord? RecordWorthReading(ModerationRecord? record) =>
        record?.Steps.Any(s => s.Action == ModerationAction.ShownAgain) == true ? record : null;

    /// <summary>Questions that are not public: waiting for the buyer (buyer and staff), the reader's own, set aside, hidden (staff).</summary>
    public IReadOnlyList<QuestionView> NotPublic => Questions.Questions.Except(Questions.Answered).ToList();

    /// <summary>Which questions form was refused ("ask", "clarify", "answer-3", "hide-question-3"…), why, and the words typed.</summary>
    public string? QuestionsForm { get; private set; }
    public string? QuestionsRefusal { get; private set; }
    public string? QuestionsText { get; private set; }
    public string? RefusalFor(string form) => QuestionsForm == form ? QuestionsRefusal : null;

    /// <summary>The refused form is no longer on the page (sent from a page that was out of date: entries closed, answered since), so the reason shows above.</summary>
    public bool RefusedFormGone => QuestionsRefusal is not null && !(QuestionsForm switch
    {
        "ask" => CanAsk,
        "clarify" => CanClarify,
        { } form when form.StartsWith("answer-", StringComparison.Ordinal) => CanAnswer && NotPublic.Any(q => form == $"answer-{q.Number}" && q.Status == QuestionStatus.Unanswered),
        { } form when form.StartsWith("show-", StringComparison.Ordinal) => CanHide && ShowAgainForms.Contains(form),
        _ => CanHide,
    });

    /// <summary>The "Show again" forms on the page: one per hidden question, answer and clarification.</summary>
    private IEnumerable<string> ShowAgainForms =>
        NotPublic.Where(q => q.QuestionHidden is not null).Select(q => ShowAgainKey(HiddenPart.Question, q.Number))
            .Concat(NotPublic.Where(q => q.AnswerHidden is not null).Select(q => ShowAgainKey(HiddenPart.Answer, q.Number)))
            .Concat(HiddenClarifications.Select(c => ShowAgainKey(HiddenPart.Clarification, c.Number)));
    public string? TextFor(string form) => QuestionsForm == form ? QuestionsText : null;

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
            CancelRefusal = this.InViewerZone(refused);
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
            TempData["Flash"] = $"Entries now close on {local.Text(extended.EntryDeadline)}. Creatives with an entry in the running were told.";
            return Redirect("/projects/" + id);
        }
        catch (MarketplaceException refused)
        {
            await LoadAsync(id);
            ExtendRefusal = this.InViewerZone(refused);
            ExtendTo = entryDeadline;
            Response.StatusCode = ErrorStatus.For(refused);
            return Page();
        }
    }

    public Task<IActionResult> OnPostAskAsync(string id, string? question) =>
        QuestionsActionAsync(id, "ask", question, async (grain, actor) =>
        {
            await grain.AskAsync(actor, question ?? "");
            return "Your question is with the buyer. Their answer will be shown here to every creative, without your name, and you will be told.";
        });

    public Task<IActionResult> OnPostAnswerAsync(string id, int number, string? answer) =>
        QuestionsActionAsync(id, $"answer-{number}", answer, async (grain, actor) =>
        {
            await grain.AnswerAsync(actor, number, answer ?? "");
            return "Your answer is under the brief for every creative. The asker and the creatives in the running were told.";
        });

    public Task<IActionResult> OnPostSetAsideAsync(string id, int number) =>
        QuestionsActionAsync(id, $"answer-{number}", null, async (grain, actor) =>
        {
            await grain.SetAsideAsync(actor, number);
            return "The question is set aside. Its asker was told you did not answer it publicly.";
        });

    public Task<IActionResult> OnPostClarifyAsync(string id, string? clarification) =>
        QuestionsActionAsync(id, "clarify", clarification, async (grain, actor) =>
        {
            await grain.ClarifyAsync(actor, clarification ?? "");
            return "Your clarification is under the brief. Creatives in the running and those who asked questions were told.";
        });

    public Task<IActionResult> OnPostHideAsync(string id, HiddenPart part, int number, string? reason) =>
        QuestionsActionAsync(id, HideKey(part, number), reason, async (grain, actor) =>
        {
            await grain.HideAsync(actor, part, number, reason ?? "");
            return "Hidden from everyone but staff. Your reason is kept with it.";
        });

    public Task<IActionResult> OnPostShowAgainAsync(string id, HiddenPart part, int number, string? note) =>
        QuestionsActionAsync(id, ShowAgainKey(part, number), note, async (grain, actor) =>
        {
            await grain.ShowAgainAsync(actor, part, number, note ?? "");
            return part switch
            {
                HiddenPart.Clarification => "The clarification shows under the brief again. The hide and your note stay on its record.",
                HiddenPart.Answer => "The answer shows again. The hide and your note stay on its record.",
                _ => "The question shows again where it was. The hide and your note stay on its record.",
            };
        });

    public static string ShowAgainKey(HiddenPart part, int number) => $"show-{part.ToString().ToLowerInvariant()}-{number}";

    /// <summary>One hide form per question (whichever part it hides) and per clarification.</summary>
    public static string HideKey(HiddenPart part, int number) => part == HiddenPart.Clarification ? $"hide-clarification-{number}" : $"hide-question-{number}";

    /// <summary>One shape for every questions form: done, back to the section with a flash; refused, the page with the grain's reason beside the form and the words kept.</summary>
    private async Task<IActionResult> QuestionsActionAsync(string id, string form, string? text, Func<IProjectQuestionsGrain, Actor, Task<string>> act)
    {
        if (!Ids.IsWellFormed(id)) return NotFound();
        var actor = User.RequireActor();
        try
        {
            TempData["Flash"] = await act(grains.GetGrain<IProjectQuestionsGrain>(id), actor);
            return Redirect($"/projects/{id}#questions");
        }
        catch (MarketplaceException refused)
        {
            await LoadAsync(id);
            QuestionsForm = form;
            QuestionsRefusal = this.InViewerZone(refused);
            QuestionsText = text;
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
        Questions = await grains.GetGrain<IProjectQuestionsGrain>(id).GetAsync(Viewer);
    }
}

/// <summary>Staff's "Show again" form for one hidden question, answer or clarification.</summary>
public sealed record ShowAgainFormModel(HiddenPart Part, int Number, DetailsModel Page)
{
    public string Key => DetailsModel.ShowAgainKey(Part, Number);
}

/// <summary>
/// Staff's "Hide…" form for one question or clarification: <see cref="Part"/> what it hides by default (null when only
/// the answer is left to hide), <see cref="OrAnswer"/> whether the answer alone may be hidden instead.
/// </summary>
public sealed record HideFormModel(HiddenPart? Part, bool OrAnswer, int Number, DetailsModel Page)
{
    public string Key => DetailsModel.HideKey(Part ?? HiddenPart.Answer, Number);
}

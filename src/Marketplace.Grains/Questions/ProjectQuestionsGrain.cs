using Marketplace.Contracts;
using Marketplace.Contracts.Entries;
using Marketplace.Contracts.Projects;
using Marketplace.Contracts.Questions;
using Marketplace.Contracts.Users;
using Marketplace.Grains.Notifications;
using Marketplace.Grains.Projects;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.Grains.Questions;

/// <summary>
/// Questions about a project's brief and the buyer's clarifications, kept beside the project so its state and rules
/// stay small. Whether the project takes questions and who its buyer is come from the project grain on each call (it
/// applies its deadlines first), so nothing here can disagree with it; the project never calls back.
/// </summary>
public sealed partial class ProjectQuestionsGrain(
    [PersistentState("questions", StorageNames.GrainStorage)] IPersistentState<QuestionsRecord> questions,
    IGrainFactory grains,
    [FromKeyedServices(MarketplaceClock.Key)] TimeProvider clock,
    IOptions<ProjectRulesOptions> rules,
    ILogger<ProjectQuestionsGrain> logger) : Grain, IProjectQuestionsGrain, IRemindable
{
    private QuestionsRecord S => questions.State;
    private string Id => this.GetPrimaryKeyString();
    private DateTimeOffset Now => clock.GetUtcNow();
    private IProjectGrain Project => grains.GetGrain<IProjectGrain>(Id);
    private int MaxUnanswered => rules.Value.MaxUnansweredQuestions;

    public async Task<QuestionsView> GetAsync(Actor actor)
    {
        // The project's own rule decides who may see it (a draft is its buyer's and staff's alone).
        var project = await Project.GetAsync(actor);
        return View(actor, project);
    }

    public async Task<QuestionView> AskAsync(Actor actor, string text)
    {
        var question = ActorChecks.RequireText(text, "your question", QuestionLimits.MaxQuestion);
        var creative = await grains.RequireActiveAsync(actor, UserRoles.Creative, "ask about a brief");
        var project = await VisibleProjectAsync(actor);
        if (actor.Is(project.BuyerId))
        {
            throw MarketplaceException.Forbidden("This is your own brief. To tell creatives more, add a clarification instead.");
        }

        RequireTakingQuestions(project, "the buyer no longer takes questions");
        if (S.Questions.Find(q => q.AskerId == actor.UserId && q.Waiting && q.Text == question) is { } repeat)
        {
            // A double tap or a resend: the question is already with the buyer.
            return ViewOf(repeat, actor);
        }

        RequireUnderCap(actor, project);
        var asked = new StoredQuestion(S.Questions.Count + 1, actor.UserId, creative.DisplayName, question, Now);
        S.Questions.Add(asked);
        TellBuyerAsked(project, asked);
        await SaveAndHandOverAsync();
        return ViewOf(asked, actor);
    }

    public async Task<QuestionView> AnswerAsync(Actor actor, int number, string answer)
    {
        var words = ActorChecks.RequireText(answer, "an answer", QuestionLimits.MaxAnswer);
        var project = await RequireBuyerAsync(actor, "answer questions about it");
        var question = RequireQuestion(number);
        if (question.Status == QuestionStatus.Answered && question.Answer == words)
        {
            return ViewOf(question, actor);
        }

        RequireUnanswered(question);
        RequireAnswering(project);
        var answered = Replace(question with { Status = QuestionStatus.Answered, Answer = words, ClosedAt = Now });
        EndBuyersCall(project, answered);
        TellAnswered(project, answered, await CreativesWhoCanStillWinAsync());
        await SaveAndHandOverAsync();
        return ViewOf(answered, actor);
    }

    public async Task<QuestionView> SetAsideAsync(Actor actor, int number)
    {
        var project = await RequireBuyerAsync(actor, "set questions aside");
        var question = RequireQuestion(number);
        if (question.Status == QuestionStatus.SetAside)
        {
            return ViewOf(question, actor);
        }

        RequireUnanswered(question);
        RequireAnswering(project);
        var setAside = Replace(question with { Status = QuestionStatus.SetAside, ClosedAt = Now });
        EndBuyersCall(project, setAside);
        TellSetAside(project, setAside);
        await SaveAndHandOverAsync();
        return ViewOf(setAside, actor);
    }

    public async Task<ClarificationView> ClarifyAsync(Actor actor, string text)
    {
        var words = ActorChecks.RequireText(text, "the clarification", QuestionLimits.MaxClarification);
        var project = await RequireBuyerAsync(actor, "add a clarification to it");
        RequireTakingQuestions(project, "a clarification would come too late for new entries");
        if (S.Clarifications.Count > 0 && S.Clarifications[^1] is { Hidden: null } last && last.Text == words)
        {
            // The same words again (a double tap): already posted and told.
            return ViewOf(last);
        }

        var clarification = new StoredClarification(S.Clarifications.Count + 1, words, Now);
        S.Clarifications.Add(clarification);
        TellClarified(project, clarification, await CreativesWhoCanStillWinAsync());
        await SaveAndHandOverAsync();
        return ViewOf(clarification);
    }

    public async Task<QuestionsView> HideAsync(Actor actor, HiddenPart part, int number, string reason)
    {
        var why = ActorChecks.RequireText(reason, "a reason (kept for the record)", QuestionLimits.MaxReason);
        var staff = await grains.RequireStaffAsync(actor, "hide questions or clarifications");
        var project = await Project.GetAsync(actor);
        var moderation = new Moderation(actor.UserId, why, Now) { StaffName = staff.DisplayName };
        switch (part)
        {
            case HiddenPart.Clarification:
                var clarification = S.Clarifications.Find(c => c.Number == number)
                    ?? throw MarketplaceException.NotFound($"There is no clarification #{number} on this project.");
                if (clarification.Hidden is not null) return View(actor, project);
                S.Clarifications[number - 1] = clarification with { Hidden = moderation };
                break;
            case HiddenPart.Question:
                var question = RequireQuestion(number);
                if (question.QuestionHidden is not null) return View(actor, project);
                Replace(question with { QuestionHidden = moderation });
                if (question.Status == QuestionStatus.Unanswered)
                {
                    // Nothing is left for the buyer to answer.
                    EndBuyersCall(project, question);
                }

                break;
            case HiddenPart.Answer:
                var answered = RequireQuestion(number);
                if (answered.Status != QuestionStatus.Answered)
                {
                    throw MarketplaceException.Conflict($"Question #{number} has no answer to hide.");
                }

                if (answered.AnswerHidden is not null) return View(actor, project);
                Replace(answered with { AnswerHidden = moderation });
                break;
            default:
                throw MarketplaceException.Invalid("Say what to hide: a question, an answer or a clarification.");
        }

        await SaveAndHandOverAsync();
        return View(actor, project);
    }

    public async Task<QuestionsView> ShowAgainAsync(Actor actor, HiddenPart part, int number, string note)
    {
        var staff = await grains.RequireStaffAsync(actor, "show hidden questions or clarifications again");
        var why = ActorChecks.RequireText(note, "a note for the record (why it is shown again)", QuestionLimits.MaxReason);
        var project = await Project.GetAsync(actor);
        var shown = new ModerationStep(ModerationAction.ShownAgain, actor.UserId, staff.DisplayName, Now, why);
        switch (part)
        {
            case HiddenPart.Clarification:
                var clarification = S.Clarifications.Find(c => c.Number == number)
                    ?? throw MarketplaceException.NotFound($"There is no clarification #{number} on this project.");
                if (clarification.Hidden is not { } hidden)
                {
                    RequireRepeatOfShowAgain(clarification.EarlierModeration, shown, $"Clarification #{number} is not hidden, so there is nothing to show again.");
                    return View(actor, project);
                }

                S.Clarifications[number - 1] = clarification with { Hidden = null, EarlierModeration = Undone(clarification.EarlierModeration, hidden, shown) };
                break;
            case HiddenPart.Question:
                var question = RequireQuestion(number);
                if (question.QuestionHidden is not { } questionHidden)
                {
                    RequireRepeatOfShowAgain(question.EarlierQuestionModeration, shown, question.AnswerHidden is null
                        ? $"Question #{number} is not hidden, so there is nothing to show again."
                        : $"Question #{number} is not hidden; only its answer is. Show the answer again instead.");
                    return View(actor, project);
                }

                var again = Replace(question with { QuestionHidden = null, EarlierQuestionModeration = Undone(question.EarlierQuestionModeration, questionHidden, shown) });
                if (again.Waiting && project.State is ProjectState.Open or ProjectState.Selecting)
                {
                    // Hiding ended the buyer's call to answer it; the question waits for them again.
                    AskBuyerAgain(project, again);
                }

                break;
            case HiddenPart.Answer:
                var answered = RequireQuestion(number);
                if (answered.AnswerHidden is not { } answerHidden)
                {
                    RequireRepeatOfShowAgain(answered.EarlierAnswerModeration, shown, $"The answer to question #{number} is not hidden, so there is nothing to show again.");
                    return View(actor, project);
                }

                Replace(answered with { AnswerHidden = null, EarlierAnswerModeration = Undone(answered.EarlierAnswerModeration, answerHidden, shown) });
                break;
            default:
                throw MarketplaceException.Invalid("Say what to show again: a question, an answer or a clarification.");
        }

        await SaveAndHandOverAsync();
        return View(actor, project);
    }

    /// <summary>The hide being undone joins the record with its show-again, so both stay on it.</summary>
    private static IReadOnlyList<ModerationStep> Undone(IReadOnlyList<ModerationStep>? earlier, Moderation hide, ModerationStep shown) =>
        [.. earlier ?? [], hide.AsStep(), shown];

    /// <summary>A resend of the same show-again (same staff member, same note) is already done; anything else has nothing to show.</summary>
    private static void RequireRepeatOfShowAgain(IReadOnlyList<ModerationStep>? earlier, ModerationStep shown, string notHidden)
    {
        if (earlier is not [.., { Action: ModerationAction.ShownAgain } last] || last.StaffId != shown.StaffId || last.Note != shown.Note)
        {
            throw MarketplaceException.Conflict(notHidden);
        }
    }

    /// <summary>The project, or 404 for someone who may not see it (a draft), as the project page answers.</summary>
    private async Task<ProjectView> VisibleProjectAsync(Actor actor)
    {
        var project = await Project.GetAsync(Actor.System);
        if (project.State == ProjectState.Draft && !actor.Is(project.BuyerId) && !actor.IsStaff)
        {
            throw MarketplaceException.NotFound("No project with this id.");
        }

        return project;
    }

    /// <summary>It is the buyer's brief: only they answer or clarify it (staff may hide, never speak for them).</summary>
    private async Task<ProjectView> RequireBuyerAsync(Actor actor, string what)
    {
        var project = await VisibleProjectAsync(actor);
        if (!actor.Is(project.BuyerId))
        {
            throw MarketplaceException.Forbidden(actor.IsStaff
                ? "It is the buyer's brief, so only the buyer answers or clarifies it. Staff can hide a question, answer or clarification that breaks the rules."
                : $"Only this project's buyer can {what}.");
        }

        await grains.RequireActiveAsync(actor, UserRoles.Buyer, what);
        return project;
    }

    private static void RequireTakingQuestions(ProjectView project, string consequence)
    {
        var title = $"“{project.Brief.Title}”";
        switch (project.State)
        {
            case ProjectState.Open:
                return;
            case ProjectState.Draft:
                throw MarketplaceException.Conflict($"{title} is not open yet, so {consequence}.");
            case ProjectState.Cancelled:
                throw MarketplaceException.Conflict($"{title} was cancelled, so {consequence}.");
            default:
                throw MarketplaceException.Conflict($"Entries to {title} closed on {NoticeWords.When(project.EntryDeadline)}, so {consequence}.");
        }
    }

    /// <summary>Answers still help while creatives can revise: open, and while the buyer chooses.</summary>
    private static void RequireAnswering(ProjectView project)
    {
        if (project.State is not (ProjectState.Open or ProjectState.Selecting))
        {
            throw MarketplaceException.Conflict($"“{project.Brief.Title}” is {project.State.ToString().ToLowerInvariant()}, so its questions can no longer be answered.");
        }
    }

    private void RequireUnderCap(Actor actor, ProjectView project)
    {
        var waiting = S.Questions.Count(q => q.AskerId == actor.UserId && q.Waiting);
        if (waiting >= MaxUnanswered)
        {
            throw MarketplaceException.Conflict($"You already have {waiting} questions waiting for the buyer of “{project.Brief.Title}”. You can ask another once one is answered; the answers so far are on the project page.");
        }
    }

    private StoredQuestion RequireQuestion(int number) =>
        S.Questions.Find(q => q.Number == number) ?? throw MarketplaceException.NotFound($"There is no question #{number} on this project.");

    private static void RequireUnanswered(StoredQuestion question)
    {
        if (question.QuestionHidden is not null)
        {
            throw MarketplaceException.Conflict("Marketplace support hid this question, so it takes no answer.");
        }

        switch (question.Status)
        {
            case QuestionStatus.Answered:
                throw MarketplaceException.Conflict("This question is already answered, and answers stay as creatives read them. If something changed, add a clarification.");
            case QuestionStatus.SetAside:
                throw MarketplaceException.Conflict("You set this question aside and its asker was told. If the brief needs more words, add a clarification.");
        }
    }

    private StoredQuestion Replace(StoredQuestion question)
    {
        S.Questions[question.Number - 1] = question;
        return question;
    }

    private async Task<IReadOnlyList<string>> CreativesWhoCanStillWinAsync()
    {
        var gallery = await Project.GetGalleryAsync(Actor.System);
        return gallery.Items.Where(e => e.Status == EntryStatus.Active).Select(e => e.CreativeId)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    private QuestionsView View(Actor actor, ProjectView project)
    {
        var isStaff = actor.IsStaff && !actor.Is(project.BuyerId);
        var seesWaiting = isStaff || actor.Is(project.BuyerId);
        var shown = S.Questions
            .Where(q => isStaff || (q.QuestionHidden is null && q.AnswerHidden is null && (q.Public || seesWaiting || actor.Is(q.AskerId))))
            .Select(q => ViewOf(q, actor, isStaff))
            .ToList();
        var clarifications = S.Clarifications.Where(c => isStaff || c.Hidden is null).Select(c => ViewOf(c, isStaff)).ToList();
        return new QuestionsView(Id, shown, clarifications, project.State == ProjectState.Open,
            project.State is ProjectState.Open or ProjectState.Selecting,
            S.Questions.Count(q => actor.Is(q.AskerId) && q.Waiting), MaxUnanswered);
    }

    private static QuestionView ViewOf(StoredQuestion q, Actor actor, bool forStaff = false) =>
        new(q.Number, q.Text, q.AskedAt, q.Status, q.Answer, q.ClosedAt, actor.Is(q.AskerId),
            forStaff ? q.AskerName : null, forStaff ? q.QuestionHidden : null, forStaff ? q.AnswerHidden : null,
            forStaff ? RecordOf(q.EarlierQuestionModeration, q.QuestionHidden) : null,
            forStaff ? RecordOf(q.EarlierAnswerModeration, q.AnswerHidden) : null);

    private static ClarificationView ViewOf(StoredClarification c, bool forStaff = false) =>
        new(c.Number, c.Text, c.PostedAt, forStaff ? c.Hidden : null, forStaff ? RecordOf(c.EarlierModeration, c.Hidden) : null);

    /// <summary>Every hide and show-again of one part: the undone ones, then the hide in force.</summary>
    private static ModerationRecord? RecordOf(IReadOnlyList<ModerationStep>? earlier, Moderation? current) =>
        ModerationRecord.Of((earlier ?? []).Concat(current is null ? [] : [current.AsStep()]));

    private async Task SaveAndHandOverAsync()
    {
        await questions.SaveAsync(this);
        await HandOverNoticesAsync();
    }
}

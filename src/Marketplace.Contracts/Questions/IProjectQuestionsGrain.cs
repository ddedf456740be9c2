namespace Marketplace.Contracts.Questions;

/// <summary>
/// Questions about one project's brief and the buyer's clarifications (key: project id). The brief itself is never
/// edited once open; this is how the buyer tells every creative the same thing. The project grain is asked whether the
/// project is open and who its buyer is; it never calls this grain, so the two cannot deadlock.
/// </summary>
public interface IProjectQuestionsGrain : IGrainWithStringKey
{
    /// <summary>
    /// What <paramref name="actor"/> may see: answered questions and clarifications for everyone who can see the
    /// project; unanswered and set-aside questions only for the buyer, their asker and staff; hidden ones only for
    /// staff (with the reason). Asking creatives are never named, except to staff.
    /// </summary>
    Task<QuestionsView> GetAsync(Actor actor);

    /// <summary>
    /// An active creative who is not the buyer asks about the brief (1–1000 characters) while the project takes entries
    /// (409 after), at most <c>Marketplace:Projects:MaxUnansweredQuestions</c> unanswered at a time (409). The buyer
    /// is asked to answer (a call to act that ends when it is answered, set aside or hidden, or the project moves on).
    /// </summary>
    Task<QuestionView> AskAsync(Actor actor, string text);

    /// <summary>
    /// The buyer answers (1–2000 characters) while open or choosing a winner; the question and answer are then public,
    /// the asker hears the answer, and so does every creative with an entry that can still win. Staff cannot answer.
    /// Repeating the same answer changes nothing; a question already answered or set aside is a conflict.
    /// </summary>
    Task<QuestionView> AnswerAsync(Actor actor, int number, string answer);

    /// <summary>The buyer declines to answer publicly; only the asker is told. Repeating changes nothing.</summary>
    Task<QuestionView> SetAsideAsync(Actor actor, int number);

    /// <summary>
    /// The buyer adds a clarification (1–2000 characters) while the project takes entries, shown with its date under
    /// the brief; creatives with an entry that can still win and everyone who asked a question hear it, once.
    /// </summary>
    Task<ClarificationView> ClarifyAsync(Actor actor, string text);

    /// <summary>
    /// Staff hide a question (with its answer), only an answer, or a clarification that breaks the rules, with a reason
    /// kept for the record and shown to staff; everyone else sees it gone. Hiding an unanswered question ends the
    /// buyer's call to answer it. Hiding twice keeps the first reason.
    /// </summary>
    Task<QuestionsView> HideAsync(Actor actor, HiddenPart part, int number, string reason);

    /// <summary>
    /// Staff undo a mistaken hide with a note for the record (the hide stays on it): the question, answer or clarification
    /// is shown where it was. An unanswered question shown again while the buyer may still answer asks the buyer again.
    /// Nobody else is told, as nobody was told of the hide. The same note again changes nothing; a part that is not hidden
    /// is a conflict.
    /// </summary>
    Task<QuestionsView> ShowAgainAsync(Actor actor, HiddenPart part, int number, string note);
}

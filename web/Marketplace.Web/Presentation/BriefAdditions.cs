using Marketplace.Contracts.Questions;

namespace Marketplace.Web.Presentation;

/// <summary>One thing added under a brief after it opened: an answered question or a clarification.</summary>
public sealed record BriefAddition(DateTimeOffset At, QuestionView? Question, ClarificationView? Clarification);

public static class BriefAdditions
{
    /// <summary>What every creative designs against besides the brief: public answers and clarifications, oldest first, newest last.</summary>
    public static IReadOnlyList<BriefAddition> Of(QuestionsView questions) =>
        questions.Answered.Select(q => new BriefAddition(q.ClosedAt!.Value, q, null))
            .Concat(questions.Clarifications.Where(c => c.Hidden is null).Select(c => new BriefAddition(c.PostedAt, null, c)))
            .OrderBy(a => a.At)
            .ToList();
}

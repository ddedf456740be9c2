namespace Marketplace.Contracts.Questions;

public enum QuestionStatus
{
    /// <summary>Waiting for the buyer.</summary>
    Unanswered,
    Answered,
    /// <summary>The buyer chose not to answer publicly.</summary>
    SetAside,
}

/// <summary>What staff hide: a question (its answer goes with it), only its answer, or a clarification.</summary>
public enum HiddenPart
{
    Question,
    Answer,
    Clarification,
}

/// <summary>Staff hid something that broke the rules: who, when and why (for the record; shown to staff only).</summary>
[GenerateSerializer, Immutable]
public sealed record Moderation(
    [property: Id(0)] string StaffId,
    [property: Id(1)] string Reason,
    [property: Id(2)] DateTimeOffset At)
{
    /// <summary>The staff member's name when they hid it (hides stored before names were kept have none).</summary>
    [Id(3)] public string? StaffName { get; init; }

    public ModerationStep AsStep() => new(ModerationAction.Hidden, StaffId, StaffName ?? "Staff", At, Reason);
}

/// <summary>
/// One question as <see cref="IProjectQuestionsGrain.GetAsync"/> shows it to one person. <see cref="Yours"/>: the reader
/// asked it. <see cref="AskerName"/>, <see cref="QuestionHidden"/>, <see cref="AnswerHidden"/> and the moderation records
/// (every hide and show-again) are filled for staff only: the public never learns who asked, and sees hidden parts gone.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record QuestionView(
    [property: Id(0)] int Number,
    [property: Id(1)] string Text,
    [property: Id(2)] DateTimeOffset AskedAt,
    [property: Id(3)] QuestionStatus Status,
    [property: Id(4)] string? Answer,
    [property: Id(5)] DateTimeOffset? ClosedAt,
    [property: Id(6)] bool Yours,
    [property: Id(7)] string? AskerName = null,
    [property: Id(8)] Moderation? QuestionHidden = null,
    [property: Id(9)] Moderation? AnswerHidden = null,
    [property: Id(10)] ModerationRecord? QuestionModeration = null,
    [property: Id(11)] ModerationRecord? AnswerModeration = null);

/// <summary>A clarification the buyer added after the project opened (the brief itself stays as it was).</summary>
[GenerateSerializer, Immutable]
public sealed record ClarificationView(
    [property: Id(0)] int Number,
    [property: Id(1)] string Text,
    [property: Id(2)] DateTimeOffset PostedAt,
    [property: Id(3)] Moderation? Hidden = null,
    [property: Id(4)] ModerationRecord? ClarificationModeration = null);

/// <summary>
/// The questions and clarifications one person may see, each list oldest first. <see cref="TakingQuestions"/>: the
/// project takes entries, so creatives may ask and the buyer may clarify; <see cref="Answering"/>: the buyer may still
/// answer (open or choosing a winner). <see cref="YourUnanswered"/> of <see cref="MaxUnanswered"/>: the reader's own
/// questions waiting for the buyer.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record QuestionsView(
    [property: Id(0)] string ProjectId,
    [property: Id(1)] IReadOnlyList<QuestionView> Questions,
    [property: Id(2)] IReadOnlyList<ClarificationView> Clarifications,
    [property: Id(3)] bool TakingQuestions,
    [property: Id(4)] bool Answering,
    [property: Id(5)] int YourUnanswered,
    [property: Id(6)] int MaxUnanswered)
{
    /// <summary>Answered questions whose question and answer are both shown: what every creative designs against.</summary>
    public IEnumerable<QuestionView> Answered => Questions.Where(q => q.Status == QuestionStatus.Answered && q.QuestionHidden is null && q.AnswerHidden is null);
}

public static class QuestionLimits
{
    public const int MaxQuestion = 1000;
    public const int MaxAnswer = 2000;
    public const int MaxClarification = 2000;
    public const int MaxReason = 1000;
}

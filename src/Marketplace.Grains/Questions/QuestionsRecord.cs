using Marketplace.Contracts;
using Marketplace.Contracts.Questions;
using Marketplace.Grains.Notifications;

namespace Marketplace.Grains.Questions;

/// <summary>One question as stored: the asker is kept (for the cap, their notice and staff), never shown to the public.</summary>
[GenerateSerializer, Immutable]
public sealed record StoredQuestion(
    [property: Id(0)] int Number,
    [property: Id(1)] string AskerId,
    [property: Id(2)] string AskerName,
    [property: Id(3)] string Text,
    [property: Id(4)] DateTimeOffset AskedAt,
    [property: Id(5)] QuestionStatus Status = QuestionStatus.Unanswered,
    [property: Id(6)] string? Answer = null,
    [property: Id(7)] DateTimeOffset? ClosedAt = null,
    [property: Id(8)] Moderation? QuestionHidden = null,
    [property: Id(9)] Moderation? AnswerHidden = null,
    [property: Id(10)] IReadOnlyList<ModerationStep>? EarlierQuestionModeration = null,
    [property: Id(11)] IReadOnlyList<ModerationStep>? EarlierAnswerModeration = null)
{
    /// <summary>Waiting for the buyer: unanswered and not hidden. What the per-creative cap counts.</summary>
    public bool Waiting => Status == QuestionStatus.Unanswered && QuestionHidden is null;

    /// <summary>Shown to everyone who can see the project.</summary>
    public bool Public => Status == QuestionStatus.Answered && QuestionHidden is null && AnswerHidden is null;
}

[GenerateSerializer, Immutable]
public sealed record StoredClarification(
    [property: Id(0)] int Number,
    [property: Id(1)] string Text,
    [property: Id(2)] DateTimeOffset PostedAt,
    [property: Id(3)] Moderation? Hidden = null,
    [property: Id(4)] IReadOnlyList<ModerationStep>? EarlierModeration = null);

[GenerateSerializer]
public sealed class QuestionsRecord
{
    [Id(0)] public List<StoredQuestion> Questions { get; set; } = [];
    [Id(1)] public List<StoredClarification> Clarifications { get; set; } = [];

    /// <summary>Notices stored with the change they report, until their inbox took them (see <see cref="NoticeOutbox"/>).</summary>
    [Id(2)] public List<PendingNotice> PendingNotices { get; set; } = [];

    /// <summary>The buyer's calls to answer that ended (answered, set aside, hidden), until the inbox took it.</summary>
    [Id(3)] public List<PendingCallEnd> PendingCallEnds { get; set; } = [];
}

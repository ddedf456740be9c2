using Marketplace.Contracts;
using Marketplace.Contracts.Notifications;
using Marketplace.Contracts.Projects;
using Marketplace.Grains.Notifications;

namespace Marketplace.Grains.Questions;

/// <summary>
/// Who hears what. The buyer: each question, as a call to act ("Needs you") that ends when it is answered, set aside or
/// hidden, or when the project is awarded or closes (the project ends them all). The asker: the answer, or that it was
/// set aside. Every creative with an entry that can still win: each answer and each clarification (they may need to
/// revise); askers without such an entry hear clarifications too. Nobody is named: the asker is "a creative", since
/// answers are about the brief and naming the asker invites copying their approach. Ids come from the question's or
/// clarification's number, so a retried hand-over shows nothing twice and one person hears each thing once.
/// </summary>
public sealed partial class ProjectQuestionsGrain
{
    private string Link => $"/projects/{Id}#questions";

    private void TellBuyerAsked(ProjectView project, StoredQuestion question)
    {
        var asked = $"A creative asked about the brief of “{project.Brief.Title}”: {NoticeWords.Quote(question.Text, 200)}";
        Tell(project.BuyerId, $"project/{Id}/question/{question.Number}", NotificationKinds.Question,
            $"{asked} Answer it on the project page, where every creative will read your answer, or set it aside.",
            new CallToAct(CallTopics.Questions(Id), question.Number, asked));
    }

    /// <summary>
    /// Staff showed a hidden unanswered question again: the buyer is asked again, as a new call (the old one read as
    /// past when the question was hidden). An end of the old call still waiting to be handed over would end the new
    /// one too, so it is dropped: the old call already read as past, or reads as past once this one is answered.
    /// </summary>
    private void AskBuyerAgain(ProjectView project, StoredQuestion question)
    {
        S.PendingCallEnds.RemoveAll(end => end.RecipientId == project.BuyerId && end.Topic == CallTopics.Questions(Id) && end.At == question.Number);
        var times = question.EarlierQuestionModeration!.Count(step => step.Action == ModerationAction.ShownAgain);
        var shown = $"Marketplace support showed a creative's question about the brief of “{project.Brief.Title}” again: {NoticeWords.Quote(question.Text, 200)}";
        Tell(project.BuyerId, $"project/{Id}/question/{question.Number}/shown-again/{times}", NotificationKinds.Question,
            $"{shown} It waits for your answer again: answer it on the project page, where every creative will read your answer, or set it aside.",
            new CallToAct(CallTopics.Questions(Id), question.Number, shown));
    }

    private void EndBuyersCall(ProjectView project, StoredQuestion question) =>
        S.PendingCallEnds.Add(new PendingCallEnd(project.BuyerId, CallTopics.Questions(Id), question.Number + 1L) { At = question.Number });

    private void TellAnswered(ProjectView project, StoredQuestion question, IReadOnlyList<string> creativesInTheRunning)
    {
        var title = $"“{project.Brief.Title}”";
        var id = $"project/{Id}/question/{question.Number}/answered";
        Tell(question.AskerId, id, NotificationKinds.QuestionAnswered,
            $"The buyer of {title} answered your question: {NoticeWords.Quote(question.Answer!, 400)} Every creative now reads it under the brief.");
        foreach (var creative in creativesInTheRunning.Where(c => c != question.AskerId))
        {
            Tell(creative, id, NotificationKinds.QuestionAnswered,
                $"The buyer of {title} answered a question about the brief. Asked: {NoticeWords.Quote(question.Text, 200)} Answer: {NoticeWords.Quote(question.Answer!, 400)} Check your entry against it; you can revise it until a winner is chosen.");
        }
    }

    private void TellSetAside(ProjectView project, StoredQuestion question) =>
        Tell(question.AskerId, $"project/{Id}/question/{question.Number}/set-aside", NotificationKinds.QuestionSetAside,
            $"The buyer of “{project.Brief.Title}” read your question {NoticeWords.Quote(question.Text, 200)} but did not answer it publicly. Design to the brief as written and the answers on the project page.");

    private void TellClarified(ProjectView project, StoredClarification clarification, IReadOnlyList<string> creativesInTheRunning)
    {
        var said = $"The buyer of “{project.Brief.Title}” added a clarification to the brief: {NoticeWords.Quote(clarification.Text, 400)}";
        var id = $"project/{Id}/clarification/{clarification.Number}";
        foreach (var creative in creativesInTheRunning)
        {
            Tell(creative, id, NotificationKinds.Clarification, $"{said} Check your entry against it; you can revise it until a winner is chosen.");
        }

        var askers = S.Questions.Select(q => q.AskerId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var asker in askers.Where(a => !creativesInTheRunning.Contains(a)))
        {
            Tell(asker, id, NotificationKinds.Clarification, $"{said} Read it with the brief before you enter.");
        }
    }

    private void Tell(string recipientId, string id, string kind, string text, CallToAct? call = null) =>
        S.PendingNotices.Add(new PendingNotice(recipientId, new NewNotification(id, kind, text, Link, Now, call)));

    private Task HandOverNoticesAsync() =>
        NoticeOutbox.HandOverAsync(this, grains, S.PendingNotices, () => questions.SaveAsync(this), logger, "Questions of " + Id, S.PendingCallEnds);

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == NoticeOutbox.RetryReminder
            ? NoticeOutbox.RetryAsync(this, grains, S.PendingNotices, () => questions.SaveAsync(this), logger, "Questions of " + Id, S.PendingCallEnds)
            : Task.CompletedTask;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A silo may have stopped between storing a change and handing its notices over: hand them over now, outside activation.
        if (S.PendingNotices.Count > 0 || S.PendingCallEnds.Count > 0)
        {
            this.RegisterGrainTimer(_ => HandOverNoticesAsync(), TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }

        return base.OnActivateAsync(cancellationToken);
    }
}

using Marketplace.Contracts.Notifications;
using Marketplace.Contracts.Questions;
using Marketplace.Contracts.Users;

namespace Marketplace.Grains.Tests.Questions;

/// <summary>
/// Staff undo a mistaken hide of a question, an answer or a clarification: it comes back where it was, the record keeps
/// the hide and the show-again (staff only), an unanswered question waits for the buyer again, and only staff may.
/// On Azurite, with a restart where the record must last.
/// </summary>
public sealed class ShowAgainTests(PersistentClusterFixture fixture) : IClassFixture<PersistentClusterFixture>
{
    private static readonly Actor Visitor = new("visitor", UserRoles.None);

    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task An_unanswered_question_shown_again_is_the_askers_again_and_asks_the_buyer_again_until_answered()
    {
        var (buyer, questions) = await OpenAsync();
        var staff = await Grains.StaffAsync();
        var asker = await Grains.CreativeAsync();
        var asked = await questions.AskAsync(asker, "May the logo be round?");
        await questions.HideAsync(staff, HiddenPart.Question, asked.Number, "Looked like spam.");
        Assert.Empty((await questions.GetAsync(asker)).Questions);
        Assert.False(Assert.Single(await Grains.NoticesAsync(buyer), n => n.Kind == NotificationKinds.Question).Asks);

        var view = await questions.ShowAgainAsync(staff, HiddenPart.Question, asked.Number, "A real question after all.");

        Assert.Null(view.Questions.Single(q => q.Number == asked.Number).QuestionHidden);
        Assert.Equal("May the logo be round?", Assert.Single((await questions.GetAsync(asker)).Questions).Text);
        Assert.Equal(1, (await questions.GetAsync(asker)).YourUnanswered);
        var calls = (await Grains.NoticesAsync(buyer)).Where(n => n.Kind == NotificationKinds.Question).ToList();
        var again = Assert.Single(calls, n => n.Asks);
        Assert.Equal($"/projects/{Project(questions)}#questions", again.Link);
        Assert.StartsWith("Marketplace support showed a creative's question about the brief of “A logo for Bread & Butter” again: “May the logo be round?” It waits for your answer again", again.Text, StringComparison.Ordinal);
        // The asker hears nothing: nobody was told of the hide either.
        Assert.Empty(await Grains.NoticesAsync(asker));

        await questions.AnswerAsync(buyer, asked.Number, "Yes, round is fine.");

        Assert.All((await Grains.NoticesAsync(buyer)).Where(n => n.Kind == NotificationKinds.Question), n => Assert.False(n.Asks));
        Assert.Equal("Yes, round is fine.", Assert.Single((await questions.GetAsync(Visitor)).Questions).Answer);
    }

    [Fact]
    public async Task An_answer_and_a_clarification_shown_again_are_public_again_and_their_records_survive_a_restart()
    {
        var (buyer, questions) = await OpenAsync();
        var staff = await Grains.StaffAsync("Sam Staff");
        var other = await Grains.StaffAsync("Tess Staff");
        var asked = await questions.AskAsync(await Grains.CreativeAsync(), "Are the colours fixed?");
        await questions.AnswerAsync(buyer, asked.Number, "Blue and cream only.");
        await questions.ClarifyAsync(buyer, "The shop name is two words.");
        var hiddenAt = fixture.Clock.GetUtcNow();
        await questions.HideAsync(staff, HiddenPart.Answer, asked.Number, "Hid the wrong answer.");
        await questions.HideAsync(staff, HiddenPart.Clarification, 1, "Hid the wrong clarification.");
        fixture.Clock.Advance(TimeSpan.FromMinutes(10));
        var buyerNotices = (await Grains.NoticesAsync(buyer)).Count;

        await questions.ShowAgainAsync(other, HiddenPart.Answer, asked.Number, "The answer breaks no rule.");
        var staffView = await questions.ShowAgainAsync(other, HiddenPart.Clarification, 1, "The clarification breaks no rule.");

        var visitor = await questions.GetAsync(Visitor);
        Assert.Equal("Blue and cream only.", Assert.Single(visitor.Answered).Answer);
        Assert.Equal("The shop name is two words.", Assert.Single(visitor.Clarifications).Text);
        Assert.Null(visitor.Questions.Single().AnswerModeration);
        Assert.Null(visitor.Clarifications.Single().ClarificationModeration);
        Assert.Equal(buyerNotices, (await Grains.NoticesAsync(buyer)).Count);
        var answerRecord = new ModerationRecord([
            new ModerationStep(ModerationAction.Hidden, staff.UserId, "Sam Staff", hiddenAt, "Hid the wrong answer."),
            new ModerationStep(ModerationAction.ShownAgain, other.UserId, "Tess Staff", fixture.Clock.GetUtcNow(), "The answer breaks no rule."),
        ]);
        Assert.Equal(answerRecord, staffView.Questions.Single().AnswerModeration);
        Assert.Equal(
            [ModerationAction.Hidden, ModerationAction.ShownAgain],
            staffView.Clarifications.Single().ClarificationModeration!.Steps.Select(s => s.Action));

        var now = fixture.Clock.GetUtcNow();
        await fixture.RestartClusterAsync();
        fixture.Clock.SetUtcNow(now);
        // References belong to the cluster's client; the restarted cluster has a new one.
        questions = Grains.GetGrain<IProjectQuestionsGrain>(Project(questions));

        var afterRestart = await questions.GetAsync(staff);
        Assert.Equal(answerRecord, afterRestart.Questions.Single().AnswerModeration);
        Assert.Equal(staffView.Clarifications.Single().ClarificationModeration, afterRestart.Clarifications.Single().ClarificationModeration);
        Assert.Single((await questions.GetAsync(Visitor)).Answered);
    }

    [Fact]
    public async Task Showing_again_is_for_active_staff_only_needs_a_note_repeats_quietly_and_refuses_what_is_not_hidden()
    {
        var (buyer, questions) = await OpenAsync();
        var staff = await Grains.StaffAsync();
        var asker = await Grains.CreativeAsync();
        var asked = await questions.AskAsync(asker, "Is a mascot welcome?");
        await questions.AnswerAsync(buyer, asked.Number, "Yes.");
        await questions.HideAsync(staff, HiddenPart.Answer, asked.Number, "Mistake.");
        var forged = new Actor(asker.UserId, asker.Roles | UserRoles.Staff);

        foreach (var refused in new[] { buyer, asker, forged })
        {
            await Refused.WithAsync(ErrorKind.Forbidden, () => questions.ShowAgainAsync(refused, HiddenPart.Answer, asked.Number, "Show it."));
        }

        await Refused.WithAsync(ErrorKind.Invalid, () => questions.ShowAgainAsync(staff, HiddenPart.Answer, asked.Number, " "));
        Assert.Equal("Question #1 is not hidden; only its answer is. Show the answer again instead.",
            await Refused.WithAsync(ErrorKind.Conflict, () => questions.ShowAgainAsync(staff, HiddenPart.Question, asked.Number, "Show it.")));
        Assert.Equal("There is no clarification #1 on this project.",
            await Refused.WithAsync(ErrorKind.NotFound, () => questions.ShowAgainAsync(staff, HiddenPart.Clarification, 1, "Show it.")));
        await questions.ClarifyAsync(buyer, "Square formats only.");
        Assert.Equal("Clarification #1 is not hidden, so there is nothing to show again.",
            await Refused.WithAsync(ErrorKind.Conflict, () => questions.ShowAgainAsync(staff, HiddenPart.Clarification, 1, "Show it.")));
        Assert.Empty((await questions.GetAsync(Visitor)).Answered);

        var first = await questions.ShowAgainAsync(staff, HiddenPart.Answer, asked.Number, "Show it.");
        var repeat = await questions.ShowAgainAsync(staff, HiddenPart.Answer, asked.Number, "Show it.");

        Assert.Equal(first.Questions.Single().AnswerModeration, repeat.Questions.Single().AnswerModeration);
        Assert.Equal(2, repeat.Questions.Single().AnswerModeration!.Steps.Count);
        Assert.Equal("The answer to question #1 is not hidden, so there is nothing to show again.",
            await Refused.WithAsync(ErrorKind.Conflict, () => questions.ShowAgainAsync(staff, HiddenPart.Answer, asked.Number, "Another note.")));
    }

    private static string Project(IProjectQuestionsGrain questions) => questions.GetPrimaryKeyString();

    private async Task<(Actor Buyer, IProjectQuestionsGrain Questions)> OpenAsync()
    {
        var (buyer, project) = await fixture.BuyerWithOpenProjectAsync();
        return (buyer, Grains.GetGrain<IProjectQuestionsGrain>(project.Id));
    }
}

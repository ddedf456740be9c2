using Marketplace.Contracts.Entries;
using Marketplace.Contracts.Notifications;
using Marketplace.Contracts.Projects;
using Marketplace.Contracts.Questions;
using Marketplace.Contracts.Users;

namespace Marketplace.Grains.Tests.Questions;

/// <summary>
/// Questions about a brief and the buyer's clarifications: who may ask and answer, the per-creative cap, who sees what
/// before and after an answer, who is told (once), staff hiding, and the buyer's calls to answer ending.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class BriefQuestionTests(ClusterFixture fixture)
{
    private const string Title = "“A logo for Bread & Butter”";
    private static readonly Actor Visitor = new("visitor", UserRoles.None);

    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task Only_an_active_creative_other_than_the_buyer_asks_and_only_while_entries_are_open()
    {
        var (buyer, project, questions) = await OpenAsync();
        var staff = await Grains.StaffAsync();
        var removed = await Grains.CreativeAsync();
        await Grains.GetGrain<IUserGrain>(removed.UserId).RemoveAsync(staff, "Spam.");
        var suspended = await Grains.CreativeAsync();
        await Grains.GetGrain<IUserGrain>(suspended.UserId).SuspendAsync(staff, "Spam.");
        var bothRoles = await Grains.RegisterAsync(ClusterFixture.NewId("both"), "Bo Both", UserRoles.Buyer | UserRoles.Creative);
        var ownBrief = bothRoles;
        var ownProject = await fixture.OpenProjectAsync(ownBrief);

        Assert.Equal("This is your own brief. To tell creatives more, add a clarification instead.",
            await Refused.WithAsync(ErrorKind.Forbidden, () => Grains.GetGrain<IProjectQuestionsGrain>(ownProject.Id).AskAsync(ownBrief, "Can I?")));
        await Refused.WithAsync(ErrorKind.Forbidden, () => questions.AskAsync(buyer, "Is this mine?"));
        Assert.Contains("removed", await Refused.WithAsync(ErrorKind.Forbidden, () => questions.AskAsync(removed, "Still here?")), StringComparison.Ordinal);
        Assert.Contains("suspended", await Refused.WithAsync(ErrorKind.Forbidden, () => questions.AskAsync(suspended, "Still here?")), StringComparison.Ordinal);
        await Refused.WithAsync(ErrorKind.Forbidden, () => questions.AskAsync(staff, "A staff question?"));
        var someone = await Grains.CreativeAsync();
        await Refused.WithAsync(ErrorKind.Invalid, () => questions.AskAsync(someone, "   "));
        Assert.Equal("Your question is too long (at most 1000 characters).",
            await Refused.WithAsync(ErrorKind.Invalid, () => questions.AskAsync(someone, new string('x', 1001))));

        var draft = Grains.GetGrain<IProjectGrain>(ClusterFixture.NewId("project"));
        await draft.CreateAsync(buyer, Scenarios.Draft(fixture.Clock.GetUtcNow()));
        await Refused.WithAsync(ErrorKind.NotFound, async () => await Grains.GetGrain<IProjectQuestionsGrain>(draft.GetPrimaryKeyString()).AskAsync(await Grains.CreativeAsync(), "A draft?"));

        var entrant = await Grains.CreativeAsync();
        await fixture.SubmitAsync(entrant, project.Id);
        var selecting = await fixture.CloseEntriesAsync(project.Id);
        Assert.Equal($"Entries to {Title} closed on {NoticeText.When(selecting.EntryDeadline)}, so the buyer no longer takes questions.",
            await Refused.WithAsync(ErrorKind.Conflict, () => questions.AskAsync(entrant, "Too late?")));
        Assert.Empty((await questions.GetAsync(buyer)).Questions);
    }

    [Fact]
    public async Task A_creative_may_have_only_the_configured_number_of_questions_waiting_and_an_answer_frees_a_place()
    {
        var (buyer, _, questions) = await OpenAsync();
        var creative = await Grains.CreativeAsync();
        var first = await questions.AskAsync(creative, "Are the colours fixed?");
        var again = await questions.AskAsync(creative, "Are the colours fixed?");
        await questions.AskAsync(creative, "Can the name be stacked?");
        await questions.AskAsync(creative, "Does it go on cups?");

        var refused = await Refused.WithAsync(ErrorKind.Conflict, () => questions.AskAsync(creative, "And on vans?"));
        Assert.Equal($"You already have 3 questions waiting for the buyer of {Title}. You can ask another once one is answered; the answers so far are on the project page.", refused);
        Assert.Equal(first.Number, again.Number);
        Assert.NotNull(await questions.AskAsync(await Grains.CreativeAsync(), "Someone else may still ask?"));

        await questions.AnswerAsync(buyer, first.Number, "Earthy colours, one accent at most.");
        var fourth = await questions.AskAsync(creative, "And on vans?");
        Assert.Equal(5, fourth.Number);
        Assert.Equal(3, (await questions.GetAsync(creative)).YourUnanswered);
    }

    [Fact]
    public async Task An_unanswered_question_is_seen_by_the_buyer_its_asker_and_staff_and_its_answer_by_everyone_without_the_askers_name()
    {
        var (buyer, _, questions) = await OpenAsync();
        var asker = await Grains.CreativeAsync("Ana Asker");
        var other = await Grains.CreativeAsync();
        var staff = await Grains.StaffAsync();
        var asked = await questions.AskAsync(asker, "Can the name be stacked?");

        Assert.Empty((await questions.GetAsync(other)).Questions);
        Assert.Empty((await questions.GetAsync(Visitor)).Questions);
        Assert.True(Assert.Single((await questions.GetAsync(asker)).Questions).Yours);
        Assert.Equal(QuestionStatus.Unanswered, Assert.Single((await questions.GetAsync(buyer)).Questions).Status);
        Assert.Equal("Ana Asker", Assert.Single((await questions.GetAsync(staff)).Questions).AskerName);

        await questions.AnswerAsync(buyer, asked.Number, "Yes, stacked is fine.");

        foreach (var reader in new[] { other, Visitor, buyer, asker })
        {
            var seen = Assert.Single((await questions.GetAsync(reader)).Answered);
            Assert.Equal(("Can the name be stacked?", "Yes, stacked is fine."), (seen.Text, seen.Answer));
            Assert.Null(seen.AskerName);
        }
    }

    [Fact]
    public async Task An_answer_tells_the_asker_and_every_creative_still_in_the_running_once_and_ends_the_buyers_call()
    {
        var (buyer, project, questions) = await OpenAsync();
        var asker = await Grains.CreativeAsync();
        var entrant = await Grains.CreativeAsync();
        var declined = await Grains.CreativeAsync();
        var bystander = await Grains.CreativeAsync();
        await fixture.SubmitAsync(asker, project.Id);
        await fixture.SubmitAsync(entrant, project.Id);
        await fixture.SubmitAsync(entrant, project.Id);
        await Grains.GetGrain<IEntryGrain>((await fixture.SubmitAsync(declined, project.Id)).Id).DeclineAsync(buyer, null);
        var asked = await questions.AskAsync(asker, "Are the colours fixed?");
        var call = Assert.Single(await Grains.NoticesAsync(buyer), n => n.Kind == NotificationKinds.Question);
        Assert.True(call.Asks);
        Assert.Equal($"A creative asked about the brief of {Title}: “Are the colours fixed?” Answer it on the project page, where every creative will read your answer, or set it aside.", call.Text);

        await questions.AnswerAsync(buyer, asked.Number, "Earthy first.");
        await questions.AnswerAsync(buyer, asked.Number, "Earthy first.");

        Assert.Equal($"The buyer of {Title} answered your question: “Earthy first.” Every creative now reads it under the brief.",
            Assert.Single(await Grains.NoticesAsync(asker), n => n.Kind == NotificationKinds.QuestionAnswered).Text);
        Assert.Equal($"The buyer of {Title} answered a question about the brief. Asked: “Are the colours fixed?” Answer: “Earthy first.” Check your entry against it; you can revise it until a winner is chosen.",
            Assert.Single(await Grains.NoticesAsync(entrant), n => n.Kind == NotificationKinds.QuestionAnswered).Text);
        Assert.DoesNotContain(await Grains.NoticesAsync(declined), n => n.Kind == NotificationKinds.QuestionAnswered);
        Assert.DoesNotContain(await Grains.NoticesAsync(bystander), n => n.Kind == NotificationKinds.QuestionAnswered);
        var ended = Assert.Single(await Grains.NoticesAsync(buyer), n => n.Kind == NotificationKinds.Question);
        Assert.False(ended.Asks);
        Assert.Equal($"A creative asked about the brief of {Title}: “Are the colours fixed?”", ended.Text);
        Assert.Contains("already answered", await Refused.WithAsync(ErrorKind.Conflict, () => questions.AnswerAsync(buyer, asked.Number, "Something else.")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_buyer_answers_and_staff_cannot_answer_for_them()
    {
        var (buyer, _, questions) = await OpenAsync();
        var asker = await Grains.CreativeAsync();
        var asked = await questions.AskAsync(asker, "Is the tagline required?");

        var staffRefusal = await Refused.WithAsync(ErrorKind.Forbidden, async () => await questions.AnswerAsync(await Grains.StaffAsync(), asked.Number, "Yes."));
        await Refused.WithAsync(ErrorKind.Forbidden, () => questions.AnswerAsync(asker, asked.Number, "Yes."));
        await Refused.WithAsync(ErrorKind.Forbidden, async () => await questions.AnswerAsync(await Grains.BuyerAsync(), asked.Number, "Yes."));
        await Refused.WithAsync(ErrorKind.Invalid, () => questions.AnswerAsync(buyer, asked.Number, ""));
        await Refused.WithAsync(ErrorKind.Invalid, () => questions.AnswerAsync(buyer, asked.Number, new string('a', 2001)));
        await Refused.WithAsync(ErrorKind.NotFound, () => questions.AnswerAsync(buyer, 99, "Yes."));

        Assert.StartsWith("It is the buyer's brief, so only the buyer answers or clarifies it.", staffRefusal, StringComparison.Ordinal);
        Assert.Equal(QuestionStatus.Unanswered, Assert.Single((await questions.GetAsync(buyer)).Questions).Status);
    }

    [Fact]
    public async Task A_question_set_aside_tells_only_its_asker_stays_private_and_ends_the_buyers_call()
    {
        var (buyer, project, questions) = await OpenAsync();
        var asker = await Grains.CreativeAsync();
        var entrant = await Grains.CreativeAsync();
        await fixture.SubmitAsync(entrant, project.Id);
        var asked = await questions.AskAsync(asker, "Can you share your budget for printing?");

        await questions.SetAsideAsync(buyer, asked.Number);
        await questions.SetAsideAsync(buyer, asked.Number);

        Assert.Equal($"The buyer of {Title} read your question “Can you share your budget for printing?” but did not answer it publicly. Design to the brief as written and the answers on the project page.",
            Assert.Single(await Grains.NoticesAsync(asker), n => n.Kind == NotificationKinds.QuestionSetAside).Text);
        Assert.DoesNotContain(await Grains.NoticesAsync(entrant), n => n.Kind is NotificationKinds.QuestionSetAside or NotificationKinds.QuestionAnswered);
        Assert.Empty((await questions.GetAsync(entrant)).Questions);
        Assert.Equal(QuestionStatus.SetAside, Assert.Single((await questions.GetAsync(asker)).Questions).Status);
        Assert.False(Assert.Single(await Grains.NoticesAsync(buyer), n => n.Kind == NotificationKinds.Question).Asks);
        await Refused.WithAsync(ErrorKind.Conflict, () => questions.AnswerAsync(buyer, asked.Number, "Fine, then."));
    }

    [Fact]
    public async Task A_clarification_tells_creatives_in_the_running_and_askers_once_each_and_only_while_open()
    {
        var (buyer, project, questions) = await OpenAsync();
        var entrantWhoAsked = await Grains.CreativeAsync();
        var entrant = await Grains.CreativeAsync();
        var askerOnly = await Grains.CreativeAsync();
        var bystander = await Grains.CreativeAsync();
        await fixture.SubmitAsync(entrantWhoAsked, project.Id);
        await fixture.SubmitAsync(entrant, project.Id);
        await questions.AskAsync(entrantWhoAsked, "Dark backgrounds?");
        await questions.AskAsync(askerOnly, "Cups too?");

        var posted = await questions.ClarifyAsync(buyer, "The shop front is dark green.");
        await questions.ClarifyAsync(buyer, "The shop front is dark green.");

        foreach (var told in new[] { entrantWhoAsked, entrant })
        {
            Assert.Equal($"The buyer of {Title} added a clarification to the brief: “The shop front is dark green.” Check your entry against it; you can revise it until a winner is chosen.",
                Assert.Single(await Grains.NoticesAsync(told), n => n.Kind == NotificationKinds.Clarification).Text);
        }

        Assert.EndsWith("Read it with the brief before you enter.", Assert.Single(await Grains.NoticesAsync(askerOnly), n => n.Kind == NotificationKinds.Clarification).Text, StringComparison.Ordinal);
        Assert.DoesNotContain(await Grains.NoticesAsync(bystander), n => n.Kind == NotificationKinds.Clarification);
        Assert.DoesNotContain(await Grains.NoticesAsync(buyer), n => n.Kind == NotificationKinds.Clarification);
        var seen = Assert.Single((await questions.GetAsync(Visitor)).Clarifications);
        Assert.Equal((posted.Number, "The shop front is dark green.", fixture.Clock.GetUtcNow()), (seen.Number, seen.Text, seen.PostedAt));
        await Refused.WithAsync(ErrorKind.Forbidden, async () => await questions.ClarifyAsync(await Grains.StaffAsync(), "Staff words."));
        await Refused.WithAsync(ErrorKind.Forbidden, () => questions.ClarifyAsync(entrant, "Creative words."));

        await fixture.CloseEntriesAsync(project.Id);
        Assert.EndsWith("so a clarification would come too late for new entries.", await Refused.WithAsync(ErrorKind.Conflict, () => questions.ClarifyAsync(buyer, "Late words.")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_hide_a_question_an_answer_or_a_clarification_with_a_reason_only_staff_read()
    {
        var (buyer, _, questions) = await OpenAsync();
        var staff = await Grains.StaffAsync();
        var asker = await Grains.CreativeAsync();
        var rude = await questions.AskAsync(asker, "Call me on 555-0100 instead?");
        var answered = await questions.AskAsync(asker, "Are the colours fixed?");
        await questions.AnswerAsync(buyer, answered.Number, "Email me at bea@example.com.");
        var kept = await questions.AskAsync(await Grains.CreativeAsync(), "Stacked name?");
        await questions.AnswerAsync(buyer, kept.Number, "Yes.");
        await questions.ClarifyAsync(buyer, "Visit my shop at 3 Mill Lane for a discount.");

        await Refused.WithAsync(ErrorKind.Forbidden, () => questions.HideAsync(buyer, HiddenPart.Question, rude.Number, "Mine."));
        await Refused.WithAsync(ErrorKind.Invalid, () => questions.HideAsync(staff, HiddenPart.Question, rude.Number, " "));
        await Refused.WithAsync(ErrorKind.Conflict, () => questions.HideAsync(staff, HiddenPart.Answer, rude.Number, "No answer yet."));
        await questions.HideAsync(staff, HiddenPart.Question, rude.Number, "Contact details off the site.");
        await questions.HideAsync(staff, HiddenPart.Answer, answered.Number, "Contact details off the site.");
        var staffView = await questions.HideAsync(staff, HiddenPart.Clarification, 1, "Advertising.");

        foreach (var reader in new[] { Visitor, asker, buyer })
        {
            var view = await questions.GetAsync(reader);
            Assert.Equal([kept.Number], view.Questions.Select(q => q.Number));
            Assert.Empty(view.Clarifications);
        }

        Assert.Equal("Contact details off the site.", staffView.Questions.Single(q => q.Number == rude.Number).QuestionHidden!.Reason);
        Assert.Equal(staff.UserId, staffView.Questions.Single(q => q.Number == answered.Number).AnswerHidden!.StaffId);
        Assert.Equal("Advertising.", Assert.Single(staffView.Clarifications).Hidden!.Reason);
        Assert.False(Assert.Single(await Grains.NoticesAsync(buyer), n => n.Id.EndsWith($"/question/{rude.Number}", StringComparison.Ordinal)).Asks);
        Assert.Equal(0, (await questions.GetAsync(asker)).YourUnanswered);
    }

    [Fact]
    public async Task The_buyers_calls_to_answer_end_when_the_project_is_awarded()
    {
        var buyer = await Grains.BuyerAsync();
        var project = await fixture.OpenProjectAsync(buyer, Scenarios.Draft(fixture.Clock.GetUtcNow(), allowEarlyAward: true));
        var questions = Grains.GetGrain<IProjectQuestionsGrain>(project.Id);
        var creative = await Grains.CreativeAsync();
        var entry = await fixture.SubmitAsync(creative, project.Id);
        var asked = await questions.AskAsync(await Grains.CreativeAsync(), "Any colours to avoid?");
        await questions.AskAsync(await Grains.CreativeAsync(), "Is a mascot welcome?");
        Assert.All((await Grains.NoticesAsync(buyer)).Where(n => n.Kind == NotificationKinds.Question), n => Assert.True(n.Asks));

        await Grains.GetGrain<IProjectGrain>(project.Id).AwardAsync(buyer, entry.Id);

        var calls = (await Grains.NoticesAsync(buyer)).Where(n => n.Kind == NotificationKinds.Question).ToList();
        Assert.Equal(2, calls.Count);
        Assert.All(calls, n => Assert.False(n.Asks));
        Assert.Contains("awarded", await Refused.WithAsync(ErrorKind.Conflict, () => questions.AnswerAsync(buyer, asked.Number, "Red.")), StringComparison.Ordinal);
        Assert.False((await questions.GetAsync(buyer)).Answering);
    }

    private async Task<(Actor Buyer, ProjectView Project, IProjectQuestionsGrain Questions)> OpenAsync()
    {
        var (buyer, project) = await fixture.BuyerWithOpenProjectAsync();
        return (buyer, project, Grains.GetGrain<IProjectQuestionsGrain>(project.Id));
    }

}

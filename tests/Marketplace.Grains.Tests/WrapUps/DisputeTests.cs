using Marketplace.Contracts.Escrow;
using Marketplace.Contracts.Mediation;
using Marketplace.Contracts.Projects;
using Marketplace.Contracts.WrapUps;
using Marketplace.Grains.WrapUps;

namespace Marketplace.Grains.Tests.WrapUps;

[Collection(ClusterCollection.Name)]
public sealed class DisputeTests(ClusterFixture fixture)
{
    private static readonly WrapUpOptions Limits = new();

    private async Task<Handover> DisputedAndClaimedAsync()
    {
        var h = await Handover.AwardedAsync(fixture);
        await h.DeliverAsync();
        await h.Grain.OpenDisputeAsync(h.Buyer, "The finals are not the winning design.", [new FinalFile(Finals.Stored("screenshot.png", "image/png", "evidence"), null)]);
        await h.Grain.AnswerDisputeAsync(h.Creative, "They are exactly the winning design.", []);
        await h.Grain.ClaimAsync(h.Staff);
        return h;
    }

    public static TheoryData<WrapUpOutcome, long, long, ProjectState> Outcomes => new()
    {
        { WrapUpOutcome.Completed, 50_000, 0, ProjectState.Completed },
        { WrapUpOutcome.Split, 20_000, 30_000, ProjectState.Completed },
        { WrapUpOutcome.Refunded, 0, 50_000, ProjectState.Refunded },
        { WrapUpOutcome.AwardAnother, 0, 0, ProjectState.Selecting },
        { WrapUpOutcome.Reopened, 0, 0, ProjectState.Open },
    };

    [Theory]
    [MemberData(nameof(Outcomes))]
    public async Task Each_decided_outcome_moves_escrow_once_and_tells_the_project(WrapUpOutcome outcome, long toCreative, long refunded, ProjectState projectState)
    {
        var h = await DisputedAndClaimedAsync();
        var decision = new Resolution(outcome, outcome == WrapUpOutcome.Split ? new Money(toCreative, "EUR") : null);

        var decided = await h.Grain.DecideOutcomeAsync(h.Staff, decision, "Decided on the evidence.");
        var retried = await h.Grain.DecideOutcomeAsync(h.Staff, decision, "Decided on the evidence.");

        Assert.Equal(outcome, decided.Outcome);
        Assert.Equal(decided.Timeline.Count, retried.Timeline.Count);
        var statement = await h.Escrow.GetStatementAsync();
        Assert.Equal(toCreative, statement.ReleasedToCreative.Minor + statement.Fees.Minor);
        Assert.Equal(refunded, statement.Refunded.Minor);
        Assert.Equal(Handover.Prize.Minor - toCreative - refunded, statement.Held.Minor);
        Assert.Equal(statement.Funded.Minor, statement.ReleasedToCreative.Minor + statement.Fees.Minor + statement.Refunded.Minor + statement.Held.Minor);
        Assert.Equal(projectState, (await h.Project.GetAsync(h.Buyer)).State);
        Assert.Null(await h.QueuedCaseAsync());
        await Refused.WithAsync(ErrorKind.Conflict, () => h.Grain.DecideOutcomeAsync(h.Staff, new Resolution(WrapUpOutcome.Refunded == outcome ? WrapUpOutcome.Completed : WrapUpOutcome.Refunded), "Changed my mind."));
        Assert.Equal(statement.Movements.Count, (await h.Escrow.GetStatementAsync()).Movements.Count);
    }

    [Fact]
    public async Task Award_another_lets_the_buyer_pick_a_new_winner_in_a_new_attempt_paid_from_the_same_escrow()
    {
        var buyer = await fixture.Grains.BuyerAsync();
        var first = await fixture.Grains.CreativeAsync("First Place");
        var second = await fixture.Grains.CreativeAsync("Second Place");
        var staff = await fixture.Grains.StaffAsync();
        var opened = await fixture.OpenProjectAsync(buyer);
        var firstEntry = await fixture.SubmitAsync(first, opened.Id);
        var secondEntry = await fixture.SubmitAsync(second, opened.Id);
        await fixture.CloseEntriesAsync(opened.Id);
        var project = fixture.Grains.GetGrain<IProjectGrain>(opened.Id);
        var award = await project.AwardAsync(buyer, firstEntry.Id);
        var h = Handover.Of(fixture, award, buyer, first, staff);
        await h.Grain.OpenDisputeAsync(buyer, "The winner stopped answering.", []);
        await h.Grain.AnswerDisputeAsync(first, "I cannot finish it.", []);
        await h.Grain.ClaimAsync(staff);

        await h.Grain.DecideOutcomeAsync(staff, new Resolution(WrapUpOutcome.AwardAnother), "The winner cannot deliver.");
        var again = await project.AwardAsync(buyer, secondEntry.Id);
        var next = h with { Id = again.WrapUpId, Creative = second };
        await next.DeliverAsync();
        await next.AdvanceAsync(Limits.AutoReleaseAfter);

        Assert.NotEqual(award.WrapUpId, again.WrapUpId);
        Assert.Equal(WrapUpOutcome.AwardAnother, (await h.Grain.GetAsync(buyer)).Outcome);
        Assert.Equal(WrapUpOutcome.Completed, (await next.Grain.GetAsync(buyer)).Outcome);
        var statement = await h.Escrow.GetStatementAsync();
        Assert.Equal(0, statement.Held.Minor);
        Assert.All(statement.Movements.Where(m => m.Kind == EscrowMovementKind.ReleasedToCreative), m => Assert.Equal(second.UserId, m.PartyId));
        Assert.Equal(ProjectState.Completed, (await project.GetAsync(buyer)).State);
    }

    [Fact]
    public async Task Silence_decides_a_dispute_for_the_buyer_who_filed_it()
    {
        var h = await Handover.AwardedAsync(fixture);
        await h.DeliverAsync();
        var opened = await h.Grain.OpenDisputeAsync(h.Buyer, "Nothing like the brief.", []);
        Assert.Equal(WaitingOn.Creative, opened.WaitingOn);
        Assert.Equal(Limits.DisputeAnswerWithin, Assert.Single(opened.Deadlines, d => d.Kind == WrapUpDeadlineKind.DisputeAnswer).TimeLeft);
        Assert.Contains(MediationReason.Disputed, (await h.QueuedCaseAsync())!.Case.Reasons);

        await h.AdvanceAsync(Limits.DisputeAnswerWithin);

        var view = await h.Grain.GetAsync(h.Buyer);
        Assert.Equal(WrapUpOutcome.Refunded, view.Outcome);
        Assert.Contains(view.Timeline, t => t.Kind == nameof(DisputeDefaulted));
        Assert.Equal(Handover.Prize, (await h.Escrow.GetStatementAsync()).Refunded);
        await Refused.WithAsync(ErrorKind.Conflict, () => h.Grain.AnswerDisputeAsync(h.Creative, "Too late", []));
    }

    [Fact]
    public async Task Silence_decides_a_dispute_for_the_creative_who_filed_it()
    {
        var h = await Handover.AwardedAsync(fixture);
        await h.DeliverAsync();
        await h.Grain.OpenDisputeAsync(h.Creative, "The buyer uses the design but will not approve.", []);

        await h.AdvanceAsync(Limits.DisputeAnswerWithin);

        Assert.Equal(WrapUpOutcome.Completed, (await h.Grain.GetAsync(h.Creative)).Outcome);
        Assert.Equal(0, (await h.Escrow.GetStatementAsync()).Held.Minor);
    }

    [Fact]
    public async Task An_answer_in_time_leaves_the_decision_to_staff()
    {
        var h = await Handover.AwardedAsync(fixture);
        await h.Grain.OpenDisputeAsync(h.Creative, "No feedback for weeks.", []);
        await Refused.WithAsync(ErrorKind.Forbidden, () => h.Grain.AnswerDisputeAsync(h.Creative, "Answering myself", []));
        await Refused.WithAsync(ErrorKind.Conflict, () => h.Grain.OpenDisputeAsync(h.Buyer, "Counter-dispute", []));

        await h.Grain.AnswerDisputeAsync(h.Buyer, "I was on holiday.", []);
        await h.AdvanceAsync(Limits.DisputeAnswerWithin * 2);

        var view = await h.Grain.GetAsync(h.Staff);
        Assert.Null(view.Outcome);
        Assert.Equal(DisputeStage.AwaitingStaff, view.Dispute!.Stage);
        Assert.Equal(WaitingOn.Staff, view.WaitingOn);
    }

    [Fact]
    public async Task A_proposal_both_parties_accept_settles_the_dispute()
    {
        var h = await DisputedAndClaimedAsync();
        var split = new Resolution(WrapUpOutcome.Split, new Money(25_000, "EUR"));

        var proposed = await h.Grain.ProposeOutcomeAsync(h.Staff, split, "Half the work was done.");
        Assert.Equal(DisputeStage.ProposalPending, proposed.Dispute!.Stage);
        Assert.Equal(split, proposed.Proposal!.Resolution);
        await h.Grain.RespondToProposalAsync(h.Buyer, true, "Fair.");
        Assert.Null((await h.Grain.GetAsync(h.Buyer)).Outcome);
        var settled = await h.Grain.RespondToProposalAsync(h.Creative, true, null);

        Assert.Equal(WrapUpOutcome.Split, settled.Outcome);
        var statement = await h.Escrow.GetStatementAsync();
        Assert.Equal(25_000, statement.Refunded.Minor);
        Assert.Equal(0, statement.Held.Minor);
    }

    [Fact]
    public async Task A_declined_or_expired_proposal_goes_back_to_staff()
    {
        var h = await DisputedAndClaimedAsync();
        await h.Grain.ProposeOutcomeAsync(h.Staff, new Resolution(WrapUpOutcome.Refunded), "The files are wrong.");
        await Refused.WithAsync(ErrorKind.Conflict, () => h.Grain.ProposeOutcomeAsync(h.Staff, new Resolution(WrapUpOutcome.Completed), "Another"));

        var declined = await h.Grain.RespondToProposalAsync(h.Creative, false, "No.");
        Assert.Equal(DisputeStage.AwaitingStaff, declined.Dispute!.Stage);
        Assert.Null(declined.Proposal);

        await h.Grain.ProposeOutcomeAsync(h.Staff, new Resolution(WrapUpOutcome.Completed), "The files match.");
        await h.Grain.RespondToProposalAsync(h.Creative, true, null);
        await h.AdvanceAsync(Limits.ProposalAnswerWithin);

        var expired = await h.Grain.GetAsync(h.Staff);
        Assert.Null(expired.Outcome);
        Assert.Equal(DisputeStage.AwaitingStaff, expired.Dispute!.Stage);
        Assert.Contains(expired.Timeline, t => t.Kind == nameof(ProposalExpired));
        await Refused.WithAsync(ErrorKind.Conflict, () => h.Grain.RespondToProposalAsync(h.Buyer, true, null));
    }

    [Fact]
    public async Task Outcomes_are_refused_to_parties_non_holders_and_without_a_dispute()
    {
        var plain = await Handover.AwardedAsync(fixture);
        await plain.CaseClaimedAsync();
        await Refused.WithAsync(ErrorKind.Conflict, () => plain.Grain.DecideOutcomeAsync(plain.Staff, new Resolution(WrapUpOutcome.Refunded), "No dispute"));

        var h = await DisputedAndClaimedAsync();
        var other = await fixture.Grains.StaffAsync("Olga Other");
        await Refused.WithAsync(ErrorKind.Forbidden, () => h.Grain.DecideOutcomeAsync(h.Buyer, new Resolution(WrapUpOutcome.Refunded), "Me"));
        await Refused.WithAsync(ErrorKind.Forbidden, () => h.Grain.DecideOutcomeAsync(h.Creative, new Resolution(WrapUpOutcome.Completed), "Me"));
        await Refused.WithAsync(ErrorKind.Conflict, () => h.Grain.DecideOutcomeAsync(other, new Resolution(WrapUpOutcome.Refunded), "Not mine"));
        await Refused.WithAsync(ErrorKind.Invalid, () => h.Grain.DecideOutcomeAsync(h.Staff, new Resolution(WrapUpOutcome.Split, Handover.Prize), "All of it"));
        await Refused.WithAsync(ErrorKind.Invalid, () => h.Grain.DecideOutcomeAsync(h.Staff, new Resolution(WrapUpOutcome.Split, new Money(100, "USD")), "Wrong money"));
        await Refused.WithAsync(ErrorKind.Invalid, () => h.Grain.DecideOutcomeAsync(h.Staff, new Resolution(WrapUpOutcome.Refunded), " "));
        await Refused.WithAsync(ErrorKind.Forbidden, () => h.Grain.ProposeOutcomeAsync(h.Buyer, new Resolution(WrapUpOutcome.Refunded), "Me"));
        await Refused.WithAsync(ErrorKind.Conflict, () => h.Grain.CloseMediationAsync(h.Staff, "Dispute still open"));
        Assert.Equal(Handover.Prize, (await h.Escrow.GetStatementAsync()).Held);
    }
}

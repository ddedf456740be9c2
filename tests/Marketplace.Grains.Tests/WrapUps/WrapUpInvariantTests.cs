using System.Text.Json;
using CsCheck;
using Marketplace.Contracts.Escrow;
using Marketplace.Contracts.Users;
using Marketplace.Contracts.WrapUps;
using Marketplace.Grains.WrapUps;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Xunit.Abstractions;

namespace Marketplace.Grains.Tests.WrapUps;

/// <summary>
/// Random sequences of party, staff and clock operations by random actors over two wrap-ups at a time; after every
/// step: a terminal wrap-up never changes, money is conserved and matches the outcome, the stored state is exactly the
/// fold of its journal, every on-behalf entry names the party, consent and reason, and the queue mirrors the case.
/// Refusals are expected (most random calls are wrong); anything that is not a <see cref="MarketplaceException"/> fails.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class WrapUpInvariantTests(ClusterFixture fixture, ITestOutputHelper output)
{
    public enum OpKind
    {
        Deliver, Approve, RequestChanges, Sign, Pause, Resume, Message, Help, Dispute, Answer, Respond,
        Claim, ReleaseClaim, Relay, QualityCheck, Previews, Link, Redeem, Extend, ReleasePayment, Close,
        Propose, Decide, ApproveForBuyer, SignForParty, DeliverForCreative, Advance, RemoveWinner,
    }

    /// <summary>
    /// One step: what, on which wrap-up, by whom (0 buyer, 1 creative, 2 staff, 3 other staff, 4 stranger, 5 system,
    /// 6 and up: whoever the operation belongs to, so sequences get far enough), and a free choice.
    /// </summary>
    public sealed record Op(OpKind Kind, int WrapUp, int Actor, int Choice)
    {
        public override string ToString() => $"{Kind}@{WrapUp} by {Actor} ({Choice})";
    }

    // Half the steps move a handover forward, so sequences reach the ends often enough to check them there.
    private static readonly Gen<OpKind> Kind = Gen.Frequency(
        (1, Gen.Enum<OpKind>()),
        (1, Gen.OneOf<OpKind>(OpKind.Deliver, OpKind.Approve, OpKind.Sign, OpKind.Advance, OpKind.Claim, OpKind.Decide, OpKind.ReleasePayment)));

    private static readonly Gen<Op> OneOp = Gen.Select(
        Kind,
        Gen.Int[0, 1], Gen.Int[0, 11], Gen.Int[0, 9],
        (kind, w, a, c) => new Op(kind, w, a, c));

    private int _ended;
    private int _mediated;

    [Fact]
    public async Task Random_operations_by_random_actors_keep_every_wrap_up_invariant()
    {
        await OneOp.Array[20, 50].SampleAsync(RunAsync, iter: 30, threads: 1, seed: null);
        output.WriteLine($"Sampled wrap-ups: {_ended} ended, {_mediated} mediated");

        // The sequences must reach the interesting states, or the invariants were checked on nothing.
        Assert.True(_ended > 0, "No sampled wrap-up ended.");
        Assert.True(_mediated > 0, "No sampled wrap-up was mediated.");
    }

    private static Actor Natural(Handover h, Op op) => op.Kind switch
    {
        OpKind.Deliver => h.Creative,
        OpKind.Approve or OpKind.RequestChanges or OpKind.Pause or OpKind.Resume => h.Buyer,
        OpKind.Sign or OpKind.Message or OpKind.Help or OpKind.Dispute or OpKind.Answer or OpKind.Respond => op.Choice % 2 == 0 ? h.Buyer : h.Creative,
        _ => h.Staff,
    };

    private async Task RunAsync(Op[] ops)
    {
        var handovers = new[] { await Handover.AwardedAsync(fixture), await Handover.AwardedAsync(fixture) };
        var otherStaff = await fixture.Grains.StaffAsync("Olga Other");
        var stranger = await fixture.Grains.CreativeAsync("Stan Stranger");
        var tokens = new List<string>[] { [], [] };
        var ended = new WrapUpView?[2];

        foreach (var op in ops)
        {
            var h = handovers[op.WrapUp];
            Actor[] actors = [h.Buyer, h.Creative, h.Staff, otherStaff, stranger, Actor.System];
            try
            {
                await ApplyAsync(h, op, op.Actor < actors.Length ? actors[op.Actor] : Natural(h, op), tokens[op.WrapUp]);
            }
            catch (MarketplaceException)
            {
                // A refusal is a valid answer to a random call; the invariants below must hold either way.
            }

            for (var i = 0; i < handovers.Length; i++)
            {
                ended[i] = await CheckInvariantsAsync(handovers[i], ended[i], op);
            }
        }

        _ended += ended.Count(e => e is not null);
        foreach (var h in handovers)
        {
            _mediated += (await h.Grain.GetAsync(h.Staff)).Timeline.Any(t => t.Kind == nameof(CaseClaimed)) ? 1 : 0;
        }
    }

    private async Task ApplyAsync(Handover h, Op op, Actor actor, List<string> tokens)
    {
        var grain = h.Grain;
        var version = new WrapUpOptions().AgreementVersion;
        var outcome = (WrapUpOutcome)(op.Choice % 5);
        var resolution = outcome == WrapUpOutcome.Split ? new Resolution(outcome, new Money(1_000 * (op.Choice + 1), "EUR")) : new Resolution(outcome);
        var party = op.Choice % 2 == 0 ? h.Buyer : h.Creative;
        switch (op.Kind)
        {
            case OpKind.Deliver: await grain.DeliverFilesAsync(actor, Finals.ForBrief("a"), null); break;
            case OpKind.Approve: await grain.ApproveAsync(actor, null); break;
            case OpKind.RequestChanges: await grain.RequestChangesAsync(actor, "Change it"); break;
            case OpKind.Sign: await grain.SignAgreementAsync(actor, version); break;
            case OpKind.Pause: await grain.PauseAutoReleaseAsync(actor, "Hold on"); break;
            case OpKind.Resume: await grain.ResumeAutoReleaseAsync(actor); break;
            case OpKind.Message: await grain.PostMessageAsync(actor, (MessageAudience)(op.Choice % 4), "Hello"); break;
            case OpKind.Help: await grain.RequestHelpAsync(actor, "Help"); break;
            case OpKind.Dispute: await grain.OpenDisputeAsync(actor, "Unhappy", []); break;
            case OpKind.Answer: await grain.AnswerDisputeAsync(actor, "Disagree", []); break;
            case OpKind.Respond: await grain.RespondToProposalAsync(actor, op.Choice % 3 != 0, null); break;
            case OpKind.Claim: await grain.ClaimAsync(actor); break;
            case OpKind.ReleaseClaim: await grain.ReleaseClaimAsync(actor); break;
            case OpKind.Relay: await grain.RelayMessageAsync(actor, party.UserId, "Relayed"); break;
            case OpKind.QualityCheck: await grain.RecordQualityCheckAsync(actor, [new QualityCheckItem("Opens", op.Choice > 2)], null); break;
            case OpKind.Previews: await grain.SendPreviewsToBuyerAsync(actor, null); break;
            case OpKind.Link:
                tokens.Add((await grain.CreateDeliveryLinkAsync(actor, new ThirdPartyRecipient("Printer", "p@example.com"), TimeSpan.FromDays(op.Choice + 1), h.For(h.Buyer))).Token);
                break;
            case OpKind.Redeem when tokens.Count > 0: await grain.RedeemDeliveryLinkAsync(tokens[op.Choice % tokens.Count], null); break;
            case OpKind.Extend: await grain.ExtendDeadlineAsync(actor, (WrapUpDeadlineKind)(op.Choice % 4), TimeSpan.FromDays(1), "More time"); break;
            case OpKind.ReleasePayment: await grain.ReleasePaymentAsync(actor, "Pay"); break;
            case OpKind.Close: await grain.CloseMediationAsync(actor, "Closed"); break;
            case OpKind.Propose: await grain.ProposeOutcomeAsync(actor, resolution, "Proposal"); break;
            case OpKind.Decide: await grain.DecideOutcomeAsync(actor, resolution, "Decision"); break;
            case OpKind.ApproveForBuyer: await grain.ApproveAsync(actor, null, h.For(party)); break;
            case OpKind.SignForParty: await grain.SignAgreementAsync(actor, version, h.For(party)); break;
            case OpKind.DeliverForCreative: await grain.DeliverFilesAsync(actor, Finals.ForBrief("b"), null, h.For(party)); break;
            case OpKind.Advance: await h.AdvanceAsync(TimeSpan.FromHours(12 * (op.Choice + 1))); break;
            case OpKind.RemoveWinner: await fixture.Grains.GetGrain<IUserGrain>(h.Creative.UserId).RemoveAsync(actor, "Policy"); break;
        }
    }

    private async Task<WrapUpView?> CheckInvariantsAsync(Handover h, WrapUpView? endedBefore, Op after)
    {
        var view = await h.Grain.GetAsync(h.Staff);
        var context = $"after {after} on {h.Id}";

        // A terminal wrap-up never changes: only a printer's download may still be recorded.
        if (endedBefore is not null)
        {
            Assert.True(view.Step == WrapUpStep.Ended && view.Outcome == endedBefore.Outcome, context);
            Assert.All(view.Timeline.Skip(endedBefore.Timeline.Count), t => Assert.Equal(nameof(DeliveryLinkRedeemed), t.Kind));
        }

        // Money is conserved, never negative, and matches the outcome.
        var money = await h.Escrow.GetStatementAsync();
        long released = money.ReleasedToCreative.Minor, fees = money.Fees.Minor, refunded = money.Refunded.Minor, held = money.Held.Minor;
        Assert.True(released >= 0 && fees >= 0 && refunded >= 0 && held >= 0, context);
        Assert.Equal(money.Funded.Minor, released + fees + refunded + held);
        Assert.Equal(money.Movements.Count, money.Movements.Select(m => (m.OperationId, m.Kind)).Distinct().Count());
        var prize = Handover.Prize.Minor;
        var (paidOut, back) = view.Outcome switch
        {
            WrapUpOutcome.Completed => (prize, 0L),
            WrapUpOutcome.Refunded => (0L, prize),
            WrapUpOutcome.Split => (released + fees, prize - released - fees),
            // The prize went back to the project, which refunds it whole once no entry is left to choose (the winner's
            // account removed afterwards) or its selection window runs out; it never pays anyone from here.
            WrapUpOutcome.AwardAnother or WrapUpOutcome.Reopened => (0L, refunded == prize ? prize : 0L),
            _ => (0L, 0L),
        };
        Assert.True(released + fees == paidOut && refunded == back, $"{context}: {view.Outcome} paid {released + fees} refunded {refunded}");

        // The stored state is exactly the fold of its journal (plus the notification cursor, which is no fact of the handover).
        var stored = await StoredStateAsync(h);
        var replayed = new WrapUpState { NotifiedThrough = stored.NotifiedThrough };
        foreach (var entry in stored.Journal)
        {
            replayed.Apply(entry);
        }

        Assert.Equal(JsonSerializer.Serialize(stored), JsonSerializer.Serialize(replayed));
        Assert.Equal(view.Timeline.Count, stored.Journal.Count);
        Assert.Equal(Enumerable.Range(1, stored.Journal.Count).Select(i => (long)i), stored.Journal.Select(e => e.Sequence));

        // Every on-behalf entry names the party, the consent and a reason, and was done by staff.
        Assert.All(stored.Journal.Where(e => e.OnBehalf is not null), e =>
        {
            Assert.Equal(WrapUpRoles.Staff, e.ActorRole);
            Assert.Contains(e.OnBehalf!.PartyId, new[] { view.BuyerId, view.CreativeId });
            Assert.False(string.IsNullOrWhiteSpace(e.OnBehalf.Consent.How));
            Assert.False(string.IsNullOrWhiteSpace(e.OnBehalf.Reason));
        });

        // The staff queue mirrors the case.
        Assert.Equal(view.Mediation?.ClaimedBy, (await h.QueuedCaseAsync())?.Case.ClaimedBy);
        Assert.Equal(view.Mediation is not null, await h.QueuedCaseAsync() is not null);

        return view.Step == WrapUpStep.Ended ? endedBefore ?? view : null;
    }

    private async Task<WrapUpState> StoredStateAsync(Handover h)
    {
        var storage = fixture.Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(StorageNames.GrainStorage);
        var state = new GrainState<WrapUpState>(new WrapUpState());
        await storage.ReadStateAsync("wrapup", h.Grain.GetGrainId(), state);
        return state.State ?? throw new InvalidOperationException($"No stored state for {h.Id}.");
    }
}

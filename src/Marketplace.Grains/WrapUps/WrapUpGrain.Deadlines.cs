using Marketplace.Contracts;
using Marketplace.Contracts.Escrow;
using Marketplace.Contracts.Mediation;
using Marketplace.Contracts.Projects;
using Marketplace.Contracts.WrapUps;

namespace Marketplace.Grains.WrapUps;

/// <summary>
/// Time and money: the durable reminder applies every passed deadline (automatic release, stall nudge and queue,
/// dispute default, proposal expiry), and a decided settlement moves escrow exactly once and tells the project once.
/// </summary>
public sealed partial class WrapUpGrain
{
    public const string DeadlinesReminder = "wrapup-deadlines";

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == DeadlinesReminder ? EvaluateDeadlinesAsync(Actor.System) : Task.CompletedTask;

    public async Task EvaluateDeadlinesAsync(Actor actor)
    {
        actor.RequireSystem("apply the handover's deadlines");
        if (State.Start is null)
        {
            return;
        }

        if (State.Settlement is null && !State.HasEnded)
        {
            ApplyPassedDeadlines(Now);
            await CommitAsync();
        }

        await SettleIfDecidedAsync();
        if (State.Case is not null)
        {
            await SyncQueueAsync(closed: false);
        }

        // Whatever an inbox could not take before (the entries past the cursor) is handed over again now.
        await HandOverNoticesAsync();
        await StopRemindingWhenDoneAsync();
    }

    private void ApplyPassedDeadlines(DateTimeOffset now)
    {
        if (State.AutoReleaseDueAt <= now && State.Dispute is null && !State.StaffSettle)
        {
            Record(Actor.System, WrapUpRoles.System, new AutoReleaseFired());
            Record(Actor.System, WrapUpRoles.System, new SettlementDecided(new Resolution(WrapUpOutcome.Completed)));
            return;
        }

        // With the buyer removed, a dispute ends by staff's decision, never by default (that would pay or refund unchecked).
        if (State.Dispute is { Stage: DisputeStage.AwaitingAnswer } dispute && dispute.AnswerDueAt <= now && State.BuyerRemovedReason is null)
        {
            var filerWins = dispute.FiledBy == Started.BuyerId ? WrapUpOutcome.Refunded : WrapUpOutcome.Completed;
            Record(Actor.System, WrapUpRoles.System, new DisputeDefaulted(dispute.FiledBy));
            Record(Actor.System, WrapUpRoles.System, new SettlementDecided(new Resolution(filerWins)));
            return;
        }

        if (State.Proposal is { } proposal && proposal.DueAt <= now)
        {
            Record(Actor.System, WrapUpRoles.System, new ProposalExpired());
        }

        ApplyStallLimits(now);
    }

    /// <summary>Past the first limit the waited-on party is nudged; past the second the case goes to the staff queue.</summary>
    private void ApplyStallLimits(DateTimeOffset now)
    {
        if (!State.StallClockRuns())
        {
            return;
        }

        var silentFor = now - State.ResponseClockSince - State.ResponseExtension;
        if (silentFor >= Options.NudgeAfter && !State.NudgeSent)
        {
            Record(Actor.System, WrapUpRoles.System, new Nudged(State.WaitsOn()));
        }

        if (silentFor >= Options.QueueAfter && State.Case?.Reasons.Contains(MediationReason.Stalled) != true)
        {
            Record(Actor.System, WrapUpRoles.System, new CaseOpened(MediationReason.Stalled));
        }
    }

    /// <summary>
    /// Runs a decided settlement to its end. The decision was written first, and escrow applies an operation id once,
    /// so a crash or failure anywhere here is healed by running it again (a retried call or the reminder).
    /// </summary>
    private async Task SettleIfDecidedAsync()
    {
        if (State.Settlement is not { } resolution)
        {
            return;
        }

        if (!State.HasEnded)
        {
            try
            {
                await MoveMoneyAsync(resolution);
            }
            catch (Exception e) when (e is not MarketplaceException)
            {
                // The decision is written; the reminder settles it with the same operation id.
                LogSettlementFailed(logger, e, Id, resolution.Outcome);
                return;
            }

            var prize = Started.Prize;
            var (paid, refunded) = resolution.Outcome switch
            {
                WrapUpOutcome.Completed => (prize, Money.Zero(prize.Currency)),
                WrapUpOutcome.Refunded => (Money.Zero(prize.Currency), prize),
                WrapUpOutcome.Split => (resolution.ToCreative!, prize.Minus(resolution.ToCreative!)),
                _ => (Money.Zero(prize.Currency), Money.Zero(prize.Currency)),
            };
            var names = resolution.Outcome == WrapUpOutcome.Completed ? await NamesAtCompletionAsync() : null;
            Record(Actor.System, WrapUpRoles.System, new Ended(resolution.Outcome, paid, refunded) { RecordNames = names });
            await CommitAsync();
            BuildFinalsZipAhead();
        }

        await InformProjectAsync();
    }

    private async Task MoveMoneyAsync(Resolution resolution)
    {
        var escrow = grains.GetGrain<IEscrowGrain>(Started.ProjectId);
        var operationId = $"{Id}/settlement";
        var prize = Started.Prize;
        switch (resolution.Outcome)
        {
            case WrapUpOutcome.Completed:
                await escrow.ReleaseToCreativeAsync(Actor.System, operationId, Started.CreativeId, prize);
                break;
            case WrapUpOutcome.Refunded:
                await escrow.RefundToBuyerAsync(Actor.System, operationId, prize);
                break;
            case WrapUpOutcome.Split:
                var split = fees.Value.Split(prize, resolution.ToCreative!);
                await escrow.SplitAsync(Actor.System, operationId, Started.CreativeId, split.CreativeShare, split.BuyerGetsBack);
                break;
            default:
                // Award another / reopen: the prize stays held for the next winner or the reopened contest.
                break;
        }
    }

    /// <summary>Tells the project the outcome once; a failure is retried by the reminder, which stops once told (and every notice handed over).</summary>
    private async Task InformProjectAsync()
    {
        if (State.ProjectWasInformed)
        {
            return;
        }

        try
        {
            await grains.GetGrain<IProjectGrain>(Started.ProjectId).WrapUpEndedAsync(Actor.System, Id, State.Outcome!.Value);
        }
        catch (Exception e)
        {
            LogProjectNotInformed(logger, e, Id, State.Outcome!.Value);
            return;
        }

        Record(Actor.System, WrapUpRoles.System, new ProjectInformed());
        await CommitAsync();
        await StopRemindingWhenDoneAsync();
    }

    /// <summary>An ended wrap-up keeps its reminder until the project was told and every notice was handed over.</summary>
    private async Task StopRemindingWhenDoneAsync()
    {
        if (State.ProjectWasInformed && !HasNoticesPending && await this.GetReminder(DeadlinesReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <summary>
    /// Writes the state, then mirrors the case into the staff queue (calls only go wrap-up → queue): refreshed while
    /// a case is open, removed when one of the new entries closed it; then hands the new entries' notices to the
    /// parties' inboxes (see <c>WrapUpGrain.Notifications</c>).
    /// </summary>
    private async Task CommitAsync()
    {
        var fresh = State.Journal.Skip(committedEntries).ToList();
        await wrapUp.SaveAsync(this);
        committedEntries = State.Journal.Count;
        if (State.Case is not null)
        {
            await SyncQueueAsync(closed: false);
        }
        else if (fresh.Any(e => e.Event is StallCleared or MediationClosed or Ended or ZipBuiltAfterFailing))
        {
            await SyncQueueAsync(closed: true);
        }

        await HandOverNoticesAsync();
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        committedEntries = State.Journal.Count;
        StartNoticeCursorIfMissing();
        return base.OnActivateAsync(cancellationToken);
    }

    private async Task SyncQueueAsync(bool closed)
    {
        var queue = grains.GetGrain<IMediationQueueGrain>(IMediationQueueGrain.Key);
        try
        {
            if (closed)
            {
                await queue.RemoveAsync(Actor.System, Id);
            }
            else
            {
                await queue.UpsertAsync(Actor.System, CaseForQueue(State.Case!));
            }
        }
        catch (Exception e)
        {
            LogQueueNotUpdated(logger, e, Id);
        }
    }

    private MediationCase CaseForQueue(CaseRecord c) => new(
        Id, Started.ProjectId, Started.ProjectTitle, Started.BuyerId, Started.CreativeId, c.Reasons, State.Step,
        State.WaitsOn(), c.OpenedAt, c.ClaimedBy, c.FirstStaffResponseAt, State.Dispute is not null) { Prize = Started.Prize };
}

using Marketplace.Contracts;
using Marketplace.Contracts.Mediation;
using Marketplace.Grains.WrapUps;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Marketplace.Grains.Mediation;

[GenerateSerializer]
public sealed class MediationQueueState
{
    [Id(0)] public Dictionary<string, MediationCase> Cases { get; set; } = [];
}

/// <summary>
/// The staff queue (key <see cref="IMediationQueueGrain.Key"/>): a list the wrap-ups keep up to date. It only stores
/// and sorts; the rules of each case live in its wrap-up grain.
/// </summary>
public sealed class MediationQueueGrain(
    [PersistentState("mediationqueue", StorageNames.GrainStorage)] IPersistentState<MediationQueueState> queue,
    IGrainFactory grains,
    [FromKeyedServices(MarketplaceClock.Key)] TimeProvider clock,
    IOptions<WrapUpOptions> options) : Grain, IMediationQueueGrain
{
    public async Task<IReadOnlyList<MediationCaseView>> ListAsync(Actor actor)
    {
        await grains.RequireStaffAsync(actor, "see the staff queue");
        var now = clock.GetUtcNow();
        return queue.State.Cases.Values
            .Select(c => ViewOf(c, now))
            .OrderByDescending(v => v.Overdue)
            .ThenBy(v => v.Case.OpenedAt)
            .ThenBy(v => v.Case.CaseId, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<MediationCaseView> GetCaseAsync(Actor actor, string caseId)
    {
        await grains.RequireStaffAsync(actor, "see a staff case");
        return queue.State.Cases.TryGetValue(caseId, out var found)
            ? ViewOf(found, clock.GetUtcNow())
            : throw MarketplaceException.NotFound("This case is not in the staff queue (it may have been resolved).");
    }

    public async Task UpsertAsync(Actor actor, MediationCase mediationCase)
    {
        actor.RequireSystem("change the staff queue");
        ArgumentNullException.ThrowIfNull(mediationCase);
        if (queue.State.Cases.TryGetValue(mediationCase.CaseId, out var existing) && Same(existing, mediationCase))
        {
            return;
        }

        queue.State.Cases[mediationCase.CaseId] = mediationCase;
        await queue.SaveAsync(this);
    }

    public async Task RemoveAsync(Actor actor, string caseId)
    {
        actor.RequireSystem("change the staff queue");
        if (queue.State.Cases.Remove(caseId))
        {
            await queue.SaveAsync(this);
        }
    }

    /// <summary>Overdue: no staff member responded (claimed or acted) within the response target since the case opened.</summary>
    private MediationCaseView ViewOf(MediationCase c, DateTimeOffset now)
    {
        var dueAt = c.OpenedAt + options.Value.StaffResponseTarget;
        return new MediationCaseView(c, now - c.OpenedAt, dueAt, c.FirstStaffResponseAt is null && now > dueAt);
    }

    private static bool Same(MediationCase a, MediationCase b) =>
        a with { Reasons = b.Reasons } == b && a.Reasons.SequenceEqual(b.Reasons);
}

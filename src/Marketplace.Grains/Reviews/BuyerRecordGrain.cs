using Marketplace.Contracts;
using Marketplace.Contracts.Reviews;
using Marketplace.Contracts.Users;

namespace Marketplace.Grains.Reviews;

[GenerateSerializer]
public sealed class BuyerRecordState
{
    /// <summary>Each contest that reached a result, by project id; a later result of the same contest replaces it.</summary>
    [Id(0)] public Dictionary<string, ContestResult> Results { get; set; } = [];
}

/// <summary>A buyer's record, told by their projects. Its only outward call is the buyer's card (read-only, interleaved).</summary>
public sealed class BuyerRecordGrain(
    [PersistentState("buyerRecord", StorageNames.GrainStorage)] IPersistentState<BuyerRecordState> record,
    IGrainFactory grains) : Grain, IBuyerRecordGrain
{
    public async Task<BuyerRecordView> GetAsync()
    {
        var card = await ActorChecks.CardOfAsync(grains, this.GetPrimaryKeyString());
        if (card is null || card.Status.IsGone())
        {
            throw MarketplaceException.NotFound("There is no buyer's record here. The account may have been closed.");
        }

        var results = record.State.Results.Values;
        return new BuyerRecordView(
            card.Id,
            card.DisplayName,
            results.Count,
            results.Count(r => r == ContestResult.WinnerChosen),
            results.Count(r => r == ContestResult.ClosedWithoutChoice));
    }

    public async Task RecordAsync(Actor actor, string projectId, ContestResult result)
    {
        actor.RequireSystem("record a contest's result");
        if (record.State.Results.TryGetValue(projectId, out var known) && known == result)
        {
            return;
        }

        record.State.Results[projectId] = result;
        await record.SaveAsync(this);
    }
}

namespace Marketplace.Contracts.Reviews;

/// <summary>
/// A buyer's record (key: user id): each of their contests that reached a result, told by the project whenever it
/// saves, so "has run 5 contests: chose a winner in 4" is one call and never a scan.
/// </summary>
public interface IBuyerRecordGrain : IGrainWithStringKey
{
    /// <summary>Anyone (the brief is public). 404 for nobody or a removed account.</summary>
    Task<BuyerRecordView> GetAsync();

    /// <summary>Only <see cref="Actor.System"/> (the project): records or replaces the project's result (idempotent).</summary>
    Task RecordAsync(Actor actor, string projectId, ContestResult result);
}

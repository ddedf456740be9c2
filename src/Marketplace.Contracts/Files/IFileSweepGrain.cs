namespace Marketplace.Contracts.Files;

/// <summary>
/// Removes stored files nothing refers to any more (see <c>UnreferencedFileSweep</c> in Marketplace.Storage). One
/// per cluster (key 0); a reminder runs it daily.
/// </summary>
public interface IFileSweepGrain : IGrainWithIntegerKey
{
    /// <summary>Starts the daily sweep unless it is already scheduled. Called when a silo starts.</summary>
    Task ScheduleAsync();

    /// <summary>Staff run a sweep now (say, after a large clean-up); returns what it removed.</summary>
    Task<FileSweepReport> SweepNowAsync(Actor actor);
}

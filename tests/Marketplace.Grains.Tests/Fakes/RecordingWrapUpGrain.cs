using Marketplace.Contracts.WrapUps;

namespace Marketplace.Grains.Tests.Fakes;

/// <summary>
/// Stands in for the handover's wrap-up grain until it is merged: records what the project and user grains tell a
/// wrap-up, so the award and removal seams can be checked from this side.
/// </summary>
public sealed class RecordingWrapUpGrain : Grain, IWrapUpGrain, IRecordingWrapUp
{
    private readonly List<WrapUpStart> _starts = [];
    private readonly List<string> _removals = [];

    public Task StartAsync(Actor actor, WrapUpStart start)
    {
        if (!actor.IsSystem)
        {
            throw MarketplaceException.Forbidden("Only the project starts a wrap-up.");
        }

        _starts.Add(start);
        return Task.CompletedTask;
    }

    public Task WinnerRemovedAsync(Actor actor, string reason)
    {
        _removals.Add(reason);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<WrapUpStart>> StartsAsync() => Task.FromResult<IReadOnlyList<WrapUpStart>>(_starts.ToList());

    public Task<IReadOnlyList<string>> RemovalsAsync() => Task.FromResult<IReadOnlyList<string>>(_removals.ToList());
}

public interface IRecordingWrapUp : IGrainWithStringKey
{
    Task<IReadOnlyList<WrapUpStart>> StartsAsync();

    Task<IReadOnlyList<string>> RemovalsAsync();
}

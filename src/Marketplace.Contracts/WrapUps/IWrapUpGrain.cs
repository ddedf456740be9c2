namespace Marketplace.Contracts.WrapUps;

/// <summary>The handover of one award (key: <c>{projectId}/{attempt}</c>).</summary>
public interface IWrapUpGrain : IGrainWithStringKey
{
    /// <summary>Only <see cref="Actor.System"/> (the project grain, when the buyer awards).</summary>
    Task StartAsync(Actor actor, WrapUpStart start);

    /// <summary>Staff removed the winning creative (called by the user grain with the staff actor).</summary>
    Task WinnerRemovedAsync(Actor actor, string reason);
}

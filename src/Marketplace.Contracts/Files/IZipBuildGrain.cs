namespace Marketplace.Contracts.Files;

/// <summary>
/// Builds one zip into the <see cref="StorageNames.Containers.Downloads"/> container, once per cluster: keyed by the
/// zip's blob name (<see cref="ZipContents.BlobName"/>), so two web servers, or a web server and the wrap-up building
/// ahead, asking for the same zip at once get one build. Every call answers at once (a big zip takes minutes, a grain
/// call at most the response timeout): callers ask again until it is <see cref="ZipBuildState.Ready"/>. It decides
/// nothing about who may have the zip; callers check that first (the wrap-up grain, a delivery link).
/// </summary>
public interface IZipBuildGrain : IGrainWithStringKey
{
    /// <summary>
    /// Ready when the zip is stored; otherwise starts building it (unless a build is under way) and says Building; or
    /// names the first file storage no longer has (then nothing is built). A build finishes whoever stops asking, and is
    /// stored only when whole. Refused when <paramref name="contents"/> is not what this grain's key names.
    /// </summary>
    Task<ZipBuildStatus> EnsureBuiltAsync(ZipContents contents);

    /// <summary>
    /// Only <see cref="Actor.System"/> (the handover, for the staff member holding its "zip keeps failing" case): as
    /// <see cref="EnsureBuiltAsync"/>, but a zip that kept failing is built again now rather than after the cool-down.
    /// Failures stay counted (a retry that fails again answers Failed, and staff are not told twice).
    /// </summary>
    Task<ZipBuildStatus> RetryNowAsync(Actor actor, ZipContents contents);
}

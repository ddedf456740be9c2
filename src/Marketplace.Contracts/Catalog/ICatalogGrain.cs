namespace Marketplace.Contracts.Catalog;

/// <summary>
/// The open projects of one category (key: a <see cref="Projects.Categories"/> name), kept by the project grains
/// so browsing never scans storage. Projects whose entry deadline passed are not listed even before their
/// grain moves on.
/// </summary>
public interface ICatalogGrain : IGrainWithStringKey
{
    /// <summary>Anyone: open projects, soonest deadline first.</summary>
    Task<IReadOnlyList<CatalogItem>> ListOpenAsync();

    /// <summary>Only <see cref="Actor.System"/> (the project grain): adds or replaces a listing.</summary>
    Task ListAsync(Actor actor, CatalogItem item);

    /// <summary>Only <see cref="Actor.System"/> (the project grain): removes a listing (idempotent).</summary>
    Task UnlistAsync(Actor actor, string projectId);
}

[GenerateSerializer, Immutable]
public sealed record CatalogItem(
    [property: Id(0)] string ProjectId,
    [property: Id(1)] string Title,
    [property: Id(2)] string Category,
    [property: Id(3)] Money Prize,
    [property: Id(4)] DateTimeOffset EntryDeadline,
    [property: Id(5)] int EntryCount,
    [property: Id(6)] IReadOnlyList<string> DeliverableFormats);

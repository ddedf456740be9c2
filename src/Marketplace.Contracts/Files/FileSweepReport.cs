namespace Marketplace.Contracts.Files;

/// <summary>What one sweep found: how many file names grain state refers to, and per container what it removed.</summary>
[GenerateSerializer, Immutable]
public sealed record FileSweepReport(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] int StatesRead,
    [property: Id(2)] int ReferencedNames,
    [property: Id(3)] IReadOnlyList<SweptContainer> Containers)
{
    public int Deleted => Containers.Sum(c => c.Deleted);
}

/// <summary>One container's part of a sweep: blobs looked at, blobs deleted, bytes those held.</summary>
[GenerateSerializer, Immutable]
public sealed record SweptContainer(
    [property: Id(0)] string Container,
    [property: Id(1)] int Seen,
    [property: Id(2)] int Deleted,
    [property: Id(3)] long BytesFreed);

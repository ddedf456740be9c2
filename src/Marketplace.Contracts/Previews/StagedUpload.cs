namespace Marketplace.Contracts.Previews;

/// <summary>An upload the web has written to the private staging container, with the name the person gave it.</summary>
[GenerateSerializer, Immutable]
public sealed record StagedUpload(
    [property: Id(0)] string StagingBlobName,
    [property: Id(1)] string FileName)
{
    /// <summary>Most final files stored in one go (a delivery): more belong in a zip.</summary>
    public const int MaxPerBatch = 10;
}

/// <summary>
/// The outcome of storing several final files together: all of them (<see cref="Stored"/>, in order), or none, with
/// the first refused file named in <see cref="RefusedFileName"/> and why in <see cref="Refusal"/>.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record FinalsIngestResult(
    [property: Id(0)] IReadOnlyList<IngestResult> Stored,
    [property: Id(1)] string? RefusedFileName,
    [property: Id(2)] UploadRefusal? Refusal)
{
    public bool Accepted => Refusal is null;

    public static FinalsIngestResult All(IReadOnlyList<IngestResult> stored) => new(stored, null, null);
    public static FinalsIngestResult Refused(string fileName, UploadRefusal refusal) => new([], fileName, refusal);
}

namespace Marketplace.Contracts.Files;

/// <summary>
/// A file already written to blob storage: grains keep these references, never the bytes.
/// <paramref name="BlobName"/> is the name inside <paramref name="Container"/>; <paramref name="Sha256"/> is lowercase hex.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record StoredFile(
    [property: Id(0)] string Container,
    [property: Id(1)] string BlobName,
    [property: Id(2)] string FileName,
    [property: Id(3)] string ContentType,
    [property: Id(4)] long Bytes,
    [property: Id(5)] string Sha256);

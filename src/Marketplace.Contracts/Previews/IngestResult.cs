using Marketplace.Contracts.Files;

namespace Marketplace.Contracts.Previews;

/// <summary>
/// The outcome of storing an upload: either <see cref="File"/> (plus <see cref="Previews"/> when the file
/// is an image that could be previewed) or <see cref="Refusal"/>, never both. A result, not an exception,
/// so the reason crosses the grain boundary intact.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record IngestResult(
    [property: Id(0)] StoredFile? File,
    [property: Id(1)] PreviewManifest? Previews,
    [property: Id(2)] UploadRefusal? Refusal)
{
    public bool Accepted => Refusal is null;

    public static IngestResult Stored(StoredFile file, PreviewManifest? previews) => new(file, previews, null);
    public static IngestResult Refused(UploadRefusal refusal) => new(null, null, refusal);
    public static IngestResult Refused(UploadRefusalCode code, string message) => Refused(new UploadRefusal(code, message));
}

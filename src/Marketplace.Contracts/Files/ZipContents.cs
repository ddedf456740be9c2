using System.Security.Cryptography;
using System.Text;

namespace Marketplace.Contracts.Files;

/// <summary>
/// What one zip is made of: stored files (in this order, each under its own file name, equal names numbered), then
/// texts written as files, every entry dated <paramref name="FilesTime"/> (so the same inputs give the same bytes).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ZipContents(
    [property: Id(0)] IReadOnlyList<StoredFile> Files,
    [property: Id(1)] IReadOnlyList<ZipText> Texts,
    [property: Id(2)] DateTimeOffset FilesTime)
{
    /// <summary>
    /// The handover (wrap-up id) these are the files of: told once when its zip keeps failing, and again when it is
    /// built, so staff hear of it. Not part of <see cref="BlobName"/>: who is told does not change the bytes.
    /// </summary>
    [Id(3)] public string? HandoverId { get; init; }

    /// <summary>
    /// The zip's name in <see cref="StorageNames.Containers.Downloads"/>: a hash of everything it is made from (each file's
    /// content name and its name in the zip, each text, the time), so a changed record or delivery is a new zip and the
    /// same inputs find the zip already built.
    /// </summary>
    public string BlobName()
    {
        var inputs = new StringBuilder("final-files-zip/1\n").Append(FilesTime.UtcTicks).Append('\n');
        foreach (var file in Files) inputs.Append(file.Container).Append('/').Append(file.BlobName).Append(' ').Append(file.FileName).Append('\n');
        foreach (var text in Texts) inputs.Append(text.Name).Append(' ').Append(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.Text)))).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(inputs.ToString()))) + ".zip";
    }
}

/// <summary>A text file in a zip, such as the handover's README.txt.</summary>
[GenerateSerializer, Immutable]
public sealed record ZipText([property: Id(0)] string Name, [property: Id(1)] string Text);

public enum ZipBuildState
{
    /// <summary>Stored: open it from the downloads container.</summary>
    Ready,
    /// <summary>Being built now; ask again shortly.</summary>
    Building,
    /// <summary>A file it is made from is gone from storage (<see cref="ZipBuildStatus.Missing"/>); nothing is built.</summary>
    FileMissing,
    /// <summary>
    /// Building failed several times in a row (<see cref="ZipBuildStatus.Reason"/> says why); nothing is tried again
    /// until a cool-down passes or the file that failed changes in storage.
    /// </summary>
    Failed,
}

[GenerateSerializer, Immutable]
public sealed record ZipBuildStatus(
    [property: Id(0)] ZipBuildState State,
    [property: Id(1)] string BlobName,
    [property: Id(2)] StoredFile? Missing = null)
{
    /// <summary>When <see cref="ZipBuildState.Failed"/>: why, in words staff can act on ("logo.pdf could not be read from storage").</summary>
    [Id(3)] public string? Reason { get; init; }
}

using System.Buffers;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Marketplace.Contracts;
using Marketplace.Contracts.Files;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.Storage.Files;

/// <summary>
/// Deletes files nothing refers to. Grains are the only holders of file references, and every stored file is named by
/// its content (a SHA-256 in hex, then its extension), so reading every stored grain state finds every name in use
/// (mark); then blobs of the originals, finals, previews and handover previews containers named by none of them, and every staging blob,
/// are deleted once older than the grace period (sweep). Built downloads (the handover zips) are deleted once older
/// than their own lifetime; the next download builds them again.
/// What this removes: files stored by an upload whose grain call then failed (a delivery refused because the step
/// changed meanwhile, an entry refused because the project closed), and staging left by a crash mid-upload.
/// Why it is safe: uploads in flight are younger than the grace period; a file stored again by a later upload is
/// touched by <see cref="BlobFileStore.WriteOnceAsync"/>, which restarts its grace period; a delete only succeeds if
/// the blob is unchanged since the listing (ETag); a state that cannot be read stops the sweep before anything is
/// deleted; and a blob whose name is not a content name is never touched.
/// </summary>
public sealed partial class UnreferencedFileSweep(BlobServiceClient blobs, IOptions<FileStoreOptions> options, ILogger<UnreferencedFileSweep> logger)
{
    private static readonly SearchValues<char> LowercaseHex = SearchValues.Create("0123456789abcdef");

    private static readonly string[] ContentContainers =
        [StorageNames.Containers.Originals, StorageNames.Containers.Finals, StorageNames.Containers.Previews, StorageNames.Containers.HandoverPreviews];

    public async Task<FileSweepReport> RunAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var (statesRead, referenced) = await ReferencedNamesAsync(cancellationToken);
        var olderThan = now - options.Value.UnreferencedFileGrace;
        var swept = new List<SweptContainer>();
        foreach (var container in ContentContainers)
        {
            swept.Add(await SweepAsync(container, name => IsContentName(name) && !referenced.Contains(name), olderThan, cancellationToken));
        }

        // Staging only ever holds uploads on their way to the preview worker; nothing refers to them.
        swept.Add(await SweepAsync(StorageNames.Containers.Staging, _ => true, olderThan, cancellationToken));

        // Built downloads are derived from referenced files and rebuilt on demand, so they only expire.
        swept.Add(await SweepAsync(StorageNames.Containers.Downloads, _ => true, now - options.Value.BuiltDownloadLifetime, cancellationToken));

        var report = new FileSweepReport(now, statesRead, referenced.Count, swept);
        LogSwept(statesRead, referenced.Count, report.Deleted, swept.Sum(c => c.BytesFreed));
        return report;
    }

    /// <summary>A stored file's name: 64 lowercase hex digits, then nothing or an extension.</summary>
    public static bool IsContentName(string name) =>
        name.Length >= 64 && !name.AsSpan(0, 64).ContainsAnyExcept(LowercaseHex) && (name.Length == 64 || name[64] == '.');

    private async Task<(int StatesRead, HashSet<string> Names)> ReferencedNamesAsync(CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var states = blobs.GetBlobContainerClient(StorageNames.Containers.GrainState);
        var read = 0;
        await foreach (var item in states.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            var content = await states.GetBlobClient(item.Name).DownloadContentAsync(cancellationToken);
            try
            {
                CollectContentNames(content.Value.Content.ToMemory().Span, names);
            }
            catch (JsonException e)
            {
                // Its references are unknown, so any file might be one of them: delete nothing.
                throw new InvalidOperationException($"Grain state {item.Name} is not readable JSON; the sweep stopped before deleting anything.", e);
            }

            read++;
        }

        return (read, names);
    }

    private static void CollectContentNames(ReadOnlySpan<byte> json, HashSet<string> names)
    {
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.String && reader.GetString() is { } value && IsContentName(value))
            {
                names.Add(value);
            }
        }
    }

    private async Task<SweptContainer> SweepAsync(string name, Func<string, bool> deletable, DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        var container = blobs.GetBlobContainerClient(name);
        var (seen, deleted, freed) = (0, 0, 0L);
        await foreach (var item in container.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            seen++;
            if (item.Properties.LastModified is not { } modified || modified >= olderThan || !deletable(item.Name))
            {
                continue;
            }

            if (await DeleteIfUnchangedAsync(container.GetBlobClient(item.Name), item.Properties.ETag, cancellationToken))
            {
                deleted++;
                freed += item.Properties.ContentLength ?? 0;
            }
        }

        return new SweptContainer(name, seen, deleted, freed);
    }

    private static async Task<bool> DeleteIfUnchangedAsync(BlobClient blob, ETag? listed, CancellationToken cancellationToken)
    {
        try
        {
            await blob.DeleteAsync(DeleteSnapshotsOption.IncludeSnapshots, new BlobRequestConditions { IfMatch = listed }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Gone already, or stored again since the listing: in use, keep it.
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "File sweep: read {States} grain states naming {Referenced} files; deleted {Deleted} unreferenced blobs ({Bytes} bytes)")]
    private partial void LogSwept(int states, int referenced, int deleted, long bytes);
}

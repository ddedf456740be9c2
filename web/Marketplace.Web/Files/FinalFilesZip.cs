using System.Collections.Concurrent;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Marketplace.Contracts;
using Marketplace.Contracts.WrapUps;
using Marketplace.Storage.Files;

namespace Marketplace.Web.Files;

/// <summary>
/// Writes a delivery's finals into one zip, read from blob storage a file at a time into a temporary file, so the
/// archive is never held in memory. Used by the buyer's "Download all files" (built once, then kept in storage so the
/// download has a length and can resume) and by the printer's delivery link.
/// </summary>
public sealed class FinalFilesZip(IFileStore files, IHostApplicationLifetime lifetime)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<FinalFile?>>> _building = new();

    /// <summary>Formats that are compressed already: stored as they are, since deflating them again costs time and saves nothing.</summary>
    private static readonly HashSet<string> Compressed = new(StringComparer.OrdinalIgnoreCase)
    {
        ".png", ".jpg", ".jpeg", ".webp", ".gif", ".pdf", ".zip", ".ai", ".psd", ".tif", ".tiff", ".woff", ".woff2", ".mp4", ".mov",
    };

    /// <summary>
    /// The handover's zip as stored, open to be read from anywhere in it, built first if storage does not hold it yet;
    /// or the first final storage no longer has (then nothing is stored). The blob is named by a hash of everything the
    /// archive is made from (each final's content name and its name in the zip, the texts, the files' time), so a
    /// changed rights record or delivery is a new zip, and the same inputs find the zip already built.
    /// </summary>
    public async Task<(FileDownload? Zip, FinalFile? Missing)> OpenBuiltAsync(
        IReadOnlyList<FinalFile> finals, IReadOnlyList<(string Name, string Text)> texts, DateTimeOffset filesTime, CancellationToken cancellationToken)
    {
        var name = BuiltName(finals, texts, filesTime);
        if (await files.OpenSeekableAsync(StorageNames.Containers.Downloads, name, cancellationToken) is { } built) return (built, null);
        if (await BuildOnceAsync(name, finals, texts, filesTime).WaitAsync(cancellationToken) is { } missing) return (null, missing);
        return (await files.OpenSeekableAsync(StorageNames.Containers.Downloads, name, cancellationToken)
            ?? throw new InvalidOperationException($"The zip {name} vanished from storage just after it was stored."), null);
    }

    /// <summary>
    /// One build of a zip at a time in this web server, finished even when the person who started it hangs up (a phone
    /// losing its signal): their retry, and anyone else downloading the same zip meanwhile, waits for that build instead
    /// of starting another. Only stopping the app cancels it.
    /// </summary>
    private Task<FinalFile?> BuildOnceAsync(string name, IReadOnlyList<FinalFile> finals, IReadOnlyList<(string Name, string Text)> texts, DateTimeOffset filesTime) =>
        _building.GetOrAdd(name, _ => new Lazy<Task<FinalFile?>>(() => BuildAsync(name, finals, texts, filesTime))).Value;

    private async Task<FinalFile?> BuildAsync(string name, IReadOnlyList<FinalFile> finals, IReadOnlyList<(string Name, string Text)> texts, DateTimeOffset filesTime)
    {
        try
        {
            var stopping = lifetime.ApplicationStopping;
            await using var temporary = TemporaryFile();
            if (await WriteAsync(temporary, finals, texts, filesTime, stopping) is { } missing) return missing;
            temporary.Position = 0;
            await files.WriteOnceAsync(StorageNames.Containers.Downloads, name, temporary, "application/zip", stopping);
            return null;
        }
        finally
        {
            _building.TryRemove(name, out _);
        }
    }

    /// <summary>A file only this process uses, deleted when closed: the zip is built in it before anything is stored or sent.</summary>
    public static FileStream TemporaryFile() => new(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920,
        FileOptions.Asynchronous | FileOptions.DeleteOnClose);

    /// <summary>
    /// Each final once, under its own name ("logo.png", then "logo (2).png"), then each text file given, every entry dated
    /// <paramref name="filesTime"/>. Returns the first final storage does not have, or null when all
    /// are written. The output must be seekable (a temporary file): the archive then records each entry's size in its header.
    /// </summary>
    public async Task<FinalFile?> WriteAsync(Stream output, IReadOnlyList<FinalFile> finals, IReadOnlyList<(string Name, string Text)> texts, DateTimeOffset filesTime, CancellationToken cancellationToken)
    {
        if (!output.CanSeek) throw new ArgumentException("Write the zip to a seekable stream, such as a temporary file.", nameof(output));
        await using var zip = await ZipArchive.CreateAsync(output, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var final in finals)
        {
            await using var download = await files.OpenReadAsync(final.File.Container, final.File.BlobName, cancellationToken);
            if (download is null)
            {
                return final;
            }

            var name = UniqueName(names, final.File.FileName);
            var entry = zip.CreateEntry(name, Compressed.Contains(Path.GetExtension(name)) ? CompressionLevel.NoCompression : CompressionLevel.Optimal);
            entry.LastWriteTime = filesTime;
            await using var target = await entry.OpenAsync(cancellationToken);
            await download.Content.CopyToAsync(target, cancellationToken);
        }

        foreach (var (name, text) in texts)
        {
            var entry = zip.CreateEntry(UniqueName(names, name), CompressionLevel.Optimal);
            entry.LastWriteTime = filesTime;
            await using var target = await entry.OpenAsync(cancellationToken);
            await target.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        }

        return null;
    }

    /// <summary>What the archive holds before compression: the finals' bytes added up, said before the tap.</summary>
    public static long TotalBytes(IEnumerable<FinalFile> finals) => finals.Sum(f => f.File.Bytes);

    private static string BuiltName(IReadOnlyList<FinalFile> finals, IReadOnlyList<(string Name, string Text)> texts, DateTimeOffset filesTime)
    {
        var inputs = new StringBuilder("final-files-zip/1\n").Append(filesTime.UtcTicks).Append('\n');
        foreach (var final in finals) inputs.Append(final.File.Container).Append('/').Append(final.File.BlobName).Append(' ').Append(final.File.FileName).Append('\n');
        foreach (var (name, text) in texts) inputs.Append(name).Append(' ').Append(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(inputs.ToString()))) + ".zip";
    }

    private static string UniqueName(HashSet<string> taken, string fileName)
    {
        var name = Path.GetFileName(fileName);
        if (string.IsNullOrWhiteSpace(name)) name = "file";
        for (var n = 2; !taken.Add(name); n++)
        {
            name = $"{Path.GetFileNameWithoutExtension(fileName)} ({n}){Path.GetExtension(fileName)}";
        }

        return name;
    }
}

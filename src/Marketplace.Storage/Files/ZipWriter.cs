using System.IO.Compression;
using System.Text;
using Marketplace.Contracts.Files;

namespace Marketplace.Storage.Files;

/// <summary>
/// Writes stored files and texts into one zip, reading each file from blob storage in turn into a seekable output (a
/// temporary file), so the archive is never held in memory. <see cref="ZipBuildGrain"/> uses it on the silos.
/// </summary>
public sealed class ZipWriter(IFileStore files)
{
    /// <summary>Formats that are compressed already: stored as they are, since deflating them again costs time and saves nothing.</summary>
    private static readonly HashSet<string> Compressed = new(StringComparer.OrdinalIgnoreCase)
    {
        ".png", ".jpg", ".jpeg", ".webp", ".gif", ".pdf", ".zip", ".ai", ".psd", ".tif", ".tiff", ".woff", ".woff2", ".mp4", ".mov",
    };

    /// <summary>A file only this process uses, deleted when closed (or with the process's temporary files): the zip is built in it before anything is stored.</summary>
    public static FileStream TemporaryFile() => new(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920,
        FileOptions.Asynchronous | FileOptions.DeleteOnClose);

    /// <summary>
    /// Each file once, under its own name ("logo.png", then "logo (2).png"), then each text, every entry dated
    /// <see cref="ZipContents.FilesTime"/>. Returns the first file storage does not have, or null when all are written.
    /// The output must be seekable (a temporary file): the archive then records each entry's size in its header.
    /// </summary>
    public async Task<StoredFile?> WriteAsync(Stream output, ZipContents contents, CancellationToken cancellationToken)
    {
        if (!output.CanSeek) throw new ArgumentException("Write the zip to a seekable stream, such as a temporary file.", nameof(output));
        await using var zip = await ZipArchive.CreateAsync(output, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in contents.Files)
        {
            await using var download = await files.OpenReadAsync(file.Container, file.BlobName, cancellationToken);
            if (download is null)
            {
                return file;
            }

            var name = UniqueName(names, file.FileName);
            var entry = zip.CreateEntry(name, Compressed.Contains(Path.GetExtension(name)) ? CompressionLevel.NoCompression : CompressionLevel.Optimal);
            entry.LastWriteTime = contents.FilesTime;
            await using var target = await entry.OpenAsync(cancellationToken);
            await download.Content.CopyToAsync(target, cancellationToken);
        }

        foreach (var text in contents.Texts)
        {
            var entry = zip.CreateEntry(UniqueName(names, text.Name), CompressionLevel.Optimal);
            entry.LastWriteTime = contents.FilesTime;
            await using var target = await entry.OpenAsync(cancellationToken);
            await target.WriteAsync(Encoding.UTF8.GetBytes(text.Text), cancellationToken);
        }

        return null;
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

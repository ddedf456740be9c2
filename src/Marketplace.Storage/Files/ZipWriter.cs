using System.IO.Compression;
using System.Security.Cryptography;
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
    /// Each file's bytes are checked against its recorded length and SHA-256 as they are copied (README.txt lists the
    /// hashes, so the zip never holds a file other than the one delivered); a file that cannot be read whole, or reads
    /// as other bytes, throws <see cref="ZipSourceUnreadableException"/> naming it.
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
            await CopyCheckedAsync(file, download.Content, target, cancellationToken);
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

    private static async Task CopyCheckedAsync(StoredFile file, Stream source, Stream target, CancellationToken cancellationToken)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long copied = 0;
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
            {
                sha.AppendData(buffer, 0, read);
                copied += read;
                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        catch (Exception e) when (e is IOException or Azure.RequestFailedException && !cancellationToken.IsCancellationRequested)
        {
            throw new ZipSourceUnreadableException(file, $"{file.FileName} could not be read from storage", e);
        }

        if (copied != file.Bytes || !Convert.ToHexStringLower(sha.GetHashAndReset()).Equals(file.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new ZipSourceUnreadableException(file, $"{file.FileName} could not be read from storage: its bytes are not the ones delivered", null);
        }
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

/// <summary>A file of the zip could not be read whole from storage, or read as other bytes than the ones delivered.</summary>
public sealed class ZipSourceUnreadableException(StoredFile file, string message, Exception? inner) : Exception(message, inner)
{
    public StoredFile File { get; } = file;
}

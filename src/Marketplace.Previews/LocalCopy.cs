using System.Security.Cryptography;
using Marketplace.Contracts.Previews;
using Marketplace.Storage.Files;

namespace Marketplace.Previews;

/// <summary>
/// A blob copied to a private temporary file, hashed on the way: libvips reads files with bounded memory
/// whatever their size, and the hash names the stored original. Disposing deletes the file.
/// </summary>
public sealed class LocalCopy : IAsyncDisposable
{
    private static readonly string Folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "marketplace-previews");

    private LocalCopy(string path, long bytes, string sha256)
    {
        Path = path;
        Bytes = bytes;
        Sha256 = sha256;
    }

    public string Path { get; }
    public long Bytes { get; }
    public string Sha256 { get; }

    /// <summary>Copies a blob of at most <paramref name="maxBytes"/>; a missing, empty or larger blob gives a refusal and no file.</summary>
    public static async Task<(LocalCopy? Copy, UploadRefusal? Refusal)> FetchAsync(
        IFileStore files, string container, string blobName, long maxBytes, CancellationToken cancellationToken = default)
    {
        await using var download = await files.OpenReadAsync(container, blobName, cancellationToken);
        if (download is null)
        {
            return (null, new UploadRefusal(UploadRefusalCode.NotFound, "The uploaded file was not found (it may have expired); upload it again."));
        }

        if (download.Properties.Bytes == 0)
        {
            return (null, new UploadRefusal(UploadRefusalCode.Empty, "The file is empty (0 bytes). Choose the file again and upload it."));
        }

        if (download.Properties.Bytes > maxBytes)
        {
            return (null, new UploadRefusal(UploadRefusalCode.TooLarge,
                $"The file is {ByteLimits.Describe(download.Properties.Bytes)}; the limit is {ByteLimits.Describe(maxBytes)}. Export a smaller file and upload it again."));
        }

        Directory.CreateDirectory(Folder);
        var path = System.IO.Path.Combine(Folder, Guid.NewGuid().ToString("N"));
        try
        {
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = await download.Content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                total += read;
            }

            return (new LocalCopy(path, total, Convert.ToHexStringLower(hash.GetHashAndReset())), null);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    public Stream OpenRead() => new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);

    public ValueTask DisposeAsync()
    {
        File.Delete(Path);
        return ValueTask.CompletedTask;
    }
}

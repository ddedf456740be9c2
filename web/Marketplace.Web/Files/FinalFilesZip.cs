using System.IO.Compression;
using Marketplace.Contracts.WrapUps;
using Marketplace.Storage.Files;

namespace Marketplace.Web.Files;

/// <summary>
/// Writes a delivery's finals into one zip, read from blob storage a file at a time, so the archive can go straight to
/// a response body (or a temporary file) and is never held in memory. Used by the buyer's "Download all files" and by
/// the printer's delivery link.
/// </summary>
public sealed class FinalFilesZip(IFileStore files)
{
    /// <summary>Formats that are compressed already: stored as they are, since deflating them again costs time and saves nothing.</summary>
    private static readonly HashSet<string> Compressed = new(StringComparer.OrdinalIgnoreCase)
    {
        ".png", ".jpg", ".jpeg", ".webp", ".gif", ".pdf", ".zip", ".ai", ".psd", ".tif", ".tiff", ".woff", ".woff2", ".mp4", ".mov",
    };

    /// <summary>
    /// Each final once, under its own name ("logo.png", then "logo (2).png"), then each text file given. Returns the
    /// first final storage does not have, or null when all are written; a caller checks <see cref="FirstMissingAsync"/>
    /// first when it cannot take a half-written archive back.
    /// </summary>
    public async Task<FinalFile?> WriteAsync(Stream output, IReadOnlyList<FinalFile> finals, IReadOnlyList<(string Name, string Text)> texts, CancellationToken cancellationToken)
    {
        // A response body refuses synchronous writes, which the archive still makes for its small records.
        await using var held = output.CanSeek ? null : new SyncWritesHeldForAsync(output);
        await using var zip = await ZipArchive.CreateAsync((Stream?)held ?? output, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken);
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
            await using var target = await entry.OpenAsync(cancellationToken);
            await download.Content.CopyToAsync(target, cancellationToken);
        }

        foreach (var (name, text) in texts)
        {
            var entry = zip.CreateEntry(UniqueName(names, name), CompressionLevel.Optimal);
            await using var target = await entry.OpenAsync(cancellationToken);
            await target.WriteAsync(System.Text.Encoding.UTF8.GetBytes(text), cancellationToken);
        }

        return null;
    }

    /// <summary>The first final no longer in storage, or null: checked before a streamed answer starts, so it never breaks off half-way.</summary>
    public async Task<FinalFile?> FirstMissingAsync(IReadOnlyList<FinalFile> finals, CancellationToken cancellationToken)
    {
        foreach (var final in finals)
        {
            if (!await files.ExistsAsync(final.File.Container, final.File.BlobName, cancellationToken))
            {
                return final;
            }
        }

        return null;
    }

    /// <summary>What the archive holds before compression: the finals' bytes added up, said before the tap.</summary>
    public static long TotalBytes(IEnumerable<FinalFile> finals) => finals.Sum(f => f.File.Bytes);

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

    /// <summary>
    /// A write-only view of a stream that takes synchronous writes by holding them until the next asynchronous write or
    /// flush. ZipArchive writes each entry's data descriptor (a few bytes) synchronously even when used asynchronously,
    /// and Kestrel refuses synchronous IO; the file contents themselves pass straight through <see cref="WriteAsync(ReadOnlyMemory{byte}, CancellationToken)"/>.
    /// Disposing flushes what is held and leaves the inner stream open.
    /// </summary>
    private sealed class SyncWritesHeldForAsync(Stream inner) : Stream
    {
        private readonly MemoryStream held = new();

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => held.Write(buffer, offset, count);
        public override void Write(ReadOnlySpan<byte> buffer) => held.Write(buffer);

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await ReleaseHeldAsync(cancellationToken);
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async Task FlushAsync(CancellationToken cancellationToken)
        {
            await ReleaseHeldAsync(cancellationToken);
            await inner.FlushAsync(cancellationToken);
        }

        public override async ValueTask DisposeAsync()
        {
            await ReleaseHeldAsync(CancellationToken.None);
            await held.DisposeAsync();
        }

        /// <summary>Nothing may stay held unseen: every synchronous write is released by an asynchronous call.</summary>
        public override void Flush()
        {
        }

        private async Task ReleaseHeldAsync(CancellationToken cancellationToken)
        {
            if (held.Length == 0) return;
            await inner.WriteAsync(held.GetBuffer().AsMemory(0, (int)held.Length), cancellationToken);
            held.SetLength(0);
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}

using System.Buffers.Binary;
using System.Text;
using Marketplace.Contracts.Previews;

namespace Marketplace.Previews;

/// <summary>
/// What a zip final holds, read from its central directory and nothing else: no entry is unpacked or even located, so
/// a zip bomb's directory (tiny packed, petabytes claimed, entries overlapping) costs what its directory costs, and a
/// name like "../../etc/x" is only ever text on a page. Every count read from the file is a claim: at most
/// <see cref="MaxRecords"/> records are read, names are cut to <see cref="MaxNameChars"/> characters, and a directory
/// that does not fit inside the file, or lists fewer records than it claims, is "damaged", never trusted.
/// </summary>
public static class ZipDirectory
{
    public const int MaxListed = ArchiveListing.MaxEntries;

    /// <summary>Directory records read at most; past this the listing says the zip holds more.</summary>
    public const int MaxRecords = 10_000;

    public const int MaxNameChars = 200;
    private const int MaxNameBytes = MaxNameChars * 4;

    public const string CutOff = "Its end is missing, so it was probably cut off while uploading.";
    public const string Damaged = "Its list of contents is damaged.";

    private const int EndRecordLength = 22;
    private const int Zip64LocatorLength = 20;
    private const int Zip64EndRecordLength = 56;
    private const int DirectoryRecordLength = 46;
    private const uint Unknown32 = 0xFFFFFFFF;

    public static ArchiveListing Read(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 64 * 1024);
        return Read(file);
    }

    public static ArchiveListing Read(Stream zip)
    {
        try
        {
            return FindDirectory(zip) is { } directory ? ReadDirectory(zip, directory) : ArchiveListing.Damaged(CutOff);
        }
        catch (EndOfStreamException)
        {
            return ArchiveListing.Damaged(Damaged);
        }
    }

    private readonly record struct Directory(long Offset, long Size, long Records);

    /// <summary>
    /// The end-of-directory record, searched backwards over the last 64 KB (its comment may follow it), then the Zip64
    /// one it points to when a count, size or offset overflowed 16 or 32 bits.
    /// </summary>
    private static Directory? FindDirectory(Stream zip)
    {
        var tailLength = (int)Math.Min(zip.Length, EndRecordLength + ushort.MaxValue);
        var tail = new byte[tailLength];
        zip.Position = zip.Length - tailLength;
        zip.ReadExactly(tail);
        for (var i = tailLength - EndRecordLength; i >= 0; i--)
        {
            var end = tail.AsSpan(i);
            if (!end.StartsWith("PK\u0005\u0006"u8) || BinaryPrimitives.ReadUInt16LittleEndian(end[20..]) > end.Length - EndRecordLength) continue;

            var endPosition = zip.Length - tailLength + i;
            long records = BinaryPrimitives.ReadUInt16LittleEndian(end[10..]);
            long size = BinaryPrimitives.ReadUInt32LittleEndian(end[12..]);
            long offset = BinaryPrimitives.ReadUInt32LittleEndian(end[16..]);
            if (records == ushort.MaxValue || size == Unknown32 || offset == Unknown32)
            {
                return Zip64Directory(zip, endPosition);
            }

            return Fits(offset, size, endPosition) ? new Directory(offset, size, records) : null;
        }

        return null;
    }

    private static Directory? Zip64Directory(Stream zip, long endPosition)
    {
        if (endPosition < Zip64LocatorLength) return null;
        var locator = ReadAt(zip, endPosition - Zip64LocatorLength, Zip64LocatorLength);
        if (!locator.AsSpan().StartsWith("PK\u0006\u0007"u8)) return null;
        var recordPosition = BinaryPrimitives.ReadInt64LittleEndian(locator.AsSpan(8));
        if (recordPosition < 0 || recordPosition > endPosition - Zip64LocatorLength - Zip64EndRecordLength) return null;

        var record = ReadAt(zip, recordPosition, Zip64EndRecordLength).AsSpan();
        if (!record.StartsWith("PK\u0006\u0006"u8)) return null;
        var records = BinaryPrimitives.ReadInt64LittleEndian(record[32..]);
        var size = BinaryPrimitives.ReadInt64LittleEndian(record[40..]);
        var offset = BinaryPrimitives.ReadInt64LittleEndian(record[48..]);
        return records >= 0 && Fits(offset, size, recordPosition) ? new Directory(offset, size, records) : null;
    }

    /// <summary>The directory lies wholly before the record that points at it.</summary>
    private static bool Fits(long offset, long size, long end) => offset >= 0 && size >= 0 && offset <= end && size <= end - offset;

    private static ArchiveListing ReadDirectory(Stream zip, Directory directory)
    {
        zip.Position = directory.Offset;
        var end = directory.Offset + directory.Size;
        var entries = new List<ArchiveEntry>();
        long files = 0, total = 0, read = 0;
        var header = new byte[DirectoryRecordLength];
        while (read < directory.Records && read < MaxRecords)
        {
            if (end - zip.Position < DirectoryRecordLength) return ArchiveListing.Damaged(Damaged);
            zip.ReadExactly(header);
            if (!header.AsSpan().StartsWith("PK\u0001\u0002"u8)) return ArchiveListing.Damaged(Damaged);

            var flags = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(8));
            long size = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(24));
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(28));
            var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(30));
            var commentLength = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(32));
            if (end - zip.Position < nameLength + extraLength + commentLength) return ArchiveListing.Damaged(Damaged);

            // A name may be 64 KB: only what can be shown is read.
            var name = new byte[Math.Min((int)nameLength, MaxNameBytes)];
            zip.ReadExactly(name);
            zip.Position += nameLength - name.Length;
            var extra = new byte[extraLength];
            zip.ReadExactly(extra);
            zip.Position += commentLength;
            read++;

            if (size == Unknown32) size = Zip64Size(extra) ?? size;
            var text = NameOf(name, utf8: (flags & 0x0800) != 0);
            if (IsFolderOrJunk(text)) continue;

            files++;
            total = total > long.MaxValue - size ? long.MaxValue : total + size;
            if (entries.Count < MaxListed) entries.Add(new ArchiveEntry(Shortened(text), size));
        }

        // A directory that ends before the records it claims is lying about one or the other.
        var complete = read == directory.Records;
        return new ArchiveListing(entries, files, total, complete);
    }

    /// <summary>The unpacked size from the Zip64 extra field (id 1), whose first value it is when the 32-bit one overflowed.</summary>
    private static long? Zip64Size(ReadOnlySpan<byte> extra)
    {
        while (extra.Length >= 4)
        {
            var id = BinaryPrimitives.ReadUInt16LittleEndian(extra);
            var length = BinaryPrimitives.ReadUInt16LittleEndian(extra[2..]);
            if (length > extra.Length - 4) return null;
            if (id == 1 && length >= 8) return Math.Max(0, BinaryPrimitives.ReadInt64LittleEndian(extra[4..]));
            extra = extra[(4 + length)..];
        }

        return null;
    }

    /// <summary>
    /// UTF-8 when flagged or when it decodes cleanly (macOS and most tools write it unflagged), else Latin-1 as the
    /// nearest to the old DOS code page; control and direction-changing characters become "?", so a name cannot
    /// reorder or hide the text around it.
    /// </summary>
    private static string NameOf(byte[] name, bool utf8)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(name);
        }
        catch (DecoderFallbackException)
        {
            text = utf8 ? Encoding.UTF8.GetString(name) : Encoding.Latin1.GetString(name);
        }

        var safe = new StringBuilder(text.Length);
        foreach (var c in text.Replace('\\', '/'))
        {
            safe.Append(char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format ? '?' : c);
        }

        return safe.ToString();
    }

    /// <summary>Folders are not files, and macOS' "__MACOSX/" copies and ".DS_Store" are not the creative's work.</summary>
    private static bool IsFolderOrJunk(string name) =>
        name.Length == 0 || name.EndsWith('/') || name.StartsWith("__MACOSX/", StringComparison.Ordinal) || Path.GetFileName(name) == ".DS_Store";

    private static string Shortened(string name) => name.Length <= MaxNameChars ? name : name[..(MaxNameChars - 1)] + "…";

    private static byte[] ReadAt(Stream zip, long position, int length)
    {
        var bytes = new byte[length];
        zip.Position = position;
        zip.ReadExactly(bytes);
        return bytes;
    }
}

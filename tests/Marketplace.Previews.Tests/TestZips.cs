using System.IO.Compression;
using System.Text;

namespace Marketplace.Previews.Tests;

/// <summary>
/// Zips for the listing tests: real ones written by .NET's ZipArchive, and hostile ones written here byte by byte, whose
/// directories claim what no honest tool writes.
/// </summary>
public static class TestZips
{
    /// <summary>A real zip of <paramref name="files"/> (a name ending in "/" is a folder).</summary>
    public static byte[] Real(params (string Name, byte[] Content)[] files)
    {
        var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in files)
            {
                using var entry = archive.CreateEntry(name, CompressionLevel.Optimal).Open();
                entry.Write(content);
            }
        }

        return zip.ToArray();
    }

    /// <summary>
    /// An overlapping zip bomb: one entry of <paramref name="unpackedBytes"/> zeros, deflated to a few kilobytes, and
    /// <paramref name="records"/> directory records all pointing at it, so the directory claims records × size unpacked.
    /// </summary>
    public static byte[] OverlappingBomb(int records, int unpackedBytes)
    {
        var packed = new MemoryStream();
        using (var deflate = new DeflateStream(packed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            deflate.Write(new byte[unpackedBytes]);
        }

        var data = packed.ToArray();
        return HandMade(Enumerable.Range(1, records).Select(i => ($"bomb/part-{i:D5}.bin", (long)unpackedBytes)).ToArray(), data, method: 8);
    }

    /// <summary>
    /// A zip whose directory lists <paramref name="records"/> (each pointing at the one local entry holding
    /// <paramref name="data"/>), with the record count the end record claims (<paramref name="claimedRecords"/>, written
    /// as Zip64 when it does not fit 16 bits or <paramref name="zip64"/> is set); a size past 4 GB goes in a Zip64 extra field.
    /// </summary>
    public static byte[] HandMade(IReadOnlyList<(string Name, long Size)> records, byte[]? data = null, long? claimedRecords = null, bool zip64 = false, int method = 0)
    {
        data ??= "hello"u8.ToArray();
        var zip = new MemoryStream();
        var writer = new BinaryWriter(zip);
        var firstName = Encoding.UTF8.GetBytes(records.Count > 0 ? records[0].Name : "empty");
        writer.Write(0x04034b50u);
        writer.Write((ushort)20); writer.Write((ushort)0x0800); writer.Write((ushort)method);
        writer.Write(0u); writer.Write(0u);
        writer.Write((uint)data.Length); writer.Write((uint)Math.Min(records.Count > 0 ? records[0].Size : 0, uint.MaxValue - 1));
        writer.Write((ushort)firstName.Length); writer.Write((ushort)0);
        writer.Write(firstName); writer.Write(data);

        var directoryOffset = zip.Position;
        foreach (var (name, size) in records)
        {
            var bytes = Encoding.UTF8.GetBytes(name);
            var big = size >= uint.MaxValue;
            writer.Write(0x02014b50u);
            writer.Write((ushort)45); writer.Write((ushort)45); writer.Write((ushort)0x0800); writer.Write((ushort)method);
            writer.Write(0u); writer.Write(0u);
            writer.Write((uint)data.Length); writer.Write(big ? uint.MaxValue : (uint)size);
            writer.Write((ushort)bytes.Length); writer.Write((ushort)(big ? 12 : 0)); writer.Write((ushort)0);
            writer.Write((ushort)0); writer.Write((ushort)0); writer.Write(0u); writer.Write(0u);
            writer.Write(bytes);
            if (big)
            {
                writer.Write((ushort)1); writer.Write((ushort)8); writer.Write(size);
            }
        }

        var directorySize = zip.Position - directoryOffset;
        var claimed = claimedRecords ?? records.Count;
        if (zip64 || claimed >= ushort.MaxValue)
        {
            var recordOffset = zip.Position;
            writer.Write(0x06064b50u); writer.Write(44L);
            writer.Write((ushort)45); writer.Write((ushort)45); writer.Write(0u); writer.Write(0u);
            writer.Write(claimed); writer.Write(claimed); writer.Write(directorySize); writer.Write(directoryOffset);
            writer.Write(0x07064b50u); writer.Write(0u); writer.Write(recordOffset); writer.Write(1u);
            WriteEnd(writer, ushort.MaxValue, uint.MaxValue, uint.MaxValue);
        }
        else
        {
            WriteEnd(writer, (ushort)claimed, (uint)directorySize, (uint)directoryOffset);
        }

        return zip.ToArray();
    }

    private static void WriteEnd(BinaryWriter writer, ushort records, uint size, uint offset)
    {
        writer.Write(0x06054b50u); writer.Write((ushort)0); writer.Write((ushort)0);
        writer.Write(records); writer.Write(records); writer.Write(size); writer.Write(offset); writer.Write((ushort)0);
    }
}

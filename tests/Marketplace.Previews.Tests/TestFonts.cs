using System.Buffers.Binary;
using System.IO.Compression;

namespace Marketplace.Previews.Tests;

/// <summary>
/// Real fonts for the specimen tests: DejaVu from fonts-dejavu-core (in .ci/apt-packages, so every test machine has it),
/// and a WOFF wrapped around it here, table by table, as web-font tools write one.
/// </summary>
public static class TestFonts
{
    private const string DejaVuFolder = "/usr/share/fonts/truetype/dejavu";

    public static byte[] DejaVuSans() => Read("DejaVuSans.ttf");

    public static byte[] DejaVuSansBold() => Read("DejaVuSans-Bold.ttf");

    private static byte[] Read(string name)
    {
        var path = Path.Combine(DejaVuFolder, name);
        Assert.True(File.Exists(path), $"{path} is missing: install fonts-dejavu-core (./test.sh installs it from .ci/apt-packages).");
        return File.ReadAllBytes(path);
    }

    /// <summary>
    /// <paramref name="sfnt"/> as a WOFF 1.0 file: a 44-byte header, a 20-byte directory entry per table, then each table
    /// zlib-compressed where that is smaller, padded to 4 bytes.
    /// </summary>
    public static byte[] Woff(byte[] sfnt)
    {
        var count = BinaryPrimitives.ReadUInt16BigEndian(sfnt.AsSpan(4));
        const int HeaderLength = 44;
        var directoryLength = 20 * count;
        var body = new MemoryStream();
        var directory = new byte[directoryLength];
        long sfntSize = 12 + 16 * count;
        for (var i = 0; i < count; i++)
        {
            var record = sfnt.AsSpan(12 + 16 * i, 16);
            var offset = (int)BinaryPrimitives.ReadUInt32BigEndian(record[8..]);
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(record[12..]);
            var table = sfnt.AsSpan(offset, length).ToArray();
            var packed = Zlib(table);
            var stored = packed.Length < table.Length ? packed : table;
            var entry = directory.AsSpan(20 * i, 20);
            record[..4].CopyTo(entry);
            BinaryPrimitives.WriteUInt32BigEndian(entry[4..], (uint)(HeaderLength + directoryLength + body.Length));
            BinaryPrimitives.WriteUInt32BigEndian(entry[8..], (uint)stored.Length);
            BinaryPrimitives.WriteUInt32BigEndian(entry[12..], (uint)length);
            record[4..8].CopyTo(entry[16..]);
            body.Write(stored);
            while (body.Length % 4 != 0) body.WriteByte(0);
            sfntSize += (length + 3) & ~3;
        }

        var header = new byte[HeaderLength];
        "wOFF"u8.CopyTo(header);
        sfnt.AsSpan(0, 4).CopyTo(header.AsSpan(4));
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(8), (uint)(HeaderLength + directoryLength + body.Length));
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(12), count);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(16), (uint)sfntSize);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(20), 1);
        return [.. header, .. directory, .. body.ToArray()];
    }

    private static byte[] Zlib(byte[] data)
    {
        var packed = new MemoryStream();
        using (var zlib = new ZLibStream(packed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return packed.ToArray();
    }
}

using System.Buffers.Binary;

namespace Marketplace.Previews;

/// <summary>
/// Explains why libvips could not decode a file, in words a creative can act on. Runs only after a
/// decode failed, so it costs nothing on the happy path.
/// </summary>
public static class DamageDiagnosis
{
    public static string Explain(string path, ImageFormat format) => format switch
    {
        ImageFormat.Png => $"This PNG is damaged ({ExplainPng(File.ReadAllBytes(path))}); export it again.",
        ImageFormat.Jpeg when IsTruncatedJpeg(path) => "This JPEG is cut off (the file ends before the image does); upload the complete file or export it again.",
        ImageFormat.Gif when LastByte(path) != 0x3B => "This GIF is cut off (the file ends before the image does); upload the complete file or export it again.",
        ImageFormat.WebP when IsTruncatedWebP(path) => "This WebP is cut off (the file ends before the image does); upload the complete file or export it again.",
        _ => $"This {format.DisplayName()} is damaged (its image data cannot be decoded); export it again.",
    };

    /// <summary>Walks the PNG chunks (no decompression) to name the first broken one.</summary>
    public static string ExplainPng(ReadOnlySpan<byte> png)
    {
        var at = 8;
        var sawImageData = false;
        for (var index = 0; ; index++)
        {
            if (png.Length - at < 12)
            {
                return "the file is cut off before its end marker";
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(png[at..]);
            var type = png.Slice(at + 4, 4);
            var name = System.Text.Encoding.ASCII.GetString(type);
            if (length > png.Length - at - 12)
            {
                return $"the file is cut off inside the {name} chunk";
            }

            var data = png.Slice(at + 8, (int)length);
            var storedCrc = BinaryPrimitives.ReadUInt32BigEndian(png[(at + 8 + (int)length)..]);
            if (Crc32.Compute(png.Slice(at + 4, 4 + (int)length)) != storedCrc)
            {
                return $"bad CRC in the {name} chunk";
            }

            if (index == 0 && !type.SequenceEqual("IHDR"u8))
            {
                return "its header chunk (IHDR) is missing";
            }

            if (index == 0 && DescribeBadHeader(data) is { } badHeader)
            {
                return badHeader;
            }

            sawImageData |= type.SequenceEqual("IDAT"u8);
            if (type.SequenceEqual("IEND"u8))
            {
                return sawImageData ? "its compressed image data is corrupt" : "it has no image data (IDAT chunk)";
            }

            at += 12 + (int)length;
        }
    }

    private static string? DescribeBadHeader(ReadOnlySpan<byte> ihdr)
    {
        if (ihdr.Length != 13)
        {
            return "its header chunk (IHDR) has the wrong length";
        }

        var (bitDepth, colourType) = (ihdr[8], ihdr[9]);
        int[] allowed = colourType switch
        {
            0 => [1, 2, 4, 8, 16],
            3 => [1, 2, 4, 8],
            2 or 4 or 6 => [8, 16],
            _ => [],
        };
        return allowed.Length == 0 ? $"its header declares colour type {colourType}, which does not exist"
            : !allowed.Contains(bitDepth) ? $"its header declares bit depth {bitDepth}, which colour type {colourType} does not allow"
            : null;
    }

    private static bool IsTruncatedJpeg(string path)
    {
        using var file = File.OpenRead(path);
        var tail = new byte[Math.Min(64, file.Length)];
        file.Seek(-tail.Length, SeekOrigin.End);
        file.ReadExactly(tail);
        // Some encoders pad after the end-of-image marker; look for it near the end.
        return tail.AsSpan().LastIndexOf((ReadOnlySpan<byte>)[0xFF, 0xD9]) < 0;
    }

    private static bool IsTruncatedWebP(string path)
    {
        using var file = File.OpenRead(path);
        Span<byte> header = stackalloc byte[8];
        file.ReadExactly(header);
        return BinaryPrimitives.ReadUInt32LittleEndian(header[4..]) + 8L > file.Length;
    }

    private static int LastByte(string path)
    {
        using var file = File.OpenRead(path);
        file.Seek(-1, SeekOrigin.End);
        return file.ReadByte();
    }

    /// <summary>The CRC-32 PNG chunks carry (ISO 3309, as zlib).</summary>
    private static class Crc32
    {
        private static readonly uint[] Table = BuildTable();

        public static uint Compute(ReadOnlySpan<byte> bytes)
        {
            var crc = 0xFFFFFFFFu;
            foreach (var b in bytes)
            {
                crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
            }

            return crc ^ 0xFFFFFFFFu;
        }

        private static uint[] BuildTable()
        {
            var table = new uint[256];
            for (var n = 0u; n < 256; n++)
            {
                var c = n;
                for (var k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
                }

                table[n] = c;
            }

            return table;
        }
    }
}

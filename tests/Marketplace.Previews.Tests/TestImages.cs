using System.Buffers.Binary;
using System.IO.Compression;

namespace Marketplace.Previews.Tests;

/// <summary>Inputs made in the test, with libvips where it can make them and by hand where libvips would refuse to.</summary>
public static class TestImages
{
    /// <summary>A real photo-like image: smooth gradients plus noise, so JPEG decoding does real work.</summary>
    public static Image Photo(int width, int height)
    {
        using var xyz = Image.Xyz(width, height);
        using var red = xyz[0] * (255.0 / width);
        using var green = xyz[1] * (255.0 / height);
        using var blue = (xyz[0] + xyz[1]) * (127.0 / (width + height)) + 64;
        using var noise = Image.Gaussnoise(width, height, sigma: 12, mean: 0);
        using var rgb = red.Bandjoin(green, blue) + noise;
        return rgb.Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
    }

    /// <summary>Four flat patches of ordinary, in-gamut print colours.</summary>
    public static readonly double[][] PatchColours = [[200, 60, 50], [60, 140, 80], [70, 90, 160], [220, 190, 150]];

    /// <summary>Four saturated colours inside sRGB, whose Display P3 numbers differ from their sRGB numbers by far.</summary>
    public static readonly double[][] SaturatedColours = [[220, 40, 40], [40, 180, 70], [40, 70, 210], [240, 200, 40]];

    public static Image Patches(int patchSize) => Patches(patchSize, PatchColours);

    /// <summary>Four flat patches, two across, of <paramref name="colours"/>.</summary>
    public static Image Patches(int patchSize, double[][] colours)
    {
        var patches = colours
            .Select(c => Image.Black(patchSize, patchSize, bands: 3).NewFromImage(c).Cast(Enums.BandFormat.Uchar))
            .ToArray();
        using var joined = Image.Arrayjoin(patches, across: 2);
        foreach (var patch in patches)
        {
            patch.Dispose();
        }

        return joined.Copy(interpretation: Enums.Interpretation.Srgb);
    }

    /// <summary>A valid PNG that declares <paramref name="width"/> × <paramref name="height"/> but carries one tiny row of data.</summary>
    public static byte[] PngDeclaring(int width, int height, bool interlaced = false)
    {
        using var output = new MemoryStream();
        output.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // truecolour
        header[12] = (byte)(interlaced ? 1 : 0); // Adam7
        WriteChunk(output, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                zlib.Write(new byte[1 + 3 * 64]);
            }

            WriteChunk(output, "IDAT", compressed.ToArray());
        }

        WriteChunk(output, "IEND", []);
        return output.ToArray();
    }

    /// <summary>
    /// A GIF89a of <paramref name="frames"/> 1×1 frames, written by hand: encoders merge or drop repeated
    /// frames, an attacker's file does not.
    /// </summary>
    public static byte[] AnimatedGif(int frames)
    {
        using var output = new MemoryStream();
        output.Write("GIF89a"u8);
        output.Write([1, 0, 1, 0, 0x80, 0, 0]); // 1×1 screen, global table of 2 colours
        output.Write([0, 0, 0, 255, 255, 255]);
        for (var i = 0; i < frames; i++)
        {
            output.Write([0x21, 0xF9, 4, 0, 10, 0, 0, 0]); // graphic control: 0.1 s
            output.Write([0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0]); // 1×1 image at 0,0
            output.Write([2, 2, 0x44, 0x01, 0]); // LZW: clear, pixel 0, end
        }

        output.WriteByte(0x3B);
        return output.ToArray();
    }

    /// <summary>A GIF of 40×40 frames, one flat colour each, in order: which frame a preview shows is visible.</summary>
    public static byte[] ColouredFramesGif(params double[][] colours)
    {
        var frames = colours.Select(c => Image.Black(40, 40, bands: 3).NewFromImage(c).Cast(Enums.BandFormat.Uchar)).ToArray();
        using var strip = Image.Arrayjoin(frames, across: 1);
        foreach (var frame in frames)
        {
            frame.Dispose();
        }

        using var animation = strip.Mutate(m => m.Set(GValue.GIntType, "page-height", 40));
        return animation.GifsaveBuffer();
    }

    /// <summary>A small real JPEG whose start-of-frame header is rewritten to declare <paramref name="width"/> × <paramref name="height"/>.</summary>
    public static byte[] JpegDeclaring(int width, int height)
    {
        using var photo = Photo(64, 64);
        var jpeg = photo.JpegsaveBuffer();
        var frame = jpeg.AsSpan().IndexOf((ReadOnlySpan<byte>)[0xFF, 0xC0]);
        BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(frame + 5), (ushort)height);
        BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(frame + 7), (ushort)width);
        return jpeg;
    }

    /// <summary>A GIF whose screen and only frame declare <paramref name="width"/> × <paramref name="height"/>, with one pixel of data.</summary>
    public static byte[] GifDeclaring(int width, int height)
    {
        var gif = AnimatedGif(1);
        const int frame = 13 + 6 + 8; // header and screen, colour table, graphic control
        foreach (var at in new[] { 6, frame + 5 })
        {
            BinaryPrimitives.WriteUInt16LittleEndian(gif.AsSpan(at), (ushort)width);
            BinaryPrimitives.WriteUInt16LittleEndian(gif.AsSpan(at + 2), (ushort)height);
        }

        return gif;
    }

    private static void WriteChunk(Stream output, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        output.Write(number);
        var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        output.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typed));
        output.Write(number);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return crc ^ 0xFFFFFFFFu;
    }
}

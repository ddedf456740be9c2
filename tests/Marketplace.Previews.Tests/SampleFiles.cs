using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Marketplace.Previews.Tests;

/// <summary>Small files of each kind the signature table knows, made by their own encoders where one is at hand (libvips, .NET's zip writer).</summary>
public static class SampleFiles
{
    public static byte[] Of(string kind)
    {
        using var image = Image.Black(16, 16, bands: 3) + 120;
        return kind switch
        {
            "jpeg" => image.JpegsaveBuffer(),
            "png" => image.PngsaveBuffer(),
            "webp" => image.WebpsaveBuffer(),
            "gif" => image.GifsaveBuffer(),
            "tiff" => image.TiffsaveBuffer(),
            "bmp" => Bmp(),
            "heic" => IsoMedia("heic", "mif1"),
            "avif" => IsoMedia("avif", "mif1"),
            "mov" => IsoMedia("qt  ", "qt  "),
            "mp4" => IsoMedia("isom", "mp42"),
            "cr3" => IsoMedia("crx ", "isom"),
            "psd" => [.. "8BPS"u8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 16, 0, 0, 0, 16, 0, 8, 0, 3],
            "eps" => "%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 16 16\nshowpage\n%%EOF\n"u8.ToArray(),
            "zip" => Zip(),
            "svg" => "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>"u8.ToArray(),
            "html" => "<!DOCTYPE html>\n<html><body><h1>Spring menu</h1></body></html>"u8.ToArray(),
            "pdf" => "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray(),
            "text" => "Brief: a logo for a tea shop, green and gold."u8.ToArray(),
            _ => [0x00, 0x01, 0x02, 0x03, 0xFE, 0x7F, 0x00, 0x10, 0x42, 0x42],
        };
    }

    /// <summary>A 1×1 24-bit BMP as Paint writes it: file header, info header, one padded row.</summary>
    private static byte[] Bmp()
    {
        var bmp = new byte[14 + 40 + 4];
        "BM"u8.CopyTo(bmp);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(2), bmp.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(18), 1);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(22), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(28), 24);
        return bmp;
    }

    /// <summary>The "ftyp" box that opens HEIC, AVIF, MP4 and QuickTime files: major brand, version, compatible brand.</summary>
    private static byte[] IsoMedia(string brand, string compatible) =>
        [0, 0, 0, 20, .. "ftyp"u8, .. Encoding.ASCII.GetBytes(brand), 0, 0, 0, 0, .. Encoding.ASCII.GetBytes(compatible), 0, 0, 0, 8, .. "free"u8];

    private static byte[] Zip()
    {
        using var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = new StreamWriter(archive.CreateEntry("README.txt").Open());
            entry.Write("Fonts for the logo.");
        }

        return stream.ToArray();
    }
}

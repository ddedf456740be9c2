using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Marketplace.Previews.Tests;

/// <summary>
/// The one signature table: every format named from bytes its own kind of encoder writes, and in the same words
/// whether an entry upload is refused or a final's name is checked.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class KnownFormatsTests(PipelineFixture fixture)
{
    public static TheoryData<string, string> FilesAndTheirWords => new()
    {
        { "jpeg", "a JPEG image" },
        { "png", "a PNG image" },
        { "webp", "a WebP image" },
        { "gif", "a GIF image" },
        { "tiff", "a TIFF image" },
        { "bmp", "a BMP image" },
        { "heic", "a HEIC image" },
        { "avif", "an AVIF image" },
        { "mov", "an MP4 or MOV video" },
        { "mp4", "an MP4 or MOV video" },
        { "cr3", "not a file type we recognise" },
        { "psd", "a Photoshop (PSD) file" },
        { "eps", "an EPS (PostScript) file" },
        { "zip", "a ZIP archive" },
        { "svg", "an SVG file" },
        { "html", "an XML or HTML file" },
        { "pdf", "a PDF document" },
        { "text", "plain text" },
        { "binary", "not a file type we recognise" },
    };

    public static TheoryData<string, string> NonImagesAndTheirWords()
    {
        var data = new TheoryData<string, string>();
        foreach (var row in FilesAndTheirWords)
        {
            if (row[0] is not ("jpeg" or "png" or "webp" or "gif")) data.Add((string)row[0], (string)row[1]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FilesAndTheirWords))]
    public void A_file_is_named_from_its_first_bytes(string kind, string words) =>
        Assert.Equal(words, KnownFormats.Describe(Bytes(kind)));

    [Theory]
    [MemberData(nameof(NonImagesAndTheirWords))]
    public void A_refused_entry_and_a_mislabelled_final_name_the_file_in_the_same_words(string kind, string words)
    {
        var bytes = Bytes(kind);

        var entry = UploadInspector.Inspect(fixture.Write("entry.png", bytes), "entry.png", fixture.Limits).Refusal;
        var final = ClaimedFormats.Check("final.png", bytes);

        Assert.Equal(UploadRefusalCode.UnsupportedFormat, entry!.Code);
        Assert.StartsWith($"This file is {words} (whatever its name ending \".png\" says). Entries must be JPEG, PNG, WebP or GIF images; export it as PNG or JPEG and upload it again.", entry.Message);
        Assert.Equal(UploadRefusalCode.NameContradictsContent, final!.Code);
        Assert.StartsWith($"final.png is not a PNG image: its contents are {words}. Export it as PNG again", final.Message);
    }

    [Fact]
    public void The_allowed_entry_formats_are_the_table_rows_the_previews_decode() =>
        Assert.Equal(
            [(ImageFormat.Jpeg, "JPEG", ".jpg"), (ImageFormat.Png, "PNG", ".png"), (ImageFormat.WebP, "WebP", ".webp"), (ImageFormat.Gif, "GIF", ".gif")],
            Enum.GetValues<ImageFormat>().Select(f => (f, f.DisplayName(), f.Extension())));

    [Fact]
    public void Text_starting_with_bm_is_not_taken_for_a_bmp_image() =>
        Assert.Equal("plain text", KnownFormats.Describe("BMW dealership flyer, A5, two sides"u8));

    [Fact]
    public void A_final_named_svg_whose_root_element_lies_past_the_bytes_read_still_passes()
    {
        var prolog = "<?xml version=\"1.0\"?>\n<!-- " + new string('x', KnownFormats.HeadLength) + " -->\n";
        var svg = Encoding.UTF8.GetBytes(prolog + "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");

        Assert.Null(ClaimedFormats.Check("logo.svg", svg.AsSpan(0, KnownFormats.HeadLength)));
    }

    [Fact]
    public void A_video_is_not_called_a_photo_and_a_rename_is_not_guessed()
    {
        var refusal = ClaimedFormats.Check("reel.gif", Bytes("mov"));

        Assert.Equal("reel.gif is not a GIF image: its contents are an MP4 or MOV video. Export it as GIF again.", refusal!.Message);
    }

    private static byte[] Bytes(string kind)
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

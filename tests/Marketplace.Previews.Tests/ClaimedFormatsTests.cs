using System.Text;

namespace Marketplace.Previews.Tests;

/// <summary>A final's name against its first bytes, with files made by real encoders (libvips, .NET's zip writer).</summary>
public sealed class ClaimedFormatsTests
{
    private static readonly byte[] MinimalPdf = Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    public static TheoryData<string, string> NamesMatchingTheirBytes => new()
    {
        { "logo.jpg", "jpeg" },
        { "logo.JPEG", "jpeg" },
        { "logo.png", "png" },
        { "logo.webp", "webp" },
        { "logo.gif", "gif" },
        { "scan.tif", "tiff" },
        { "scan.tiff", "tiff" },
        { "print.pdf", "pdf" },
        { "fonts.zip", "zip" },
        { "logo.svg", "svg" },
        { "logo.eps", "eps" },
        { "logo.EPSF", "eps" },
        { "brochure.ps", "eps" },
        { "layers.psd", "psd" },
        { "poster.psb", "psd" },
    };

    [Theory]
    [MemberData(nameof(NamesMatchingTheirBytes))]
    public void A_name_whose_format_matches_its_bytes_passes(string fileName, string content) =>
        Assert.Null(ClaimedFormats.Check(fileName, SampleFiles.Of(content)));

    [Theory]
    [InlineData("logo.png", "jpeg", "logo.png is not a PNG image: its contents are a JPEG image. Export it as PNG again, or rename it to logo.jpg.")]
    [InlineData("logo.jpg", "png", "logo.jpg is not a JPEG image: its contents are a PNG image. Export it as JPEG again, or rename it to logo.png.")]
    [InlineData("logo.webp", "gif", "logo.webp is not a WebP image: its contents are a GIF image. Export it as WebP again, or rename it to logo.gif.")]
    [InlineData("logo.gif", "webp", "logo.gif is not a GIF image: its contents are a WebP image. Export it as GIF again, or rename it to logo.webp.")]
    [InlineData("print.pdf", "png", "print.pdf is not a PDF document: its contents are a PNG image. Export it as PDF again, or rename it to print.png.")]
    [InlineData("scan.tiff", "jpeg", "scan.tiff is not a TIFF image: its contents are a JPEG image. Export it as TIFF again, or rename it to scan.jpg.")]
    [InlineData("fonts.zip", "pdf", "fonts.zip is not a ZIP archive: its contents are a PDF document. Export it as ZIP again, or rename it to fonts.pdf.")]
    [InlineData("logo.svg", "png", "logo.svg is not an SVG file: its contents are a PNG image. Export it as SVG again, or rename it to logo.png.")]
    [InlineData("logo.png", "zip", "logo.png is not a PNG image: its contents are a ZIP archive. Export it as PNG again, or rename it to logo.zip.")]
    [InlineData("logo.eps", "png", "logo.eps is not an EPS (PostScript) file: its contents are a PNG image. Export it as EPS again, or rename it to logo.png.")]
    [InlineData("logo.eps", "pdf", "logo.eps is not an EPS (PostScript) file: its contents are a PDF document. Export it as EPS again, or rename it to logo.pdf.")]
    [InlineData("logo.png", "eps", "logo.png is not a PNG image: its contents are an EPS (PostScript) file. Export it as PNG again, or rename it to logo.eps.")]
    [InlineData("layers.psd", "jpeg", "layers.psd is not a Photoshop (PSD) file: its contents are a JPEG image. Export it as PSD again, or rename it to layers.jpg.")]
    [InlineData("logo.png", "psd", "logo.png is not a PNG image: its contents are a Photoshop (PSD) file. Export it as PNG again, or rename it to logo.psd.")]
    public void A_name_whose_format_contradicts_its_bytes_is_refused_saying_what_it_is_and_how_to_fix_it(string fileName, string content, string message)
    {
        var refusal = ClaimedFormats.Check(fileName, SampleFiles.Of(content));

        Assert.Equal(new UploadRefusal(UploadRefusalCode.NameContradictsContent, message), refusal);
    }

    [Fact]
    public void A_text_file_named_pdf_is_refused_without_suggesting_a_name()
    {
        var refusal = ClaimedFormats.Check("brochure.pdf", "Brochure copy: spring menu, 3 pages."u8);

        Assert.Equal("brochure.pdf is not a PDF document: its contents are plain text. Export it as PDF again.", refusal?.Message);
    }

    [Fact]
    public void A_text_file_named_eps_is_refused_like_any_file_whose_name_lies()
    {
        var refusal = ClaimedFormats.Check("logo.eps", "Logo: see the attached PNG."u8);

        Assert.Equal("logo.eps is not an EPS (PostScript) file: its contents are plain text. Export it as EPS again.", refusal?.Message);
    }

    [Fact]
    public void Bytes_we_cannot_name_are_refused_for_a_recognisable_name()
    {
        var refusal = ClaimedFormats.Check("logo.png", [0x00, 0x01, 0x02, 0x03, 0xFE, 0x7F, 0x00, 0x10]);

        Assert.Equal("logo.png is not a PNG image: its contents are not a file type we recognise. Export it as PNG again.", refusal?.Message);
    }

    [Theory]
    [InlineData("logo.ai", "png")]
    [InlineData("logo.ai", "eps")]
    [InlineData("brochure.indd", "zip")]
    [InlineData("README", "text")]
    [InlineData("notes.txt", "png")]
    public void A_name_claiming_a_format_we_cannot_verify_by_bytes_passes(string fileName, string content) =>
        Assert.Null(ClaimedFormats.Check(fileName, SampleFiles.Of(content)));

    [Fact]
    public void A_dos_binary_eps_passes_for_eps_only_when_its_header_points_at_a_postscript_section()
    {
        var eps = PrintFiles.BinaryEps(PrintFiles.SplitEps(PrintFiles.Red, PrintFiles.Blue));
        var pointingNowhere = eps.ToArray();
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(pointingNowhere.AsSpan(8), 0);

        Assert.Null(ClaimedFormats.Check("logo.eps", eps));
        Assert.Equal("logo.eps is not an EPS (PostScript) file: its contents are not a file type we recognise. Export it as EPS again.",
            ClaimedFormats.Check("logo.eps", pointingNowhere)?.Message);
    }

    [Fact]
    public void A_pdf_with_junk_before_its_signature_passes_as_readers_accept_it() =>
        Assert.Null(ClaimedFormats.Check("print.pdf", [.. Encoding.ASCII.GetBytes("\r\n\r\nprinter job 42\n"), .. MinimalPdf]));

    [Fact]
    public void An_svg_with_a_byte_order_mark_and_leading_blank_lines_passes() =>
        Assert.Null(ClaimedFormats.Check("logo.svg", [0xEF, 0xBB, 0xBF, .. "\n\n  <!-- exported -->\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>"u8]));

    [Fact]
    public void An_svg_that_mentions_the_pdf_signature_is_still_an_svg() =>
        Assert.Null(ClaimedFormats.Check("logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><desc>Saved from %PDF-1.7 artwork</desc></svg>"u8));

    [Fact]
    public void A_file_on_disk_is_checked_by_its_first_bytes()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, SampleFiles.Of("jpeg"));
            Assert.Equal(UploadRefusalCode.NameContradictsContent, ClaimedFormats.CheckFile(path, "logo.png")?.Code);
            Assert.Null(ClaimedFormats.CheckFile(path, "logo.jpg"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}

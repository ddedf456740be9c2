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
        Assert.Equal(words, KnownFormats.Describe(SampleFiles.Of(kind)));

    [Theory]
    [MemberData(nameof(NonImagesAndTheirWords))]
    public void A_refused_entry_and_a_mislabelled_final_name_the_file_in_the_same_words(string kind, string words)
    {
        var bytes = SampleFiles.Of(kind);

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

    [Theory]
    [InlineData("ctrl-d")]
    [InlineData("pjl")]
    [InlineData("pjl-and-ctrl-d")]
    public void Postscript_after_a_drivers_ctrl_d_or_pjl_header_is_postscript_and_a_ps_name_matches_it(string driver)
    {
        var file = PrintFiles.FromDriver(driver, PrintFiles.PostScript(300, 400, (PrintFiles.Blue, PrintFiles.Red)));
        var head = file.AsSpan(0, Math.Min(file.Length, KnownFormats.HeadLength));

        Assert.Equal(KnownFormats.Eps, KnownFormats.Identify(head));
        Assert.Null(ClaimedFormats.Check("brochure.ps", head));
        Assert.Equal("%!PS-Adobe-3.0\n", Encoding.ASCII.GetString(file, PostScriptFile.StartOf(head), 15));
    }

    [Fact]
    public void A_pjl_job_in_another_printer_language_is_not_taken_for_postscript()
    {
        var pcl = Encoding.ASCII.GetBytes("\u001b%-12345X@PJL JOB\r\n@PJL ENTER LANGUAGE = PCL\r\n\u001bE\u001b&l0O Price list\u001bE\u001b%-12345X");

        Assert.Equal(-1, PostScriptFile.StartOf(pcl));
        Assert.NotEqual(KnownFormats.Eps, KnownFormats.Identify(pcl));
        Assert.Equal(UploadRefusalCode.NameContradictsContent, ClaimedFormats.Check("price-list.ps", pcl)!.Code);
    }

    [Fact]
    public void A_video_is_not_called_a_photo_and_a_rename_is_not_guessed()
    {
        var refusal = ClaimedFormats.Check("reel.gif", SampleFiles.Of("mov"));

        Assert.Equal("reel.gif is not a GIF image: its contents are an MP4 or MOV video. Export it as GIF again.", refusal!.Message);
    }
}

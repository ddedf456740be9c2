using System.Text;
using Marketplace.Contracts;

namespace Marketplace.Previews.Tests;

/// <summary>
/// Finals a buyer cannot open on a phone: a font previews as a watermarked specimen drawn in the sandbox, a zip is
/// stored with the list of what it holds, and an Illustrator file only Illustrator can show says so.
/// </summary>
[Collection(WorkerCollection.Name)]
public sealed class FontAndArchiveFinalTests(WorkerClusterFixture fixture)
{
    private const string Label = "FOR REVIEW ONLY · 7";

    public static TheoryData<string, string, string> Fonts => new()
    {
        { "truetype", "Brand-Sans.ttf", "DejaVu Sans" },
        { "truetype", "Brand-Sans.otf", "DejaVu Sans" },
        { "woff", "brand-sans-bold.woff", "DejaVu Sans Bold" },
    };

    [Theory]
    [MemberData(nameof(Fonts))]
    public async Task A_font_final_previews_as_a_watermarked_specimen_named_as_the_font_names_itself(string kind, string fileName, string fontName)
    {
        PrintFiles.RequireRenderers();
        var font = kind == "woff" ? TestFonts.Woff(TestFonts.DejaVuSansBold()) : TestFonts.DejaVuSans();

        var result = await IngestFinalAsync(font, fileName, Label);

        Assert.Equal(font, await ReadAsync(StorageNames.Containers.Finals, result.File!.BlobName));
        var manifest = result.Previews!;
        Assert.Null(manifest.NotDrawn);
        Assert.Equal(fontName, manifest.FontName);
        Assert.Equal(PreviewProfile.All.Select(p => p.Size), manifest.Images.Select(i => i.Size));
        using var desktop = await PreviewAsync(manifest, PreviewSizes.Desktop);
        // A sheet that wraps its lines to stay readable on a phone: about as tall as it is wide.
        Assert.True(desktop.Height > desktop.Width * 0.6 && desktop.Height < desktop.Width * 1.4, $"the specimen is {desktop.Width} × {desktop.Height}");
        // Dark letters on white: mostly light, with real ink, and the watermark makes it differ from an unmarked one.
        Assert.InRange(desktop.Colourspace(Enums.Interpretation.Bw).Avg(), 170, 250);
        using var unmarked = await PreviewAsync((await IngestFinalAsync(font, fileName, null)).Previews!, PreviewSizes.Desktop);
        Assert.InRange(PreviewAssertions.MeanDifference(desktop, unmarked), 1, 40);
    }

    [Fact]
    public async Task A_font_whose_name_would_be_read_as_an_imagemagick_command_is_drawn_as_plain_words()
    {
        var name = FontSpecimen.NameFrom(Encoding.UTF8.GetBytes("@/etc/passwd %[pixel:0,0] \\n Brand\u0007 Sans\n"));

        Assert.Equal("etcpasswd pixel0,0 n Brand Sans", name);
        Assert.Null(FontSpecimen.NameFrom("\n\n"u8.ToArray()));
    }

    public static TheoryData<string> DamagedFonts => ["cut off", "header only", "woff cut off"];

    [Theory]
    [MemberData(nameof(DamagedFonts))]
    public async Task A_damaged_font_is_delivered_without_a_preview_and_says_it_could_not_be_drawn(string kind)
    {
        PrintFiles.RequireRenderers();
        var bytes = kind switch
        {
            "cut off" => TestFonts.DejaVuSans()[..30_000],
            "woff cut off" => TestFonts.Woff(TestFonts.DejaVuSans())[..20_000],
            // An sfnt header claiming 12 tables, then noise.
            _ => [0, 1, 0, 0, 0, 12, 0, 128, 0, 3, 0, 32, .. Encoding.ASCII.GetBytes($"not a font {Guid.NewGuid():N}")],
        };
        var fileName = kind.StartsWith("woff", StringComparison.Ordinal) ? "brand.woff" : "brand.ttf";

        var result = await IngestFinalAsync(bytes, fileName, Label);

        Assert.Equal(bytes, await ReadAsync(StorageNames.Containers.Finals, result.File!.BlobName));
        Assert.Empty(result.Previews!.Images);
        Assert.Equal(new NoPreview("font", NoPreviewReason.CouldNotDraw), result.Previews.NotDrawn);
    }

    [Theory]
    [InlineData("logo.ttf", "png", "logo.ttf is not a TrueType or OpenType font: its contents are a PNG image. Export it as TTF or OTF again, or rename it to logo.png.")]
    [InlineData("brand.woff2", "woff", "brand.woff2 is not a WOFF2 web font: its contents are a WOFF web font. Export it as WOFF2 again, or rename it to brand.woff.")]
    public async Task A_font_name_on_other_bytes_is_refused_like_any_final_whose_name_lies_and_nothing_is_stored(string fileName, string content, string message)
    {
        var finalsBefore = await fixture.BlobNamesAsync(StorageNames.Containers.Finals);
        var bytes = content == "woff" ? TestFonts.Woff(TestFonts.DejaVuSans()) : SampleFiles.Of(content);

        var result = await fixture.Worker.IngestFinalsAsync([new StagedUpload(await fixture.StageAsync(bytes), fileName)], Label);

        Assert.False(result.Accepted);
        Assert.Equal((fileName, UploadRefusalCode.NameContradictsContent, message), (result.RefusedFileName, result.Refusal!.Code, result.Refusal.Message));
        Assert.Equal(finalsBefore, await fixture.BlobNamesAsync(StorageNames.Containers.Finals));
    }

    [Fact]
    public async Task A_zip_final_is_stored_with_the_list_of_what_it_holds_and_no_preview_images()
    {
        var zip = TestZips.Real(("Brand/logo.svg", PrintFiles.SplitSvg(PrintFiles.Red, PrintFiles.Blue)), ("Brand/Brand-Sans.ttf", TestFonts.DejaVuSans()), ("Brand/", []));

        var result = await IngestFinalAsync(zip, "brand.zip", Label);

        Assert.Equal(("brand.zip", "application/zip"), (result.File!.FileName, result.File.ContentType));
        var manifest = result.Previews!;
        Assert.Empty(manifest.Images);
        Assert.Null(manifest.NotDrawn);
        Assert.Equal(["Brand/logo.svg", "Brand/Brand-Sans.ttf"], manifest.Archive!.Entries.Select(e => e.Name));
        Assert.Equal(TestFonts.DejaVuSans().LongLength, manifest.Archive.Entries[1].Bytes);
        Assert.True(manifest.Archive.Complete);
    }

    [Fact]
    public async Task A_cut_off_zip_final_is_still_delivered_and_says_its_contents_could_not_be_read()
    {
        var zip = TestZips.Real(("logo.svg", PrintFiles.SplitSvg(PrintFiles.Red, PrintFiles.Blue)), ("notes.txt", Encoding.UTF8.GetBytes($"notes {Guid.NewGuid():N}")));

        var result = await IngestFinalAsync(zip[..(zip.Length - 30)], "brand.zip", Label);

        Assert.Equal(ZipDirectory.CutOff, result.Previews!.Archive!.Unreadable);
    }

    [Fact]
    public async Task An_illustrator_file_saved_without_pdf_content_is_not_previewed_as_adobes_notice_and_says_why()
    {
        PrintFiles.RequireRenderers();
        // What Illustrator writes as the only PDF page when "Create PDF Compatible File" is off.
        var placeholder = PrintFiles.Pdf(Encoding.UTF8.GetBytes(
            $"""
             <svg xmlns="http://www.w3.org/2000/svg" width="612" height="792">
               <text x="36" y="72" font-family="DejaVu Sans" font-size="12">This is an Adobe® Illustrator® File that was</text>
               <text x="36" y="90" font-family="DejaVu Sans" font-size="12">saved without PDF Content. ({Guid.NewGuid():N})</text>
             </svg>
             """));

        var result = await IngestFinalAsync(placeholder, "logo.ai", Label);

        Assert.Equal(placeholder, await ReadAsync(StorageNames.Containers.Finals, result.File!.BlobName));
        Assert.Empty(result.Previews!.Images);
        Assert.Equal(new NoPreview("AI", NoPreviewReason.IllustratorOnly), result.Previews.NotDrawn);
    }

    [Fact]
    public async Task An_illustrator_file_that_is_neither_pdf_nor_postscript_says_only_illustrator_can_show_it()
    {
        var result = await IngestFinalAsync([0x00, 0x11, 0x22, .. Encoding.ASCII.GetBytes($"private illustrator data {Guid.NewGuid():N}")], "logo.ai", Label);

        Assert.Equal(new NoPreview("AI", NoPreviewReason.IllustratorOnly), result.Previews!.NotDrawn);
    }

    [Fact]
    public async Task An_illustrator_file_with_pdf_content_still_previews_its_artwork()
    {
        var pdf = PrintFiles.Pdf(PrintFiles.SplitSvg(PrintFiles.Green, PrintFiles.Blue, 300 + Random.Shared.Next(50), 200));

        var result = await IngestFinalAsync(pdf, "logo.ai", Label);

        Assert.Null(result.Previews!.NotDrawn);
        Assert.NotEmpty(result.Previews.Images);
    }

    private async Task<IngestResult> IngestFinalAsync(byte[] bytes, string fileName, string? label)
    {
        var result = await fixture.Worker.IngestFinalsAsync([new StagedUpload(await fixture.StageAsync(bytes), fileName)], label);
        Assert.True(result.Accepted, result.Refusal?.Message);
        return Assert.Single(result.Stored);
    }

    private async Task<Image> PreviewAsync(PreviewManifest manifest, string size)
    {
        var image = manifest.Find(size) ?? throw new Xunit.Sdk.XunitException($"no {size} preview");
        return Image.NewFromBuffer(await ReadAsync(StorageNames.Containers.HandoverPreviews, image.BlobName)).CopyMemory();
    }

    private async Task<byte[]> ReadAsync(string container, string blobName)
    {
        await using var download = await fixture.Files.OpenReadAsync(container, blobName);
        using var copy = new MemoryStream();
        await download!.Content.CopyToAsync(copy);
        return copy.ToArray();
    }
}

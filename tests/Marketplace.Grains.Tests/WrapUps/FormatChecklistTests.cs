using Marketplace.Contracts.Previews;
using Marketplace.Contracts.WrapUps;

namespace Marketplace.Grains.Tests.WrapUps;

/// <summary>How delivered files meet the brief's formats: names with aliases, sniffed content, extras.</summary>
public sealed class FormatChecklistTests
{
    private static FormatChecklist Check(string[] requested, params FinalFile[] files) =>
        FormatChecklist.Of(requested, files.Select(f => f.File));

    [Fact]
    public void Each_requested_format_lists_the_files_that_meet_it_in_the_briefs_order_and_spelling()
    {
        var checklist = Check(["PNG", "SVG", "PDF"], Finals.Image("logo.png"), Finals.Image("logo-small.PNG"), Finals.Document("logo.svg"));

        Assert.Equal(["PNG", "SVG", "PDF"], checklist.Requested.Select(r => r.Format));
        Assert.Equal(["logo.png", "logo-small.PNG"], checklist.Requested[0].FileNames);
        Assert.Equal(["logo.svg"], checklist.Requested[1].FileNames);
        Assert.False(checklist.Requested[2].Delivered);
        Assert.Equal(["PDF"], checklist.Missing);
        Assert.False(checklist.Complete);
    }

    [Theory]
    [InlineData("JPG", "photo.jpeg")]
    [InlineData("JPEG", "photo.jpg")]
    [InlineData("jpg", "photo.JPE")]
    [InlineData("TIFF", "scan.tif")]
    [InlineData("TIF", "scan.tiff")]
    [InlineData("EPS", "logo.epsf")]
    [InlineData("HTML", "mail.htm")]
    public void Aliases_of_a_format_meet_it(string requested, string fileName)
    {
        var checklist = Check([requested], Finals.InFormat(fileName));

        Assert.True(checklist.Complete);
        Assert.Equal([fileName], Assert.Single(checklist.Requested).FileNames);
        Assert.Empty(checklist.Extras);
    }

    [Fact]
    public void The_alias_table_names_every_spelling_of_a_format_the_briefs_first()
    {
        Assert.Equal(["JPG", "JPEG", "JPE", "JFIF"], FileFormatAliases.NamesOf("jpg"));
        Assert.Equal(["SVG"], FileFormatAliases.NamesOf("SVG"));
        Assert.Equal("TIFF", FileFormatAliases.Canonical(".tif"));
        Assert.Null(FileFormatAliases.OfFileName("README"));
    }

    [Fact]
    public void A_file_inside_a_zip_meets_its_format_marked_inside_the_zip_and_the_zip_alone_is_an_extra()
    {
        var checklist = FormatChecklist.Of(["PNG", "SVG", "PDF"],
        [
            Finals.Image("logo.png"),
            Finals.Zip("brand.zip", "brand/logo.svg", "brand/README.txt", "brand/fonts/Brand-Regular.otf"),
        ]);

        Assert.Equal(["logo.png"], checklist.Requested[0].FileNames);
        Assert.Equal(["logo.svg inside brand.zip"], checklist.Requested[1].FileNames);
        Assert.Equal(["PDF"], checklist.Missing);
        Assert.Equal(["brand.zip"], checklist.Extras);
        Assert.Empty(checklist.Mislabelled);
    }

    [Fact]
    public void Many_files_of_a_format_inside_a_zip_read_as_two_names_and_a_count()
    {
        var checklist = FormatChecklist.Of(["PNG"], [Finals.Zip("icons.zip", "icons/home.png", "icons/cart.png", "icons/user.png", "icons/menu.png", "icons/notes.txt")]);

        Assert.Equal(["home.png, cart.png and 2 more inside icons.zip"], Assert.Single(checklist.Requested).FileNames);
        Assert.True(checklist.Complete);
    }

    [Fact]
    public void A_zip_whose_contents_could_not_be_read_meets_nothing_but_its_own_format()
    {
        var damaged = new FinalFile(Finals.Stored("brand.zip", "application/zip"), PreviewManifest.Listing(new string('a', 64), ArchiveListing.Damaged("Its list of contents is damaged.")));

        var checklist = FormatChecklist.Of(["SVG", "ZIP"], [damaged]);

        Assert.Equal(["SVG"], checklist.Missing);
        Assert.Equal(["brand.zip"], checklist.Requested[1].FileNames);
    }

    [Fact]
    public void Files_in_formats_not_asked_for_are_extras_and_do_not_stop_a_complete_delivery()
    {
        var checklist = Check(["PNG"], Finals.Image("logo.png"), Finals.Document("fonts.zip"), Finals.Document("README"));

        Assert.True(checklist.Complete);
        Assert.Equal(["fonts.zip", "README"], checklist.Extras);
        Assert.Null(checklist.RefusalWithoutNote());
    }

    [Fact]
    public void A_file_whose_sniffed_content_contradicts_its_name_ticks_no_box()
    {
        // The pipeline gives a PNG's bytes image/png whatever the name; a ".png" that is not one gets its name's (unknown) type.
        var checklist = Check(["SVG", "PNG", "JPG"],
            Finals.ImageOf("logo.svg", "image/png"),
            Finals.Document("fake.png"),
            Finals.ImageOf("photo.jpg", "image/jpeg"));

        Assert.Equal(["SVG", "PNG"], checklist.Missing);
        Assert.Equal([new MislabelledFile("logo.svg", "SVG", "PNG"), new MislabelledFile("fake.png", "PNG", null)], checklist.Mislabelled);
        Assert.Empty(checklist.Extras);
        var refusal = checklist.RefusalWithoutNote()!;
        Assert.Contains("\"logo.svg\" is really a PNG image, so it does not count as SVG.", refusal, StringComparison.Ordinal);
        Assert.Contains("\"fake.png\" is not a real PNG image", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Before_upload_only_names_count()
    {
        var checklist = FormatChecklist.Of(["PNG", "PDF"], [("logo.png", (string?)null), ("print.pdf", null)]);

        Assert.True(checklist.Complete);
        Assert.Empty(checklist.Mislabelled);
    }

    [Theory]
    [InlineData(new[] { "SVG" }, "The brief asks for SVG too. Add it, or say in the note why it is not included.")]
    [InlineData(new[] { "SVG", "PDF" }, "The brief asks for SVG and PDF too. Add them, or say in the note why they are not included.")]
    public void The_refusal_names_what_is_missing_and_the_two_ways_forward(string[] missing, string expected)
    {
        var checklist = Check(["PNG", .. missing], Finals.Image("logo.png"));

        Assert.Equal(expected, checklist.RefusalWithoutNote());
    }

    [Fact]
    public void With_nothing_of_the_brief_delivered_the_refusal_lists_every_format()
    {
        Assert.Equal("The brief asks for PNG, SVG and PDF. Add them, or say in the note why they are not included.",
            Check(["PNG", "SVG", "PDF"], Finals.Document("logo.zip")).RefusalWithoutNote());
    }
}

using System.Diagnostics;
using System.Text;

namespace Marketplace.Previews.Tests;

/// <summary>
/// A zip final is listed from its central directory only: names and sizes as claimed, within limits, never unpacked,
/// and a hostile directory (a bomb, a path-traversal name, a cut-off file, a billion claimed entries) gives a plain answer fast.
/// </summary>
public sealed class ZipDirectoryTests
{
    [Fact]
    public void A_zip_lists_its_files_with_their_unpacked_sizes_leaving_out_folders_and_mac_copies()
    {
        var zip = TestZips.Real(
            ("brand/", []),
            ("brand/logo.svg", new byte[1200]),
            ("brand/fonts/Brand-Regular.otf", new byte[48_000]),
            ("__MACOSX/brand/._logo.svg", new byte[300]),
            ("brand/.DS_Store", new byte[6148]),
            ("Brand guide – 2026.pdf", new byte[250_000]));

        var listing = Read(zip);

        Assert.Null(listing.Unreadable);
        Assert.True(listing.Complete);
        Assert.Equal(
            [new ArchiveEntry("brand/logo.svg", 1200), new ArchiveEntry("brand/fonts/Brand-Regular.otf", 48_000), new ArchiveEntry("Brand guide – 2026.pdf", 250_000)],
            listing.Entries);
        Assert.Equal((3, 299_200), (listing.FileCount, listing.TotalBytes));
    }

    [Fact]
    public void A_zip_bombs_overlapping_directory_is_listed_in_moments_from_its_claims_without_unpacking_anything()
    {
        // 12,000 records over one 20 MB entry of zeros: 240 GB claimed from a file of a few hundred kilobytes.
        var bomb = TestZips.OverlappingBomb(12_000, 20 * 1024 * 1024);
        var clock = Stopwatch.StartNew();
        var allocated = GC.GetAllocatedBytesForCurrentThread();

        var listing = Read(bomb);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"listing took {clock.Elapsed}");
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocated < 16 * 1024 * 1024, "listing allocated more than its directory is worth");
        Assert.False(listing.Complete);
        Assert.Equal(ZipDirectory.MaxRecords, listing.FileCount);
        Assert.Equal(ArchiveListing.MaxEntries, listing.Entries.Count);
        Assert.Equal(ZipDirectory.MaxRecords * 20L * 1024 * 1024, listing.TotalBytes);
        Assert.Equal(new ArchiveEntry("bomb/part-00001.bin", 20 * 1024 * 1024), listing.Entries[0]);
    }

    [Fact]
    public void A_path_traversal_name_is_listed_as_plain_text_and_hidden_control_characters_are_shown_as_question_marks()
    {
        var zip = TestZips.HandMade([("../../etc/x", 5), ("invoice\u202Egpj.exe", 5), ("C:\\Users\\cai\\logo.svg", 5), ("bell\u0007.txt", 5)]);

        var listing = Read(zip);

        Assert.Equal(["../../etc/x", "invoice?gpj.exe", "C:/Users/cai/logo.svg", "bell?.txt"], listing.Entries.Select(e => e.Name));
        Assert.False(File.Exists("/etc/x"));
    }

    [Fact]
    public void A_very_long_name_is_cut_to_the_name_limit()
    {
        var zip = TestZips.HandMade([(new string('a', 60_000) + ".svg", 5)]);

        var name = Assert.Single(Read(zip).Entries).Name;

        Assert.Equal(ZipDirectory.MaxNameChars, name.Length);
        Assert.EndsWith("…", name, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.98)]
    public void A_truncated_zip_says_it_was_cut_off(double kept)
    {
        var zip = TestZips.Real(("logo.svg", Encoding.UTF8.GetBytes(new string('x', 20_000))), ("logo.pdf", RandomBytes(30_000)));

        var listing = Read(zip[..(int)(zip.Length * kept)]);

        Assert.Equal((ZipDirectory.CutOff, 0, 0L), (listing.Unreadable, listing.Entries.Count, listing.FileCount));
    }

    [Fact]
    public void A_zip_claiming_a_billion_entries_in_a_tiny_directory_is_damaged_and_answers_at_once()
    {
        var zip = TestZips.HandMade([("logo.svg", 5), ("logo.pdf", 5)], claimedRecords: 1_000_000_000);
        var clock = Stopwatch.StartNew();

        var listing = Read(zip);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"listing took {clock.Elapsed}");
        Assert.Equal((ZipDirectory.Damaged, 0, 0L), (listing.Unreadable, listing.Entries.Count, listing.FileCount));
    }

    [Fact]
    public void A_directory_pointing_past_the_end_of_the_file_is_not_trusted()
    {
        var zip = TestZips.HandMade([("logo.svg", 5)]);
        // The end record's directory offset, moved past the end of the file.
        BitConverter.TryWriteBytes(zip.AsSpan(zip.Length - 6), (uint)zip.Length * 4);

        Assert.Equal(ZipDirectory.CutOff, Read(zip).Unreadable);
    }

    [Fact]
    public void A_zip64_entry_past_4_gb_is_listed_with_its_size_from_the_zip64_field()
    {
        var zip = TestZips.HandMade([("scans/poster-600dpi.tif", 6L * 1024 * 1024 * 1024)], zip64: true);

        var listing = Read(zip);

        Assert.Equal(new ArchiveEntry("scans/poster-600dpi.tif", 6L * 1024 * 1024 * 1024), Assert.Single(listing.Entries));
        Assert.True(listing.Complete);
    }

    private static ArchiveListing Read(byte[] zip) => ZipDirectory.Read(new MemoryStream(zip, writable: false));

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }
}

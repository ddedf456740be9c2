using Marketplace.Contracts;
using Marketplace.Contracts.Files;

namespace Marketplace.Previews.Tests;

[Collection(WorkerCollection.Name)]
public sealed class PreviewWorkerGrainTests(WorkerClusterFixture fixture)
{
    private static byte[] Jpeg(int width = 1600, int height = 1000)
    {
        using var photo = TestImages.Photo(width, height);
        return photo.JpegsaveBuffer(q: 85);
    }

    [Fact]
    public async Task An_accepted_entry_is_stored_by_content_hash_with_previews_in_their_own_container()
    {
        var bytes = Jpeg();
        var staging = await fixture.StageAsync(bytes);

        var result = await fixture.Worker.IngestOriginalAsync(staging, "poster final.jpg", "Marketplace · entry 3");

        Assert.True(result.Accepted, result.Refusal?.Message);
        var original = result.File!;
        Assert.Equal(StorageNames.Containers.Originals, original.Container);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), original.Sha256);
        Assert.Equal(original.Sha256 + ".jpg", original.BlobName);
        Assert.Equal(("poster final.jpg", "image/jpeg", bytes.LongLength), (original.FileName, original.ContentType, original.Bytes));
        Assert.Equal(bytes, await ReadAsync(original.Container, original.BlobName));

        var manifest = result.Previews!;
        Assert.Equal((original.Sha256, 1600, 1000), (manifest.OriginalSha256, manifest.OriginalWidth, manifest.OriginalHeight));
        Assert.Equal(PreviewProfile.All.Select(p => p.Size), manifest.Images.Select(i => i.Size));
        var previewBlobs = await fixture.BlobNamesAsync(StorageNames.Containers.Previews);
        foreach (var image in manifest.Images)
        {
            Assert.Contains(image.BlobName, previewBlobs);
            var properties = await fixture.Files.GetPropertiesAsync(StorageNames.Containers.Previews, image.BlobName);
            Assert.Equal(image.Bytes, properties!.Bytes);
            Assert.Equal(image.Format == "webp" ? "image/webp" : "image/jpeg", properties.ContentType);
        }

        Assert.DoesNotContain(original.BlobName, previewBlobs);
        Assert.False(await fixture.Files.ExistsAsync(StorageNames.Containers.Staging, staging));
    }

    [Fact]
    public async Task A_refused_upload_leaves_nothing_stored_and_its_staging_blob_is_gone()
    {
        var before = await StoredBlobCountsAsync();
        var staging = await fixture.StageAsync(File.ReadAllBytes(Path.Combine(Corpus.PngSuite, "xcsn0g01.png")));

        var result = await fixture.Worker.IngestOriginalAsync(staging, "logo.png", "Marketplace · entry 4");

        Assert.False(result.Accepted);
        Assert.Equal(UploadRefusalCode.Damaged, result.Refusal!.Code);
        Assert.Equal("This PNG is damaged (bad CRC in the IDAT chunk); export it again.", result.Refusal.Message);
        Assert.Null(result.File);
        Assert.Equal(before, await StoredBlobCountsAsync());
        Assert.False(await fixture.Files.ExistsAsync(StorageNames.Containers.Staging, staging));
    }

    public static TheoryData<string, UploadRefusalCode, string> RefusedEntries => new()
    {
        { "text", UploadRefusalCode.UnsupportedFormat, "This file is plain text (whatever its name ending \".png\" says). Entries must be JPEG, PNG, WebP or GIF images; export it as PNG or JPEG and upload it again." },
        { "svg", UploadRefusalCode.UnsupportedFormat, "This file is an SVG file (whatever its name ending \".png\" says)." },
        { "bomb", UploadRefusalCode.DimensionsTooLarge, "This PNG is 100,000 × 100,000 pixels; the limit is 20,000 × 20,000. Scale it down and upload it again." },
        { "frames", UploadRefusalCode.TooManyFrames, "This GIF has 3,000 frames; the limit is 256. Upload a still image or a shorter animation" },
        { "cut", UploadRefusalCode.Damaged, "This JPEG is cut off (the file ends before the image does); upload the complete file or export it again." },
    };

    [Theory]
    [MemberData(nameof(RefusedEntries))]
    public async Task Every_kind_of_refused_entry_says_what_to_do_and_leaves_nothing_stored(string kind, UploadRefusalCode code, string message)
    {
        var jpeg = Jpeg(900, 600);
        byte[] bytes = kind switch
        {
            "text" => "Hello, this is my design brief."u8.ToArray(),
            "svg" => "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8.ToArray(),
            "bomb" => TestImages.PngDeclaring(100_000, 100_000),
            "frames" => TestImages.AnimatedGif(3000),
            _ => jpeg[..(jpeg.Length / 2)],
        };
        var before = await StoredBlobCountsAsync();
        var staging = await fixture.StageAsync(bytes);

        var result = await fixture.Worker.IngestOriginalAsync(staging, "entry.png", "Marketplace · entry 4");

        Assert.Equal(code, result.Refusal?.Code);
        Assert.StartsWith(message, result.Refusal!.Message);
        Assert.Null(result.File);
        Assert.Equal(before, await StoredBlobCountsAsync());
        Assert.False(await fixture.Files.ExistsAsync(StorageNames.Containers.Staging, staging));
    }

    [Fact]
    public async Task An_entry_is_stored_as_what_its_bytes_are_whatever_its_name_says()
    {
        using var art = TestImages.Patches(100);
        var png = art.PngsaveBuffer();

        var result = await fixture.Worker.IngestOriginalAsync(await fixture.StageAsync(png), "poster.jpg", "Marketplace · entry 8");

        Assert.True(result.Accepted, result.Refusal?.Message);
        Assert.Equal(("poster.jpg", "image/png"), (result.File!.FileName, result.File.ContentType));
        Assert.EndsWith(".png", result.File.BlobName);
        var stored = await fixture.Files.GetPropertiesAsync(StorageNames.Containers.Originals, result.File.BlobName);
        Assert.Equal("image/png", stored!.ContentType);
    }

    [Fact]
    public async Task An_entry_over_the_byte_limit_is_refused_before_it_is_read()
    {
        var staging = await fixture.StageAsync(new byte[WorkerClusterFixture.EntryLimit + 1]);

        var result = await fixture.Worker.IngestOriginalAsync(staging, "huge.png", "label");

        Assert.Equal(UploadRefusalCode.TooLarge, result.Refusal!.Code);
        Assert.Contains("the limit is 4 MB", result.Refusal.Message);
        Assert.False(await fixture.Files.ExistsAsync(StorageNames.Containers.Staging, staging));
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("../originals/secret.jpg")]
    [InlineData("")]
    public async Task An_unknown_or_foreign_staging_name_is_refused_as_not_found(string stagingBlobName)
    {
        var result = await fixture.Worker.IngestOriginalAsync(stagingBlobName, "entry.jpg", "label");

        Assert.Equal(UploadRefusalCode.NotFound, result.Refusal!.Code);
        Assert.Contains("upload it again", result.Refusal.Message);
    }

    [Fact]
    public async Task The_same_bytes_uploaded_twice_share_one_original()
    {
        var bytes = Jpeg(800, 600);

        var first = await fixture.Worker.IngestOriginalAsync(await fixture.StageAsync(bytes), "a.jpg", "Marketplace · entry 5");
        var second = await fixture.Worker.IngestOriginalAsync(await fixture.StageAsync(bytes), "b.jpg", "Marketplace · entry 5");

        Assert.Equal(first.File!.BlobName, second.File!.BlobName);
        Assert.Equal(first.Previews!.Images.Select(i => i.BlobName), second.Previews!.Images.Select(i => i.BlobName));
        Assert.Equal(bytes, await ReadAsync(StorageNames.Containers.Originals, first.File.BlobName));
    }

    [Fact]
    public async Task A_final_file_that_is_not_an_image_is_stored_privately_without_preview_images()
    {
        var zip = "PK\u0005\u0006\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"u8.ToArray();

        var result = await IngestFinalAsync(zip, "brand fonts.zip");

        Assert.True(result.Accepted, result.Refusal?.Message);
        // A zip has no images, only its listing: this one is empty.
        Assert.Empty(result.Previews!.Images);
        Assert.Equal((0L, true), (result.Previews.Archive!.FileCount, result.Previews.Archive.Complete));
        Assert.Equal(StorageNames.Containers.Finals, result.File!.Container);
        Assert.Equal(("brand fonts.zip", "application/zip"), (result.File.FileName, result.File.ContentType));
        Assert.EndsWith(".zip", result.File.BlobName);
        Assert.Equal(zip, await ReadAsync(StorageNames.Containers.Finals, result.File.BlobName));
    }

    [Fact]
    public async Task A_final_image_gets_low_resolution_previews_for_the_buyer_kept_private_with_the_handover()
    {
        var result = await IngestFinalAsync(Jpeg(), "logo-final.jpg");

        Assert.True(result.Accepted, result.Refusal?.Message);
        Assert.Equal(StorageNames.Containers.Finals, result.File!.Container);
        Assert.All(result.Previews!.Images, i => Assert.True(i.Width <= 960));
        // A design before payment: its previews are never in the container the public preview route serves.
        var handoverPreviews = await fixture.BlobNamesAsync(StorageNames.Containers.HandoverPreviews);
        var publicPreviews = await fixture.BlobNamesAsync(StorageNames.Containers.Previews);
        Assert.All(result.Previews.Images, i => Assert.Contains(i.BlobName, handoverPreviews));
        Assert.All(result.Previews.Images, i => Assert.DoesNotContain(i.BlobName, publicPreviews));
    }

    [Fact]
    public async Task Previews_rendered_again_from_a_final_stay_private_and_from_an_original_stay_public()
    {
        var final = await IngestFinalAsync(Jpeg(800, 600), "poster.jpg");
        var original = await fixture.Worker.IngestOriginalAsync(await fixture.StageAsync(Jpeg(820, 600)), "entry.jpg", "Marketplace");

        var finalAgain = await fixture.Worker.RenderPreviewsAsync(final.File!, "FOR REVIEW ONLY · 2");
        var originalAgain = await fixture.Worker.RenderPreviewsAsync(original.File!, "Marketplace · entry 7");

        Assert.True(finalAgain.Accepted && originalAgain.Accepted);
        var handoverPreviews = await fixture.BlobNamesAsync(StorageNames.Containers.HandoverPreviews);
        var publicPreviews = await fixture.BlobNamesAsync(StorageNames.Containers.Previews);
        Assert.All(finalAgain.Previews!.Images, i => Assert.Contains(i.BlobName, handoverPreviews));
        Assert.All(finalAgain.Previews.Images, i => Assert.DoesNotContain(i.BlobName, publicPreviews));
        Assert.All(originalAgain.Previews!.Images, i => Assert.Contains(i.BlobName, publicPreviews));
        Assert.All(originalAgain.Previews.Images, i => Assert.DoesNotContain(i.BlobName, handoverPreviews));
    }

    [Fact]
    public async Task A_final_image_too_large_to_preview_is_still_stored_without_previews()
    {
        // Over the entry byte limit of this cluster: fine as a final (print files are big), just not previewed.
        using var big = TestImages.Photo(3000, 3000);
        var png = big.PngsaveBuffer(compression: 0);
        Assert.True(png.Length > WorkerClusterFixture.EntryLimit);

        var result = await IngestFinalAsync(png, "print.png");

        Assert.True(result.Accepted, result.Refusal?.Message);
        Assert.Null(result.Previews);
        Assert.Equal("image/png", result.File!.ContentType);
    }

    [Fact]
    public async Task A_damaged_final_image_is_refused_so_the_buyer_never_receives_it()
    {
        var jpeg = Jpeg();
        var result = await IngestFinalAsync(jpeg[..(jpeg.Length / 2)], "final.jpg");

        Assert.Equal(UploadRefusalCode.Damaged, result.Refusal!.Code);
        Assert.Contains("cut off", result.Refusal.Message);
    }

    [Fact]
    public async Task A_delivery_with_one_damaged_file_stores_none_of_its_files()
    {
        var pdf = System.Text.Encoding.ASCII.GetBytes($"%PDF-1.7\n% print file {Guid.NewGuid():N}\n%%EOF\n");
        var good = Jpeg(1200, 800);
        var cut = Jpeg(900, 600);
        StagedUpload[] uploads =
        [
            new(await fixture.StageAsync(pdf), "print.pdf"),
            new(await fixture.StageAsync(good), "logo.jpg"),
            new(await fixture.StageAsync(cut[..(cut.Length / 2)]), "logo-dark.jpg"),
        ];
        var finalsBefore = await fixture.BlobNamesAsync(StorageNames.Containers.Finals);
        var previewsBefore = await fixture.BlobNamesAsync(StorageNames.Containers.Previews);
        var handoverPreviewsBefore = await fixture.BlobNamesAsync(StorageNames.Containers.HandoverPreviews);

        var result = await fixture.Worker.IngestFinalsAsync(uploads, null);

        Assert.False(result.Accepted);
        Assert.Equal(("logo-dark.jpg", UploadRefusalCode.Damaged), (result.RefusedFileName, result.Refusal!.Code));
        Assert.Empty(result.Stored);
        Assert.Equal(finalsBefore, await fixture.BlobNamesAsync(StorageNames.Containers.Finals));
        Assert.Equal(previewsBefore, await fixture.BlobNamesAsync(StorageNames.Containers.Previews));
        Assert.Equal(handoverPreviewsBefore, await fixture.BlobNamesAsync(StorageNames.Containers.HandoverPreviews));
        foreach (var upload in uploads)
        {
            Assert.False(await fixture.Files.ExistsAsync(StorageNames.Containers.Staging, upload.StagingBlobName));
        }

        // The same files without the damaged one are stored together, in order.
        var retry = await fixture.Worker.IngestFinalsAsync([new(await fixture.StageAsync(pdf), "print.pdf"), new(await fixture.StageAsync(good), "logo.jpg")], null);
        Assert.True(retry.Accepted, retry.Refusal?.Message);
        Assert.Equal(["print.pdf", "logo.jpg"], retry.Stored.Select(r => r.File!.FileName));
        Assert.Equal(pdf, await ReadAsync(StorageNames.Containers.Finals, retry.Stored[0].File!.BlobName));
        Assert.NotNull(retry.Stored[1].Previews);
    }

    [Fact]
    public async Task More_files_than_one_delivery_allows_are_refused_and_not_kept()
    {
        var uploads = new List<StagedUpload>();
        for (var i = 0; i <= StagedUpload.MaxPerBatch; i++)
        {
            uploads.Add(new(await fixture.StageAsync(System.Text.Encoding.ASCII.GetBytes($"note {i} {Guid.NewGuid()}")), $"note-{i}.txt"));
        }

        var result = await fixture.Worker.IngestFinalsAsync(uploads, null);

        Assert.Equal(UploadRefusalCode.TooManyFiles, result.Refusal!.Code);
        Assert.Contains("zip", result.Refusal.Message);
        Assert.False(await fixture.Files.ExistsAsync(StorageNames.Containers.Staging, uploads[0].StagingBlobName));
    }

    [Fact]
    public async Task Previews_can_be_rendered_again_with_a_new_label()
    {
        var stored = await fixture.Worker.IngestOriginalAsync(await fixture.StageAsync(Jpeg(900, 900)), "e.jpg", "Marketplace");

        var again = await fixture.Worker.RenderPreviewsAsync(stored.File!, "Marketplace · entry 42");

        Assert.True(again.Accepted, again.Refusal?.Message);
        Assert.Equal(stored.File, again.File);
        Assert.Equal(stored.Previews!.OriginalSha256, again.Previews!.OriginalSha256);
        Assert.NotEqual(stored.Previews.Images.Select(i => i.BlobName), again.Previews.Images.Select(i => i.BlobName));
    }

    [Fact]
    public async Task Previews_are_rendered_only_from_originals_and_finals()
    {
        var stored = await fixture.Worker.IngestOriginalAsync(await fixture.StageAsync(Jpeg(700, 500)), "e.jpg", "Marketplace");
        var preview = stored.Previews!.Images[0];

        var result = await fixture.Worker.RenderPreviewsAsync(
            new StoredFile(StorageNames.Containers.Previews, preview.BlobName, "p", "image/jpeg", preview.Bytes, "x"), null);

        Assert.Equal(UploadRefusalCode.NotFound, result.Refusal!.Code);
    }

    /// <summary>One final on its own: its stored result, or the refusal.</summary>
    private async Task<IngestResult> IngestFinalAsync(byte[] bytes, string fileName)
    {
        var result = await fixture.Worker.IngestFinalsAsync([new StagedUpload(await fixture.StageAsync(bytes), fileName)], null);
        return result.Refusal is { } refusal ? IngestResult.Refused(refusal) : Assert.Single(result.Stored);
    }

    private async Task<byte[]> ReadAsync(string container, string blobName)
    {
        await using var download = await fixture.Files.OpenReadAsync(container, blobName);
        using var copy = new MemoryStream();
        await download!.Content.CopyToAsync(copy);
        return copy.ToArray();
    }

    private async Task<(int Originals, int Finals, int Previews, int HandoverPreviews)> StoredBlobCountsAsync() => (
        (await fixture.BlobNamesAsync(StorageNames.Containers.Originals)).Count,
        (await fixture.BlobNamesAsync(StorageNames.Containers.Finals)).Count,
        (await fixture.BlobNamesAsync(StorageNames.Containers.Previews)).Count,
        (await fixture.BlobNamesAsync(StorageNames.Containers.HandoverPreviews)).Count);
}

using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Marketplace.Contracts;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Api;

/// <summary>
/// A buyer at a trade show downloads a print PDF over a phone link: every stored file (finals, originals, dispute
/// evidence) and the "Download all files" zip say their length, take <c>Range</c> and <c>If-Range</c> so a dropped
/// download resumes where it stopped, and tell someone refused nothing about the file, not even its length.
/// Real blobs in Azurite, read back through Kestrel.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed partial class ResumableDownloadTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task A_final_says_its_length_and_its_strong_etag_and_answers_first_middle_suffix_and_resumed_ranges()
    {
        var pdf = PrintPdf(2_600_000);
        using var h = await CompletedHandoverAsync("Trade show", pdf);
        var blobName = (await h.Grain.GetFinalsForDownloadAsync(h.BuyerActor))[1].File.BlobName;

        foreach (var path in new[] { h.PagePath + "/files/1", h.ApiPath + "/files/1" })
        {
            using var whole = await h.Buyer.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
            Assert.Equal(pdf.Length, whole.Content.Headers.ContentLength);
            Assert.Equal(["bytes"], whole.Headers.AcceptRanges);
            Assert.Equal(new EntityTagHeaderValue($"\"{blobName}\""), whole.Headers.ETag);
            Assert.Equal("print.pdf", whole.Content.Headers.ContentDisposition!.FileNameStar);
            Assert.True(whole.Headers.CacheControl!.NoStore && whole.Headers.CacheControl.Private);
            Assert.Equal(pdf, await whole.Content.ReadAsByteArrayAsync());

            await AssertRangeAsync(h.Buyer.Http, path, pdf, "bytes=0-499", 0, 500);
            // Across the first chunk read from storage.
            await AssertRangeAsync(h.Buyer.Http, path, pdf, "bytes=1048000-1049999", 1_048_000, 2_000);
            await AssertRangeAsync(h.Buyer.Http, path, pdf, "bytes=-500", pdf.Length - 500, 500);

            // The connection dropped after 1,234,567 bytes: the rest, asked for with the ETag it started with, completes it.
            using var rest = await RangeAsync(h.Buyer.Http, path, "bytes=1234567-", whole.Headers.ETag);
            Assert.Equal(HttpStatusCode.PartialContent, rest.StatusCode);
            Assert.Equal(pdf, pdf[..1_234_567].Concat(await rest.Content.ReadAsByteArrayAsync()).ToArray());
        }
    }

    [Fact]
    public async Task A_range_past_the_end_is_416_with_the_length_and_a_stale_if_range_gets_the_whole_file()
    {
        var pdf = PrintPdf(40_000);
        using var h = await CompletedHandoverAsync("Stale range", pdf);
        var path = h.PagePath + "/files/1";

        foreach (var url in new[] { path, h.ApiPath + "/files/1" })
        {
            using var past = await RangeAsync(h.Buyer.Http, url, $"bytes={pdf.Length}-{pdf.Length + 99}");
            Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, past.StatusCode);
            Assert.Equal($"bytes */{pdf.Length}", past.Content.Headers.ContentRange!.ToString());
        }

        // A partial download made from other bytes (another file once at this address) must not be completed with these.
        using var stale = await RangeAsync(h.Buyer.Http, path, "bytes=100-", new EntityTagHeaderValue("\"" + new string('0', 64) + ".pdf\""));
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Null(stale.Content.Headers.ContentRange);
        Assert.Equal(pdf, await stale.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Someone_refused_a_file_learns_nothing_about_it_not_even_its_length_and_gets_no_range()
    {
        var pdf = PrintPdf(30_000);
        using var h = await StaffedHandover.DeliveredAsync(app, "Refused range " + Guid.NewGuid().ToString("N")[..4], "Rhea Refused", "Cy Creator",
            [StaffedHandover.DefaultFinals("Refused")[0], ("print.pdf", pdf)]);
        using var otherBuyer = await ApiSession.SignUpAsync(app, "buyer", "Olga Other");
        using var anonymous = app.NewApiClient();

        // The handover's own buyer before completion, and a stranger after it: the grain refuses both.
        await AssertRefusedAsync(h.Buyer.Http, h.ApiPath + "/files/1", HttpStatusCode.Forbidden, pdf.Length);
        await AssertRefusedAsync(h.Buyer.Http, h.PagePath + "/files/1", HttpStatusCode.Forbidden, pdf.Length);
        await AllFinalsDownloadTests.CompleteAsync(h);
        foreach (var path in new[] { "/files/1", "/files/all.zip" })
        {
            await AssertRefusedAsync(otherBuyer.Http, h.ApiPath + path, HttpStatusCode.Forbidden, pdf.Length);
            await AssertRefusedAsync(otherBuyer.Http, h.PagePath + path, HttpStatusCode.Forbidden, pdf.Length);
            await AssertRefusedAsync(anonymous, h.ApiPath + path, HttpStatusCode.Unauthorized, pdf.Length);
            await AssertRefusedAsync(anonymous, h.PagePath + path, HttpStatusCode.Redirect, pdf.Length);
        }

        // Dispute evidence and entry originals go the same way: resumable for those allowed, nothing for the others.
        using var disputed = await StaffedHandover.DeliveredAsync(app, "Disputed range " + Guid.NewGuid().ToString("N")[..4], "Di Sputer", "Al Answer");
        var report = PrintPdf(20_000);
        await disputed.Buyer.ReadAsync(await disputed.Buyer.UploadAsync(disputed.ApiPath + "/disputes/with-files", "files", "report.pdf", report, "application/pdf",
            fields: new Dictionary<string, string> { ["reason"] = "The print is muddy." }));
        await AssertRangeAsync(disputed.Creative.Http, disputed.PagePath + "/evidence/dispute/0", report, "bytes=-100", report.Length - 100, 100);
        await AssertRefusedAsync(otherBuyer.Http, disputed.PagePath + "/evidence/dispute/0", HttpStatusCode.Forbidden, report.Length);

        var projectId = await otherBuyer.OpenProjectAsync("Original range " + Guid.NewGuid().ToString("N")[..4]);
        var original = Marketplace.Web.Demo.DemoArt.Logo("Range", "original", 3, 900, 700);
        var entryId = await h.Creative.SubmitEntryAsync(projectId, original);
        await AssertRangeAsync(h.Creative.Http, $"/api/v1/entries/{entryId}/original", original, "bytes=10-19", 10, 10);
        await AssertRefusedAsync(otherBuyer.Http, $"/api/v1/entries/{entryId}/original", HttpStatusCode.Forbidden, original.Length);
    }

    [Fact]
    public async Task The_zip_says_its_exact_length_and_a_download_resumed_from_the_middle_is_a_whole_zip_matching_its_record()
    {
        var pdf = PrintPdf(1_500_000);
        using var h = await CompletedHandoverAsync("Resumed zip", pdf);
        var path = h.PagePath + "/files/all.zip";

        using var whole = await h.Buyer.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        var bytes = await whole.Content.ReadAsByteArrayAsync();
        Assert.Equal(bytes.Length, whole.Content.Headers.ContentLength);
        Assert.Equal(["bytes"], whole.Headers.AcceptRanges);
        Assert.False(whole.Headers.ETag!.IsWeak);
        Assert.True(whole.Headers.CacheControl!.NoStore && whole.Headers.CacheControl.Private);
        Assert.EndsWith(" - final files.zip", whole.Content.Headers.ContentDisposition!.FileNameStar);

        // A phone got the first part before the link dropped, then resumes from there with the ETag it started with.
        var middle = bytes.Length / 2;
        using var first = await RangeAsync(h.Buyer.Http, path, $"bytes=0-{middle - 1}");
        using var rest = await RangeAsync(h.Buyer.Http, h.ApiPath + "/files/all.zip", $"bytes={middle}-", whole.Headers.ETag);
        Assert.Equal(HttpStatusCode.PartialContent, rest.StatusCode);
        Assert.Equal($"bytes {middle}-{bytes.Length - 1}/{bytes.Length}", rest.Content.Headers.ContentRange!.ToString());
        var joined = (await first.Content.ReadAsByteArrayAsync()).Concat(await rest.Content.ReadAsByteArrayAsync()).ToArray();
        Assert.Equal(bytes, joined);

        await AssertZipMatchesItsRecordAsync(joined, h.Finals);
    }

    [Fact]
    public async Task A_zip_removed_from_storage_is_built_again_on_the_next_download_and_a_resume_of_the_old_one_restarts_whole()
    {
        using var h = await CompletedHandoverAsync("Rebuilt zip", PrintPdf(200_000));
        var path = h.ApiPath + "/files/all.zip";
        using var before = await h.Buyer.Http.GetAsync(path);
        var oldTag = before.Headers.ETag;
        using var again = await h.Buyer.Http.GetAsync(path);
        Assert.Equal(oldTag, again.Headers.ETag);

        // As the sweep does once a built download has outlived its lifetime.
        var downloads = app.Azurite.CreateBlobServiceClient().GetBlobContainerClient(StorageNames.Containers.Downloads);
        await foreach (var blob in downloads.GetBlobsAsync()) await downloads.DeleteBlobAsync(blob.Name);

        using var resumed = await RangeAsync(h.Buyer.Http, path, "bytes=1000-", oldTag);
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        Assert.NotEqual(oldTag, resumed.Headers.ETag);
        var rebuilt = await resumed.Content.ReadAsByteArrayAsync();
        Assert.Equal(rebuilt.Length, resumed.Content.Headers.ContentLength);
        await AssertZipMatchesItsRecordAsync(rebuilt, h.Finals);
    }

    [Fact]
    public async Task Downloads_of_a_new_zip_started_together_get_one_zip_stored_once_with_the_same_bytes_and_etag()
    {
        using var h = await CompletedHandoverAsync("Shared build", PrintPdf(2_000_000));

        var downloads = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => h.Buyer.Http.GetAsync(h.ApiPath + "/files/all.zip")));

        Assert.All(downloads, d => Assert.Equal(HttpStatusCode.OK, d.StatusCode));
        // A resume may reach any of them: they must all name the same bytes.
        var etag = Assert.Single(downloads.Select(d => d.Headers.ETag).Distinct())!.Tag;
        var downloadsContainer = app.Azurite.CreateBlobServiceClient().GetBlobContainerClient(StorageNames.Containers.Downloads);
        var stored = new List<Azure.Storage.Blobs.Models.BlobItem>();
        await foreach (var blob in downloadsContainer.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Traits = Azure.Storage.Blobs.Models.BlobTraits.Metadata })) stored.Add(blob);
        var zip = Assert.Single(stored, b => b.Properties.ETag!.Value.ToString("H") == etag);
        // Storing a zip that is there already would re-stamp it (a new ETag under a download already under way).
        Assert.Empty(zip.Metadata);
        var bytes = await Task.WhenAll(downloads.Select(d => d.Content.ReadAsByteArrayAsync()));
        Assert.All(bytes, b => Assert.Equal(bytes[0], b));
        await AssertZipMatchesItsRecordAsync(bytes[0], h.Finals);
        foreach (var download in downloads) download.Dispose();
    }

    [Fact]
    public async Task HEAD_gives_the_owner_every_download_s_status_and_headers_without_the_bytes()
    {
        var pdf = PrintPdf(300_000);
        using var h = await CompletedHandoverAsync("Probed", pdf);
        using var disputed = await StaffedHandover.DeliveredAsync(app, "Probed dispute " + Guid.NewGuid().ToString("N")[..4], "Di Sputer", "Al Answer");
        await disputed.Buyer.ReadAsync(await disputed.Buyer.UploadAsync(disputed.ApiPath + "/disputes/with-files", "files", "report.pdf", PrintPdf(20_000), "application/pdf",
            fields: new Dictionary<string, string> { ["reason"] = "The print is muddy." }));
        var projectId = await h.Buyer.OpenProjectAsync("Probed original " + Guid.NewGuid().ToString("N")[..4]);
        var entryId = await h.Creative.SubmitEntryAsync(projectId, Marketplace.Web.Demo.DemoArt.Logo("Probe", "original", 3, 900, 700));

        (ApiSession Owner, string Path)[] downloads =
        [
            (h.Buyer, h.PagePath + "/files/1"), (h.Buyer, h.ApiPath + "/files/1"),
            (h.Buyer, h.PagePath + "/files/all.zip"), (h.Buyer, h.ApiPath + "/files/all.zip"),
            (disputed.Creative, disputed.PagePath + "/evidence/dispute/0"), (h.Creative, $"/api/v1/entries/{entryId}/original"),
        ];
        foreach (var (owner, path) in downloads)
        {
            using var get = await owner.Http.GetAsync(path);
            using var head = await owner.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
            Assert.Equal((await get.Content.ReadAsByteArrayAsync()).Length, head.Content.Headers.ContentLength);
            Assert.Equal(get.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
            Assert.Equal(["bytes"], head.Headers.AcceptRanges);
            Assert.Equal(get.Headers.ETag, head.Headers.ETag);
            Assert.NotNull(head.Headers.ETag);
            Assert.Equal(get.Content.Headers.ContentDisposition, head.Content.Headers.ContentDisposition);
            Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
            Assert.Equal(get.Headers.CacheControl, head.Headers.CacheControl);
            Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task HEAD_is_refused_as_GET_is_and_tells_someone_refused_nothing_about_the_file()
    {
        var pdf = PrintPdf(30_000);
        using var h = await StaffedHandover.DeliveredAsync(app, "Refused probe " + Guid.NewGuid().ToString("N")[..4], "Hana Head", "Cy Creator",
            [StaffedHandover.DefaultFinals("Probe")[0], ("print.pdf", pdf)]);
        using var otherBuyer = await ApiSession.SignUpAsync(app, "buyer", "Olga Other");
        using var anonymous = app.NewApiClient();

        // The buyer before completion is refused by the grain, as for GET.
        await AssertHeadRefusedLikeGetAsync(h.Buyer.Http, h.PagePath + "/files/1", HttpStatusCode.Forbidden, pdf.Length);
        await AllFinalsDownloadTests.CompleteAsync(h);
        var entryId = await h.Creative.SubmitEntryAsync(await otherBuyer.OpenProjectAsync("Probe original " + Guid.NewGuid().ToString("N")[..4]));
        foreach (var path in new[] { "/files/1", "/files/all.zip" })
        {
            await AssertHeadRefusedLikeGetAsync(otherBuyer.Http, h.PagePath + path, HttpStatusCode.Forbidden, pdf.Length);
            await AssertHeadRefusedLikeGetAsync(otherBuyer.Http, h.ApiPath + path, HttpStatusCode.Forbidden, pdf.Length);
            await AssertHeadRefusedLikeGetAsync(anonymous, h.ApiPath + path, HttpStatusCode.Unauthorized, pdf.Length);
            await AssertHeadRefusedLikeGetAsync(anonymous, h.PagePath + path, HttpStatusCode.Redirect, pdf.Length);
        }

        await AssertHeadRefusedLikeGetAsync(otherBuyer.Http, $"/api/v1/entries/{entryId}/original", HttpStatusCode.Forbidden, 1);
        await AssertHeadRefusedLikeGetAsync(h.Buyer.Http, h.PagePath + "/files/7", HttpStatusCode.NotFound, pdf.Length);
    }

    /// <summary>A handover of a PNG and <paramref name="pdf"/> (named print.pdf), completed through the API.</summary>
    private async Task<StaffedHandover> CompletedHandoverAsync(string title, byte[] pdf)
    {
        var h = await StaffedHandover.DeliveredAsync(app, title + " " + Guid.NewGuid().ToString("N")[..4], "Bo Booth", "Pia Printer",
            [StaffedHandover.DefaultFinals(title.Split(' ')[0])[0], ("print.pdf", pdf)]);
        await AllFinalsDownloadTests.CompleteAsync(h);
        return h;
    }

    /// <summary>A PDF's first and last bytes around <paramref name="length"/> bytes that do not compress, like a print file's images.</summary>
    private static byte[] PrintPdf(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        "%PDF-1.4\n%"u8.CopyTo(bytes);
        "\n%%EOF\n"u8.CopyTo(bytes.AsSpan(length - 7));
        return bytes;
    }

    private static async Task<HttpResponseMessage> RangeAsync(HttpClient http, string path, string range, EntityTagHeaderValue? ifRange = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Range", range);
        if (ifRange is not null) request.Headers.IfRange = new RangeConditionHeaderValue(ifRange);
        return await http.SendAsync(request);
    }

    private static async Task AssertRangeAsync(HttpClient http, string path, byte[] file, string range, int from, int length)
    {
        using var response = await RangeAsync(http, path, range);
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal($"bytes {from}-{from + length - 1}/{file.Length}", response.Content.Headers.ContentRange!.ToString());
        Assert.Equal(length, response.Content.Headers.ContentLength);
        Assert.Equal(file.AsSpan(from, length).ToArray(), await response.Content.ReadAsByteArrayAsync());
    }

    private static async Task AssertRefusedAsync(HttpClient http, string path, HttpStatusCode expected, long fileLength)
    {
        using var response = await RangeAsync(http, path, "bytes=0-99");
        Assert.Equal(expected, response.StatusCode);
        Assert.Null(response.Content.Headers.ContentRange);
        Assert.Empty(response.Headers.AcceptRanges);
        Assert.Null(response.Headers.ETag);
        Assert.NotEqual(fileLength, response.Content.Headers.ContentLength);
        Assert.Null(response.Content.Headers.ContentDisposition);
    }

    /// <summary>HEAD gets GET's refusal (and the same place to sign in), with nothing of the file: no length, ETag or name.</summary>
    private static async Task AssertHeadRefusedLikeGetAsync(HttpClient http, string path, HttpStatusCode expected, long fileLength)
    {
        using var get = await http.GetAsync(path);
        using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
        Assert.Equal(expected, get.StatusCode);
        Assert.Equal(expected, head.StatusCode);
        Assert.Equal(get.Headers.Location, head.Headers.Location);
        Assert.Empty(head.Headers.AcceptRanges);
        Assert.Null(head.Headers.ETag);
        Assert.NotEqual(fileLength, head.Content.Headers.ContentLength);
        Assert.Null(head.Content.Headers.ContentDisposition);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    /// <summary>A valid zip: every final in it, byte for byte, and each one's SHA-256 as README.txt records it.</summary>
    private static async Task AssertZipMatchesItsRecordAsync(byte[] zipBytes, IReadOnlyList<(string Name, byte[] Bytes)> finals)
    {
        using var zip = new ZipArchive(new MemoryStream(zipBytes), ZipArchiveMode.Read);
        Assert.Equal(finals.Select(f => f.Name).Append("README.txt"), zip.Entries.Select(e => e.FullName));
        var record = System.Text.Encoding.UTF8.GetString(await BytesOfAsync(zip.GetEntry("README.txt")!));
        var recorded = RecordedHash().Matches(record).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["sha"].Value);
        foreach (var (name, bytes) in finals)
        {
            var inZip = await BytesOfAsync(zip.GetEntry(name)!);
            Assert.Equal(bytes, inZip);
            Assert.Equal(recorded[name], Convert.ToHexStringLower(SHA256.HashData(inZip)));
        }
    }

    private static async Task<byte[]> BytesOfAsync(ZipArchiveEntry entry)
    {
        await using var stream = entry.Open();
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    [GeneratedRegex(@"^- (?<name>.+) \(.+, SHA-256 (?<sha>[0-9a-f]{64})\)$", RegexOptions.Multiline)]
    private static partial Regex RecordedHash();
}

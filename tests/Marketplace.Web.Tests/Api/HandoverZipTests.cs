using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using Marketplace.Contracts;
using Marketplace.Testing.Cluster;
using Marketplace.Web.Presentation;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Api;

/// <summary>
/// A buyer at a trade show taps "Download all files" on a phone: the zip was built on the silos when the handover
/// completed, so it streams at once; a zip not built yet is built once however many web servers ask, goes on being
/// built when the requester hangs up, and a long build answers "being prepared" rather than holding the phone.
/// The real silo host and web app, real files in Azurite.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class HandoverZipTests(MarketplaceAppFixture app)
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_completed_handover_s_zip_is_stored_before_anyone_asks_and_the_first_download_is_served_from_it()
    {
        using var h = await CompletedAsync("Ahead", PrintPdf(1_200_000));
        var zipName = await h.ZipNameAsync();

        // Nobody has asked: the wrap-up asked for it when the handover completed.
        var ahead = await app.WaitForStoredZipAsync(zipName);
        using var builds = new ZipBuildCounter(app.SiloServices);
        using var download = await h.Buyer.Http.GetAsync(h.PagePath + "/files/all.zip");

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(ahead.ETag.ToString("H"), download.Headers.ETag!.ToString());
        Assert.Equal(ahead.ContentLength, download.Content.Headers.ContentLength);
        Assert.Equal(0, builds.Started);
        var after = await app.StoredZip(zipName).GetPropertiesAsync();
        Assert.Equal(ahead.ETag, after.Value.ETag);
        Assert.Equal(ahead.LastModified, after.Value.LastModified);
        using var zip = new ZipArchive(new MemoryStream(await download.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        Assert.Equal(h.Finals.Select(f => f.Name).Append("README.txt"), zip.Entries.Select(e => e.FullName));
    }

    [Fact]
    public async Task Two_web_servers_asked_at_once_for_a_zip_not_stored_make_one_build_and_send_the_same_zip()
    {
        using var h = await CompletedAsync("Two servers", PrintPdf(3_000_000));
        var zipName = await h.ZipNameAsync();
        await app.RemoveAheadBuiltZipAsync(zipName);
        var (web, address) = app.StartExtraWeb([]);
        await using var _ = web;
        using var second = await SignedInAsync(address, h.Buyer.Email);
        using var builds = new ZipBuildCounter(app.SiloServices);

        var downloads = await Task.WhenAll(h.Buyer.Http.GetAsync(h.ApiPath + "/files/all.zip"), second.GetAsync(h.ApiPath + "/files/all.zip"));

        Assert.All(downloads, d => Assert.Equal(HttpStatusCode.OK, d.StatusCode));
        Assert.Equal(1, builds.Started);
        Assert.Single(downloads.Select(d => d.Headers.ETag).Distinct());
        var bytes = await Task.WhenAll(downloads.Select(d => d.Content.ReadAsByteArrayAsync()));
        Assert.Equal(bytes[0], bytes[1]);
        Assert.Equal((await app.StoredZip(zipName).GetPropertiesAsync()).Value.ContentLength, bytes[0].Length);
        foreach (var download in downloads) download.Dispose();
    }

    [Fact]
    public async Task A_download_cancelled_while_its_zip_is_built_does_not_stop_the_build()
    {
        using var h = await CompletedAsync("Hung up", PrintPdf(16_000_000));
        var zipName = await h.ZipNameAsync();
        await app.RemoveAheadBuiltZipAsync(zipName);
        using var builds = new ZipBuildCounter(app.SiloServices);

        // The phone loses its signal once the build has started.
        using var hangUp = new CancellationTokenSource();
        var download = h.Buyer.Http.GetAsync(h.ApiPath + "/files/all.zip", hangUp.Token);
        await builds.WaitForStartedAsync(1, BuildTimeout);
        await hangUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => download);

        await app.WaitForStoredZipAsync(zipName);
        await builds.WaitForFinishedAsync(1, BuildTimeout);
        Assert.Equal(["stored"], builds.Outcomes);
        using var retried = await h.Buyer.Http.GetAsync(h.ApiPath + "/files/all.zip");
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(1, builds.Started);
    }

    [Fact]
    public async Task A_final_missing_from_storage_is_named_and_no_zip_is_stored()
    {
        using var h = await CompletedAsync("Lost file", PrintPdf(50_000));
        var zipName = await h.ZipNameAsync();
        await app.RemoveAheadBuiltZipAsync(zipName);
        var pdf = (await h.Grain.GetFinalsForDownloadAsync(h.BuyerActor)).Single(f => f.File.FileName == "print.pdf").File;
        Assert.True((await app.Azurite.CreateBlobServiceClient().GetBlobContainerClient(pdf.Container).GetBlobClient(pdf.BlobName).DeleteIfExistsAsync()).Value);

        foreach (var path in new[] { h.ApiPath + "/files/all.zip", h.PagePath + "/files/all.zip" })
        {
            using var refused = await h.Buyer.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            Assert.NotEqual("application/zip", refused.Content.Headers.ContentType?.MediaType);
            Assert.Contains("print.pdf is no longer in storage, so the zip cannot be made. Download the other files one by one, and contact help.",
                System.Net.WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        }

        Assert.False((await app.StoredZip(zipName).ExistsAsync()).Value);
    }

    [Fact]
    public async Task A_zip_still_being_built_when_the_wait_ends_answers_503_with_retry_after_then_downloads_once_built()
    {
        using var h = await CompletedAsync("Big print", PrintPdf(2_000_000));
        var zipName = await h.ZipNameAsync();
        await app.RemoveAheadBuiltZipAsync(zipName);
        // A web server that waits no time at all: every build is "long" for it.
        var (web, address) = app.StartExtraWeb(new() { ["Marketplace:Web:ZipWait"] = "00:00:00" });
        await using var _ = web;
        using var buyer = await SignedInAsync(address, h.Buyer.Email);

        using var early = await buyer.GetAsync(h.ApiPath + "/files/all.zip");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, early.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), early.Headers.RetryAfter!.Delta);
        Assert.Null(early.Content.Headers.ContentDisposition);
        Assert.Contains($"Your zip of {Display.Bytes(h.Finals.Sum(f => (long)f.Bytes.Length))} of files is being prepared. Try again in a minute: the download then starts at once.",
            await early.Content.ReadAsStringAsync());
        await app.WaitForStoredZipAsync(zipName);
        using var later = await buyer.GetAsync(h.ApiPath + "/files/all.zip");
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        Assert.Equal("application/zip", later.Content.Headers.ContentType!.MediaType);
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

    /// <summary>A handover of a PNG and <paramref name="pdf"/> (named print.pdf), completed through the API.</summary>
    private async Task<StaffedHandover> CompletedAsync(string title, byte[] pdf)
    {
        var h = await StaffedHandover.DeliveredAsync(app, title + " " + Guid.NewGuid().ToString("N")[..4], "Tia Tradeshow", "Zac Zipper",
            [StaffedHandover.DefaultFinals(title.Split(' ')[0])[0], ("print.pdf", pdf)]);
        await AllFinalsDownloadTests.CompleteAsync(h);
        return h;
    }

    /// <summary>The same person signed in on another web server of the cluster (which shares the sign-in keys).</summary>
    private static async Task<HttpClient> SignedInAsync(Uri address, string email)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = address };
        var response = await http.PostAsJsonAsync("/api/v1/account/signin", new { email, password = "a long enough password" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return http;
    }
}

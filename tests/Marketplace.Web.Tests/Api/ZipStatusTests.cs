using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Marketplace.Contracts;
using Marketplace.Contracts.Accounts;
using Marketplace.Contracts.Files;
using Marketplace.Contracts.Mediation;
using Marketplace.Contracts.Users;
using Marketplace.Contracts.WrapUps;
using Marketplace.Testing.Cluster;
using Marketplace.Web.Presentation;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Api;

/// <summary>
/// "Download all files" says where its zip stands before the tap: ready, being prepared (asking starts the build), or
/// failed (a file cannot be read: download them one by one, staff were told once). The status endpoints follow the
/// zip's own rule; the record in the zip keeps the names it had at completion. Real silo, web and Azurite.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class ZipStatusTests(MarketplaceAppFixture app)
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_zip_status_answers_the_buyer_the_creative_and_staff_and_refuses_others_and_the_buyer_before_completion()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Zip status rights " + Guid.NewGuid().ToString("N")[..4], "Yara Yes", "Kit Maker");
        var path = h.ApiPath + "/files/zip-status";

        var early = await h.Buyer.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.Forbidden, early.StatusCode);
        Assert.Contains("unlock for the buyer when the handover completes", await early.Content.ReadAsStringAsync());

        await AllFinalsDownloadTests.CompleteAsync(h);
        using var staff = await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        using var rival = await ApiSession.SignUpAsync(app, "creative", "Rita Rival");
        using var otherBuyer = await ApiSession.SignUpAsync(app, "buyer", "Olaf Other");
        using var anonymous = app.NewApiClient();

        foreach (var allowed in new[] { h.Buyer, h.Creative, staff })
        {
            var answer = await allowed.ReadAsync(await allowed.Http.GetAsync(path));
            Assert.Contains(answer.GetProperty("state").GetString(), new[] { "ready", "preparing" });
            Assert.Equal("/wrapups/" + h.WrapUpId + "/files/all.zip", answer.GetProperty("downloadUrl").GetString());
        }

        foreach (var refused in new[] { rival, otherBuyer })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await refused.Http.GetAsync(path)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task A_zip_not_stored_says_preparing_as_asking_starts_its_build_then_ready_and_the_page_shows_the_same()
    {
        using var h = await CompletedAsync("Preparing");
        var zipName = await h.ZipNameAsync();
        await app.RemoveAheadBuiltZipAsync(zipName);
        using var builds = new ZipBuildCounter(app.SiloServices);
        var bytes = h.Finals.Sum(f => (long)f.Bytes.Length);

        var preparing = await StatusAsync(h.Buyer, h.ApiPath);

        Assert.Equal("preparing", preparing.GetProperty("state").GetString());
        Assert.Equal($"Preparing your zip of {Display.Bytes(bytes)}… this usually takes under a minute.", preparing.GetProperty("message").GetString());
        Assert.Equal(bytes, preparing.GetProperty("bytes").GetInt64());
        Assert.Equal(1, builds.Started);
        var ready = await WaitForStateAsync(h.Buyer, h.ApiPath, "ready");
        Assert.Equal($"Your zip of {Display.Bytes(bytes)} is ready.", ready.GetProperty("message").GetString());
        Assert.Equal(1, builds.Started);

        var page = WebUtility.HtmlDecode(await h.Buyer.Http.GetStringAsync(h.PagePath));
        Assert.Contains("data-zip-state=\"ready\"", page);
        Assert.DoesNotContain("zip-status.js", page);
        Assert.Contains($"<a class=\"button\" href=\"{h.PagePath}/files/all.zip\" download data-download-all>Download all files (zip, {Display.Bytes(bytes)})</a>", page);
    }

    [Fact]
    public async Task A_zip_that_keeps_failing_says_so_on_the_page_and_download_and_puts_one_case_in_the_staff_queue_until_it_is_built()
    {
        using var h = await CompletedAsync("Failing");
        var zipName = await h.ZipNameAsync();
        await app.RemoveAheadBuiltZipAsync(zipName);
        var pdf = (await h.Grain.GetFinalsForDownloadAsync(h.BuyerActor)).Single(f => f.File.FileName == "print.pdf").File;
        var blob = app.Azurite.CreateBlobServiceClient().GetBlobContainerClient(pdf.Container).GetBlobClient(pdf.BlobName);
        var original = (await blob.DownloadContentAsync()).Value.Content;
        await blob.UploadAsync(new BinaryData(PrintPdf(99, (int)pdf.Bytes)), overwrite: true);

        var failed = await WaitForStateAsync(h.Buyer, h.ApiPath, "failed");

        Assert.Equal("We couldn't put these files into one zip. Download them one by one below; our staff have been told.", failed.GetProperty("message").GetString());
        Assert.Equal("print.pdf could not be read from storage: its bytes are not the ones delivered", failed.GetProperty("reason").GetString());
        var page = WebUtility.HtmlDecode(await h.Buyer.Http.GetStringAsync(h.PagePath));
        Assert.Contains("data-zip-state=\"failed\"", page);
        Assert.Contains("What went wrong: print.pdf could not be read from storage", page);
        using (var download = await h.Buyer.Http.GetAsync(h.ApiPath + "/files/all.zip"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, download.StatusCode);
            Assert.Null(download.Headers.RetryAfter);
            Assert.Contains("We couldn't put these files into one zip.", await download.Content.ReadAsStringAsync());
        }

        // Many taps, one alert: the case is queued once, with one line in the handover's timeline.
        for (var i = 0; i < 4; i++) Assert.Equal("failed", (await StatusAsync(h.Buyer, h.ApiPath)).GetProperty("state").GetString());
        var queued = await QueuedAsync(h);
        Assert.Equal([MediationReason.ZipFailed], queued!.Case.Reasons);
        var timeline = (await h.Grain.GetAsync(h.Staff)).Timeline;
        Assert.Single(timeline, t => t.Kind == nameof(Marketplace.Grains.WrapUps.ZipKeptFailing));
        Assert.Contains(timeline, t => t.Summary.Contains("Marketplace could not put the final files into one zip (print.pdf could not be read from storage", StringComparison.Ordinal));
        using (var staff = await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword))
        {
            Assert.Contains("Zip keeps failing", await staff.Http.GetStringAsync("/staff"));
            var casePage = WebUtility.HtmlDecode(await staff.Http.GetStringAsync("/staff/cases/" + h.WrapUpId));
            Assert.Contains("print.pdf could not be read from storage", casePage);
        }

        // Staff store the file again: the next request builds the zip, and the case leaves the queue.
        await blob.UploadAsync(original, overwrite: true);
        await WaitForStateAsync(h.Buyer, h.ApiPath, "ready");
        await WaitUntilAsync(async () => await QueuedAsync(h) is null);
        Assert.Null((await h.Grain.GetAsync(h.Staff)).Mediation);
        using var zip = new ZipArchive(await h.Buyer.Http.GetStreamAsync(h.ApiPath + "/files/all.zip"), ZipArchiveMode.Read);
        Assert.Equal(h.Finals.Select(f => f.Name).Append("README.txt"), zip.Entries.Select(e => e.FullName));
    }

    [Fact]
    public async Task The_zip_s_record_keeps_the_names_at_completion_so_renaming_staff_who_signed_for_the_buyer_makes_no_new_zip()
    {
        var email = $"nia-{Guid.NewGuid():N}@marketplace.test";
        var accounts = app.Grains.GetGrain<IAccountGrain>(email);
        var nia = await accounts.EnsureStaffAsync(Actor.System, new NewAccount(email, "nia's long staff password", "Nia Night", UserRoles.Staff));
        var niaActor = new Actor(nia.UserId, UserRoles.Staff);
        using var h = await StaffedHandover.DeliveredAsync(app, "Renamed " + Guid.NewGuid().ToString("N")[..4], "Rhea Record", "Sol Signer");
        await h.Buyer.ReadAsync(await h.Buyer.PostJsonAsync(h.ApiPath + "/help", new { message = "I'm on a plane all week; please sign for me." }));
        await h.Grain.ClaimAsync(niaActor);
        await h.Buyer.ReadAsync(await h.Buyer.PostJsonAsync(h.ApiPath + "/approve", new { note = "Lovely." }));
        var version = (await h.Grain.GetAsync(h.BuyerActor)).AgreementVersion;
        await h.Grain.SignAgreementAsync(niaActor, version, h.ForBuyer("email of the buyer", "The buyer is travelling."));
        await h.Creative.ReadAsync(await h.Creative.PostJsonAsync(h.ApiPath + "/sign", new { agreementVersion = version }));
        if ((await h.Grain.GetAsync(h.BuyerActor)).Outcome is null) await h.Grain.ReleasePaymentAsync(niaActor, "Both signed.");
        Assert.Equal(WrapUpOutcome.Completed, (await h.Grain.GetAsync(h.BuyerActor)).Outcome);
        var atCompletion = await h.Grain.GetFinalsZipAsync(h.BuyerActor);
        Assert.Contains("Signed by staff (Nia Night) for Rhea Record", atCompletion.Texts[0].Text);
        await WaitForStateAsync(h.Buyer, h.ApiPath, "ready");

        await accounts.EnsureStaffAsync(Actor.System, new NewAccount(email, "nia's long staff password", "Nia Day", UserRoles.Staff));
        using var builds = new ZipBuildCounter(app.SiloServices);

        var afterRename = await h.Grain.GetFinalsZipAsync(h.BuyerActor);
        Assert.Equal(atCompletion.BlobName(), afterRename.BlobName());
        Assert.Equal("ready", (await StatusAsync(h.Buyer, h.ApiPath)).GetProperty("state").GetString());
        using var zip = new ZipArchive(await h.Buyer.Http.GetStreamAsync(h.ApiPath + "/files/all.zip"), ZipArchiveMode.Read);
        await using var readme = await zip.GetEntry("README.txt")!.OpenAsync();
        var record = await new StreamReader(readme).ReadToEndAsync();
        Assert.Contains("Signed by staff (Nia Night) for Rhea Record", record);
        Assert.DoesNotContain("Nia Day", record);
        Assert.Equal(0, builds.Started);
    }

    [Fact]
    public async Task A_delivery_link_s_zip_status_answers_its_token_without_using_the_link_and_refuses_an_unknown_one()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Link status " + Guid.NewGuid().ToString("N")[..4], "Lena Link", "Max Maker");
        await h.HelpedAsync();
        var link = await h.Grain.CreateDeliveryLinkAsync(h.Staff, new ThirdPartyRecipient("Quick Print Ltd", "orders@quickprint.example"), TimeSpan.FromDays(2), h.ForBuyer("phone call", "printer"));
        using var printer = app.NewApiClient();

        var answer = await ReadJsonAsync(await printer.GetAsync($"/delivery/{link.Token}/zip-status"));
        Assert.Contains(answer.GetProperty("state").GetString(), new[] { "ready", "preparing" });
        Assert.Equal($"/delivery/{link.Token}/files.zip", answer.GetProperty("downloadUrl").GetString());
        Assert.Null(Assert.Single((await h.Grain.GetAsync(h.Staff)).DeliveryLinks).UsedAt);

        var unknown = await printer.GetAsync("/delivery/not-a-delivery-token/zip-status");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private async Task<StaffedHandover> CompletedAsync(string title)
    {
        var h = await StaffedHandover.DeliveredAsync(app, title + " " + Guid.NewGuid().ToString("N")[..4], "Tia Tradeshow", "Zac Zipper",
            [StaffedHandover.DefaultFinals(title)[0], ("print.pdf", PrintPdf(7, 2_000_000))]);
        await AllFinalsDownloadTests.CompleteAsync(h);
        return h;
    }

    /// <summary>A PDF's first and last bytes around <paramref name="length"/> bytes that do not compress, like a print file's images.</summary>
    internal static byte[] PrintPdf(int seed, int length)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        "%PDF-1.4\n%"u8.CopyTo(bytes);
        "\n%%EOF\n"u8.CopyTo(bytes.AsSpan(length - 7));
        return bytes;
    }

    private static async Task<JsonElement> StatusAsync(ApiSession session, string apiPath) =>
        await session.ReadAsync(await session.Http.GetAsync(apiPath + "/files/zip-status"));

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>Asks as the button's script does, with pauses, until the zip is in <paramref name="state"/>.</summary>
    private static async Task<JsonElement> WaitForStateAsync(ApiSession session, string apiPath, string state)
    {
        using var timeout = new CancellationTokenSource(BuildTimeout);
        while (true)
        {
            var answer = await StatusAsync(session, apiPath);
            if (answer.GetProperty("state").GetString() == state) return answer;
            await Task.Delay(200, timeout.Token);
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> done)
    {
        using var timeout = new CancellationTokenSource(BuildTimeout);
        while (!await done()) await Task.Delay(100, timeout.Token);
    }

    private async Task<MediationCaseView?> QueuedAsync(StaffedHandover h) =>
        (await app.Grains.GetGrain<IMediationQueueGrain>(IMediationQueueGrain.Key).ListAsync(h.Staff)).SingleOrDefault(c => c.Case.CaseId == h.WrapUpId);
}

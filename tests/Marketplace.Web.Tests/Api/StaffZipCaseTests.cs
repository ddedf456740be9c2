using System.Net;
using System.Text.Json;
using Azure.Storage.Blobs;
using Marketplace.Contracts;
using Marketplace.Contracts.Accounts;
using Marketplace.Contracts.Mediation;
using Marketplace.Contracts.Users;
using Marketplace.Testing.Cluster;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Api;

/// <summary>
/// "Zip keeps failing" on a completed handover: staff could see the case but not claim it (the handover had ended). Now
/// one staff member claims it (nobody else acts on it, the parties are not told of a claim on their finished handover),
/// builds the zip again at once rather than after the cool-down, and closes it with a note when storage lost a file.
/// Real silo, web, Azurite and zip builds.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class StaffZipCaseTests(MarketplaceAppFixture app)
{
    private const string AlexEmail = "alex@marketplace.test";
    private const string AlexPassword = "alex password 123";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_holder_builds_a_failing_zip_again_at_once_and_the_case_leaves_the_queue_when_it_is_stored_while_others_are_refused()
    {
        var (h, blob, original) = await FailingAsync("Zip retry");
        using var handover = h;
        await WaitUntilAsync(async () => await QueuedAsync(h) is not null);
        await EnsureAlexAsync();
        using var sam = await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        using var alex = await ApiSession.SignInAsync(app, AlexEmail, AlexPassword);
        var api = "/api/v1/staff/cases/" + h.WrapUpId;

        // Not staff: refused before anything is asked of the case.
        using (var refused = await h.Buyer.Http.PostAsync(api + "/claim", null)) Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using (var refused = await h.Buyer.Http.PostAsync(api + "/zip-retry", null)) Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        // The completed handover's zip case can be claimed, once.
        var claimed = await sam.ReadAsync(await sam.Http.PostAsync(api + "/claim", null));
        Assert.Equal(sam.UserId, claimed.GetProperty("mediation").GetProperty("claimedBy").GetString());
        Assert.Contains("print.pdf could not be read from storage", claimed.GetProperty("zipFailure").GetString());
        var second = await alex.ReadAsync(await alex.Http.PostAsync(api + "/claim", null), HttpStatusCode.Conflict);
        Assert.Contains("Sam from Support", second.GetProperty("detail").GetString());
        var alexRetry = await alex.ReadAsync(await alex.Http.PostAsync(api + "/zip-retry", null), HttpStatusCode.Conflict);
        Assert.Contains("held by Sam from Support", alexRetry.GetProperty("detail").GetString());
        Assert.Equal(sam.UserId, (await QueuedAsync(h))!.Case.ClaimedBy);

        // The parties' handover is over: a claim on its zip case is no news to them; why the zip fails is for staff.
        Assert.DoesNotContain(await h.Buyer.NoticesAsync(), n => n.Text.Contains("now looking after", StringComparison.Ordinal));
        var buyerView = await h.Buyer.ReadAsync(await h.Buyer.Http.GetAsync(h.ApiPath));
        Assert.Equal(JsonValueKind.Null, buyerView.GetProperty("zipFailure").ValueKind);

        // Building again now skips the 15-minute cool-down: a build starts at once (the file is still damaged, so it fails again).
        using var builds = new ZipBuildCounter(app.SiloServices);
        var retried = await sam.ReadAsync(await sam.Http.PostAsync(api + "/zip-retry", null));
        await builds.WaitForStartedAsync(1, Timeout);
        await builds.WaitForFinishedAsync(1, Timeout);
        Assert.Equal(["failed"], builds.Outcomes);
        Assert.Contains(retried.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("kind").GetString() == "ZipRetried"
            && t.GetProperty("summary").GetString() == "Staff asked for the zip of the final files to be built again.");
        Assert.NotNull(await QueuedAsync(h));

        // The file is whole again: the next retry builds the zip and the case leaves the queue by itself.
        await blob.UploadAsync(original, overwrite: true);
        await sam.ReadAsync(await sam.Http.PostAsync(api + "/zip-retry", null));
        await WaitUntilAsync(async () => await QueuedAsync(h) is null);
        var status = await h.Buyer.ReadAsync(await h.Buyer.Http.GetAsync(h.ApiPath + "/files/zip-status"));
        Assert.Equal("ready", status.GetProperty("state").GetString());
        var after = await sam.ReadAsync(await sam.Http.GetAsync(api));
        Assert.Equal(JsonValueKind.Null, after.GetProperty("wrapUp").GetProperty("mediation").ValueKind);
        Assert.Equal(JsonValueKind.Null, after.GetProperty("wrapUp").GetProperty("zipFailure").ValueKind);

        // Nothing is left to retry on the completed handover.
        var over = await sam.ReadAsync(await sam.Http.PostAsync(api + "/zip-retry", null), HttpStatusCode.Conflict);
        Assert.Contains("has ended", over.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_file_storage_lost_is_named_instead_of_a_retry_and_the_holder_closes_the_case_with_a_note()
    {
        var (h, blob, _) = await FailingAsync("Zip lost file");
        using var handover = h;
        await WaitUntilAsync(async () => await QueuedAsync(h) is not null);
        await blob.DeleteAsync();
        using var sam = await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        var api = "/api/v1/staff/cases/" + h.WrapUpId;

        var unclaimed = await sam.ReadAsync(await sam.Http.PostAsync(api + "/zip-retry", null), HttpStatusCode.Conflict);
        Assert.Equal("Claim the case before acting on it.", unclaimed.GetProperty("detail").GetString());
        await sam.ReadAsync(await sam.Http.PostAsync(api + "/claim", null));
        var lost = await sam.ReadAsync(await sam.Http.PostAsync(api + "/zip-retry", null), HttpStatusCode.Conflict);
        Assert.StartsWith("print.pdf is no longer in storage, so building the zip again cannot help.", lost.GetProperty("detail").GetString());
        Assert.DoesNotContain((await h.Grain.GetAsync(h.Staff)).Timeline, t => t.Kind == "ZipRetried");

        var closed = await sam.ReadAsync(await sam.PostJsonAsync(api + "/close", new { note = "Emailed print.pdf to the buyer from the creative's copy." }));
        Assert.Contains(closed.GetProperty("timeline").EnumerateArray(), t =>
            t.GetProperty("summary").GetString() == "Staff closed the case about the zip of the final files: Emailed print.pdf to the buyer from the creative's copy.");
        Assert.Equal("Completed", closed.GetProperty("outcome").GetString());
        await WaitUntilAsync(async () => await QueuedAsync(h) is null);
        var again = await sam.ReadAsync(await sam.Http.PostAsync(api + "/claim", null), HttpStatusCode.Conflict);
        Assert.Contains("has ended", again.GetProperty("detail").GetString());
    }

    /// <summary>A completed handover whose print.pdf no longer has its delivered bytes, so its zip fails and staff are told.</summary>
    private Task<(StaffedHandover Handover, BlobClient Blob, BinaryData Original)> FailingAsync(string title) => FailingAsync(app, title);

    internal static async Task<(StaffedHandover Handover, BlobClient Blob, BinaryData Original)> FailingAsync(MarketplaceAppFixture app, string title)
    {
        var h = await CompletedAsync(app, title);
        var pdf = (await h.Grain.GetFinalsForDownloadAsync(h.BuyerActor)).Single(f => f.File.FileName == "print.pdf").File;
        var blob = app.Azurite.CreateBlobServiceClient().GetBlobContainerClient(pdf.Container).GetBlobClient(pdf.BlobName);
        var original = (await blob.DownloadContentAsync()).Value.Content;
        await app.RemoveAheadBuiltZipAsync(await h.ZipNameAsync());
        await blob.UploadAsync(new BinaryData(ZipStatusTests.PrintPdf(99, (int)pdf.Bytes)), overwrite: true);
        // Asking for the zip (as the buyer's button does) builds it until it keeps failing.
        await WaitUntilAsync(async () => (await h.Buyer.ReadAsync(await h.Buyer.Http.GetAsync(h.ApiPath + "/files/zip-status"))).GetProperty("state").GetString() == "failed");
        return (h, blob, original);
    }

    private static async Task<StaffedHandover> CompletedAsync(MarketplaceAppFixture app, string title)
    {
        var h = await StaffedHandover.DeliveredAsync(app, title + " " + Guid.NewGuid().ToString("N")[..4], "Tia Tradeshow", "Zac Zipper",
            [StaffedHandover.DefaultFinals(title)[0], ("print.pdf", ZipStatusTests.PrintPdf(7, 2_000_000))]);
        await AllFinalsDownloadTests.CompleteAsync(h);
        return h;
    }

    private async Task<MediationCaseView?> QueuedAsync(StaffedHandover h) =>
        (await app.Grains.GetGrain<IMediationQueueGrain>(IMediationQueueGrain.Key).ListAsync(h.Staff)).SingleOrDefault(c => c.Case.CaseId == h.WrapUpId);

    private Task EnsureAlexAsync() => app.Grains.GetGrain<IAccountGrain>(AlexEmail)
        .EnsureStaffAsync(Actor.System, new NewAccount(AlexEmail, AlexPassword, "Alex from Support", UserRoles.Staff));

    private static async Task WaitUntilAsync(Func<Task<bool>> done)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (!await done()) await Task.Delay(100, timeout.Token);
    }
}

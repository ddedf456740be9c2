using System.IO.Compression;
using Marketplace.Contracts;
using Marketplace.Contracts.Files;

namespace Marketplace.Previews.Tests;

/// <summary>
/// The zip of a handover is built on the silos by <see cref="IZipBuildGrain"/>: once in the cluster however many ask,
/// answering every call at once while it builds, stored only whole, and never half-written when its silo stops.
/// Real files in Azurite, real zips read back.
/// </summary>
[Collection(ZipBuildCollection.Name)]
public sealed class ZipBuildGrainTests(ZipBuildClusterFixture cluster)
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Callers_asking_at_once_get_one_build_and_one_stored_zip_of_every_file_and_text()
    {
        var logo = await cluster.StoreFinalAsync("logo.png", RandomBytes(300_000, 1));
        var print = await cluster.StoreFinalAsync("print.pdf", RandomBytes(2_000_000, 2));
        var contents = new ZipContents([logo, print], [new ZipText("README.txt", "The record " + Guid.NewGuid())], DateTimeOffset.UtcNow);
        using var builds = cluster.CountBuilds();

        // Two web servers (or a web server and the wrap-up building ahead) ask through their own references.
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => cluster.GrainFactory.GetGrain<IZipBuildGrain>(contents.BlobName()).EnsureBuiltAsync(contents)));
        var ready = await WaitUntilReadyAsync(contents);

        Assert.All(answers, a => Assert.Equal(ZipBuildState.Building, a.State));
        await builds.WaitForFinishedAsync(1, BuildTimeout);
        Assert.Equal(1, builds.Started);
        Assert.Equal(["stored"], builds.Outcomes);
        Assert.Equal(contents.BlobName(), ready.BlobName);
        await using var stored = await cluster.Files.OpenReadAsync(StorageNames.Containers.Downloads, ready.BlobName);
        using var zip = new ZipArchive(stored!.Content, ZipArchiveMode.Read);
        Assert.Equal(["logo.png", "print.pdf", "README.txt"], zip.Entries.Select(e => e.FullName));
        Assert.Equal(RandomBytes(2_000_000, 2), await BytesOfAsync(zip.Entries[1]));
        Assert.Equal(contents.Texts[0].Text, System.Text.Encoding.UTF8.GetString(await BytesOfAsync(zip.Entries[2])));

        // Asked again later: ready at once, nothing rebuilt.
        Assert.Equal(ZipBuildState.Ready, (await cluster.GrainFactory.GetGrain<IZipBuildGrain>(contents.BlobName()).EnsureBuiltAsync(contents)).State);
        Assert.Equal(1, builds.Started);
    }

    [Fact]
    public async Task Building_again_now_is_only_for_the_marketplace_itself_and_a_stored_zip_answers_ready_without_a_build()
    {
        var logo = await cluster.StoreFinalAsync("logo.png", RandomBytes(20_000, 5));
        var contents = new ZipContents([logo], [], DateTimeOffset.UtcNow);
        var grain = cluster.GrainFactory.GetGrain<IZipBuildGrain>(contents.BlobName());
        using var builds = cluster.CountBuilds();

        // A person (even staff) goes through the handover, which checks they hold its case.
        var refused = await Assert.ThrowsAsync<MarketplaceException>(() => grain.RetryNowAsync(new Actor("staff-1", UserRoles.Staff), contents));
        Assert.Equal(ErrorKind.Forbidden, refused.Kind);
        Assert.Equal(0, builds.Started);

        Assert.Equal(ZipBuildState.Building, (await grain.RetryNowAsync(Actor.System, contents)).State);
        await WaitUntilReadyAsync(contents);
        Assert.Equal(ZipBuildState.Ready, (await grain.RetryNowAsync(Actor.System, contents)).State);
        Assert.Equal(1, builds.Started);
    }

    [Fact]
    public async Task A_zip_removed_right_after_it_was_stored_is_built_again_at_the_next_ask_never_left_as_being_prepared_with_no_build()
    {
        var logo = await cluster.StoreFinalAsync("logo.png", RandomBytes(50_000, 6));
        var contents = new ZipContents([logo], [], DateTimeOffset.UtcNow);
        var grain = cluster.GrainFactory.GetGrain<IZipBuildGrain>(contents.BlobName());
        using var builds = cluster.CountBuilds();
        await grain.EnsureBuiltAsync(contents);
        await WaitUntilReadyAsync(contents);

        // As the sweep does, possibly while the grain still records that build's outcome (a race seen under load).
        await cluster.Files.DeleteAsync(StorageNames.Containers.Downloads, contents.BlobName());

        Assert.Equal(ZipBuildState.Building, (await grain.EnsureBuiltAsync(contents)).State);
        Assert.Equal(2, builds.Started);
        await WaitUntilReadyAsync(contents);
    }

    [Fact]
    public async Task A_file_gone_from_storage_is_named_and_no_zip_is_built_or_stored()
    {
        var kept = await cluster.StoreFinalAsync("kept.png", RandomBytes(10_000, 3));
        var gone = await cluster.StoreFinalAsync("gone.pdf", RandomBytes(10_000, 4));
        await cluster.Files.DeleteAsync(gone.Container, gone.BlobName);
        var contents = new ZipContents([kept, gone], [], DateTimeOffset.UtcNow);
        using var builds = cluster.CountBuilds();

        var answer = await cluster.GrainFactory.GetGrain<IZipBuildGrain>(contents.BlobName()).EnsureBuiltAsync(contents);

        Assert.Equal(ZipBuildState.FileMissing, answer.State);
        Assert.Equal(gone, answer.Missing);
        Assert.Equal(0, builds.Started);
        Assert.DoesNotContain(contents.BlobName(), await cluster.DownloadNamesAsync());
    }

    [Fact]
    public async Task Contents_other_than_what_the_zip_is_named_for_are_refused()
    {
        var file = await cluster.StoreFinalAsync("logo.png", RandomBytes(10_000, 5));
        var named = new ZipContents([file], [new ZipText("README.txt", "Bea owns these.")], DateTimeOffset.UtcNow);
        var other = named with { Texts = [new ZipText("README.txt", "Someone else owns these.")] };

        var refused = await Assert.ThrowsAsync<MarketplaceException>(() => cluster.GrainFactory.GetGrain<IZipBuildGrain>(named.BlobName()).EnsureBuiltAsync(other));

        Assert.Equal(ErrorKind.Invalid, refused.Kind);
        Assert.DoesNotContain(named.BlobName(), await cluster.DownloadNamesAsync());
    }

    [Fact]
    public async Task A_silo_stopping_mid_build_leaves_no_partial_zip_and_the_next_request_builds_it_whole()
    {
        // Big and incompressible, so deflating and uploading it takes seconds: the silo stops in the middle.
        var scan = RandomBytes(64 * 1024 * 1024, 6);
        var contents = new ZipContents([await cluster.StoreFinalAsync("scan.bin", scan)], [], DateTimeOffset.UtcNow);
        var builds = cluster.CountBuilds();

        Assert.Equal(ZipBuildState.Building, (await cluster.GrainFactory.GetGrain<IZipBuildGrain>(contents.BlobName()).EnsureBuiltAsync(contents)).State);
        await cluster.RestartClusterAsync();

        Assert.Equal(["cancelled"], builds.Outcomes);
        builds.Dispose();
        Assert.DoesNotContain(contents.BlobName(), await cluster.DownloadNamesAsync());
        Assert.Null(await cluster.Files.GetPropertiesAsync(StorageNames.Containers.Downloads, contents.BlobName()));

        using var rebuilds = cluster.CountBuilds();
        await WaitUntilReadyAsync(contents);
        Assert.Equal(1, rebuilds.Started);
        await using var stored = await cluster.Files.OpenReadAsync(StorageNames.Containers.Downloads, contents.BlobName());
        using var zip = new ZipArchive(stored!.Content, ZipArchiveMode.Read);
        Assert.Equal(scan, await BytesOfAsync(Assert.Single(zip.Entries)));
    }

    [Fact]
    public async Task A_file_that_reads_as_other_bytes_fails_three_builds_then_the_zip_answers_failed_naming_it_without_building_again()
    {
        var (contents, logo, _) = await DamagedZipAsync("damaged");
        using var builds = cluster.CountBuilds();

        var failed = await WaitUntilFailedAsync(contents);

        Assert.Equal(3, builds.Started);
        Assert.Equal(["failed", "failed", "failed"], builds.Outcomes);
        Assert.Equal($"{logo.FileName} could not be read from storage: its bytes are not the ones delivered", failed.Reason);
        Assert.DoesNotContain(contents.BlobName(), await cluster.DownloadNamesAsync());

        // Asked again and again (a phone polling, a buyer tapping): the answer stands, and nothing is built.
        for (var i = 0; i < 5; i++) Assert.Equal(ZipBuildState.Failed, (await Builder(contents).EnsureBuiltAsync(contents)).State);
        Assert.Equal(3, builds.Started);
    }

    [Fact]
    public async Task The_failures_are_kept_across_a_silo_restart_so_the_zip_still_answers_failed_instead_of_building_again()
    {
        var (contents, _, _) = await DamagedZipAsync("restart");
        await WaitUntilFailedAsync(contents);

        await cluster.RestartClusterAsync();
        using var builds = cluster.CountBuilds();

        var again = await Builder(contents).EnsureBuiltAsync(contents);
        Assert.Equal(ZipBuildState.Failed, again.State);
        Assert.Contains("could not be read from storage", again.Reason);
        Assert.Equal(0, builds.Started);
    }

    [Fact]
    public async Task A_zip_that_keeps_failing_is_built_at_the_next_request_once_its_file_is_stored_again_and_its_failures_are_forgotten()
    {
        var (contents, logo, original) = await DamagedZipAsync("fixed");
        await WaitUntilFailedAsync(contents);

        await cluster.RestoreAsync(logo, original);
        using var builds = cluster.CountBuilds();
        await WaitUntilReadyAsync(contents);

        Assert.Equal(1, builds.Started);
        await using var stored = await cluster.Files.OpenReadAsync(StorageNames.Containers.Downloads, contents.BlobName());
        using var zip = new ZipArchive(stored!.Content, ZipArchiveMode.Read);
        Assert.Equal(original, await BytesOfAsync(zip.Entries[0]));
        await cluster.Blobs.GetBlobContainerClient(StorageNames.Containers.Downloads).GetBlobClient(contents.BlobName()).DeleteAsync();

        // Forgotten: a later failure counts from one again (three more builds before "failed"), not "failed" at once.
        await cluster.DamageAsync(logo, RandomBytes((int)logo.Bytes, 99));
        Assert.Equal(ZipBuildState.Building, (await Builder(contents).EnsureBuiltAsync(contents)).State);
        await WaitUntilFailedAsync(contents);
        Assert.Equal(4, builds.Started);
    }

    [Fact]
    public async Task A_zip_that_keeps_failing_tries_once_more_after_the_cool_down_and_answers_failed_again_when_that_fails_too()
    {
        var (contents, _, _) = await DamagedZipAsync("cool-down");
        await WaitUntilFailedAsync(contents);
        using var builds = cluster.CountBuilds();

        ZipBuildClusterFixture.Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(ZipBuildState.Failed, (await Builder(contents).EnsureBuiltAsync(contents)).State);
        Assert.Equal(0, builds.Started);

        ZipBuildClusterFixture.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(ZipBuildState.Building, (await Builder(contents).EnsureBuiltAsync(contents)).State);
        await WaitUntilFailedAsync(contents);
        Assert.Equal(1, builds.Started);
    }

    /// <summary>A zip of a PNG whose stored bytes were replaced by others after it was delivered, and those original bytes.</summary>
    private async Task<(ZipContents Contents, StoredFile Logo, byte[] Original)> DamagedZipAsync(string note)
    {
        var logo = await cluster.StoreFinalAsync("logo.png", RandomBytes(200_000, note.Length + 40));
        var contents = new ZipContents([logo], [new ZipText("README.txt", note + " " + Guid.NewGuid())], DateTimeOffset.UtcNow);
        var original = await cluster.DamageAsync(logo, RandomBytes(200_000, note.Length + 80));
        return (contents, logo, original);
    }

    private IZipBuildGrain Builder(ZipContents contents) => cluster.GrainFactory.GetGrain<IZipBuildGrain>(contents.BlobName());

    /// <summary>Asks as the web does, with pauses, until the zip answers failed.</summary>
    private async Task<ZipBuildStatus> WaitUntilFailedAsync(ZipContents contents)
    {
        using var timeout = new CancellationTokenSource(BuildTimeout);
        while (true)
        {
            var status = await Builder(contents).EnsureBuiltAsync(contents);
            if (status.State == ZipBuildState.Failed) return status;
            Assert.Equal(ZipBuildState.Building, status.State);
            await Task.Delay(100, timeout.Token);
        }
    }

    /// <summary>Asks as the web does, with pauses, until the zip is stored.</summary>
    private async Task<ZipBuildStatus> WaitUntilReadyAsync(ZipContents contents)
    {
        using var timeout = new CancellationTokenSource(BuildTimeout);
        while (true)
        {
            var status = await cluster.GrainFactory.GetGrain<IZipBuildGrain>(contents.BlobName()).EnsureBuiltAsync(contents);
            if (status.State == ZipBuildState.Ready) return status;
            Assert.Equal(ZipBuildState.Building, status.State);
            await Task.Delay(200, timeout.Token);
        }
    }

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static async Task<byte[]> BytesOfAsync(ZipArchiveEntry entry)
    {
        await using var stream = await entry.OpenAsync();
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}

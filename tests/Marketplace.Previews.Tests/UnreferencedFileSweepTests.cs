using System.Text.Json;
using Marketplace.Contracts;
using Marketplace.Contracts.Files;
using Marketplace.Storage.Files;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Marketplace.Previews.Tests;

/// <summary>
/// The sweep of stored files nothing refers to, on its own Azurite (it deletes across the whole account): files stored
/// by the real preview worker, grain state as JSON blobs in the grain state container, as the silo writes them.
/// </summary>
public sealed class UnreferencedFileSweepTests(WorkerClusterFixture fixture) : IClassFixture<WorkerClusterFixture>
{
    private const string Watermark = "FOR REVIEW ONLY";
    private static readonly TimeSpan Grace = new FileStoreOptions().UnreferencedFileGrace;

    private UnreferencedFileSweep Sweep => new(fixture.Blobs, Options.Create(new FileStoreOptions()), NullLogger<UnreferencedFileSweep>.Instance);

    [Fact]
    public async Task Files_nothing_refers_to_are_deleted_once_past_the_grace_period_and_referenced_ones_stay()
    {
        var delivered = await StoreFinalAsync("delivered.png");
        var refused = await StoreFinalAsync("refused.png");
        var staged = await fixture.StageAsync("an upload cut off by a crash"u8.ToArray());
        await fixture.Files.WriteAsync(StorageNames.Containers.Finals, "notes-by-an-operator.txt", new MemoryStream("keep"u8.ToArray()), "text/plain");
        await WriteGrainStateAsync("wrapup/delivered.json", delivered);

        var early = await Sweep.RunAsync(DateTimeOffset.UtcNow);
        Assert.Equal(0, early.Deleted);

        var report = await Sweep.RunAsync(DateTimeOffset.UtcNow + Grace + TimeSpan.FromMinutes(1));

        Assert.True(await AllExistAsync(delivered), "a referenced final or one of its previews was deleted");
        Assert.True(await NoneExistAsync(refused), "an unreferenced final or one of its previews was kept");
        Assert.False(await fixture.Files.ExistsAsync(StorageNames.Containers.Staging, staged));
        Assert.True(await fixture.Files.ExistsAsync(StorageNames.Containers.Finals, "notes-by-an-operator.txt"), "a blob not named by its content was deleted");
        var finals = report.Containers.Single(c => c.Container == StorageNames.Containers.Finals);
        Assert.True(finals.Deleted >= 1 && finals.BytesFreed >= refused.File!.Bytes);
        var handoverPreviews = report.Containers.Single(c => c.Container == StorageNames.Containers.HandoverPreviews);
        Assert.True(handoverPreviews.Deleted >= refused.Previews!.Images.DistinctBy(i => i.BlobName).Count());
        Assert.True(report.ReferencedNames >= 1 + delivered.Previews!.Images.Count);
    }

    [Fact]
    public async Task A_built_download_is_kept_through_its_lifetime_though_nothing_names_it_and_deleted_after()
    {
        // The web names a built zip by a hash of what it is made from; no grain state names it, it is simply rebuilt.
        var name = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Guid.NewGuid().ToByteArray())) + ".zip";
        await fixture.Files.WriteOnceAsync(StorageNames.Containers.Downloads, name, new MemoryStream("PK built zip"u8.ToArray()), "application/zip");
        var built = (await fixture.Files.GetPropertiesAsync(StorageNames.Containers.Downloads, name))!;
        var lifetime = new FileStoreOptions().BuiltDownloadLifetime;

        await Sweep.RunAsync(built.LastModified + lifetime - TimeSpan.FromMinutes(1));
        Assert.True(await fixture.Files.ExistsAsync(StorageNames.Containers.Downloads, name), "a built download was deleted before its lifetime ended");

        var report = await Sweep.RunAsync(built.LastModified + lifetime + TimeSpan.FromMinutes(1));
        Assert.False(await fixture.Files.ExistsAsync(StorageNames.Containers.Downloads, name), "an expired built download was kept");
        Assert.Contains(report.Containers, c => c.Container == StorageNames.Containers.Downloads && c.Deleted >= 1);
    }

    [Fact]
    public async Task Both_preview_containers_keep_what_grain_state_names_and_lose_the_rest()
    {
        // An entry's previews are public, a final's private; a handover stored before the private container existed
        // still has its final's previews in the public one, and they stay while its state names them.
        var entry = await StoreEntryAsync("entry.png", 700);
        var orphanEntry = await StoreEntryAsync("refused-entry.png", 710);
        var final = await StoreFinalAsync("final.png", 720);
        var orphanFinal = await StoreFinalAsync("refused-final.png", 730);
        var legacy = await StoreFinalAsync("legacy-final.png", 740);
        await MoveToPublicPreviewsAsync(legacy);
        await WriteGrainStateAsync("entry/kept.json", entry);
        await WriteGrainStateAsync("wrapup/kept.json", final);
        await WriteGrainStateAsync("wrapup/legacy.json", legacy);

        var report = await Sweep.RunAsync(DateTimeOffset.UtcNow + Grace + TimeSpan.FromMinutes(1));

        Assert.True(await PreviewsExistAsync(StorageNames.Containers.Previews, entry), "a referenced entry preview was deleted");
        Assert.True(await PreviewsExistAsync(StorageNames.Containers.HandoverPreviews, final), "a referenced handover preview was deleted");
        Assert.True(await PreviewsExistAsync(StorageNames.Containers.Previews, legacy), "a referenced handover preview in the old public container was deleted");
        Assert.True(await PreviewsGoneAsync(StorageNames.Containers.Previews, orphanEntry), "an unreferenced entry preview was kept");
        Assert.True(await PreviewsGoneAsync(StorageNames.Containers.HandoverPreviews, orphanFinal), "an unreferenced handover preview was kept");
        Assert.Contains(report.Containers, c => c.Container == StorageNames.Containers.HandoverPreviews && c.Deleted >= 1);
    }

    [Fact]
    public async Task A_file_stored_again_is_marked_in_use_and_outlives_a_sweep_of_files_as_old_as_its_first_copy()
    {
        var first = await StoreFinalAsync("logo.png");
        var firstStored = (await fixture.Files.GetPropertiesAsync(StorageNames.Containers.Finals, first.File!.BlobName))!;
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        // The same bytes uploaded again (say, the creative delivers the file after a refused attempt).
        await using (var again = new MemoryStream(await ReadAsync(first.File)))
        {
            var stored = await fixture.Files.WriteOnceAsync(StorageNames.Containers.Finals, first.File.BlobName, again, first.File.ContentType);
            Assert.NotEqual(firstStored.ETag, stored.ETag);
            Assert.True(stored.LastModified > firstStored.LastModified);
        }

        // A sweep that counts the first copy as old, but not the second store, keeps it.
        await Sweep.RunAsync(firstStored.LastModified + Grace + TimeSpan.FromSeconds(1));

        Assert.True(await fixture.Files.ExistsAsync(StorageNames.Containers.Finals, first.File.BlobName));
    }

    [Fact]
    public async Task A_grain_state_that_cannot_be_read_stops_the_sweep_before_anything_is_deleted()
    {
        var unreferenced = await StoreFinalAsync("orphan.png");
        var broken = fixture.Blobs.GetBlobContainerClient(StorageNames.Containers.GrainState).GetBlobClient("wrapup/damaged.json");
        await broken.UploadAsync(BinaryData.FromString("{\"Journal\": [ {\"BlobName\": "), overwrite: true);
        try
        {
            var stopped = await Assert.ThrowsAsync<InvalidOperationException>(() => Sweep.RunAsync(DateTimeOffset.UtcNow + Grace * 2));

            Assert.Contains("wrapup/damaged.json", stopped.Message);
            Assert.True(await AllExistAsync(unreferenced));
        }
        finally
        {
            await broken.DeleteIfExistsAsync();
        }
    }

    [Fact]
    public async Task The_daily_sweep_is_scheduled_once_and_only_staff_may_run_it_at_once()
    {
        var grain = fixture.GrainFactory.GetGrain<IFileSweepGrain>(0);
        var reminders = fixture.Cluster.GetSiloServiceProvider().GetRequiredService<IReminderTable>();

        await grain.ScheduleAsync();
        var scheduled = Assert.Single((await reminders.ReadRows(grain.GetGrainId())).Reminders);
        await grain.ScheduleAsync();
        var again = Assert.Single((await reminders.ReadRows(grain.GetGrainId())).Reminders);

        Assert.Equal(FileSweepGrain.DailyReminder, scheduled.ReminderName);
        Assert.Equal(TimeSpan.FromDays(1), scheduled.Period);
        Assert.Equal(scheduled.StartAt, again.StartAt);
        foreach (var actor in new[] { new Actor("a-buyer", UserRoles.Buyer | UserRoles.Creative), Actor.System })
        {
            var refused = await Assert.ThrowsAsync<MarketplaceException>(() => grain.SweepNowAsync(actor));
            Assert.Equal(ErrorKind.Forbidden, refused.Kind);
        }
    }

    [Fact]
    public async Task The_daily_tick_sweeps_by_the_marketplace_clock()
    {
        var kept = await StoreFinalAsync("kept-by-the-tick.png", 750);
        var unreferenced = await StoreFinalAsync("swept-by-the-tick.png", 760);
        await WriteGrainStateAsync("wrapup/kept-by-the-tick.json", kept);
        // What the reminder service calls each day; invoked here so the test needs no day-long wait.
        var dailyTick = fixture.GrainFactory.GetGrain<IFileSweepGrain>(0).AsReference<IRemindable>();

        await dailyTick.ReceiveReminder(FileSweepGrain.DailyReminder, new TickStatus(DateTime.UtcNow, TimeSpan.FromDays(1), DateTime.UtcNow));
        Assert.True(await AllExistAsync(unreferenced), "a file younger than the grace period was swept");

        fixture.Clock.SetUtcNow(DateTimeOffset.UtcNow + Grace + TimeSpan.FromMinutes(1));
        await dailyTick.ReceiveReminder(FileSweepGrain.DailyReminder, new TickStatus(DateTime.UtcNow, TimeSpan.FromDays(1), DateTime.UtcNow));

        Assert.True(await NoneExistAsync(unreferenced), "the tick kept a file nothing refers to");
        Assert.True(await AllExistAsync(kept), "the tick deleted a referenced file");
    }

    private async Task<IngestResult> StoreFinalAsync(string fileName, int width = 640)
    {
        using var photo = TestImages.Photo(width, 480);
        var result = await fixture.Worker.IngestFinalsAsync([new(await fixture.StageAsync(photo.PngsaveBuffer()), fileName)], Watermark);
        Assert.True(result.Accepted, result.Refusal?.Message);
        return result.Stored.Single();
    }

    private async Task<IngestResult> StoreEntryAsync(string fileName, int width)
    {
        using var photo = TestImages.Photo(width, 480);
        var result = await fixture.Worker.IngestOriginalAsync(await fixture.StageAsync(photo.PngsaveBuffer()), fileName, "Marketplace · entry 1");
        Assert.True(result.Accepted, result.Refusal?.Message);
        return result;
    }

    /// <summary>Where previews of finals were stored before the handover previews container existed.</summary>
    private async Task MoveToPublicPreviewsAsync(IngestResult stored)
    {
        foreach (var image in stored.Previews!.Images.DistinctBy(i => i.BlobName))
        {
            var from = fixture.Blobs.GetBlobContainerClient(StorageNames.Containers.HandoverPreviews).GetBlobClient(image.BlobName);
            var content = (await from.DownloadContentAsync()).Value.Content;
            await fixture.Blobs.GetBlobContainerClient(StorageNames.Containers.Previews).GetBlobClient(image.BlobName).UploadAsync(content, overwrite: true);
            await from.DeleteAsync();
        }
    }

    private async Task<bool> PreviewsExistAsync(string container, IngestResult stored)
    {
        foreach (var image in stored.Previews!.Images)
        {
            if (!await fixture.Files.ExistsAsync(container, image.BlobName)) return false;
        }

        return true;
    }

    private async Task<bool> PreviewsGoneAsync(string container, IngestResult stored)
    {
        foreach (var image in stored.Previews!.Images)
        {
            if (await fixture.Files.ExistsAsync(container, image.BlobName)) return false;
        }

        return true;
    }

    /// <summary>A grain's stored state naming a final and its previews, as the JSON grain storage writes it.</summary>
    private async Task WriteGrainStateAsync(string name, IngestResult referenced)
    {
        var blob = fixture.Blobs.GetBlobContainerClient(StorageNames.Containers.GrainState).GetBlobClient(name);
        await blob.UploadAsync(BinaryData.FromString(JsonSerializer.Serialize(new { Journal = new[] { new { Event = referenced } } })), overwrite: true);
    }

    private async Task<bool> AllExistAsync(IngestResult stored) =>
        (await ExistenceAsync(stored)).All(exists => exists);

    private async Task<bool> NoneExistAsync(IngestResult stored) =>
        !(await ExistenceAsync(stored)).Any(exists => exists);

    private async Task<List<bool>> ExistenceAsync(IngestResult stored)
    {
        var found = new List<bool> { await fixture.Files.ExistsAsync(StorageNames.Containers.Finals, stored.File!.BlobName) };
        foreach (var preview in stored.Previews!.Images)
        {
            found.Add(await fixture.Files.ExistsAsync(StorageNames.Containers.HandoverPreviews, preview.BlobName));
        }

        return found;
    }

    private async Task<byte[]> ReadAsync(StoredFile file)
    {
        var content = await fixture.Blobs.GetBlobContainerClient(file.Container).GetBlobClient(file.BlobName).DownloadContentAsync();
        return content.Value.Content.ToArray();
    }
}

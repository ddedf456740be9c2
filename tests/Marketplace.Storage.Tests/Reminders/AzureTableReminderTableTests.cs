using Marketplace.Storage.Reminders;
using Marketplace.Testing.Azurite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Marketplace.Storage.Tests.Reminders;

/// <summary>The reminder table against a real Azurite; each test uses its own service id, so tests never see each other's rows.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureTableReminderTableTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly string _serviceId = "svc-" + Guid.NewGuid().ToString("N")[..8];
    private AzureTableReminderTable _table = null!;

    public async Task InitializeAsync()
    {
        _table = CreateTable(_serviceId);
        await _table.StartAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_upserted_reminder_reads_back_with_its_schedule_and_etag()
    {
        var entry = NewEntry(NewGrain(), "stall-check");

        var eTag = await _table.UpsertRow(entry);
        var read = await _table.ReadRow(entry.GrainId, "stall-check");

        Assert.NotNull(read);
        Assert.Equal(entry.GrainId, read.GrainId);
        Assert.Equal(entry.StartAt, read.StartAt);
        Assert.Equal(entry.Period, read.Period);
        Assert.Equal(eTag, read.ETag);
    }

    [Fact]
    public async Task Reading_a_missing_reminder_gives_null()
    {
        Assert.Null(await _table.ReadRow(NewGrain(), "nothing"));
    }

    [Fact]
    public async Task Upserting_again_replaces_the_schedule_and_changes_the_etag()
    {
        var entry = NewEntry(NewGrain(), "auto-release");
        var first = await _table.UpsertRow(entry);
        entry.Period = TimeSpan.FromHours(2);

        var second = await _table.UpsertRow(entry);

        Assert.NotEqual(first, second);
        Assert.Equal(TimeSpan.FromHours(2), (await _table.ReadRow(entry.GrainId, "auto-release"))!.Period);
    }

    [Fact]
    public async Task Reading_a_grains_rows_returns_all_its_reminders_and_no_others()
    {
        var grain = NewGrain();
        await _table.UpsertRow(NewEntry(grain, "a"));
        await _table.UpsertRow(NewEntry(grain, "b"));
        await _table.UpsertRow(NewEntry(NewGrain(), "a"));

        var rows = await _table.ReadRows(grain);

        Assert.Equal(["a", "b"], rows.Reminders.Select(r => r.ReminderName).Order());
    }

    [Fact]
    public async Task A_hash_range_read_returns_exactly_the_grains_in_the_range_including_wrap_around()
    {
        var grains = Enumerable.Range(0, 12).Select(_ => NewGrain()).ToList();
        foreach (var grain in grains)
        {
            await _table.UpsertRow(NewEntry(grain, "tick"));
        }

        var hashes = grains.Select(g => g.GetUniformHashCode()).Order().ToList();
        var (begin, end) = (hashes[3], hashes[8]);

        var inside = await _table.ReadRows(begin, end);
        var wrapped = await _table.ReadRows(end, begin);
        var all = await _table.ReadRows(begin, begin);

        Assert.Equal(hashes.Where(h => h > begin && h <= end), inside.Reminders.Select(r => r.GrainId.GetUniformHashCode()).Order());
        Assert.Equal(hashes.Where(h => h > end || h <= begin), wrapped.Reminders.Select(r => r.GrainId.GetUniformHashCode()).Order());
        Assert.Equal(12, all.Reminders.Count);
    }

    [Fact]
    public async Task Removing_with_the_current_etag_removes_the_reminder()
    {
        var entry = NewEntry(NewGrain(), "nudge");
        var eTag = await _table.UpsertRow(entry);

        Assert.True(await _table.RemoveRow(entry.GrainId, "nudge", eTag!));
        Assert.Null(await _table.ReadRow(entry.GrainId, "nudge"));
    }

    [Fact]
    public async Task Removing_with_a_stale_etag_is_refused_and_keeps_the_reminder()
    {
        var entry = NewEntry(NewGrain(), "nudge");
        var stale = await _table.UpsertRow(entry);
        await _table.UpsertRow(entry);

        Assert.False(await _table.RemoveRow(entry.GrainId, "nudge", stale!));
        Assert.NotNull(await _table.ReadRow(entry.GrainId, "nudge"));
    }

    [Fact]
    public async Task Removing_a_missing_reminder_reports_false()
    {
        Assert.False(await _table.RemoveRow(NewGrain(), "gone", "W/\"datetime'2026-01-01T00%3A00%3A00Z'\""));
    }

    [Fact]
    public async Task Another_service_never_sees_these_reminders()
    {
        var entry = NewEntry(NewGrain(), "private");
        await _table.UpsertRow(entry);

        var other = CreateTable("svc-other-" + Guid.NewGuid().ToString("N")[..8]);

        Assert.Null(await other.ReadRow(entry.GrainId, "private"));
        Assert.Empty((await other.ReadRows(0, 0)).Reminders);
    }

    [Fact]
    public async Task Unusual_grain_keys_and_reminder_names_are_stored()
    {
        var grain = GrainId.Create("wrap-up", "Zoë/#?\\ 東京 " + new string('k', 500));
        var entry = NewEntry(grain, "stall/check #1?");

        await _table.UpsertRow(entry);

        Assert.Equal(grain, (await _table.ReadRow(grain, "stall/check #1?"))!.GrainId);
    }

    private AzureTableReminderTable CreateTable(string serviceId) => new(
        Options.Create(new AzureTableReminderOptions { ConnectionString = azurite.ConnectionString, TableName = "reminderstests" }),
        Options.Create(new ClusterOptions { ServiceId = serviceId, ClusterId = "test" }),
        NullLogger<AzureTableReminderTable>.Instance);

    private static GrainId NewGrain() => GrainId.Create("wrap-up", Guid.NewGuid().ToString());

    private static ReminderEntry NewEntry(GrainId grain, string name) => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = new DateTime(2026, 11, 22, 21, 0, 0, DateTimeKind.Utc),
        Period = TimeSpan.FromMinutes(5),
    };
}

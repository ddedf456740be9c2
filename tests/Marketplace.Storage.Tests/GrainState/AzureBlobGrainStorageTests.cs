using Marketplace.Storage.GrainState;
using Marketplace.Testing.Azurite;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Storage;

namespace Marketplace.Storage.Tests.GrainState;

/// <summary>Conformance of the blob grain storage against a real Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureBlobGrainStorageTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string StateName = "profile";
    private readonly string _container = "grains-" + Guid.NewGuid().ToString("N")[..12];

    public Task InitializeAsync() => CreateProvider().EnsureContainerAsync();

    public Task DisposeAsync() => azurite.CreateBlobServiceClient().DeleteBlobContainerAsync(_container);

    [Fact]
    public async Task Reading_a_missing_state_gives_an_empty_state_that_does_not_exist()
    {
        var state = new GrainState<ProfileState>();

        await CreateProvider().ReadStateAsync(StateName, NewGrainId(), state);

        Assert.NotNull(state.State);
        Assert.Equal("", state.State!.DisplayName);
        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
    }

    [Fact]
    public async Task A_written_record_state_reads_back_equal_through_another_provider()
    {
        var grainId = NewGrainId();
        var written = new GrainState<ProfileState>(new ProfileState
        {
            DisplayName = "Ana",
            Skills = ["logo", "print"],
            JoinedAt = new DateTimeOffset(2026, 11, 22, 10, 30, 0, TimeSpan.FromHours(1)),
            Status = ProfileStatus.Verified,
        });
        await CreateProvider().WriteStateAsync(StateName, grainId, written);

        var read = new GrainState<ProfileState>();
        await CreateProvider().ReadStateAsync(StateName, grainId, read);

        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal("Ana", read.State!.DisplayName);
        Assert.Equal(["logo", "print"], read.State!.Skills);
        Assert.Equal(written.State!.JoinedAt, read.State!.JoinedAt);
        Assert.Equal(ProfileStatus.Verified, read.State!.Status);
    }

    [Fact]
    public async Task A_class_state_keeps_its_private_and_get_only_members()
    {
        var grainId = NewGrainId();
        var ledger = new LedgerState { BalanceByParty = { ["buyer"] = 120.50m } };
        var accountId = Guid.NewGuid();
        ledger.Open(accountId);
        ledger.Record(500);
        ledger.Record(-120);
        await CreateProvider().WriteStateAsync("ledger", grainId, new GrainState<LedgerState>(ledger));

        var read = new GrainState<LedgerState>();
        await CreateProvider().ReadStateAsync("ledger", grainId, read);

        Assert.Equal(accountId, read.State!.AccountId);
        Assert.Equal([500L, -120L], read.State!.Movements);
        Assert.Equal("EUR", read.State!.Currency);
        Assert.Equal(120.50m, read.State!.BalanceByParty["buyer"]);
    }

    [Fact]
    public async Task Events_declared_by_their_base_type_read_back_as_their_own_types()
    {
        var grainId = NewGrainId();
        var at = DateTimeOffset.UtcNow;
        var timeline = new TimelineState { Events = [new FilesDelivered { At = at, FileCount = 3 }, new Approved { At = at, Note = "great" }] };
        await CreateProvider().WriteStateAsync("timeline", grainId, new GrainState<TimelineState>(timeline));

        var read = new GrainState<TimelineState>();
        await CreateProvider().ReadStateAsync("timeline", grainId, read);

        Assert.Equal(timeline.Events, read.State!.Events);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused_and_leaves_the_newer_state()
    {
        var grainId = NewGrainId();
        var (first, second) = (CreateProvider(), CreateProvider());
        var mine = new GrainState<ProfileState>(new ProfileState { DisplayName = "v1" });
        await first.WriteStateAsync(StateName, grainId, mine);
        var theirs = new GrainState<ProfileState>();
        await second.ReadStateAsync(StateName, grainId, theirs);
        theirs.State = theirs.State! with { DisplayName = "v2 by the other silo" };
        await second.WriteStateAsync(StateName, grainId, theirs);

        mine.State = mine.State! with { DisplayName = "v2 by me" };
        await Assert.ThrowsAsync<InconsistentStateException>(() => first.WriteStateAsync(StateName, grainId, mine));

        var read = new GrainState<ProfileState>();
        await first.ReadStateAsync(StateName, grainId, read);
        Assert.Equal("v2 by the other silo", read.State!.DisplayName);
    }

    [Fact]
    public async Task A_first_write_is_refused_when_another_provider_already_created_the_state()
    {
        var grainId = NewGrainId();
        await CreateProvider().WriteStateAsync(StateName, grainId, new GrainState<ProfileState>(new ProfileState { DisplayName = "first" }));

        var unaware = new GrainState<ProfileState>(new ProfileState { DisplayName = "second" });

        await Assert.ThrowsAsync<InconsistentStateException>(() => CreateProvider().WriteStateAsync(StateName, grainId, unaware));
    }

    [Fact]
    public async Task Clear_removes_the_state_and_a_later_write_starts_a_new_record()
    {
        var grainId = NewGrainId();
        var provider = CreateProvider();
        var state = new GrainState<ProfileState>(new ProfileState { DisplayName = "to be cleared" });
        await provider.WriteStateAsync(StateName, grainId, state);
        var writtenETag = state.ETag;

        await provider.ClearStateAsync(StateName, grainId, state);

        Assert.False(state.RecordExists);
        Assert.NotEqual(writtenETag, state.ETag);
        Assert.Equal("", state.State!.DisplayName);
        var afterClear = new GrainState<ProfileState>();
        await CreateProvider().ReadStateAsync(StateName, grainId, afterClear);
        Assert.False(afterClear.RecordExists);

        state.State = new ProfileState { DisplayName = "reborn" };
        await provider.WriteStateAsync(StateName, grainId, state);
        var read = new GrainState<ProfileState>();
        await CreateProvider().ReadStateAsync(StateName, grainId, read);
        Assert.Equal("reborn", read.State!.DisplayName);
    }

    [Fact]
    public async Task Clear_with_a_stale_etag_is_refused_and_keeps_the_newer_state()
    {
        var grainId = NewGrainId();
        var mine = new GrainState<ProfileState>(new ProfileState { DisplayName = "v1" });
        await CreateProvider().WriteStateAsync(StateName, grainId, mine);
        var theirs = new GrainState<ProfileState>();
        await CreateProvider().ReadStateAsync(StateName, grainId, theirs);
        theirs.State = theirs.State! with { DisplayName = "v2" };
        await CreateProvider().WriteStateAsync(StateName, grainId, theirs);

        await Assert.ThrowsAsync<InconsistentStateException>(() => CreateProvider().ClearStateAsync(StateName, grainId, mine));

        var read = new GrainState<ProfileState>();
        await CreateProvider().ReadStateAsync(StateName, grainId, read);
        Assert.Equal("v2", read.State!.DisplayName);
    }

    [Fact]
    public async Task State_names_of_one_grain_are_stored_independently()
    {
        var grainId = NewGrainId();
        var provider = CreateProvider();
        await provider.WriteStateAsync("public-profile", grainId, new GrainState<ProfileState>(new ProfileState { DisplayName = "public" }));
        await provider.WriteStateAsync("private-profile", grainId, new GrainState<ProfileState>(new ProfileState { DisplayName = "private" }));

        var publicProfile = new GrainState<ProfileState>();
        var privateProfile = new GrainState<ProfileState>();
        await provider.ReadStateAsync("public-profile", grainId, publicProfile);
        await provider.ReadStateAsync("private-profile", grainId, privateProfile);

        Assert.Equal("public", publicProfile.State!.DisplayName);
        Assert.Equal("private", privateProfile.State!.DisplayName);
    }

    [Theory]
    [InlineData("Zoë/Ørsted?#%20 東京 🎨 \\ key")]
    [InlineData("trailing-dot.")]
    [InlineData("slashes/../../escape")]
    [InlineData("long")]
    public async Task Unusual_and_long_keys_round_trip_without_colliding(string key)
    {
        if (key == "long")
        {
            key = string.Concat(Enumerable.Repeat("ключ-", 400));
        }

        var grainId = GrainId.Create("profile", key);
        var neighbour = GrainId.Create("profile", key + "x");
        var provider = CreateProvider();
        await provider.WriteStateAsync(StateName, grainId, new GrainState<ProfileState>(new ProfileState { DisplayName = key }));
        await provider.WriteStateAsync(StateName, neighbour, new GrainState<ProfileState>(new ProfileState { DisplayName = "neighbour" }));

        var read = new GrainState<ProfileState>();
        await CreateProvider().ReadStateAsync(StateName, grainId, read);

        Assert.Equal(key, read.State!.DisplayName);
    }

    [Fact]
    public async Task A_one_megabyte_state_round_trips()
    {
        var grainId = NewGrainId();
        var portrait = Convert.ToBase64String(Enumerable.Range(0, 768 * 1024).Select(i => (byte)(i * 31)).ToArray());
        await CreateProvider().WriteStateAsync(StateName, grainId, new GrainState<ProfileState>(new ProfileState { Portrait = portrait }));

        var read = new GrainState<ProfileState>();
        await CreateProvider().ReadStateAsync(StateName, grainId, read);

        Assert.True(portrait.Length >= 1024 * 1024);
        Assert.Equal(portrait, read.State!.Portrait);
    }

    private AzureBlobGrainStorage CreateProvider() => new(
        "test",
        new AzureBlobGrainStorageOptions { ConnectionString = azurite.ConnectionString, ContainerName = _container },
        NullLogger<AzureBlobGrainStorage>.Instance);

    private static GrainId NewGrainId() => GrainId.Create("profile", Guid.NewGuid().ToString());
}

using Marketplace.Contracts;
using Marketplace.Testing.Cluster;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace Marketplace.Storage.Tests.Reminders;

/// <summary>A reminder registered before every silo stops fires after a new silo starts on the same storage.</summary>
public sealed class ReminderAfterRestartTests : IClassFixture<ReminderAfterRestartTests.Fixture>
{
    private readonly Fixture _fixture;

    public ReminderAfterRestartTests(Fixture fixture) => _fixture = fixture;

    [Fact]
    public async Task A_reminder_registered_before_a_restart_fires_after_it_and_its_tick_is_stored()
    {
        var key = Guid.NewGuid().ToString();
        await _fixture.GrainFactory.GetGrain<IRestartProbeGrain>(key).ArmAsync(TimeSpan.FromSeconds(4));

        await _fixture.RestartClusterAsync();

        var probe = _fixture.GrainFactory.GetGrain<IRestartProbeGrain>(key);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await probe.GetTicksAsync() == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The reminder did not fire within 60 s of the restart.");
            await Task.Delay(250);
        }
    }

    public sealed class Fixture : AzuriteClusterFixture
    {
        protected override void ConfigureCluster(TestClusterBuilder builder) =>
            builder.AddSiloBuilderConfigurator<ShortRemindersConfigurator>();
    }

    private sealed class ShortRemindersConfigurator : ISiloConfigurator
    {
        // Production keeps Orleans' one-minute floor; here a short period keeps the test quick.
        public void Configure(ISiloBuilder siloBuilder) =>
            siloBuilder.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
    }
}

public interface IRestartProbeGrain : IGrainWithStringKey
{
    Task ArmAsync(TimeSpan dueIn);

    Task<int> GetTicksAsync();
}

[GenerateSerializer]
public sealed class RestartProbeState
{
    [Id(0)] public int Ticks { get; set; }
}

public sealed class RestartProbeGrain(
    [PersistentState("probe", StorageNames.GrainStorage)] IPersistentState<RestartProbeState> state) : Grain, IRestartProbeGrain, IRemindable
{
    public Task ArmAsync(TimeSpan dueIn) => this.RegisterOrUpdateReminder("probe", dueIn, TimeSpan.FromMinutes(1));

    public Task<int> GetTicksAsync() => Task.FromResult(state.State.Ticks);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        state.State.Ticks++;
        await state.WriteStateAsync();
    }
}

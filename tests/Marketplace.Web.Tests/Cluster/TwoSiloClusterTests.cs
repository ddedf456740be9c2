using Marketplace.Contracts;
using Marketplace.Contracts.Accounts;
using Marketplace.Contracts.Users;
using Marketplace.Grains.Users;
using Marketplace.Testing.Cluster;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace Marketplace.Web.Tests.Cluster;

/// <summary>
/// The marketplace on two silos that find each other through the storage account, reached through the web's Orleans
/// client: nothing in the domain depends on how many silos there are, and losing one loses nothing acknowledged.
/// </summary>
[Collection(TwoSiloClusterCollection.Name)]
public sealed class TwoSiloClusterTests(TwoSiloClusterFixture cluster)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private IGrainFactory Grains => cluster.Grains;

    [Fact]
    public async Task Both_silos_join_one_cluster_listed_in_the_storage_account()
    {
        await cluster.EnsureTwoSilosAsync();

        var active = await Grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);

        Assert.Equal(cluster.Silos.Select(silo => silo.Address).Order(), active.Keys.Order());
        Assert.Equal(2, await cluster.ActiveRowsInMembershipTableAsync());
    }

    [Fact]
    public async Task A_person_saved_through_the_cluster_is_read_back_after_the_silo_holding_them_stops()
    {
        await cluster.EnsureTwoSilosAsync();
        var buyer = await Grains.BuyerAsync("Bea Before-Shutdown");
        var user = Grains.GetGrain<IUserGrain>(buyer.UserId);
        var holder = await cluster.SiloHoldingAsync(user);

        await cluster.StopAsync(holder);

        var card = await TwoSiloClusterFixture.AnswerAsync(user.GetCardAsync);
        Assert.Equal(("Bea Before-Shutdown", UserStatus.Active), (card.DisplayName, card.Status));
        Assert.Equal(cluster.Silos.Single(), await cluster.SiloHoldingAsync(user));
    }

    [Fact]
    public async Task A_person_saved_through_the_cluster_is_read_back_on_the_survivor_after_the_silo_holding_them_dies()
    {
        await cluster.EnsureTwoSilosAsync();
        var buyer = await Grains.BuyerAsync("Bea Before-Crash");
        var user = Grains.GetGrain<IUserGrain>(buyer.UserId);
        var holder = await cluster.SiloHoldingAsync(user);

        await cluster.KillAsync(holder);
        await cluster.WaitUntilDeclaredDeadAsync(holder, Patience);

        var card = await TwoSiloClusterFixture.AnswerAsync(user.GetCardAsync);
        Assert.Equal(("Bea Before-Crash", UserStatus.Active), (card.DisplayName, card.Status));
        Assert.Equal(cluster.Silos.Single(), await cluster.SiloHoldingAsync(user));
    }

    /// <summary>
    /// A removal whose fan-out failed leaves its durable reminder, registered by the grain on the silo holding it. That
    /// silo dies; the survivor, now owning the whole reminder table, fires it and finishes the removal with nobody
    /// repeating the call.
    /// </summary>
    [Fact]
    public async Task A_reminder_registered_on_a_silo_that_dies_fires_on_the_survivor()
    {
        await cluster.EnsureTwoSilosAsync();
        var staff = await Grains.StaffAsync();
        var creative = await Grains.CreativeAsync();
        var user = Grains.GetGrain<IUserGrain>(creative.UserId);
        var account = AccountEmail.Normalize($"{creative.UserId}@example.com")!;

        using (CallOutage.Of(account, nameof(IAccountGrain.EndSessionsAsync)))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => user.RemoveAsync(staff, "Paid with stolen cards."));
            Assert.NotNull(await RemovalReminderAsync(user));
            var holder = await cluster.SiloHoldingAsync(user);
            await cluster.KillAsync(holder);
            await cluster.WaitUntilDeclaredDeadAsync(holder, Patience);
        }

        var deadline = DateTime.UtcNow + Patience;
        while (await RemovalReminderAsync(user) is not null)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The survivor did not finish the removal within {Patience.TotalSeconds} s of the other silo's death.");
            await Task.Delay(250);
        }

        Assert.Equal(UserStatus.Removed, (await user.GetCardAsync()).Status);
    }

    /// <summary>The reminder is unregistered as the removal's last step, so its absence means "finished".</summary>
    private async Task<ReminderEntry?> RemovalReminderAsync(IUserGrain user)
    {
        var table = cluster.Silos[^1].Host.Services.GetRequiredService<IReminderTable>();
        var entry = await table.ReadRow(user.GetGrainId(), UserGrain.RemovalReminder);
        return entry?.GrainId == user.GetGrainId() ? entry : null;
    }
}

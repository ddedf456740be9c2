using Marketplace.Contracts.Escrow;
using Marketplace.Contracts.Mediation;
using Marketplace.Contracts.Notifications;
using Marketplace.Contracts.Projects;
using Marketplace.Contracts.Users;
using Marketplace.Contracts.WrapUps;
using Marketplace.Grains.Tests.WrapUps;
using Marketplace.Grains.Users;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace Marketplace.Grains.Tests.Persistence;

/// <summary>
/// A removal is saved before its fan-out runs, with a durable reminder registered first. If the silo dies half-way, the
/// next silo's reminder finishes the fan-out from storage: here the whole cluster really stops and a new one starts on
/// the same Azurite, and nobody fires the reminder by hand.
/// </summary>
public sealed class InterruptedRemovalTests(PersistentClusterFixture fixture) : IClassFixture<PersistentClusterFixture>
{
    private const string Reason = "Paid with stolen cards.";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task A_removal_cut_off_by_a_silo_restart_is_finished_by_the_next_silo_and_refunds_and_tells_once()
    {
        var h = await Handover.AwardedAsync(fixture);
        var entrant = await Grains.CreativeAsync();
        var open = await fixture.OpenProjectAsync(h.Buyer);
        await fixture.SubmitAsync(entrant, open.Id);

        // The handover is unreachable when the removal gets to it, and the silo stops before the reminder can retry.
        using (CallOutage.Of(h.Id, nameof(IWrapUpGrain.BuyerRemovedAsync)))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => Grains.GetGrain<IUserGrain>(h.Buyer.UserId).RemoveAsync(h.Staff, Reason));
            Assert.NotNull(await RemovalReminderAsync(h.Buyer.UserId));
            var now = fixture.Clock.GetUtcNow();
            await fixture.RestartClusterAsync();
            fixture.Clock.SetUtcNow(now);
        }

        Assert.Equal(UserStatus.Removed, (await Grains.GetGrain<IUserGrain>(h.Buyer.UserId).GetCardAsync()).Status);
        await WaitUntilAsync(async () => await RemovalReminderAsync(h.Buyer.UserId) is null);

        Assert.True((await h.Grain.GetAsync(h.Staff)).BuyerRemoved);
        Assert.Contains(MediationReason.BuyerRemoved, Assert.IsType<MediationCaseView>(await h.QueuedCaseAsync()).Case.Reasons);
        Assert.Equal(ProjectState.Cancelled, (await Grains.GetGrain<IProjectGrain>(open.Id).GetAsync(h.Staff)).State);
        var refund = Assert.Single((await Grains.GetGrain<IEscrowGrain>(open.Id).GetStatementAsync()).Movements, m => m.Kind == EscrowMovementKind.RefundedToBuyer);
        Assert.Equal(Scenarios.Prize, refund.Amount);
        Assert.Single(await Grains.NoticesAsync(entrant), n => n.Kind == NotificationKinds.ProjectClosed);
        Assert.Single(await Grains.NoticesAsync(h.Creative), n => n.Kind == NotificationKinds.BuyerRemoved);
    }

    /// <summary>The reminder is unregistered as the last step of a finished fan-out, so its absence means "finished".</summary>
    private async Task<ReminderEntry?> RemovalReminderAsync(string userId)
    {
        var user = Grains.GetGrain<IUserGrain>(userId);
        var table = fixture.Cluster.GetSiloServiceProvider().GetRequiredService<IReminderTable>();
        var entry = await table.ReadRow(user.GetGrainId(), UserGrain.RemovalReminder);
        return entry?.GrainId == user.GetGrainId() ? entry : null;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> done)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, $"The removal was not finished within {Patience.TotalSeconds} s of the restart.");
            await Task.Delay(250);
        }
    }
}

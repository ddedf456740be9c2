using Marketplace.Contracts.Accounts;
using Marketplace.Contracts.Mediation;
using Marketplace.Contracts.Projects;
using Marketplace.Contracts.WrapUps;
using Marketplace.Testing.Cluster;
using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Marketplace.Web.Tests.Demo;

[Collection(MarketplaceAppCollection.Name)]
public sealed class DemoSeederTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task Demo_data_is_seeded_once_and_a_second_start_adds_nothing()
    {
        await SeedAsync();
        var first = await GalleryCountsAsync();
        await SeedAsync();
        var second = await GalleryCountsAsync();

        Assert.Equal(first, second);
        Assert.Equal(4, first["p-demo-crumb"]);
        Assert.Equal(0, first["p-demo-jazz"]);
        Assert.Equal(SignInStatus.Succeeded, (await app.Grains.GetGrain<IAccountGrain>("bea@demo.marketplace").SignInAsync(DemoSeeder.Password)).Status);
        Assert.Equal(SignInStatus.Succeeded, (await app.Grains.GetGrain<IAccountGrain>("staff@demo.marketplace").SignInAsync(DemoSeeder.Password)).Status);
        var spokes = await app.Grains.GetGrain<IProjectGrain>("p-demo-spokes").GetAsync(Contracts.Actor.System);
        Assert.Equal(ProjectState.Awarded, spokes.State);

        // Staff find two cases: the Lotus winner was removed mid-handover and cannot sign in; the Tidewater flyer is
        // disputed and answered, a photo with a preview on each side.
        var staff = await app.Grains.GetGrain<IAccountGrain>("staff@demo.marketplace").GetAsync();
        var staffActor = new Contracts.Actor(staff!.UserId, staff.Roles);
        var queue = await app.Grains.GetGrain<IMediationQueueGrain>(IMediationQueueGrain.Key).ListAsync(staffActor);
        var lotus = Assert.Single(queue, c => c.Case.ProjectId == "p-demo-lotus");
        Assert.Contains(MediationReason.WinnerRemoved, lotus.Case.Reasons);
        Assert.NotEqual(SignInStatus.Succeeded, (await app.Grains.GetGrain<IAccountGrain>("ray@demo.marketplace").SignInAsync(DemoSeeder.Password)).Status);
        var tide = Assert.Single(queue, c => c.Case.ProjectId == "p-demo-tide");
        Assert.Contains(MediationReason.Disputed, tide.Case.Reasons);
        var dispute = (await app.Grains.GetGrain<IWrapUpGrain>(tide.Case.CaseId).GetAsync(staffActor)).Dispute!;
        Assert.Equal(DisputeStage.AwaitingStaff, dispute.Stage);
        Assert.All(dispute.Evidence.Concat(dispute.AnswerEvidence), f => Assert.NotNull(f.Preview));
    }

    private async Task SeedAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Marketplace:Demo:Seed"] = "true",
            ["Marketplace:Staff:0:Email"] = "staff@demo.marketplace",
            ["Marketplace:Staff:0:Password"] = DemoSeeder.Password,
            ["Marketplace:Staff:0:DisplayName"] = "Sam from Support",
        }).Build();
        // The seeder keeps the site up when seeding fails and only logs it, so the log is where a failure shows.
        var log = new FakeLogger<DemoSeeder>();
        using var seeder = new DemoSeeder(app.WebServices, configuration, TimeProvider.System, log);
        await seeder.StartAsync(CancellationToken.None);
        await seeder.ExecuteTask!;
        Assert.DoesNotContain(log.Collector.GetSnapshot(), r => r.Level >= LogLevel.Error);
        Assert.Contains(log.Collector.GetSnapshot(), r => r.Message.StartsWith("Demo marketplace ready", StringComparison.Ordinal) && r.Message.Contains("staff@demo.marketplace (same password)"));
    }

    private async Task<Dictionary<string, int>> GalleryCountsAsync()
    {
        var counts = new Dictionary<string, int>();
        foreach (var id in new[] { "p-demo-crumb", "p-demo-honey", "p-demo-spokes", "p-demo-jazz" })
            counts[id] = (await app.Grains.GetGrain<IProjectGrain>(id).GetGalleryAsync(Contracts.Actor.System)).Items.Count;
        return counts;
    }
}

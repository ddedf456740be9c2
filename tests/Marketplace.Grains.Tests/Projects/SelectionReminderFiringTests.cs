using Marketplace.Contracts.Entries;
using Marketplace.Contracts.Notifications;
using Marketplace.Contracts.Projects;
using Marketplace.Grains.Projects;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Marketplace.Grains.Tests.Projects;

/// <summary>
/// The buyer's "choose a winner" reminder sent by the real Orleans reminder (our reminder table on Azurite) with nobody
/// calling the project: the silo runs on the real clock, with the reminder service's shortest period and the rule's
/// window and lead time in seconds instead of minutes and days.
/// </summary>
public sealed class SelectionReminderFiringTests(SelectionReminderFiringTests.Fixture fixture) : IClassFixture<SelectionReminderFiringTests.Fixture>
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(8);

    [Fact]
    public async Task The_real_reminder_sends_the_buyer_the_choose_soon_notice_and_then_refunds_with_nobody_calling_the_project()
    {
        var grains = fixture.GrainFactory;
        var buyer = await grains.BuyerAsync();
        var creative = await grains.CreativeAsync();
        var project = grains.GetGrain<IProjectGrain>(ClusterFixture.NewId("project"));
        var now = DateTimeOffset.UtcNow;
        await project.CreateAsync(buyer, Scenarios.Draft(now, allowEarlyAward: true) with { SelectionWindow = Window });
        await project.OpenAsync(buyer);
        await grains.GetGrain<IEntryGrain>(ClusterFixture.NewId("entry"))
            .SubmitAsync(creative, new EntrySubmission(project.GetPrimaryKeyString(), Scenarios.Original(), Scenarios.Previews(), "First idea."));

        // Closing now starts the window: the reminder is due 3 s before its end (Fixture's lead time), 5 s from now.
        var closed = await project.CloseEntriesNowAsync(buyer, null);

        // Only the buyer's inbox is read from here on: a call to the project would apply its deadlines itself.
        var soon = await WaitForNoticeAsync(buyer, NotificationKinds.ChooseSoon, TimeSpan.FromSeconds(60));
        Assert.True(soon.Asks);
        Assert.Equal($"/projects/{closed.Id}", soon.Link);
        Assert.True(soon.At >= closed.SelectionDeadline!.Value - Fixture.LeadTime - TimeSpan.FromSeconds(1), $"reminded at {soon.At:O}, before its time");
        var refunded = await WaitForNoticeAsync(buyer, NotificationKinds.PrizeRefunded, TimeSpan.FromSeconds(60));
        Assert.True(refunded.At >= closed.SelectionDeadline.Value, $"refunded at {refunded.At:O}, before the deadline");
        Assert.Single(await grains.NoticesAsync(buyer), n => n.Kind == NotificationKinds.ChooseSoon);
    }

    private async Task<NotificationView> WaitForNoticeAsync(Actor person, string kind, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            if ((await fixture.GrainFactory.NoticesAsync(person)).FirstOrDefault(n => n.Kind == kind) is { } notice) return notice;
            Assert.True(DateTime.UtcNow < until, $"No {kind} notice within {timeout.TotalSeconds:0} s.");
            await Task.Delay(250);
        }
    }

    public sealed class Fixture : AzuriteClusterFixture
    {
        public static readonly TimeSpan LeadTime = TimeSpan.FromSeconds(3);

        protected override void ConfigureCluster(TestClusterBuilder builder) =>
            builder.AddSiloBuilderConfigurator<RealClockShortRemindersConfigurator>();
    }

    private sealed class RealClockShortRemindersConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            // The real clock, so the reminder's due time and the rule's "now" are the same time.
            siloBuilder.Services.AddKeyedSingleton<TimeProvider>(MarketplaceClock.Key, TimeProvider.System);
            siloBuilder.Services.AddMarketplaceGrains(siloBuilder.Configuration);
            siloBuilder.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            siloBuilder.Services.Configure<ProjectRulesOptions>(o =>
            {
                o.MinimumSelectionWindow = TimeSpan.FromSeconds(1);
                o.SelectionReminderBefore = Fixture.LeadTime;
            });
        }
    }
}

using Marketplace.Contracts.Accounts;
using Marketplace.Contracts.Mediation;
using Marketplace.Contracts.Notifications;
using Marketplace.Contracts.Projects;
using Marketplace.Contracts.WrapUps;
using Marketplace.Testing.Cluster;
using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Marketplace.Web.Tests.Demo;

[Collection(MarketplaceAppCollection.Name)]
public sealed class DemoSeederTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task Demo_data_is_seeded_once_and_a_second_start_adds_nothing()
    {
        await SeedAsync();
        var first = await GalleryCountsAsync();
        var firstInboxes = await InboxesAsync();
        var beaMail = await MailPickup.WaitForAsync(app.MailFolder, "bea@demo.marketplace", firstInboxes["bea@demo.marketplace"].Count);
        await SeedAsync();
        var second = await GalleryCountsAsync();

        Assert.Equal(first, second);
        // The seeded steps told people what happened, through the real wrap-ups; a second start tells nobody again.
        var secondInboxes = await InboxesAsync();
        foreach (var (email, texts) in firstInboxes) Assert.Equal(texts, secondInboxes[email]);
        Assert.Contains(firstInboxes["bea@demo.marketplace"], t => t.StartsWith("Dev Patel delivered the final files for “Brand mark for Spokes bike repair”", StringComparison.Ordinal));
        Assert.Contains(firstInboxes["bea@demo.marketplace"], t => t.StartsWith("Mira Okafor answered your dispute", StringComparison.Ordinal));
        Assert.Contains(firstInboxes["dev@demo.marketplace"], t => t.StartsWith("You won “Brand mark for Spokes bike repair”!", StringComparison.Ordinal));
        Assert.Contains(firstInboxes["mira@demo.marketplace"], t => t.StartsWith("Bea Baker opened a dispute", StringComparison.Ordinal));
        Assert.Contains(firstInboxes["oscar@demo.marketplace"], t => t.Contains("was removed from the marketplace", StringComparison.Ordinal));
        Assert.Equal(firstInboxes["bea@demo.marketplace"].Count, beaMail.Count);
        Assert.Equal(beaMail.Count, MailPickup.To(app.MailFolder, "bea@demo.marketplace").Count);
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

        // Kit's account was removed: the Saltline contest closed with the prize refunded and its entrants told; the
        // delivered Kite handover waits for staff in the buyer's place, and Cora was told.
        var kite = Assert.Single(queue, c => c.Case.ProjectId == "p-demo-kite");
        Assert.Contains(MediationReason.BuyerRemoved, kite.Case.Reasons);
        Assert.Equal(WrapUpStep.InReview, kite.Case.Step);
        Assert.NotEqual(SignInStatus.Succeeded, (await app.Grains.GetGrain<IAccountGrain>("kit@demo.marketplace").SignInAsync(DemoSeeder.Password)).Status);
        Assert.Equal(ProjectState.Cancelled, (await app.Grains.GetGrain<IProjectGrain>("p-demo-sail").GetAsync(Contracts.Actor.System)).State);
        Assert.Equal(0, (await app.Grains.GetGrain<Contracts.Escrow.IEscrowGrain>("p-demo-sail").GetStatementAsync()).Held.Minor);
        Assert.Contains(firstInboxes["mira@demo.marketplace"], t => t.StartsWith("Marketplace support closed “Sign for Saltline sailing club”", StringComparison.Ordinal));
        Assert.Contains(firstInboxes["cora@demo.marketplace"], t => t.StartsWith("The buyer's account was closed; Marketplace support will finish the handover of “Logo for Kite & Co toys”", StringComparison.Ordinal));
    }

    private async Task SeedAsync()
    {
        // The seeder keeps the site up when seeding fails and only logs it, so the log is where a failure shows.
        var log = await app.SeedDemoAsync();
        Assert.DoesNotContain(log, r => r.Level >= LogLevel.Error);
        Assert.Contains(log, r => r.Message.StartsWith("Demo marketplace ready", StringComparison.Ordinal) && r.Message.Contains("staff@demo.marketplace (same password)"));
    }

    /// <summary>The notification texts of the demo people who take part in a seeded handover, newest first.</summary>
    private async Task<Dictionary<string, List<string>>> InboxesAsync()
    {
        var inboxes = new Dictionary<string, List<string>>();
        foreach (var email in new[] { "bea@demo.marketplace", "oscar@demo.marketplace", "dev@demo.marketplace", "mira@demo.marketplace", "cora@demo.marketplace" })
        {
            var account = (await app.Grains.GetGrain<IAccountGrain>(email).GetAsync())!;
            var actor = new Contracts.Actor(account.UserId, account.Roles);
            var inbox = await app.Grains.GetGrain<INotificationInboxGrain>(account.UserId).GetAsync(actor);
            inboxes[email] = inbox.Notifications.Select(n => n.Text).ToList();
        }

        return inboxes;
    }

    private async Task<Dictionary<string, int>> GalleryCountsAsync()
    {
        var counts = new Dictionary<string, int>();
        foreach (var id in new[] { "p-demo-crumb", "p-demo-honey", "p-demo-spokes", "p-demo-jazz" })
            counts[id] = (await app.Grains.GetGrain<IProjectGrain>(id).GetGalleryAsync(Contracts.Actor.System)).Items.Count;
        return counts;
    }
}

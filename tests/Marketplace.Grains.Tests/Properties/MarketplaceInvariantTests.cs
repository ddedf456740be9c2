using CsCheck;
using Marketplace.Contracts.Escrow;
using Marketplace.Contracts.Projects;

namespace Marketplace.Grains.Tests.Properties;

[Collection(ClusterCollection.Name)]
public sealed class MarketplaceInvariantTests(ClusterFixture fixture)
{
    private static readonly Gen<(int, int, int)[]> Runs =
        Gen.Select(Gen.Int[0, 7], Gen.Int[0, 50], Gen.Int[0, 50]).Array[5, 25];

    [Fact]
    public void Random_operations_over_several_projects_keep_one_winner_terminal_states_and_money()
    {
        Runs.Sample(steps => RunAsync(steps).GetAwaiter().GetResult(), iter: 12, threads: 1);
    }

    private async Task RunAsync((int Kind, int A, int B)[] steps)
    {
        var grains = fixture.Grains;
        var staff = await grains.StaffAsync();
        var projects = new List<(ProjectView, Actor)>();
        for (var i = 0; i < 3; i++)
        {
            var buyer = await grains.BuyerAsync();
            projects.Add((await fixture.OpenProjectAsync(buyer), buyer));
        }

        var world = new World(fixture, staff, projects, [await grains.CreativeAsync(), await grains.CreativeAsync(), await grains.CreativeAsync()], []);
        var ended = new Dictionary<string, ProjectState>();
        foreach (var (kind, a, b) in steps)
        {
            var operation = MarketplaceOperations.Create(kind, a, b);
            await operation.RunAsync(world);
            await CheckInvariantsAsync(world, ended, operation.Name);
        }
    }

    private static async Task CheckInvariantsAsync(World world, Dictionary<string, ProjectState> ended, string after)
    {
        foreach (var (view, buyer) in world.Projects)
        {
            var project = await world.Cluster.Grains.GetGrain<IProjectGrain>(view.Id).GetAsync(buyer);
            var gallery = await world.Cluster.Grains.GetGrain<IProjectGrain>(view.Id).GetGalleryAsync(buyer);
            var s = await world.Cluster.Grains.GetGrain<IEscrowGrain>(view.Id).GetStatementAsync();

            Assert.True(gallery.Items.Count(i => i.Status.IsWinner()) <= 1, $"two winners after {after}");
            Assert.True(project.State != ProjectState.Awarded || project.WinnerEntryId is not null, $"awarded without winner after {after}");
            Assert.True(s.Funded.Minor == s.ReleasedToCreative.Minor + s.Fees.Minor + s.Refunded.Minor + s.Held.Minor, $"money not conserved after {after}");
            Assert.True(s.Held.Minor >= 0 && s.Funded.Minor == Scenarios.Prize.Minor, $"escrow wrong after {after}");
            if (ended.TryGetValue(view.Id, out var end))
            {
                Assert.True(project.State == end, $"terminal state {end} changed to {project.State} after {after}");
            }
            else if (project.State.IsTerminal())
            {
                ended[view.Id] = project.State;
                Assert.Equal(0, s.Held.Minor);
            }
        }
    }
}

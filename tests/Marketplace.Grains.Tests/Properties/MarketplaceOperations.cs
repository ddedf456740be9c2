using Marketplace.Contracts.Entries;
using Marketplace.Contracts.Projects;

namespace Marketplace.Grains.Tests.Properties;

/// <summary>The world a random run acts on: a few projects with their people. Extend with wrap-up and staff operations.</summary>
public sealed record World(IMarketplaceCluster Cluster, Actor Staff, IReadOnlyList<(ProjectView Project, Actor Buyer)> Projects, IReadOnlyList<Actor> Creatives, List<string> Entries);

/// <summary>One random step: a name for the failure report and what it does. Refusals (MarketplaceException) are allowed outcomes.</summary>
public sealed record Operation(string Name, Func<World, Task> Run);

public static class MarketplaceOperations
{
    /// <summary>Every operation kind, chosen by index <c>kind</c> with arguments <c>a</c>, <c>b</c> (any non-negative ints).</summary>
    public static Operation Create(int kind, int a, int b) => (kind % 8) switch
    {
        0 => new($"submit creative {a} to project {b}", async w =>
        {
            var entry = await w.Cluster.SubmitAsync(Pick(w.Creatives, a), Pick(w.Projects, b).Project.Id);
            w.Entries.Add(entry.Id);
        }),
        1 => new($"buyer of project {a} awards entry {b}", w => Project(w, a).AwardAsync(Pick(w.Projects, a).Buyer, PickEntry(w, b))),
        2 => new($"creative {a} withdraws entry {b}", w => Entry(w, b).WithdrawAsync(Pick(w.Creatives, a))),
        3 => new($"buyer of project {a} declines entry {b}", w => Entry(w, b).DeclineAsync(Pick(w.Projects, a).Buyer, "no")),
        4 => new($"buyer of project {a} rates entry {b}", w => Entry(w, b).RateAsync(Pick(w.Projects, a).Buyer, 1 + b % 5)),
        5 => new($"clock moves {a % 5} days", w => { w.Cluster.Clock.Advance(TimeSpan.FromDays(a % 5)); return Task.CompletedTask; }),
        6 => new($"staff cancel project {a}", w => Project(w, a).CancelAsync(w.Staff, "policy")),
        _ => new($"staff remove entry {b}", w => Entry(w, b).RemoveAsync(w.Staff, "policy")),
    };

    private static T Pick<T>(IReadOnlyList<T> list, int i) => list[i % list.Count];

    private static string PickEntry(World w, int i) => w.Entries.Count == 0 ? "none" : w.Entries[i % w.Entries.Count];

    private static IProjectGrain Project(World w, int i) => w.Cluster.Grains.GetGrain<IProjectGrain>(Pick(w.Projects, i).Project.Id);

    private static IEntryGrain Entry(World w, int i) => w.Cluster.Grains.GetGrain<IEntryGrain>(PickEntry(w, i));

    /// <summary>Refusals are fine; anything else is a bug.</summary>
    public static async Task RunAsync(this Operation operation, World world)
    {
        try
        {
            await operation.Run(world);
        }
        catch (MarketplaceException)
        {
        }
    }

    public static bool IsWinner(this EntryStatus status) => status == EntryStatus.Won;
}

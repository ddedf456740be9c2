using System.Security.Cryptography;
using System.Text;
using Marketplace.Contracts;
using Marketplace.Contracts.Entries;
using Marketplace.Contracts.Files;
using Marketplace.Contracts.Previews;
using Marketplace.Contracts.Projects;

namespace Marketplace.Testing.Cluster;

/// <summary>Ready-made steps through the real grains: a valid draft, an open project, an entry, an award.</summary>
public static class Scenarios
{
    public static readonly Money Prize = new(50_000, "EUR");

    /// <summary>A valid draft whose entry deadline is a week after <paramref name="now"/>, with a five-day selection window.</summary>
    public static ProjectDraft Draft(DateTimeOffset now, string category = Categories.Logo, Money? prize = null, bool allowEarlyAward = false) =>
        new(new ProjectBrief("A logo for Bread & Butter", "A friendly logo for a neighbourhood bakery.", category, ["SVG", "PNG"]),
            prize ?? Prize, now.AddDays(7), TimeSpan.FromDays(5), allowEarlyAward);

    public static async Task<ProjectView> OpenProjectAsync(this IMarketplaceCluster fixture, Actor buyer, ProjectDraft? draft = null)
    {
        var project = fixture.Grains.GetGrain<IProjectGrain>(ClusterFixture.NewId("project"));
        await project.CreateAsync(buyer, draft ?? Draft(fixture.Clock.GetUtcNow()));
        return await project.OpenAsync(buyer);
    }

    /// <summary>A new buyer and their project, open for entries.</summary>
    public static async Task<(Actor Buyer, ProjectView Project)> BuyerWithOpenProjectAsync(this IMarketplaceCluster fixture)
    {
        var buyer = await fixture.Grains.BuyerAsync();
        return (buyer, await fixture.OpenProjectAsync(buyer));
    }

    public static async Task<EntryDetails> SubmitAsync(this IMarketplaceCluster fixture, Actor creative, string projectId)
    {
        var entry = fixture.Grains.GetGrain<IEntryGrain>(ClusterFixture.NewId("entry"));
        return await entry.SubmitAsync(creative, new EntrySubmission(projectId, Original(), Previews(), "First idea."));
    }

    /// <summary>Moves the clock past the project's entry deadline so it is selecting.</summary>
    public static async Task<ProjectView> CloseEntriesAsync(this IMarketplaceCluster fixture, string projectId)
    {
        var project = fixture.Grains.GetGrain<IProjectGrain>(projectId);
        var view = await project.GetAsync(Actor.System);
        var wait = view.EntryDeadline - fixture.Clock.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            fixture.Clock.Advance(wait + TimeSpan.FromMinutes(1));
        }

        return await project.GetAsync(Actor.System);
    }

    public static StoredFile Original(string fileName = "logo.png")
    {
        var blob = $"entries/{Guid.NewGuid():N}/{fileName}";
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(blob)));
        return new StoredFile(StorageNames.Containers.Originals, blob, fileName, "image/png", 48_213, sha);
    }

    public static PreviewManifest Previews(string? sha = null) =>
        new(sha ?? new string('a', 64), 2000, 1500,
            [new PreviewImage(PreviewSizes.Lite, 320, 240, 9_000, "webp", $"previews/{Guid.NewGuid():N}-lite.webp")]);
}

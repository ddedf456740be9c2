using System.Net;
using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Marketplace.Web.Tests.Performance;

/// <summary>
/// A buyer on a slow phone opens a gallery of 24 entries: the first load at 360×640, measured by the browser's own
/// resource timing, must transfer at most 150 KB, use the lite previews and leave images below the fold for later.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class PhoneGalleryBudgetTests(MarketplaceAppFixture app, Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Entries = 24;
    private const double BudgetBytes = 150 * 1024;

    [Fact]
    public async Task A_24_entry_gallery_first_loads_in_at_most_150_KB_on_a_360_px_phone()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Gallery Buyer");
        var projectId = await buyer.OpenProjectAsync("Packaging for Hill Farm honey");
        await Task.WhenAll(Enumerable.Range(0, Entries).Select(i => SubmitAsync(projectId, i)));

        await using var context = await app.NewContextAsync(phone: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/projects/{projectId}", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        await Assertions.Expect(page.Locator(".gallery li")).ToHaveCountAsync(Entries);

        var resources = await page.EvaluateAsync<ResourceTiming[]>(
            "() => [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].map(e => ({ name: e.name, transferSize: e.transferSize }))");
        var total = resources.Sum(r => r.TransferSize);
        var images = resources.Where(r => r.Name.Contains("/files/previews/", StringComparison.Ordinal)).ToList();
        output.WriteLine($"First load: {total / 1024:0.0} KB in {resources.Length} requests, {images.Count} of {Entries} previews.");
        Assert.True(total <= BudgetBytes, $"First load transferred {total / 1024:0.0} KB (> 150 KB): " + string.Join(", ", resources.Select(r => $"{r.Name} {r.TransferSize}")));
        Assert.True(images.Count < Entries, $"All {Entries} previews loaded at once; images below the fold should wait.");

        await MarketplaceAppFixture.ScreenshotAsync(page, "50-gallery-24-entries-phone");
        var firstImage = page.Locator(".gallery img").First;
        var current = await firstImage.EvaluateAsync<string>("img => img.currentSrc");
        var lite = await Liteblob(buyer, projectId);
        Assert.EndsWith(lite, current);
        Assert.Equal("lazy", await page.Locator(".gallery img").Nth(Entries - 1).GetAttributeAsync("loading"));
    }

    private async Task SubmitAsync(string projectId, int i)
    {
        using var creative = await ApiSession.SignUpAsync(app, "creative", $"Creative {i + 1}");
        await creative.SubmitEntryAsync(projectId, DemoArt.Logo("Hill Farm", "raw honey", i, 800, 600), $"honey-{i}.png");
    }

    /// <summary>The lite preview of the first gallery item, as the API reports it.</summary>
    private static async Task<string> Liteblob(ApiSession session, string projectId)
    {
        var gallery = await session.ReadAsync(await session.Http.GetAsync($"/api/v1/projects/{projectId}/gallery"));
        var images = gallery.GetProperty("items")[0].GetProperty("previews").GetProperty("images");
        return images.EnumerateArray().First(i => i.GetProperty("size").GetString() == "lite").GetProperty("blobName").GetString()!;
    }

    public sealed class ResourceTiming
    {
        public string Name { get; set; } = "";
        public double TransferSize { get; set; }
    }
}

using System.Net;
using System.Net.Http.Json;
using Marketplace.Web.Health;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Health;

/// <summary>
/// Stopping the storage under a running marketplace turns /health into a 503 naming storage, and it recovers by
/// itself once storage is back. Its own app and Azurite (a class fixture), so the outage never touches other tests.
/// </summary>
public sealed class StorageOutageTests(MarketplaceAppFixture app) : IClassFixture<MarketplaceAppFixture>
{
    private static readonly TimeSpan RecoveryLimit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Health_names_storage_while_azurite_is_down_and_recovers_when_it_is_back()
    {
        using var http = app.NewApiClient();

        var before = await HealthAsync(http);
        Assert.Equal(HttpStatusCode.OK, before.Status);
        Assert.Empty(before.Body.Failing);

        await app.Azurite.Instance.StopAsync();
        try
        {
            var during = await HealthAsync(http);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, during.Status);
            Assert.Equal(["storage"], during.Body.Failing);
            Assert.Contains("Storage unreachable", during.Body.Parts["storage"].Description, StringComparison.Ordinal);
            Assert.Equal("Healthy", during.Body.Parts["cluster"].Status);
        }
        finally
        {
            await app.Azurite.Instance.StartAsync();
        }

        var after = await WaitForHealthyAsync(http);
        Assert.Equal(HttpStatusCode.OK, after.Status);
        Assert.Empty(after.Body.Failing);
    }

    private static async Task<(HttpStatusCode Status, HealthResponse Body)> HealthAsync(HttpClient http)
    {
        using var response = await http.GetAsync(HealthExtensions.Path);
        var body = await response.Content.ReadFromJsonAsync<HealthResponse>()
            ?? throw new InvalidOperationException("/health answered without a body.");
        return (response.StatusCode, body);
    }

    // Azurite answers its port a moment before it serves requests; health checks afresh on every call.
    private static async Task<(HttpStatusCode Status, HealthResponse Body)> WaitForHealthyAsync(HttpClient http)
    {
        var deadline = DateTime.UtcNow + RecoveryLimit;
        while (true)
        {
            var health = await HealthAsync(http);
            if (health.Status == HttpStatusCode.OK || DateTime.UtcNow > deadline)
            {
                return health;
            }

            await Task.Delay(250);
        }
    }
}

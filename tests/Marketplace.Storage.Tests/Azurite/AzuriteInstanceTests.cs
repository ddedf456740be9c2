using System.Net;
using System.Net.Sockets;
using Azure.Storage.Blobs;
using Marketplace.Testing.Azurite;

namespace Marketplace.Storage.Tests.Azurite;

/// <summary>
/// The test Azurite itself: test assemblies run side by side, so a port handed out as free can be taken
/// before Azurite binds it. A lost race must cost a retry, not a failed run.
/// </summary>
public sealed class AzuriteInstanceTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "marketplace-azurite-" + Guid.NewGuid().ToString("N"));

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_first_start_that_finds_a_port_taken_moves_to_free_ports_and_serves()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var taken = ((IPEndPoint)squatter.LocalEndpoint).Port;
        await using var azurite = new AzuriteInstance(_directory, (Blob: FreePort(), Queue: FreePort(), Table: taken));

        await azurite.StartAsync();

        Assert.NotEqual(taken, azurite.TablePort);
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("race");
        await container.CreateAsync();
        Assert.True(await container.ExistsAsync());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Marketplace.Contracts;
using Marketplace.Contracts.Files;

namespace Marketplace.Web.Tests.Infrastructure;

/// <summary>The handover zips in the <c>downloads</c> container, as the zip tests look at them and remove them.</summary>
public static class StoredZips
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The blob name of the zip of a handover's finals, as the buyer would download it.</summary>
    public static async Task<string> ZipNameAsync(this StaffedHandover h) => (await h.Grain.GetFinalsZipAsync(h.BuyerActor)).BlobName();

    public static BlobClient StoredZip(this MarketplaceAppFixture app, string zipName) =>
        app.Azurite.CreateBlobServiceClient().GetBlobContainerClient(StorageNames.Containers.Downloads).GetBlobClient(zipName);

    public static async Task<BlobProperties> WaitForStoredZipAsync(this MarketplaceAppFixture app, string zipName)
    {
        using var timeout = new CancellationTokenSource(BuildTimeout);
        while (true)
        {
            try
            {
                return (await app.StoredZip(zipName).GetPropertiesAsync(cancellationToken: timeout.Token)).Value;
            }
            catch (Azure.RequestFailedException e) when (e.Status == 404)
            {
                await Task.Delay(100, timeout.Token);
            }
        }
    }

    /// <summary>As the sweep does once a built zip outlived its lifetime: the next request must build it.</summary>
    public static async Task RemoveAheadBuiltZipAsync(this MarketplaceAppFixture app, string zipName)
    {
        await app.WaitForStoredZipAsync(zipName);
        Assert.True((await app.StoredZip(zipName).DeleteIfExistsAsync()).Value);
    }
}

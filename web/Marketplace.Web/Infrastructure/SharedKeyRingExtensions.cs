using Azure.Storage.Blobs;
using Marketplace.Contracts;
using Marketplace.Storage.Clustering;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Infrastructure;

public static class SharedKeyRingExtensions
{
    /// <summary>
    /// Fixed rather than ASP.NET Core's default (the content root path), which differs between machines and deployments
    /// and would give each web server cookies the others cannot read.
    /// </summary>
    public const string ApplicationName = "marketplace";

    /// <summary>
    /// Data protection (the sign-in cookie, antiforgery tokens) with its key ring in the storage account's
    /// <see cref="StorageNames.Containers.DataProtectionKeys"/> container, shared by every web server.
    /// </summary>
    public static IServiceCollection AddSharedKeyRing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName);
        var keys = new BlobServiceClient(ClusterSettings.StorageConnectionString(configuration))
            .GetBlobContainerClient(StorageNames.Containers.DataProtectionKeys);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider => new ConfigureOptions<KeyManagementOptions>(options =>
            options.XmlRepository = new BlobKeyRepository(keys, provider.GetRequiredService<ILogger<BlobKeyRepository>>())));
        return services;
    }
}

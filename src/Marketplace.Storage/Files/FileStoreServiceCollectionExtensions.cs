using Azure.Storage.Blobs;
using Marketplace.Contracts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Marketplace.Storage.Files;

public static class FileStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IFileStore"/> on the <c>ConnectionStrings:Storage</c> account (Azurite by default)
    /// and a startup service that creates the file containers once. Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddMarketplaceFileStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FileStoreOptions>().Bind(configuration.GetSection(FileStoreOptions.SectionName))
            .Validate(o => o.UnreferencedFileGrace >= TimeSpan.FromHours(1), "Files:UnreferencedFileGrace must be at least an hour: uploads in flight need the time.")
            .Validate(o => o.ZipBuildAttempts >= 1, "Files:ZipBuildAttempts must be at least 1.")
            .ValidateOnStart();
        services.TryAddSingleton(_ => new BlobServiceClient(
            configuration.GetConnectionString(StorageNames.ConnectionStringName) ?? StorageNames.DevelopmentConnectionString));
        services.TryAddSingleton<BlobFileStore>();
        services.TryAddSingleton<IFileStore>(sp => sp.GetRequiredService<BlobFileStore>());
        services.TryAddSingleton<UnreferencedFileSweep>();
        // What ZipBuildGrain uses on a silo; the web registers them too, unused, by sharing this call.
        services.TryAddSingleton<ZipWriter>();
        services.AddMetrics();
        services.TryAddSingleton<ZipBuildMetrics>();
        // The sweep reads the domain's clock, as the grains do, so tests can move it by days.
        services.TryAddKeyedSingleton(MarketplaceClock.Key, TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, FileContainersStartup>());
        return services;
    }
}

/// <summary>Creates the file containers when the host starts, so requests never pay for it.</summary>
internal sealed class FileContainersStartup(BlobFileStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.EnsureContainersAsync().WaitAsync(cancellationToken);
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using Marketplace.Contracts;
using Marketplace.Contracts.Files;
using Marketplace.Grains;
using Marketplace.Previews;
using Marketplace.Storage;
using Marketplace.Storage.Clustering;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Marketplace.Silo;

/// <summary>
/// Everything the silo host needs: its membership (<c>Orleans:Membership</c>: one silo on localhost by default, or a
/// cluster listed in the storage account; ports, address and ids from the same <c>Orleans</c> section), grain state and
/// reminders on the storage account named by <c>ConnectionStrings:Storage</c> (Azurite by default), the marketplace's
/// domain, single-line structured logs and a graceful shutdown.
/// </summary>
public static class SiloHostExtensions
{
    public static IHostApplicationBuilder AddMarketplaceSilo(this IHostApplicationBuilder builder)
    {
        var storage = ClusterSettings.StorageConnectionString(builder.Configuration);
        // Read first, so a bad value stops the process before anything starts.
        var cluster = ClusterSettings.From(builder.Configuration);

        builder.Logging.AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.TimestampFormat = "HH:mm:ss ";
        });
        // Orleans' placement retry pipeline logs every call at Information; keep the console readable.
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        // Deactivating grains write their state on the way down; give them time to finish.
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.Services.AddSingleton(TimeProvider.System);

        builder.UseOrleans(silo => silo
            .UseMarketplaceClustering(cluster, storage)
            .AddMarketplaceStorage(storage)
            // The daily sweep of unreferenced files: every silo asks at start, the one grain registers its reminder only
            // if missing, so the cluster has one schedule however many silos start.
            .AddStartupTask((services, _) => services.GetRequiredService<IGrainFactory>().GetGrain<IFileSweepGrain>(0).ScheduleAsync()));

        builder.Services.AddMarketplaceDomain(builder.Configuration);
        return builder;
    }

    /// <summary>
    /// The one place where the domain libraries register their grains' services (core grains, payments,
    /// previews). Each library exposes one <c>AddMarketplace…(configuration)</c> call.
    /// </summary>
    private static IServiceCollection AddMarketplaceDomain(this IServiceCollection services, IConfiguration configuration) =>
        services
            .AddMarketplaceGrains(configuration)
            .AddMarketplacePreviews(configuration);
}

using Marketplace.Storage.Clustering;

namespace Marketplace.Web.Infrastructure;

/// <summary>
/// Connects the web to the cluster as an Orleans client, with the silos' own <c>Orleans</c> section: with
/// <c>Membership=Localhost</c> (the default) the local silo's gateway (GatewayPort), with <c>AzureStorage</c> every
/// gateway the membership table in the storage account lists, so silos may come and go.
/// </summary>
public static class OrleansClientExtensions
{
    public static WebApplicationBuilder AddMarketplaceOrleansClient(this WebApplicationBuilder builder)
    {
        var cluster = ClusterSettings.From(builder.Configuration);
        var storage = ClusterSettings.StorageConnectionString(builder.Configuration);
        builder.UseOrleansClient(client => client
            .UseMarketplaceClustering(cluster, storage)
            .UseConnectionRetryFilter<SiloConnectionRetryFilter>());
        return builder;
    }
}

/// <summary>The silo may still be starting: keep trying to connect instead of failing the web's start.</summary>
internal sealed partial class SiloConnectionRetryFilter(ILogger<SiloConnectionRetryFilter> logger) : IClientConnectionRetryFilter
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        LogWaitingForSilo(exception.Message);
        await Task.Delay(RetryDelay, cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waiting for the silo gateway: {Reason}")]
    private partial void LogWaitingForSilo(string reason);
}

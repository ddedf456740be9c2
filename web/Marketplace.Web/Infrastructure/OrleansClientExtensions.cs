namespace Marketplace.Web.Infrastructure;

/// <summary>
/// Connects the web to the cluster as an Orleans client. The gateway and the ids come from the
/// <c>Orleans</c> section (GatewayPort, ServiceId, ClusterId) and default to the local silo's.
/// </summary>
public static class OrleansClientExtensions
{
    public static WebApplicationBuilder AddMarketplaceOrleansClient(this WebApplicationBuilder builder)
    {
        var orleans = builder.Configuration.GetSection("Orleans");
        builder.UseOrleansClient(client => client
            .UseLocalhostClustering(
                gatewayPort: orleans.GetValue("GatewayPort", 30000),
                serviceId: orleans.GetValue("ServiceId", "marketplace")!,
                clusterId: orleans.GetValue("ClusterId", "marketplace")!)
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

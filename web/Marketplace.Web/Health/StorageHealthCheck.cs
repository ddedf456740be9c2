using Azure.Core;
using Azure.Storage.Blobs;
using Marketplace.Contracts;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Marketplace.Web.Health;

/// <summary>Storage is healthy when the blob service of <c>ConnectionStrings:Storage</c> answers, fast.</summary>
internal sealed class StorageHealthCheck(IConfiguration configuration) : IHealthCheck
{
    // No retries and a short timeout: a health probe must answer quickly, not wait out an outage.
    private readonly BlobServiceClient _blobs = new(
        configuration.GetConnectionString(StorageNames.ConnectionStringName) ?? StorageNames.DevelopmentConnectionString,
        new BlobClientOptions { Retry = { MaxRetries = 0, NetworkTimeout = TimeSpan.FromSeconds(3), Mode = RetryMode.Fixed } });

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await _blobs.GetPropertiesAsync(cancellationToken);
            return HealthCheckResult.Healthy($"Blob service at {_blobs.Uri} answers");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"Storage unreachable at {_blobs.Uri}: {FirstLine(e.Message)}");
        }
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}

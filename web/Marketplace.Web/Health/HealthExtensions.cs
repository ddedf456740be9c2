using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Marketplace.Web.Health;

/// <summary>
/// <c>GET /health</c>: 200 when the cluster and the storage both answer, otherwise 503 with the failing
/// part named in the JSON body. Every request checks afresh, so it recovers as soon as the part is back.
/// </summary>
public static class HealthExtensions
{
    public const string Path = "/health";

    public static IServiceCollection AddMarketplaceHealthChecks(this IServiceCollection services)
    {
        services.AddSingleton<StorageHealthCheck>();
        services.AddHealthChecks()
            .AddCheck<ClusterHealthCheck>("cluster")
            .AddCheck<StorageHealthCheck>("storage");
        return services;
    }

    public static IEndpointConventionBuilder MapMarketplaceHealth(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHealthChecks(Path, new HealthCheckOptions { ResponseWriter = WriteReportAsync });

    private static Task WriteReportAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        var body = new HealthResponse(
            report.Status.ToString(),
            report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => e.Key).ToArray(),
            report.Entries.ToDictionary(e => e.Key, e => new HealthPart(e.Value.Status.ToString(), e.Value.Description ?? "", (long)e.Value.Duration.TotalMilliseconds)));
        return JsonSerializer.SerializeAsync(context.Response.Body, body, HealthJson.Options, context.RequestAborted);
    }
}

/// <summary>The /health body: overall status, the names of the failing parts, and each part's detail.</summary>
public sealed record HealthResponse(string Status, string[] Failing, Dictionary<string, HealthPart> Parts);

public sealed record HealthPart(string Status, string Description, long DurationMs);

internal static class HealthJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}

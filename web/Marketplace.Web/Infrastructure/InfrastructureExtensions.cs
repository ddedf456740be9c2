using Marketplace.Web.Health;

namespace Marketplace.Web.Infrastructure;

/// <summary>The web host's plumbing: its default address, single-line logs, the Orleans client, the key ring shared by every web server and the health checks.</summary>
public static class InfrastructureExtensions
{
    public const string DefaultUrl = "http://localhost:5080";

    public static WebApplicationBuilder AddMarketplaceInfrastructure(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Logging.AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.TimestampFormat = "HH:mm:ss ";
        });
        // Orleans' placement retry pipeline logs every call at Information; keep the console readable.
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        builder.AddMarketplaceOrleansClient();
        builder.Services.AddSharedKeyRing(builder.Configuration);
        builder.Services.AddMarketplaceHealthChecks();
        return builder;
    }
}

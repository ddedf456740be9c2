using Marketplace.Silo;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Marketplace.Web.Tests.Cluster;

/// <summary>A clustering setting the silo or the web cannot use stops it at start, saying what would work.</summary>
public sealed class ClusteringConfigurationTests
{
    [Fact]
    public void An_unknown_clustering_stops_the_silo_at_start_naming_the_allowed_values()
    {
        var silo = Host.CreateApplicationBuilder();
        silo.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Orleans:Clustering"] = "Consul" });

        var refused = Assert.Throws<InvalidOperationException>(() => silo.AddMarketplaceSilo());

        Assert.Contains("Orleans:Clustering is \"Consul\"", refused.Message, StringComparison.Ordinal);
        Assert.Contains("\"Localhost\"", refused.Message, StringComparison.Ordinal);
        Assert.Contains("\"AzureStorage\"", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_clustering_stops_the_web_at_start_naming_the_allowed_values()
    {
        var web = WebApplication.CreateBuilder();
        web.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Orleans:Clustering"] = "azure" });

        var refused = Assert.Throws<InvalidOperationException>(() => web.AddMarketplaceInfrastructure());

        Assert.Contains("Orleans:Clustering is \"azure\"", refused.Message, StringComparison.Ordinal);
        Assert.Contains("\"Localhost\"", refused.Message, StringComparison.Ordinal);
        Assert.Contains("\"AzureStorage\"", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Orleans:SiloPort", "eleven", "must be a port number from 1 to 65535")]
    [InlineData("Orleans:GatewayPort", "70000", "must be a port number from 1 to 65535")]
    [InlineData("Orleans:AdvertisedIPAddress", "silo-1.internal", "must be an IP address")]
    public void A_silo_address_or_port_that_cannot_be_used_stops_the_silo_at_start(string key, string value, string expected)
    {
        var silo = Host.CreateApplicationBuilder();
        silo.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Orleans:Clustering"] = "AzureStorage", [key] = value });

        var refused = Assert.Throws<InvalidOperationException>(() => silo.AddMarketplaceSilo());

        Assert.Contains($"{key} is \"{value}\"", refused.Message, StringComparison.Ordinal);
        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }
}

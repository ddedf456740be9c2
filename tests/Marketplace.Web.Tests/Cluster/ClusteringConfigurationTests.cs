using Marketplace.Silo;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Marketplace.Web.Tests.Cluster;

/// <summary>A membership setting the silo or the web cannot use stops it at start, saying what would work.</summary>
public sealed class ClusteringConfigurationTests
{
    [Fact]
    public void An_unknown_membership_stops_the_silo_at_start_naming_the_allowed_values()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Silo(("Orleans:Membership", "Consul")).AddMarketplaceSilo());

        Assert.Contains("Orleans:Membership is \"Consul\"", refused.Message, StringComparison.Ordinal);
        Assert.Contains("\"Localhost\"", refused.Message, StringComparison.Ordinal);
        Assert.Contains("\"AzureStorage\"", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_membership_stops_the_web_at_start_naming_the_allowed_values()
    {
        var web = WebApplication.CreateBuilder();
        web.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Orleans:Membership"] = "azure" });

        var refused = Assert.Throws<InvalidOperationException>(() => web.AddMarketplaceInfrastructure());

        Assert.Contains("Orleans:Membership is \"azure\"", refused.Message, StringComparison.Ordinal);
        Assert.Contains("\"Localhost\"", refused.Message, StringComparison.Ordinal);
        Assert.Contains("\"AzureStorage\"", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>Orleans would stop with "Could not find Clustering provider named 'Default'"; we say which setting is meant.</summary>
    [Fact]
    public void A_word_in_orleans_clustering_stops_the_silo_pointing_to_orleans_membership()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Silo(("Orleans:Clustering", "AzureStorage")).AddMarketplaceSilo());

        Assert.Contains("Orleans:Clustering is \"AzureStorage\"", refused.Message, StringComparison.Ordinal);
        Assert.Contains("set Orleans:Membership instead", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Orleans:SiloPort", "eleven", "must be a port number from 1 to 65535")]
    [InlineData("Orleans:GatewayPort", "70000", "must be a port number from 1 to 65535")]
    [InlineData("Orleans:AdvertisedIPAddress", "silo-1.internal", "must be an IP address")]
    public void A_silo_address_or_port_that_cannot_be_used_stops_the_silo_at_start(string key, string value, string expected)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Silo(("Orleans:Membership", "AzureStorage"), (key, value)).AddMarketplaceSilo());

        Assert.Contains($"{key} is \"{value}\"", refused.Message, StringComparison.Ordinal);
        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }

    private static HostApplicationBuilder Silo(params (string Key, string Value)[] settings)
    {
        var silo = Host.CreateApplicationBuilder();
        silo.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        return silo;
    }
}

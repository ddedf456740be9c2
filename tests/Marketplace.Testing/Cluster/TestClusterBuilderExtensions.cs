using Marketplace.Contracts;
using Orleans.TestingHost;

namespace Marketplace.Testing.Cluster;

public static class TestClusterBuilderExtensions
{
    /// <summary>Points the cluster's storage at <paramref name="connectionString"/> (usually an <c>AzuriteFixture</c>'s).</summary>
    public static TestClusterBuilder UseAzurite(this TestClusterBuilder builder, string connectionString)
    {
        builder.Properties[$"ConnectionStrings:{StorageNames.ConnectionStringName}"] = connectionString;
        builder.AddSiloBuilderConfigurator<AzuriteSiloConfigurator>();
        return builder;
    }
}

global using Marketplace.Contracts;
global using Marketplace.Testing.Cluster;

namespace Marketplace.Grains.Tests;

/// <summary>Every grain test class shares one TestCluster (see <see cref="ClusterFixture"/>).</summary>
[CollectionDefinition(ClusterCollection.Name)]
public sealed class ClusterCollectionDefinition : ICollectionFixture<ClusterFixture>;

using Marketplace.Testing.Azurite;

namespace Marketplace.Storage.Tests;

/// <summary>One private Azurite shared by every storage test class.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}

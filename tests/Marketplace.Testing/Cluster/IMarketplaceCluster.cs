using Microsoft.Extensions.Time.Testing;

namespace Marketplace.Testing.Cluster;

/// <summary>A running test cluster with the domain on it: what <see cref="Scenarios"/> needs, whatever the storage.</summary>
public interface IMarketplaceCluster
{
    IGrainFactory Grains { get; }

    /// <summary>The domain clock the grains read (see <c>MarketplaceClock</c>).</summary>
    FakeTimeProvider Clock { get; }

    /// <summary>The pickup folder the silos write sent emails to.</summary>
    string MailFolder { get; }
}

namespace Marketplace.Contracts;

/// <summary>
/// The domain's clock is a keyed <see cref="TimeProvider"/> (<c>[FromKeyedServices(MarketplaceClock.Key)]</c>), apart from
/// the one Orleans itself uses: tests move the domain's clock by days without the runtime collecting every grain
/// as idle or timing out its own work.
/// </summary>
public static class MarketplaceClock
{
    public const string Key = "marketplace";
}

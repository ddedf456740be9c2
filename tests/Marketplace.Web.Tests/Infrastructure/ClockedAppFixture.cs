using Microsoft.Extensions.Time.Testing;

namespace Marketplace.Web.Tests.Infrastructure;

/// <summary>
/// The whole product (<see cref="MarketplaceAppFixture"/>) on a clock the tests move, for what happens when nobody acts:
/// automatic release, stall reminders, disputes and proposals left unanswered. Its own app, so moving time never reaches
/// the shared app's demo data or the other tests' deadlines. These tests read pages over HTTP; Chromium starts only for
/// the few that look at a page only time can reach (a project choosing its winner).
/// </summary>
public sealed class ClockedAppFixture() : MarketplaceAppFixture(new FakeTimeProvider(StartOfThisMinute()))
{
    protected override bool UsesBrowser => false;

    /// <summary>Moves the grains' and the pages' time on; the deadlines are applied as the wrap-up's reminder would.</summary>
    public void Advance(TimeSpan by) => ((FakeTimeProvider)Clock).Advance(by);

    /// <summary>Real time (cookies and storage keep working), on a whole minute so the pages' "HH:mm" times read exactly.</summary>
    private static DateTimeOffset StartOfThisMinute()
    {
        var now = TimeProvider.System.GetUtcNow();
        return new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero);
    }
}

[CollectionDefinition(Name)]
public sealed class ClockedAppCollection : ICollectionFixture<ClockedAppFixture>
{
    public const string Name = "Marketplace app on a test clock";
}

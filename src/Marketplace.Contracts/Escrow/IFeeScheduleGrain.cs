using System.Globalization;

namespace Marketplace.Contracts.Escrow;

/// <summary>
/// The platform fee as the silo is configured (key: <see cref="Key"/>), for pages that promise an amount before any
/// project exists (help, the new-project form). Amounts for a project come with its <c>ProjectView</c>.
/// </summary>
public interface IFeeScheduleGrain : IGrainWithIntegerKey
{
    public const long Key = 0;

    Task<FeeSchedule> GetAsync();

    /// <summary>What the winner of <paramref name="prize"/> is paid: exactly what escrow pays at release.</summary>
    Task<Money> WinnerReceivesAsync(Money prize);
}

/// <summary><paramref name="PlatformFeePercent"/>: the percent of each release the marketplace keeps (0–100).</summary>
[GenerateSerializer, Immutable]
public sealed record FeeSchedule([property: Id(0)] decimal PlatformFeePercent)
{
    /// <summary>"15%", "12.5%": one way of writing the fee on pages and in notices.</summary>
    public static string PercentText(decimal percent) => percent.ToString("0.##", CultureInfo.InvariantCulture) + "%";
}

/// <summary>
/// What a split pays, exactly as escrow pays it: the marketplace fee comes out of the creative's gross
/// <paramref name="CreativeShare"/>, so they receive <paramref name="CreativeReceives"/>; the buyer gets the rest of the
/// prize back in full (<paramref name="BuyerGetsBack"/>).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SplitTerms(
    [property: Id(0)] Money CreativeShare,
    [property: Id(1)] Money Fee,
    [property: Id(2)] Money CreativeReceives,
    [property: Id(3)] Money BuyerGetsBack,
    [property: Id(4)] decimal PlatformFeePercent);

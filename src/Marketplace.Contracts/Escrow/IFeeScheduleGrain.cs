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

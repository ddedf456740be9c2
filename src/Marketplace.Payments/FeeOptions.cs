using Marketplace.Contracts;
using Marketplace.Contracts.Escrow;

namespace Marketplace.Payments;

/// <summary>Configuration section <c>Marketplace:Fees</c>: what the platform keeps of each release.</summary>
public sealed class FeeOptions
{
    public const string SectionName = "Marketplace:Fees";

    /// <summary>Percent of the gross released to a creative (0–100, default 15).</summary>
    public decimal PlatformFeePercent { get; set; } = 15m;

    /// <summary>
    /// The fee on <paramref name="gross"/>, in minor units, rounded down to the minor unit (the remainder goes
    /// to the creative, never to the platform).
    /// </summary>
    public long FeeOn(long gross)
    {
        if (PlatformFeePercent is < 0m or > 100m)
        {
            throw new InvalidOperationException($"Marketplace:Fees:PlatformFeePercent must be between 0 and 100, not {PlatformFeePercent}.");
        }

        return (long)decimal.Floor(gross * PlatformFeePercent / 100m);
    }

    /// <summary>The platform fee on <paramref name="gross"/>, in its currency (see <see cref="FeeOn(long)"/>).</summary>
    public Money FeeOn(Money gross) => new(FeeOn(gross.Minor), gross.Currency);

    /// <summary>
    /// What a creative is paid when <paramref name="gross"/> is released: escrow pays exactly this, and every page and
    /// notice that promises an amount asks for it, so the promise is the payout.
    /// </summary>
    public Money CreativeReceives(Money gross) => gross.Minus(FeeOn(gross));

    /// <summary>
    /// What a split of <paramref name="prize"/> giving the creative the gross <paramref name="creativeShare"/> pays each
    /// side: escrow takes the fee from the creative's share and refunds the rest of the prize whole.
    /// </summary>
    public SplitTerms Split(Money prize, Money creativeShare) =>
        new(creativeShare, FeeOn(creativeShare), CreativeReceives(creativeShare), prize.Minus(creativeShare), PlatformFeePercent);
}

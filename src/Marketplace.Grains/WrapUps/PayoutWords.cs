using Marketplace.Contracts;
using Marketplace.Contracts.Escrow;
using Marketplace.Payments;

namespace Marketplace.Grains.WrapUps;

/// <summary>
/// How notices and the timeline state money the creative is paid: always the amount escrow pays (after the fee),
/// with the gross it came from, so nobody is promised more than they receive.
/// </summary>
internal static class PayoutWords
{
    /// <summary>"$297.50 (the prize of $350 less the 15% marketplace fee)".</summary>
    public static string AfterFee(Money gross, FeeOptions fees) =>
        $"{fees.CreativeReceives(gross)} (the prize of {gross} less the {FeeSchedule.PercentText(fees.PlatformFeePercent)} marketplace fee)";

    /// <summary>"$85 (a share of $100 less the 15% marketplace fee)".</summary>
    public static string ShareAfterFee(SplitTerms split) =>
        $"{split.CreativeReceives} (a share of {split.CreativeShare} less the {FeeSchedule.PercentText(split.PlatformFeePercent)} marketplace fee)";
}

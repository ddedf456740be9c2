using Marketplace.Contracts;
using Marketplace.Contracts.Escrow;
using Marketplace.Contracts.Projects;

namespace Marketplace.Web.Presentation;

/// <summary>
/// How pages tell both sides about the marketplace fee. The amounts come from the grains (the same calculation escrow
/// pays with); this only words them, so a buyer and a creative read the same truth.
/// </summary>
public static class FeeWords
{
    /// <summary>"The winner receives $297.50 after the 15% marketplace fee."</summary>
    public static string WinnerReceives(ProjectView project) => WinnerReceives(project.WinnerReceives, project.PlatformFeePercent);

    public static string WinnerReceives(Money amount, decimal percent) =>
        $"The winner receives {Display.Money(amount)} after the {FeeSchedule.PercentText(percent)} marketplace fee.";

    /// <summary>"$85 to the creative (a share of $100 less the 15% marketplace fee), $250 refunded to the buyer".</summary>
    public static string Split(SplitTerms split) =>
        $"{Display.Money(split.CreativeReceives)} to the creative (a share of {Display.Money(split.CreativeShare)} less the {FeeSchedule.PercentText(split.PlatformFeePercent)} marketplace fee), {Display.Money(split.BuyerGetsBack)} refunded to the buyer";
}

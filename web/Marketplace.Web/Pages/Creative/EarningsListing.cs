using Marketplace.Contracts.Earnings;

namespace Marketplace.Web.Pages.Creative;

/// <summary>
/// An earnings statement as one page lists it: to the creative themselves (<see cref="PersonName"/> null, "you"), or to
/// staff, who read it about a named person and also see each payment's reference to trace it with the payment provider.
/// </summary>
public sealed record EarningsListing(EarningsStatement Statement, string? PersonName = null)
{
    public string KindWords(PayoutKind kind) => kind == PayoutKind.SplitShare
        ? PersonName is null ? "Your share of a split" : "Their share of a split"
        : "Prize";

    /// <summary>A project's title, or its id should no list know the title (a payout older than every record of it).</summary>
    public static string Title(CreativePayout payout) =>
        string.IsNullOrEmpty(payout.ProjectTitle) ? $"Project {payout.ProjectId}" : payout.ProjectTitle;
}

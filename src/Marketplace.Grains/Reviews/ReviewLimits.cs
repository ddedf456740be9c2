namespace Marketplace.Grains.Reviews;

internal static class ReviewLimits
{
    public const int TextMaxLength = 2000;
    public const int ReplyMaxLength = 1000;
    public const int ReasonMaxLength = 1000;

    /// <summary>Below this many stars a review must say why (only 4 and 5 stars may stand alone).</summary>
    public const int StarsThatMayStandAlone = 4;
}

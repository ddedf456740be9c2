namespace Marketplace.Grains.Reviews;

/// <summary>The review rules' limits (<c>Marketplace:Reviews</c>).</summary>
public sealed class ReviewOptions
{
    public const string SectionName = "Marketplace:Reviews";

    /// <summary>How long after first writing it the buyer may still change a review; then it is fixed.</summary>
    public TimeSpan EditWindow { get; set; } = TimeSpan.FromDays(14);
}

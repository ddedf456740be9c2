using Marketplace.Contracts.Reviews;

namespace Marketplace.Web.Presentation;

/// <summary>A review read the same way on the handover page and on the creative's profile (<c>Shared/_ReviewBody</c>).</summary>
public sealed record ReviewLines(ProfileReview Review, string CreativeName, bool ForStaff)
{
    public static ProfileReview Of(ReviewView review) => new(
        review.WrapUpId, review.ProjectTitle, review.BuyerName, review.Stars, review.Text, review.WrittenAt,
        review.Reply, review.RepliedAt, review.Hidden, review.HiddenReason, review.ReplyHidden, review.ReplyHiddenReason);
}

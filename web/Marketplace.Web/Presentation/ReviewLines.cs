using Marketplace.Contracts.Reviews;

namespace Marketplace.Web.Presentation;

/// <summary>A review read the same way on the handover page and on the creative's profile (<c>Shared/_ReviewBody</c>).</summary>
public sealed record ReviewLines(ProfileReview Review, string CreativeName, bool ForStaff)
{
    /// <summary>A record worth reading beside the "hidden" line: one that holds a show-again (a hide alone is that line).</summary>
    public bool ShowsRecord(Marketplace.Contracts.ModerationRecord? record) =>
        record is not null && record.Steps.Any(s => s.Action == Marketplace.Contracts.ModerationAction.ShownAgain);

    public static ProfileReview Of(ReviewView review) => new(
        review.WrapUpId, review.ProjectTitle, review.BuyerName, review.Stars, review.Text, review.WrittenAt,
        review.Reply, review.RepliedAt, review.Hidden, review.HiddenReason, review.ReplyHidden, review.ReplyHiddenReason)
    {
        EditedAt = review.EditedAt,
        ReviewModeration = review.ReviewModeration,
        ReplyModeration = review.ReplyModeration,
    };
}

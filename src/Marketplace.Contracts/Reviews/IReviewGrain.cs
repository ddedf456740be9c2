namespace Marketplace.Contracts.Reviews;

/// <summary>
/// The buyer's review of the creative of one handover (key: the wrap-up id, <c>{projectId}/{attempt}</c>). Only once
/// the handover completed with the prize released (not a split, refund or removed winner), only its buyer, once:
/// 1–5 stars and a text (at most 2000 characters; required for 1–2 stars). The buyer may edit it for
/// <c>Marketplace:Reviews:EditWindow</c> (14 days) after first writing it; the creative may reply once (at most 1000
/// characters); staff may hide either part with a reason kept for staff. Every change is pushed to the creative's
/// profile (<see cref="ICreativeProfileGrain"/>). Each edit is news to the creative; a reply already posted stays, shown
/// as written before the change.
/// </summary>
public interface IReviewGrain : IGrainWithStringKey
{
    /// <summary>The two parties and staff: the review (if written) and what the reader may do now.</summary>
    Task<ReviewPanel> GetAsync(Actor actor);

    /// <summary>The buyer writes the review, or edits it within the edit window.</summary>
    Task<ReviewView> WriteAsync(Actor actor, int stars, string? text);

    /// <summary>The creative replies once, in public.</summary>
    Task<ReviewView> ReplyAsync(Actor actor, string? text);

    /// <summary>Staff hide the review or the reply, with a reason only staff read. Hiding again changes nothing.</summary>
    Task<ReviewView> HideAsync(Actor actor, ReviewPart part, string? reason);

    /// <summary>
    /// Staff undo a mistaken hide of the review or the reply, with a note for the record (the hide stays on it): the
    /// part is shown where it was and a review counts in the profile's average again. Nobody is told, as nobody was
    /// told of the hide. The same note again changes nothing; a part that is not hidden is a conflict.
    /// </summary>
    Task<ReviewView> ShowAgainAsync(Actor actor, ReviewPart part, string? note);
}

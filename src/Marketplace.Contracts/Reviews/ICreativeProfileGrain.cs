namespace Marketplace.Contracts.Reviews;

/// <summary>
/// A creative's public record (key: user id): the contests they won (told by the project) and the reviews of their
/// handovers (told by each review grain), so the profile page is one call and never scans storage. It calls only user
/// cards (read-only, interleaved), so any grain may tell it while busy.
/// </summary>
public interface ICreativeProfileGrain : IGrainWithStringKey
{
    /// <summary>Anyone. 404 for nobody, a removed account, or someone who is not a creative; staff also see hidden parts with their reasons.</summary>
    Task<CreativeProfileView> GetAsync(Actor actor);

    /// <summary>Only <see cref="Actor.System"/> (the project): adds or replaces a win (idempotent).</summary>
    Task RecordWinAsync(Actor actor, ProfileWin win);

    /// <summary>Only <see cref="Actor.System"/> (the review grain): adds or replaces a review (idempotent).</summary>
    Task RecordReviewAsync(Actor actor, ProfileReview review);
}

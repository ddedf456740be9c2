using Marketplace.Contracts;
using Marketplace.Contracts.Reviews;
using Marketplace.Contracts.Users;
using Marketplace.Contracts.WrapUps;

namespace Marketplace.Grains.Reviews;

[GenerateSerializer]
public sealed class CreativeProfileState
{
    [Id(0)] public Dictionary<string, ProfileWin> Wins { get; set; } = [];
    [Id(1)] public Dictionary<string, ProfileReview> Reviews { get; set; } = [];
}

/// <summary>
/// A creative's public record, kept by the grains that change it (project: wins; review grain: reviews). Its only
/// outward calls are user cards (read-only, interleaved), so it never waits on a grain that may be telling it something.
/// </summary>
public sealed class CreativeProfileGrain(
    [PersistentState("profile", StorageNames.GrainStorage)] IPersistentState<CreativeProfileState> profile,
    IGrainFactory grains) : Grain, ICreativeProfileGrain
{
    private CreativeProfileState S => profile.State;

    public async Task<CreativeProfileView> GetAsync(Actor actor)
    {
        var card = await ActorChecks.CardOfAsync(grains, this.GetPrimaryKeyString());
        if (card is null || card.Status.IsGone() || (!card.Roles.HasFlag(UserRoles.Creative) && S.Wins.Count == 0))
        {
            throw MarketplaceException.NotFound("There is no creative's profile here. The account may have been closed.");
        }

        var staff = await SeesHiddenAsync(actor);
        var reviews = S.Reviews.Values
            .Where(r => staff || !r.Hidden)
            .OrderByDescending(r => r.WrittenAt)
            .Select(r => staff ? r : PublicPartOf(r))
            .ToList();
        var rated = S.Reviews.Values.Where(r => !r.Hidden).ToList();
        var won = S.Wins.Values.Where(CountsAsWon).ToList();
        var works = won
            .Where(w => w.EntryShown && w.Previews is { Images.Count: > 0 })
            .OrderByDescending(w => w.AwardedAt)
            .Select(w => new ProfileWork(w.EntryId, w.ProjectId, w.ProjectTitle, w.EntryNumber, w.Previews!))
            .ToList();
        return new CreativeProfileView(
            card.Id,
            card.DisplayName,
            card.RegisteredAt,
            S.Wins.Values.Count(w => w.Ended == WrapUpOutcome.Completed),
            won.Count,
            rated.Count == 0 ? null : rated.Average(r => r.Stars),
            rated.Count,
            reviews,
            works);
    }

    public async Task RecordWinAsync(Actor actor, ProfileWin win)
    {
        actor.RequireSystem("record a creative's win");
        if (S.Wins.TryGetValue(win.WrapUpId, out var known))
        {
            // The award's time is the first record's, and an end once known stays; later records only add to them.
            win = win with { AwardedAt = known.AwardedAt, Ended = win.Ended ?? known.Ended };
            if (known.Equals(win))
            {
                return;
            }
        }

        S.Wins[win.WrapUpId] = win;
        await profile.SaveAsync(this);
    }

    public async Task RecordReviewAsync(Actor actor, ProfileReview review)
    {
        actor.RequireSystem("record a review");
        if (S.Reviews.TryGetValue(review.WrapUpId, out var known) && known.Equals(review))
        {
            return;
        }

        S.Reviews[review.WrapUpId] = review;
        await profile.SaveAsync(this);
    }

    /// <summary>
    /// A win counts while the handover runs and once it paid the creative (completed or split); not when the buyer
    /// was refunded or the win passed to another entry or a reopened contest.
    /// </summary>
    private static bool CountsAsWon(ProfileWin win) =>
        win.Ended is null or WrapUpOutcome.Completed or WrapUpOutcome.Split;

    /// <summary>Why staff hid something, and every hide and show-again, is for staff; a hidden reply is not shown at all.</summary>
    private static ProfileReview PublicPartOf(ProfileReview review) => review with
    {
        HiddenReason = null,
        Reply = review.ReplyHidden ? null : review.Reply,
        RepliedAt = review.ReplyHidden ? null : review.RepliedAt,
        ReplyHiddenReason = null,
        ReviewModeration = null,
        ReplyModeration = null,
    };

    private async Task<bool> SeesHiddenAsync(Actor actor)
    {
        if (!actor.IsStaff)
        {
            return false;
        }

        try
        {
            await grains.RequireStaffAsync(actor, "see hidden reviews");
            return true;
        }
        catch (MarketplaceException)
        {
            return false;
        }
    }
}

using Marketplace.Contracts;
using Marketplace.Contracts.Notifications;
using Marketplace.Contracts.Reviews;
using Marketplace.Contracts.WrapUps;
using Marketplace.Grains.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.Grains.Reviews;

[GenerateSerializer]
public sealed class ReviewState
{
    [Id(0)] public string? ProjectTitle { get; set; }
    [Id(1)] public string? BuyerId { get; set; }
    [Id(2)] public string? BuyerName { get; set; }
    [Id(3)] public string? CreativeId { get; set; }
    [Id(4)] public int Stars { get; set; }
    [Id(5)] public string Text { get; set; } = "";
    [Id(6)] public DateTimeOffset WrittenAt { get; set; }
    [Id(7)] public DateTimeOffset? EditedAt { get; set; }
    [Id(8)] public string? Reply { get; set; }
    [Id(9)] public DateTimeOffset? RepliedAt { get; set; }
    [Id(10)] public StaffHiding? ReviewHidden { get; set; }
    [Id(11)] public StaffHiding? ReplyHidden { get; set; }

    /// <summary>Notices stored with the change they report until the inbox took them (see <see cref="NoticeOutbox"/>).</summary>
    [Id(12)] public List<PendingNotice> PendingNotices { get; set; } = [];

    /// <summary>The creative's profile has not taken the latest change yet: retried on activation and by a reminder.</summary>
    [Id(13)] public bool ProfileBehind { get; set; }

    /// <summary>Earlier hides of the review that staff undid, each with its show-again (the current hide is <see cref="ReviewHidden"/>).</summary>
    [Id(14)] public List<ModerationStep> EarlierReviewModeration { get; set; } = [];

    /// <summary>The same for the reply.</summary>
    [Id(15)] public List<ModerationStep> EarlierReplyModeration { get; set; } = [];

    /// <summary>How many edits the creative was told of: numbers each edit's notice, so each is told once.</summary>
    [Id(16)] public int EditsTold { get; set; }

    public bool Written => BuyerId is not null;
}

/// <summary>Who hid a part of a review, when and why (for staff).</summary>
[GenerateSerializer, Immutable]
public sealed record StaffHiding(
    [property: Id(0)] string StaffId,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Reason)
{
    /// <summary>The staff member's name when they hid it (hides stored before names were kept have none).</summary>
    [Id(3)] public string? StaffName { get; init; }

    public ModerationStep AsStep() => new(ModerationAction.Hidden, StaffId, StaffName ?? "Staff", At, Reason);
}

/// <summary>
/// The buyer's review of one handover's creative. Who the parties are and whether the handover completed come from
/// the wrap-up grain (it never calls a review, so the two cannot wait on each other). Every change is written first,
/// then pushed to the creative's profile; a push that fails is retried on activation and by a reminder.
/// </summary>
public sealed partial class ReviewGrain(
    [PersistentState("review", StorageNames.GrainStorage)] IPersistentState<ReviewState> review,
    IGrainFactory grains,
    [FromKeyedServices(MarketplaceClock.Key)] TimeProvider clock,
    IOptions<ReviewOptions> options,
    ILogger<ReviewGrain> logger) : Grain, IReviewGrain, IRemindable
{
    private const string ProfileReminder = "profile";

    private ReviewState S => review.State;
    private string Id => this.GetPrimaryKeyString();
    private DateTimeOffset Now => clock.GetUtcNow();
    private DateTimeOffset EditableUntil => S.WrittenAt + options.Value.EditWindow;
    private string Title => $"“{S.ProjectTitle}”";

    public async Task<ReviewPanel> GetAsync(Actor actor)
    {
        var handover = await HandoverAsync(actor);
        var creative = await ActorChecks.CardOfAsync(grains, handover.CreativeId);
        var isBuyer = actor.Is(handover.BuyerId);
        var isCreative = actor.Is(handover.CreativeId);
        return new ReviewPanel(
            S.Written ? View(actor.IsStaff) : null,
            MayWrite: isBuyer && !S.Written && RefusalToReview(handover) is null,
            MayEdit: isBuyer && S.Written && S.ReviewHidden is null && Now <= EditableUntil,
            MayReply: isCreative && S.Written && S.Reply is null && S.ReviewHidden is null,
            handover.CreativeId,
            creative?.DisplayName ?? "the creative");
    }

    public async Task<ReviewView> WriteAsync(Actor actor, int stars, string? text)
    {
        var buyer = await grains.RequireActiveAsync(actor, UserRoles.Buyer, "review a creative");
        var handover = await HandoverAsync(actor);
        if (!actor.Is(handover.BuyerId))
        {
            throw MarketplaceException.Forbidden("Only the buyer of this handover can review its creative.");
        }

        if (RefusalToReview(handover) is { } refusal)
        {
            throw MarketplaceException.Conflict(refusal);
        }

        var words = RequireReviewWords(stars, text);
        if (S.Written)
        {
            RequireStillEditable();
            if (S.Stars == stars && S.Text == words)
            {
                return View(actor.IsStaff);
            }

            var was = S.Stars;
            S.Stars = stars;
            S.Text = words;
            S.EditedAt = Now;
            TellCreativeChanged(was);
        }
        else
        {
            S.ProjectTitle = handover.ProjectTitle;
            S.BuyerId = handover.BuyerId;
            S.BuyerName = buyer.DisplayName;
            S.CreativeId = handover.CreativeId;
            S.Stars = stars;
            S.Text = words;
            S.WrittenAt = Now;
            Tell(S.CreativeId, NotificationKinds.Reviewed, "review",
                $"{S.BuyerName} reviewed your work on {Title}: {stars} out of 5 stars. It is on your public profile; you can reply once, from the handover's page.",
                "/wrapups/" + Id);
        }

        await SaveAndPublishAsync();
        return View(actor.IsStaff);
    }

    public async Task<ReviewView> ReplyAsync(Actor actor, string? text)
    {
        var creative = await grains.RequireActiveAsync(actor, UserRoles.Creative, "reply to a review");
        // Who may reply is settled before whether there is anything to reply to, so a stranger learns nothing.
        var handover = await HandoverAsync(actor);
        if (!actor.Is(handover.CreativeId))
        {
            throw MarketplaceException.Forbidden("Only the creative who was reviewed can reply to this review.");
        }

        RequireWritten();

        if (S.ReviewHidden is not null)
        {
            throw MarketplaceException.Conflict($"Marketplace support hid this review, so it takes no reply. Write to {SupportContact.Email} if you have questions.");
        }

        if (S.Reply is not null)
        {
            throw MarketplaceException.Conflict("You have already replied to this review. A reply is posted once and cannot be changed.");
        }

        S.Reply = ActorChecks.RequireText(text, "your reply", ReviewLimits.ReplyMaxLength);
        S.RepliedAt = Now;
        Tell(S.BuyerId!, NotificationKinds.ReviewReplied, "reply",
            $"{creative.DisplayName} replied to your review of {Title}.", "/creatives/" + S.CreativeId);
        await SaveAndPublishAsync();
        return View(actor.IsStaff);
    }

    public async Task<ReviewView> HideAsync(Actor actor, ReviewPart part, string? reason)
    {
        var staff = await grains.RequireStaffAsync(actor, "hide reviews");
        RequireWritten();
        var why = ActorChecks.RequireText(reason, "a reason", ReviewLimits.ReasonMaxLength);
        var hiding = new StaffHiding(actor.UserId, Now, why) { StaffName = staff.DisplayName };
        switch (part)
        {
            case ReviewPart.Review when S.ReviewHidden is null:
                S.ReviewHidden = hiding;
                break;
            case ReviewPart.Reply when S.Reply is null:
                throw MarketplaceException.NotFound("This review has no reply to hide.");
            case ReviewPart.Reply when S.ReplyHidden is null:
                S.ReplyHidden = hiding;
                break;
            case ReviewPart.Review or ReviewPart.Reply:
                return View(staff: true);
            default:
                throw MarketplaceException.Invalid("Say whether to hide the review or the reply.");
        }

        await SaveAndPublishAsync();
        return View(staff: true);
    }

    public async Task<ReviewView> ShowAgainAsync(Actor actor, ReviewPart part, string? note)
    {
        var staff = await grains.RequireStaffAsync(actor, "show hidden reviews again");
        RequireWritten();
        if (part is not (ReviewPart.Review or ReviewPart.Reply))
        {
            throw MarketplaceException.Invalid("Say whether to show the review or the reply again.");
        }

        var why = ActorChecks.RequireText(note, "a note for the record (why it is shown again)", ReviewLimits.ReasonMaxLength);
        var (hidden, earlier, what) = part == ReviewPart.Review
            ? (S.ReviewHidden, S.EarlierReviewModeration, "review")
            : (S.ReplyHidden, S.EarlierReplyModeration, "reply");
        if (hidden is null)
        {
            if (earlier.LastOrDefault() is { Action: ModerationAction.ShownAgain } last && last.StaffId == actor.UserId && last.Note == why)
            {
                // A resend of the same show-again: already done.
                return View(staff: true);
            }

            throw MarketplaceException.Conflict(part == ReviewPart.Reply && S.Reply is null
                ? "This review has no reply, so there is nothing to show again."
                : $"This {what} is not hidden, so there is nothing to show again.");
        }

        earlier.Add(hidden.AsStep());
        earlier.Add(new ModerationStep(ModerationAction.ShownAgain, actor.UserId, staff.DisplayName, Now, why));
        if (part == ReviewPart.Review)
        {
            S.ReviewHidden = null;
        }
        else
        {
            S.ReplyHidden = null;
        }

        await SaveAndPublishAsync();
        return View(staff: true);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == NoticeOutbox.RetryReminder)
        {
            await NoticeOutbox.RetryAsync(this, grains, S.PendingNotices, () => review.SaveAsync(this), logger, "Review " + Id);
            return;
        }

        if (reminderName == ProfileReminder && await PushToProfileAsync() && await this.GetReminder(ProfileReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A silo may have stopped between storing a change and telling the inbox or the profile: finish now, outside activation.
        if (S.PendingNotices.Count > 0 || S.ProfileBehind)
        {
            this.RegisterGrainTimer(_ => PublishAsync(), TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }

        return base.OnActivateAsync(cancellationToken);
    }

    /// <summary>The handover as the actor may see it: the wrap-up refuses anyone but its parties and staff.</summary>
    private Task<WrapUpView> HandoverAsync(Actor actor) => grains.GetGrain<IWrapUpGrain>(Id).GetAsync(actor);

    /// <summary>Reviews are for handovers that completed with the prize released; anything else says why not.</summary>
    private static string? RefusalToReview(WrapUpView handover) => handover switch
    {
        { BuyerRemoved: true } => "This handover was finished by Marketplace support after the buyer's account was closed, so it cannot be reviewed.",
        { WinnerRemoval: not null } => "Marketplace support removed the winning design or its creative, so this handover cannot be reviewed.",
        { Outcome: WrapUpOutcome.Completed } => null,
        { Outcome: WrapUpOutcome.Split } => "This handover was settled by a split, so it cannot be reviewed: reviews are for handovers completed with the prize released.",
        { Outcome: not null } => "This handover ended without the prize being released to the creative, so it cannot be reviewed.",
        _ => "You can review the creative once the handover is complete: the files approved, the agreement signed and the prize released.",
    };

    private static string RequireReviewWords(int stars, string? text)
    {
        if (stars is < 1 or > 5)
        {
            throw MarketplaceException.Invalid("Choose from 1 to 5 stars.");
        }

        var words = text?.Trim() ?? "";
        if (words.Length > ReviewLimits.TextMaxLength)
        {
            throw MarketplaceException.Invalid($"Your review is too long: at most {ReviewLimits.TextMaxLength} characters (it has {words.Length}).");
        }

        if (words.Length == 0 && stars < ReviewLimits.StarsThatMayStandAlone)
        {
            throw MarketplaceException.Invalid($"Please say in a few words what went wrong: a review of {stars} out of 5 stars needs a reason, so the creative and other buyers know why.");
        }

        return words;
    }

    private void RequireStillEditable()
    {
        if (S.ReviewHidden is not null)
        {
            throw MarketplaceException.Conflict($"Marketplace support hid this review, so it can no longer be changed. Write to {SupportContact.Email} if you think that is wrong.");
        }

        if (Now > EditableUntil)
        {
            throw MarketplaceException.Conflict($"A review can be changed for {options.Value.EditWindow.TotalDays:0} days after it is written. Yours was written on {S.WrittenAt:d MMM yyyy}, so it is now fixed.");
        }
    }

    private void RequireWritten()
    {
        if (!S.Written)
        {
            throw MarketplaceException.NotFound("This handover has no review yet.");
        }
    }

    /// <summary>
    /// Each edit is news to the creative, who may have replied to the old words: the stars then and now, the new words,
    /// and what became of their reply (it stays, marked as written before the change: it answered the review as it stood).
    /// </summary>
    private void TellCreativeChanged(int starsBefore)
    {
        S.EditsTold++;
        var stars = S.Stars == starsBefore ? $"still {S.Stars} out of 5 stars" : $"{S.Stars} out of 5 stars (was {starsBefore})";
        var words = S.Text.Length == 0 ? "" : $" It now reads: {NoticeWords.Quote(S.Text, 200)}";
        var reply = S.Reply is null
            ? " You can reply once, from the handover's page."
            : " Your reply stays as you wrote it; readers see that it was posted before the review was changed.";
        Tell(S.CreativeId!, NotificationKinds.ReviewChanged, $"edit/{S.EditsTold}",
            $"{S.BuyerName} changed the review of your work on {Title}: {stars}.{words}{reply}",
            "/wrapups/" + Id);
    }

    private void Tell(string recipientId, string kind, string what, string text, string link) =>
        S.PendingNotices.Add(new PendingNotice(recipientId, new NewNotification($"review/{Id}/{what}", kind, text, link, Now)));

    private async Task SaveAndPublishAsync()
    {
        S.ProfileBehind = true;
        await review.SaveAsync(this);
        await PublishAsync();
    }

    private async Task PublishAsync()
    {
        await NoticeOutbox.HandOverAsync(this, grains, S.PendingNotices, () => review.SaveAsync(this), logger, "Review " + Id);
        if (!await PushToProfileAsync())
        {
            await RetryProfileLaterAsync();
        }
    }

    /// <summary>Never throws: the review is stored; a profile that missed it is told again later.</summary>
    private async Task<bool> PushToProfileAsync()
    {
        if (!S.ProfileBehind)
        {
            return true;
        }

        try
        {
            await grains.GetGrain<ICreativeProfileGrain>(S.CreativeId!).RecordReviewAsync(Actor.System, ProfileEntry());
            S.ProfileBehind = false;
            await review.SaveAsync(this);
            return true;
        }
        catch (Exception e)
        {
            LogProfileBehind(logger, e, Id);
            return false;
        }
    }

    private async Task RetryProfileLaterAsync()
    {
        try
        {
            await this.RegisterOrUpdateReminder(ProfileReminder, NoticeOutbox.RetryEvery, NoticeOutbox.RetryEvery);
        }
        catch (Exception e)
        {
            LogProfileBehind(logger, e, Id);
        }
    }

    private ProfileReview ProfileEntry() => new(
        Id, S.ProjectTitle!, S.BuyerName!, S.Stars, S.Text, S.WrittenAt, S.Reply, S.RepliedAt,
        S.ReviewHidden is not null, S.ReviewHidden?.Reason, S.ReplyHidden is not null, S.ReplyHidden?.Reason)
    {
        EditedAt = S.EditedAt,
        ReviewModeration = ReviewModeration(),
        ReplyModeration = ReplyModeration(),
    };

    private ReviewView View(bool staff) => new(
        Id, S.ProjectTitle!, S.BuyerId!, S.BuyerName!, S.CreativeId!, S.Stars, S.Text, S.WrittenAt, S.EditedAt, EditableUntil,
        S.Reply, S.RepliedAt, S.ReviewHidden is not null, S.ReplyHidden is not null)
    {
        HiddenReason = staff ? S.ReviewHidden?.Reason : null,
        ReplyHiddenReason = staff ? S.ReplyHidden?.Reason : null,
        ReviewModeration = staff ? ReviewModeration() : null,
        ReplyModeration = staff ? ReplyModeration() : null,
    };

    /// <summary>The whole record of a part: earlier hides and their undoing, then the hide in force, if any.</summary>
    private ModerationRecord? ReviewModeration() => ModerationRecord.Of(S.EarlierReviewModeration.Concat(CurrentStep(S.ReviewHidden)));

    private ModerationRecord? ReplyModeration() => ModerationRecord.Of(S.EarlierReplyModeration.Concat(CurrentStep(S.ReplyHidden)));

    private static IEnumerable<ModerationStep> CurrentStep(StaffHiding? hidden) => hidden is null ? [] : [hidden.AsStep()];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Review {ReviewId} could not update the creative's profile; it retries on activation and by a reminder")]
    private static partial void LogProfileBehind(ILogger logger, Exception exception, string reviewId);
}

using Marketplace.Contracts.Previews;

namespace Marketplace.Contracts.Reviews;

/// <summary>Which part of a review staff hide: the buyer's review or the creative's reply.</summary>
public enum ReviewPart
{
    Review,
    Reply,
}

/// <summary>How a buyer's contest ended, for the buyer's record. Contests that ended otherwise are not counted.</summary>
public enum ContestResult
{
    /// <summary>The buyer awarded an entry (whatever the handover's end).</summary>
    WinnerChosen,

    /// <summary>The prize was refunded because the buyer let the selection window pass, or declined every entry.</summary>
    ClosedWithoutChoice,
}

/// <summary>A buyer's review of the creative of one completed handover, as the parties and staff see it.</summary>
[GenerateSerializer, Immutable]
public sealed record ReviewView(
    [property: Id(0)] string WrapUpId,
    [property: Id(1)] string ProjectTitle,
    [property: Id(2)] string BuyerId,
    [property: Id(3)] string BuyerName,
    [property: Id(4)] string CreativeId,
    [property: Id(5)] int Stars,
    [property: Id(6)] string Text,
    [property: Id(7)] DateTimeOffset WrittenAt,
    [property: Id(8)] DateTimeOffset? EditedAt,
    [property: Id(9)] DateTimeOffset EditableUntil,
    [property: Id(10)] string? Reply,
    [property: Id(11)] DateTimeOffset? RepliedAt,
    [property: Id(12)] bool Hidden,
    [property: Id(13)] bool ReplyHidden)
{
    /// <summary>Why staff hid the review: staff only (null for the parties).</summary>
    [Id(14)] public string? HiddenReason { get; init; }

    /// <summary>Why staff hid the reply: staff only.</summary>
    [Id(15)] public string? ReplyHiddenReason { get; init; }

    /// <summary>Every hide and show-again of the review: staff only.</summary>
    [Id(16)] public ModerationRecord? ReviewModeration { get; init; }

    /// <summary>Every hide and show-again of the reply: staff only.</summary>
    [Id(17)] public ModerationRecord? ReplyModeration { get; init; }

    /// <summary>The reply answers the review as it stood: the buyer changed it afterwards, so readers are told.</summary>
    public bool ReplyBeforeChange => RepliedAt is { } replied && EditedAt is { } edited && replied < edited;
}

/// <summary>What a handover's page shows of its review, and what the reader may do with it now.</summary>
[GenerateSerializer, Immutable]
public sealed record ReviewPanel(
    [property: Id(0)] ReviewView? Review,
    [property: Id(1)] bool MayWrite,
    [property: Id(2)] bool MayEdit,
    [property: Id(3)] bool MayReply,
    [property: Id(4)] string CreativeId,
    [property: Id(5)] string CreativeName);

/// <summary>One review as the creative's profile keeps it (the review grain pushes every change).</summary>
[GenerateSerializer, Immutable]
public sealed record ProfileReview(
    [property: Id(0)] string WrapUpId,
    [property: Id(1)] string ProjectTitle,
    [property: Id(2)] string ReviewerName,
    [property: Id(3)] int Stars,
    [property: Id(4)] string Text,
    [property: Id(5)] DateTimeOffset WrittenAt,
    [property: Id(6)] string? Reply,
    [property: Id(7)] DateTimeOffset? RepliedAt,
    [property: Id(8)] bool Hidden,
    [property: Id(9)] string? HiddenReason,
    [property: Id(10)] bool ReplyHidden,
    [property: Id(11)] string? ReplyHiddenReason)
{
    /// <summary>When the buyer last changed the review, if ever.</summary>
    [Id(12)] public DateTimeOffset? EditedAt { get; init; }

    /// <summary>Every hide and show-again of the review: staff only.</summary>
    [Id(13)] public ModerationRecord? ReviewModeration { get; init; }

    /// <summary>Every hide and show-again of the reply: staff only.</summary>
    [Id(14)] public ModerationRecord? ReplyModeration { get; init; }

    /// <summary>The reply answers the review as it stood: the buyer changed it afterwards, so readers are told.</summary>
    public bool ReplyBeforeChange => RepliedAt is { } replied && EditedAt is { } edited && replied < edited;
}

/// <summary>A contest a creative won, as the project records it on the creative's profile.</summary>
[GenerateSerializer, Immutable]
public sealed record ProfileWin(
    [property: Id(0)] string WrapUpId,
    [property: Id(1)] string ProjectId,
    [property: Id(2)] string ProjectTitle,
    [property: Id(3)] string EntryId,
    [property: Id(4)] int EntryNumber,
    [property: Id(5)] PreviewManifest? Previews,
    [property: Id(6)] DateTimeOffset AwardedAt,
    [property: Id(7)] WrapUps.WrapUpOutcome? Ended,
    [property: Id(8)] bool EntryShown);

/// <summary>A winning entry on the profile: its watermarked previews (already public in the gallery).</summary>
[GenerateSerializer, Immutable]
public sealed record ProfileWork(
    [property: Id(0)] string EntryId,
    [property: Id(1)] string ProjectId,
    [property: Id(2)] string ProjectTitle,
    [property: Id(3)] int EntryNumber,
    [property: Id(4)] PreviewManifest Previews);

/// <summary>
/// A creative's public profile: nothing private (no email, no earnings). Reviews newest first; hidden ones and hidden
/// replies only for staff, with the reason.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CreativeProfileView(
    [property: Id(0)] string CreativeId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] DateTimeOffset? MemberSince,
    [property: Id(3)] int HandoversCompleted,
    [property: Id(4)] int ContestsWon,
    [property: Id(5)] double? AverageRating,
    [property: Id(6)] int RatingCount,
    [property: Id(7)] IReadOnlyList<ProfileReview> Reviews,
    [property: Id(8)] IReadOnlyList<ProfileWork> WinningEntries)
{
    /// <summary>No contest won and no review yet: the page says "New on Marketplace".</summary>
    public bool IsNew => ContestsWon == 0 && HandoversCompleted == 0 && RatingCount == 0;
}

/// <summary>
/// A buyer's record for creatives deciding whether to enter: contests that reached a result, how many had a winner
/// chosen and how many closed without one.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record BuyerRecordView(
    [property: Id(0)] string BuyerId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] int ContestsRun,
    [property: Id(3)] int WinnersChosen,
    [property: Id(4)] int ClosedWithoutChoice)
{
    public bool IsFirstContest => ContestsRun == 0;
}

using Marketplace.Contracts.Escrow;
using Marketplace.Contracts.Projects;
using Marketplace.Contracts.Reports;
using Marketplace.Contracts.Reviews;
using Marketplace.Contracts.WrapUps;

namespace Marketplace.Contracts.Users;

/// <summary>
/// A copy of what Marketplace holds about one person (key: user id), for "Download your data" (GDPR Art. 15/20).
/// Built by asking the grains that own each thing, as the person (each grain's own rules say what they may see),
/// starting from the person's own lists; never by reading storage. Holds no state.
/// </summary>
public interface IPersonalDataGrain : IGrainWithStringKey
{
    /// <summary>
    /// Only the person themselves (staff too are Forbidden: this is the person's copy, not a moderation tool). At most
    /// <see cref="PersonalDataExport.MaxItems"/> of each kind; <see cref="PersonalDataExport.Limits"/> says what was left out.
    /// </summary>
    Task<PersonalDataExport> ExportAsync(Actor actor);
}

[GenerateSerializer, Immutable]
public sealed record PersonalDataExport(
    [property: Id(0)] DateTimeOffset ExportedAt,
    [property: Id(1)] ExportedAccount Account,
    [property: Id(2)] IReadOnlyList<ExportedProject> Projects,
    [property: Id(3)] IReadOnlyList<ExportedEntry> Entries,
    [property: Id(4)] IReadOnlyList<ExportedHandover> Handovers,
    [property: Id(5)] IReadOnlyList<ReviewView> Reviews,
    [property: Id(6)] IReadOnlyList<ExportedQuestion> QuestionsAsked,
    [property: Id(7)] IReadOnlyList<ExportedReport> ReportsMade,
    [property: Id(8)] IReadOnlyList<Notifications.NotificationView> Notifications,
    [property: Id(9)] IReadOnlyList<string> Limits)
{
    /// <summary>The receipt of each project the person paid for as buyer: the payment, each amount back and the total paid.</summary>
    [Id(10)] public IReadOnlyList<BuyerReceipt> Receipts { get; init; } = [];

    /// <summary>A creative's payouts (newest first, at most <see cref="MaxItems"/>) and every year's totals; null for someone who was never a creative.</summary>
    [Id(11)] public Earnings.EarningsStatement? Earnings { get; init; }

    /// <summary>The most projects, entries, handovers… one export lists, newest first, so one request stays bounded.</summary>
    public const int MaxItems = 500;
}

/// <summary>The account: never its password hash, reset or email-change tokens, or sessions.</summary>
[GenerateSerializer, Immutable]
public sealed record ExportedAccount(
    [property: Id(0)] string UserId,
    [property: Id(1)] string Email,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] UserRoles Roles,
    [property: Id(4)] UserStatus Status,
    [property: Id(5)] DateTimeOffset RegisteredAt,
    [property: Id(6)] DateTimeOffset? StatusChangedAt);

/// <summary>A project the person posted as buyer, with the money escrow moved for it.</summary>
[GenerateSerializer, Immutable]
public sealed record ExportedProject(
    [property: Id(0)] string ProjectId,
    [property: Id(1)] ProjectBrief Brief,
    [property: Id(2)] ProjectState State,
    [property: Id(3)] Money Prize,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] DateTimeOffset EntryDeadline,
    [property: Id(6)] DateTimeOffset? SelectionDeadline,
    [property: Id(7)] IReadOnlyList<ProjectEvent> History,
    [property: Id(8)] IReadOnlyList<EscrowMovement> EscrowMovements);

/// <summary>A file as named and fingerprinted, not its bytes (those stay downloadable from their pages).</summary>
[GenerateSerializer, Immutable]
public sealed record ExportedFile(
    [property: Id(0)] string Name,
    [property: Id(1)] long Bytes,
    [property: Id(2)] string Sha256);

[GenerateSerializer, Immutable]
public sealed record ExportedVersion(
    [property: Id(0)] int Number,
    [property: Id(1)] ExportedFile File,
    [property: Id(2)] string? Note,
    [property: Id(3)] DateTimeOffset At);

/// <summary>An entry the person submitted as creative: its versions with their notes, rating and conversation.</summary>
[GenerateSerializer, Immutable]
public sealed record ExportedEntry(
    [property: Id(0)] string EntryId,
    [property: Id(1)] string ProjectId,
    [property: Id(2)] string ProjectTitle,
    [property: Id(3)] Entries.EntryStatus Status,
    [property: Id(4)] Entries.EntryStanding Standing,
    [property: Id(5)] DateTimeOffset SubmittedAt,
    [property: Id(6)] int? Rating,
    [property: Id(7)] IReadOnlyList<ExportedVersion> Versions,
    [property: Id(8)] IReadOnlyList<Entries.EntryComment> Comments);

/// <summary>A handover the person took part in, as buyer or creative: the timeline lines they acted in (or were acted for), messages and files.</summary>
[GenerateSerializer, Immutable]
public sealed record ExportedHandover(
    [property: Id(0)] string WrapUpId,
    [property: Id(1)] string ProjectTitle,
    [property: Id(2)] string Role,
    [property: Id(3)] WrapUpStep Step,
    [property: Id(4)] WrapUpOutcome? Outcome,
    [property: Id(5)] IReadOnlyList<TimelineEntry> Timeline,
    [property: Id(6)] IReadOnlyList<WrapUpMessage> Messages,
    [property: Id(7)] IReadOnlyList<ExportedFile> FilesDelivered);

[GenerateSerializer, Immutable]
public sealed record ExportedQuestion(
    [property: Id(0)] string ProjectId,
    [property: Id(1)] int Number,
    [property: Id(2)] string Text,
    [property: Id(3)] DateTimeOffset AskedAt,
    [property: Id(4)] Questions.QuestionStatus Status,
    [property: Id(5)] string? Answer);

/// <summary>A report the person made (never reports about them, which would name other people).</summary>
[GenerateSerializer, Immutable]
public sealed record ExportedReport(
    [property: Id(0)] string EntryId,
    [property: Id(1)] string ProjectId,
    [property: Id(2)] ReportReason Reason,
    [property: Id(3)] int? CopiesEntryNumber,
    [property: Id(4)] string? Note,
    [property: Id(5)] DateTimeOffset At);

namespace Marketplace.Contracts.Notifications;

/// <summary>
/// Which notices a person may stop or bundle by email. Contest activity is the busy, optional news of a contest
/// (entries, ratings, comments, questions, reviews); everything else has a deadline or concerns money, rights or the
/// account, and is always emailed one by one. A kind added later is always emailed until it is listed here, so nobody
/// misses a new kind of deadline because of an old choice.
/// </summary>
public static class EmailKinds
{
    /// <summary>The hour the daily summary goes out, in the person's own time zone, until they choose another.</summary>
    public const int DefaultSummaryHour = 8;

    private static readonly HashSet<string> ContestActivity =
    [
        NotificationKinds.EntrySubmitted, NotificationKinds.EntryRevised, NotificationKinds.Rated, NotificationKinds.Comment,
        NotificationKinds.Declined, NotificationKinds.EntryWithdrawn, NotificationKinds.NotChosen, NotificationKinds.ProjectClosed,
        NotificationKinds.ProjectReopened, NotificationKinds.ChoosingAgain, NotificationKinds.EntriesClosed, NotificationKinds.EntriesExtended,
        NotificationKinds.Question, NotificationKinds.QuestionAnswered, NotificationKinds.QuestionSetAside, NotificationKinds.Clarification,
        NotificationKinds.ReportOutcome, NotificationKinds.Reviewed, NotificationKinds.ReviewChanged, NotificationKinds.ReviewReplied,
    ];

    public static bool IsContestActivity(string kind) => ContestActivity.Contains(kind);

    /// <summary>What is always emailed, in the words the settings page and the API show.</summary>
    public static readonly IReadOnlyList<string> AlwaysEmailed =
    [
        "Winning, and each step of handing the files over: files delivered, changes asked, approval, signing, and reminders with their dates",
        "Disputes, proposals, and Marketplace staff stepping in or writing to you about a handover",
        "Payments, refunds and prizes coming back to you",
        "Time to choose a winner, and the reminder before that deadline",
        "Removals by Marketplace staff (an entry, a winner, an account)",
        "Changes to your account, such as your password",
    ];
}

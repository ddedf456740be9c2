namespace Marketplace.Contracts.Notifications;

/// <summary>The kinds of notification, for filtering and icons; the text says the rest.</summary>
public static class NotificationKinds
{
    public const string Awarded = "awarded";
    public const string FilesDelivered = "files-delivered";
    public const string ChangesRequested = "changes-requested";
    public const string Approved = "approved";
    public const string Signed = "signed";
    public const string Reminder = "reminder";
    public const string Message = "message";
    public const string StaffStepIn = "staff";
    public const string Dispute = "dispute";
    public const string Proposal = "proposal";
    public const string Previews = "previews";
    public const string WinnerRemoved = "winner-removed";
    public const string BuyerRemoved = "buyer-removed";
    public const string Paid = "paid";
    public const string Completed = "completed";
    public const string Ended = "ended";
    public const string DeadlineMoved = "deadline-moved";
    public const string ReleasePaused = "release-paused";

    // Before a winner: the project's gallery and its entries' conversations.
    public const string EntrySubmitted = "entry-submitted";
    public const string EntryRevised = "entry-revised";
    public const string Rated = "rated";
    public const string Comment = "comment";
    public const string Declined = "declined";
    public const string EntryRemoved = "entry-removed";
    public const string EntryWithdrawn = "entry-withdrawn";
    public const string NotChosen = "not-chosen";
    public const string ProjectClosed = "project-closed";
    public const string ProjectReopened = "project-reopened";
    public const string ChoosingAgain = "choosing-again";
    public const string PrizeRefunded = "prize-refunded";

    /// <summary>The buyer paid for a project: the prize is held in escrow and entries are open.</summary>
    public const string ProjectFunded = "project-funded";
    public const string TimeToChoose = "time-to-choose";
    public const string ChooseSoon = "choose-soon";
    public const string EntriesClosed = "entries-closed";
    public const string EntriesExtended = "entries-extended";
    public const string Question = "question";
    public const string QuestionAnswered = "question-answered";
    public const string QuestionSetAside = "question-set-aside";
    public const string Clarification = "clarification";

    // To someone who reported an entry: how staff answered.
    public const string ReportOutcome = "report-outcome";

    // After a completed handover: the buyer's review of the creative and the creative's reply.
    public const string Reviewed = "reviewed";
    public const string ReviewReplied = "review-replied";
    public const string ReviewChanged = "review-changed";

    // About the person's own account rather than a project.
    public const string PasswordChanged = "password-changed";
}

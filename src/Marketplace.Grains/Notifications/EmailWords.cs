using Marketplace.Contracts.Notifications;

namespace Marketplace.Grains.Notifications;

/// <summary>How an email greets its reader and names what its links open.</summary>
public static class EmailWords
{
    /// <summary>Words that are a title, not a name: "Dr Ada Lovelace" is greeted whole, never "Hi Dr,".</summary>
    private static readonly HashSet<string> Titles = new(StringComparer.OrdinalIgnoreCase)
    {
        "Dr", "Mr", "Mrs", "Ms", "Mx", "Miss", "Prof", "Sir", "Dame", "Lord", "Lady", "Rev", "Fr", "Capt",
    };

    /// <summary>
    /// The name to greet a person by, as a person writing to them would: the first word of their display name ("Bea"
    /// for "Bea Lindqvist"), but the whole name when it is one word ("Studio9"), starts with a title ("Dr Ada Lovelace")
    /// or with initials ("J. R. Hartley", "JR Hartley"), where a first word alone would read wrong.
    /// </summary>
    public static string NameToGreet(string displayName)
    {
        var words = displayName.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return "there";
        }

        var first = words[0];
        var whole = string.Join(' ', words);
        return words.Length == 1 || Titles.Contains(first.TrimEnd('.')) || LooksLikeInitials(first) ? whole : first;
    }

    /// <summary>"J.", "J.R.", "JR", "AJ": a dot, or two or three capitals with no small letter.</summary>
    private static bool LooksLikeInitials(string word) =>
        word.Contains('.') || word.Length <= 3 && word.All(char.IsUpper);

    /// <summary>
    /// What a notice's link opens, said as what the reader does there ("Review the files", "Read your receipt"). The page
    /// decides first where it says it all (a receipt, the earnings), then the notice's kind. Every kind has its own
    /// words (a test walks them all); <see cref="Fallback"/> is only for a kind added later without any.
    /// </summary>
    public static string LinkLabel(string kind, string link)
    {
        if (link.EndsWith("/receipt", StringComparison.Ordinal))
        {
            return "Read your receipt";
        }

        if (link == NoticeLinks.Earnings)
        {
            return "See your earnings";
        }

        var toProject = link.StartsWith("/projects/", StringComparison.Ordinal);
        return kind switch
        {
            NotificationKinds.Awarded => "Upload the final files",
            NotificationKinds.FilesDelivered => "Review the files",
            NotificationKinds.ChangesRequested => "Read the request and upload new files",
            NotificationKinds.Approved or NotificationKinds.Signed => "Sign the transfer agreement",
            NotificationKinds.Reminder => "See what the handover waits on",
            NotificationKinds.Message => "Read the message",
            NotificationKinds.StaffStepIn or NotificationKinds.WinnerRemoved or NotificationKinds.BuyerRemoved or NotificationKinds.ReleasePaused => "See the handover",
            NotificationKinds.Dispute => "See the dispute",
            NotificationKinds.Proposal => "See the proposal",
            NotificationKinds.Previews => "Open the previews",
            NotificationKinds.DeadlineMoved => "See the new date",
            NotificationKinds.Completed => "Download your files",
            NotificationKinds.Paid or NotificationKinds.Ended => toProject ? "See the project" : "See how the handover ended",
            NotificationKinds.EntrySubmitted => "See the entry",
            NotificationKinds.EntryRevised => "See the new version",
            NotificationKinds.Rated or NotificationKinds.Declined => "See your entry",
            NotificationKinds.Comment => "Read the comment",
            NotificationKinds.EntryRemoved or NotificationKinds.EntryWithdrawn => "See the gallery",
            NotificationKinds.NotChosen or NotificationKinds.ProjectClosed or NotificationKinds.PrizeRefunded => "See the project",
            NotificationKinds.ProjectReopened or NotificationKinds.ChoosingAgain or NotificationKinds.EntriesClosed or NotificationKinds.EntriesExtended => "See the project",
            NotificationKinds.TimeToChoose or NotificationKinds.ChooseSoon => "Choose a winner",
            NotificationKinds.ProjectFunded => "See your project",
            NotificationKinds.Question => "Answer the question",
            NotificationKinds.QuestionAnswered => "Read the answer",
            NotificationKinds.QuestionSetAside => "Read the brief and its answers",
            NotificationKinds.Clarification => "Read the clarification",
            NotificationKinds.ReportOutcome => toProject ? "See the project" : "See the entry",
            NotificationKinds.Reviewed or NotificationKinds.ReviewChanged => "Read the review",
            NotificationKinds.ReviewReplied => "Read the reply",
            NotificationKinds.PasswordChanged => "See your account",
            _ => Fallback,
        };
    }

    /// <summary>The words of a link whose kind has none of its own: better than nothing, but a test keeps every kind off it.</summary>
    public const string Fallback = "Open the page";
}

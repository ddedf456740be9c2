using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Marketplace.Contracts;
using Marketplace.Contracts.Notifications;
using Marketplace.Contracts.Users;
using Marketplace.Email;

namespace Marketplace.Grains.Notifications;

/// <summary>
/// The emails that carry notifications: one notice (its text, the absolute link, and where all notifications are), or
/// the daily summary of contest activity. Optional email (contest activity) carries the one-click unsubscribe link in
/// its footer and headers; the rest say where the settings are and that they always come.
/// </summary>
internal static partial class NotificationEmails
{
    /// <summary>What a mail client shows of a subject on a desktop; a phone shows the first half, which says what happened.</summary>
    private const int MaxSubject = 100;

    /// <summary>Lines a summary lists before it points to the site for the rest: a summary should read in a minute.</summary>
    public const int MaxSummaryLines = 50;

    /// <summary>One notice, its times in the person's <paramref name="zone"/>.</summary>
    public static EmailMessage Compose(string userId, StoredNotification notification, UserContact to, EmailOptions options, string? unsubscribeUrl, TimeZoneInfo zone)
    {
        var site = options.SiteUrl.TrimEnd('/');
        var text = NoticeWords.InZone(notification.Text, zone);
        var body = new StringBuilder()
            .Append("Hi ").Append(EmailWords.NameToGreet(to.DisplayName)).Append(",\n\n")
            .Append(text).Append("\n\n")
            .Append(EmailWords.LinkLabel(notification.Kind, notification.Link)).Append(": ").Append(site).Append(notification.Link).Append('\n');
        if (notification.AlsoLink is { } also)
        {
            body.Append(EmailWords.LinkLabel(notification.Kind, also)).Append(": ").Append(site).Append(also).Append('\n');
        }

        body.Append("\n-- \nMarketplace. You get this because ").Append(WhyYouGetThis(notification.Kind)).Append(".\n");
        if (unsubscribeUrl is null)
        {
            body.Append("Emails about deadlines, money and your account always come. Your email settings: ").Append(site).Append("/account/emails\n");
        }
        else
        {
            body.Append("You chose an email for each notice about contest activity.\n");
            AppendUnsubscribe(body, site, unsubscribeUrl);
        }

        body.Append("All your notifications: ").Append(site).Append("/notifications\n");
        return new EmailMessage(MessageId(userId, notification.Id, site), to.Email, to.DisplayName, SubjectOf(text), body.ToString(), unsubscribeUrl);
    }

    /// <summary>
    /// The day's contest activity, <paramref name="newestFirst"/>, grouped by the project each notice names (the title in
    /// curly quotes that every contest notice carries), the group with the newest notice first; at most
    /// <see cref="MaxSummaryLines"/> notices, then how many more are on the site.
    /// </summary>
    public static EmailMessage ComposeSummary(string userId, IReadOnlyList<StoredNotification> newestFirst, UserContact to, EmailOptions options,
        string unsubscribeUrl, DateTimeOffset upTo, TimeZoneInfo zone, int summaryHour)
    {
        var site = options.SiteUrl.TrimEnd('/');
        var listed = newestFirst.Take(MaxSummaryLines).Select(n => n with { Text = NoticeWords.InZone(n.Text, zone) }).ToList();
        var groups = listed.GroupBy(n => ProjectNamedIn(n.Text) ?? "Other news", StringComparer.Ordinal).ToList();
        var body = new StringBuilder()
            .Append("Hi ").Append(EmailWords.NameToGreet(to.DisplayName)).Append(",\n\n")
            .Append("Here is your contest activity since your last summary, newest first. ")
            .Append("Anything you already read on the site is left out.\n");
        foreach (var group in groups)
        {
            body.Append('\n').Append(group.Key).Append('\n');
            foreach (var notice in group)
            {
                body.Append("- ").Append(notice.Text).Append('\n')
                    .Append("  ").Append(site).Append(notice.Link).Append('\n');
            }
        }

        if (newestFirst.Count > listed.Count)
        {
            body.Append("\nAnd ").Append(newestFirst.Count - listed.Count).Append(" more on the site: ").Append(site).Append("/notifications\n");
        }

        body.Append("\n-- \nMarketplace. You get one summary a day, at ")
            .Append(SummaryHourWords(summaryHour, zone))
            .Append(", because you chose it for contest activity.\n");
        AppendUnsubscribe(body, site, unsubscribeUrl);
        body.Append("All your notifications: ").Append(site).Append("/notifications\n");
        var count = newestFirst.Count;
        var subject = $"Your daily summary: {count} {(count == 1 ? "update" : "updates")} from {ProjectCount(newestFirst)}";
        return new EmailMessage(MessageId(userId, "summary/" + upTo.ToString("O", CultureInfo.InvariantCulture), site), to.Email, to.DisplayName,
            subject, body.ToString(), unsubscribeUrl);
    }

    /// <summary>"08:00 UTC", "07:00 America/New York time": the hour as the settings page names it.</summary>
    public static string SummaryHourWords(int hour, TimeZoneInfo zone) =>
        $"{hour:00}:00 " + (zone.Id == LocalTimes.UtcId ? LocalTimes.UtcId : LocalTimes.Name(zone.Id) + " time");

    private static void AppendUnsubscribe(StringBuilder body, string site, string unsubscribeUrl) =>
        body.Append("Stop emails about contest activity (one click): ").Append(unsubscribeUrl).Append('\n')
            .Append("Your email settings: ").Append(site).Append("/account/emails\n");

    private static string ProjectCount(IReadOnlyList<StoredNotification> notices)
    {
        var projects = notices.Select(n => ProjectNamedIn(n.Text)).Distinct(StringComparer.Ordinal).Count();
        return projects == 1 ? "1 project" : $"{projects} projects";
    }

    /// <summary>The first “quoted” title in a notice: contest notices name their project that way.</summary>
    private static string? ProjectNamedIn(string text)
    {
        var open = text.IndexOf('“', StringComparison.Ordinal);
        var close = open < 0 ? -1 : text.IndexOf('”', open + 1);
        return close > open + 1 ? text[open..(close + 1)] : null;
    }

    private static string WhyYouGetThis(string kind) => kind switch
    {
        NotificationKinds.PasswordChanged => "it concerns your account",
        NotificationKinds.ProjectFunded or NotificationKinds.PrizeRefunded => "it is about your money on this project",
        _ => "you take part in this project",
    };

    /// <summary>
    /// The first sentence (a full stop inside “quoted” words does not end it), short enough for a subject line. A longer
    /// one loses, in turn, the words it quotes after a colon (“answered your question: “…””), its asides in brackets
    /// (“(the prize of $400 less the 15% marketplace fee)”), and then the clauses past the limit, ending with “…”: a
    /// subject never stops inside a quotation or a word.
    /// </summary>
    public static string SubjectOf(string text)
    {
        var sentence = FirstSentence(text);
        if (sentence.Length <= MaxSubject) return sentence;
        var quoted = sentence.IndexOf(": “", StringComparison.Ordinal);
        if (quoted > 0) sentence = sentence[..quoted];
        if (sentence.Length <= MaxSubject) return sentence;
        sentence = Aside().Replace(sentence, "");
        return sentence.Length <= MaxSubject ? sentence : CutAtClause(sentence);
    }

    private static string FirstSentence(string text)
    {
        var depth = 0;
        for (var i = 0; i < text.Length - 1; i++)
        {
            if (text[i] == '“') depth++;
            else if (text[i] == '”' && depth > 0) depth--;
            else if (depth == 0 && text[i] == '.' && text[i + 1] == ' ') return text[..(i + 1)];
        }

        return text;
    }

    /// <summary>Up to the last clause (or word) that fits, then "…", closing a quotation the cut left open.</summary>
    private static string CutAtClause(string sentence)
    {
        var room = sentence[..(MaxSubject - 1)];
        var clause = Math.Max(room.LastIndexOf(", ", StringComparison.Ordinal), room.LastIndexOf("; ", StringComparison.Ordinal));
        var cut = clause > MaxSubject / 2 ? clause : room.LastIndexOf(' ');
        var kept = (cut > 0 ? room[..cut] : room).TrimEnd(' ', ',', ';', ':');
        var open = kept.Count(c => c == '“') > kept.Count(c => c == '”');
        return kept + "…" + (open ? "”" : "");
    }

    [GeneratedRegex(@" \([^()]*\)")]
    private static partial Regex Aside();

    /// <summary>
    /// Stable per person and notification (or summary), so a message re-sent after a lost acknowledgement has the same
    /// Message-ID (and the same pickup file). The readable part is the user id; the hash keeps it unique and safe as a file name.
    /// </summary>
    private static string MessageId(string userId, string notificationId, string site)
    {
        var readable = new string(userId.Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '-').ToArray());
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(userId + "\n" + notificationId)))[..20];
        var host = Uri.TryCreate(site, UriKind.Absolute, out var uri) ? uri.Host : "marketplace";
        return $"{readable}.{hash}@{host}";
    }
}

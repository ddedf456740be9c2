using System.Security.Cryptography;
using System.Text;
using Marketplace.Contracts.Notifications;
using Marketplace.Contracts.Users;
using Marketplace.Email;

namespace Marketplace.Grains.Notifications;

/// <summary>The email that carries a notification: its text, the absolute link, and where all notifications are.</summary>
internal static class NotificationEmails
{
    private const int MaxSubject = 120;

    public static EmailMessage Compose(string userId, StoredNotification notification, UserContact to, EmailOptions options)
    {
        var site = options.SiteUrl.TrimEnd('/');
        var body = new StringBuilder()
            .Append("Hi ").Append(to.DisplayName).Append(",\n\n")
            .Append(notification.Text).Append("\n\n")
            .Append("Open it: ").Append(site).Append(notification.Link).Append("\n\n")
            .Append("-- \nMarketplace. You get this because ").Append(WhyYouGetThis(notification.Kind)).Append(".\n")
            .Append("All your notifications: ").Append(site).Append("/notifications\n")
            .ToString();
        return new EmailMessage(MessageId(userId, notification.Id, site), to.Email, to.DisplayName, SubjectOf(notification.Text), body);
    }

    private static string WhyYouGetThis(string kind) =>
        kind == NotificationKinds.PasswordChanged ? "it concerns your account" : "you take part in this project";

    /// <summary>The first sentence, short enough for a subject line.</summary>
    private static string SubjectOf(string text)
    {
        var end = text.IndexOf(". ", StringComparison.Ordinal);
        var sentence = end > 0 ? text[..(end + 1)] : text;
        return sentence.Length <= MaxSubject ? sentence : sentence[..(MaxSubject - 1)].TrimEnd() + "…";
    }

    /// <summary>
    /// Stable per person and notification, so a message re-sent after a lost acknowledgement has the same Message-ID
    /// (and the same pickup file). The readable part is the user id; the hash keeps it unique and safe as a file name.
    /// </summary>
    private static string MessageId(string userId, string notificationId, string site)
    {
        var readable = new string(userId.Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '-').ToArray());
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(userId + "\n" + notificationId)))[..20];
        var host = Uri.TryCreate(site, UriKind.Absolute, out var uri) ? uri.Host : "marketplace";
        return $"{readable}.{hash}@{host}";
    }
}

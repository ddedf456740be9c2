using System.Security.Cryptography;
using System.Text;
using Marketplace.Contracts.Accounts;
using Marketplace.Email;
using Marketplace.Grains.Notifications;

namespace Marketplace.Grains.Accounts;

/// <summary>
/// The password-reset email. It is sent straight from the account, not through the inbox: the link is a secret the
/// site must never store or show, and a person who lost their password cannot read their inbox anyway.
/// </summary>
internal static class AccountEmails
{
    public static EmailMessage ResetLink(string email, string displayName, string token, DateTimeOffset expiresAt, EmailOptions options)
    {
        var site = options.SiteUrl.TrimEnd('/');
        var body = new StringBuilder()
            .Append("Hi ").Append(displayName).Append(",\n\n")
            .Append("Someone, we hope you, asked to reset the password of your Marketplace account. Choose a new one here:\n\n")
            .Append(site).Append("/account/reset?token=").Append(Uri.EscapeDataString(token)).Append("\n\n")
            .Append("The link works once, until ").Append(NoticeWords.When(expiresAt)).Append(" (").Append(AccountRules.ResetLinkMinutes)
            .Append(" minutes). If you did not ask, ignore this email: your password stays as it is.\n\n")
            .Append("-- \nMarketplace. You get this because this address was entered on our “Forgot your password?” page.\n")
            .ToString();
        // Random: the message is sent once, and nothing in its headers may hint at the token.
        var messageId = $"password-reset.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10))}@{HostOf(site)}";
        return new EmailMessage(messageId, email, displayName, "Reset your Marketplace password", body);
    }

    private static string HostOf(string site) => Uri.TryCreate(site, UriKind.Absolute, out var uri) ? uri.Host : "marketplace";
}

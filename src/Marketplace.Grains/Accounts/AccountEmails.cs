using System.Security.Cryptography;
using System.Text;
using Marketplace.Contracts;
using Marketplace.Contracts.Accounts;
using Marketplace.Email;

namespace Marketplace.Grains.Accounts;

/// <summary>
/// The account's own emails: the password-reset link, the email-change link and the note to the old address. They are
/// sent straight from the account, not through the inbox: a link is a secret the site must never store or show, a
/// person who lost their password cannot read their inbox, and the other two go to addresses the inbox does not use.
/// </summary>
internal static class AccountEmails
{
    /// <param name="zone">The recipient's time zone (their inbox's), so the expiry reads in their own time.</param>
    public static EmailMessage ResetLink(string email, string displayName, string token, DateTimeOffset expiresAt, TimeZoneInfo zone, EmailOptions options)
    {
        var site = options.SiteUrl.TrimEnd('/');
        var body = new StringBuilder()
            .Append("Hi ").Append(Notifications.EmailWords.NameToGreet(displayName)).Append(",\n\n")
            .Append("Someone, we hope you, asked to reset the password of your Marketplace account. Choose a new one here:\n\n")
            .Append(site).Append("/account/reset?token=").Append(Uri.EscapeDataString(token)).Append("\n\n")
            .Append("The link works once, until ").Append(At(expiresAt, zone)).Append(" (").Append(AccountRules.ResetLinkMinutes)
            .Append(" minutes). If you did not ask, ignore this email: your password stays as it is.\n\n")
            .Append("-- \nMarketplace. You get this because this address was entered on our “Forgot your password?” page.\n")
            .ToString();
        // Random: the message is sent once, and nothing in its headers may hint at the token.
        var messageId = $"password-reset.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10))}@{HostOf(site)}";
        return new EmailMessage(messageId, email, displayName, "Reset your Marketplace password", body);
    }

    /// <summary>To the new address: the link that moves the account there. Whoever follows it proves they read this mailbox.</summary>
    public static EmailMessage ConfirmNewAddress(string newEmail, string displayName, string oldEmail, string token, DateTimeOffset expiresAt, TimeZoneInfo zone, EmailOptions options)
    {
        var site = options.SiteUrl.TrimEnd('/');
        var body = new StringBuilder()
            .Append("Hi ").Append(Notifications.EmailWords.NameToGreet(displayName)).Append(",\n\n")
            .Append("You asked to sign in to Marketplace with this address instead of ").Append(oldEmail).Append(". Confirm it here:\n\n")
            .Append(site).Append("/account/email/confirm?token=").Append(Uri.EscapeDataString(token)).Append("\n\n")
            .Append("The link works once, until ").Append(At(expiresAt, zone)).Append(" (").Append(AccountRules.EmailChangeLinkHours)
            .Append(" hours). Until you follow it, you sign in with ").Append(oldEmail).Append(" as before. If you did not ask, ignore this email: nothing changes.\n\n")
            .Append("-- \nMarketplace. You get this because this address was entered on a Marketplace account page.\n")
            .ToString();
        return new EmailMessage(RandomMessageId("email-change", site), newEmail, displayName, "Confirm your new Marketplace sign-in address", body);
    }

    /// <summary>To the old address once the move is done, so a change the person did not make does not go unnoticed.</summary>
    public static EmailMessage AddressChanged(string oldEmail, string displayName, string newEmail, DateTimeOffset at, TimeZoneInfo zone, EmailOptions options)
    {
        var body = new StringBuilder()
            .Append("Hi ").Append(Notifications.EmailWords.NameToGreet(displayName)).Append(",\n\n")
            .Append("Your Marketplace account's sign-in address was changed from this one to ").Append(newEmail).Append(" on ").Append(At(at, zone))
            .Append(". From now on you sign in with ").Append(newEmail).Append(", and our emails go there. Every device that was signed in was signed out.\n\n")
            .Append("If that was not you, write to ").Append(SupportContact.Email).Append(" at once, from this address, and we will help you get your account back.\n\n")
            .Append("-- \nMarketplace. You get this because this address used to sign in to your account.\n")
            .ToString();
        return new EmailMessage(RandomMessageId("email-changed", options.SiteUrl.TrimEnd('/')), oldEmail, displayName, "Your Marketplace sign-in address was changed", body);
    }

    private static string At(DateTimeOffset at, TimeZoneInfo zone) => LocalTimes.Format(at, zone, TimeMarkers.ShortPattern);

    private static string RandomMessageId(string kind, string site) => $"{kind}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10))}@{HostOf(site)}";

    private static string HostOf(string site) => Uri.TryCreate(site, UriKind.Absolute, out var uri) ? uri.Host : "marketplace";
}

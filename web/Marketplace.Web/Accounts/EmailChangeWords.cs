using System.Globalization;
using Marketplace.Contracts.Accounts;

namespace Marketplace.Web.Accounts;

/// <summary>What the page and the API say once an email-change link is on its way.</summary>
public static class EmailChangeWords
{
    public static string Sent(EmailChangeRequested requested) =>
        $"We sent a link to {requested.NewEmail}. Follow it by {requested.ExpiresAt.UtcDateTime.ToString("d MMM, HH:mm", CultureInfo.InvariantCulture)} UTC to sign in with that address; until then you sign in as before.";
}

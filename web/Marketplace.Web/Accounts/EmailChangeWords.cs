using Marketplace.Contracts;
using Marketplace.Contracts.Accounts;

namespace Marketplace.Web.Accounts;

/// <summary>What the page and the API say once an email-change link is on its way, the link's expiry in the reader's zone.</summary>
public static class EmailChangeWords
{
    public static string Sent(EmailChangeRequested requested, TimeZoneInfo zone) =>
        $"We sent a link to {requested.NewEmail}. Follow it by {LocalTimes.Format(requested.ExpiresAt, zone, "d MMM, HH:mm")} to sign in with that address; until then you sign in as before.";
}

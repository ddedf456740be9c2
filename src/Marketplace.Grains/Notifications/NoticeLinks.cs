namespace Marketplace.Grains.Notifications;

/// <summary>
/// The pages a notice about money links to: the buyer's receipt (what they paid and what came back) and the creative's
/// earnings (each payout, its fee and what they received). Money notices link these rather than the handover or the
/// project, since the amount is what the reader wants to check.
/// </summary>
public static class NoticeLinks
{
    public const string Earnings = "/creative/earnings";

    public static string Receipt(string projectId) => $"/buyer/projects/{projectId}/receipt";
}

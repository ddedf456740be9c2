using System.Text.RegularExpressions;
using MimeKit;

namespace Marketplace.Testing.Cluster;

/// <summary>The email-change links in the emails a test silo sent to the new address, as the person would find them.</summary>
public static partial class EmailChangeMail
{
    public static IEnumerable<string> TokensIn(IEnumerable<MimeMessage> mail) =>
        mail.Select(m => ConfirmLink().Match(m.TextBody ?? "")).Where(m => m.Success).Select(m => Uri.UnescapeDataString(m.Groups[1].Value));

    /// <summary>
    /// Waits for the <paramref name="count"/>-th email to <paramref name="address"/> and returns the newest link's token
    /// (by Date, whole seconds: when two links went out within a second, tell them apart by <see cref="TokensIn"/>).
    /// </summary>
    public static async Task<string> WaitForTokenAsync(string folder, string address, int count = 1)
    {
        var mail = await MailPickup.WaitForAsync(folder, address, count);
        var tokens = TokensIn(mail.OrderBy(m => m.Date)).ToList();
        return tokens.Count > 0
            ? tokens[^1]
            : throw new InvalidOperationException($"No email-change link reached {address} ({mail.Count} emails in all).");
    }

    [GeneratedRegex(@"/account/email/confirm\?token=([A-Za-z0-9_.%-]+)")]
    private static partial Regex ConfirmLink();
}

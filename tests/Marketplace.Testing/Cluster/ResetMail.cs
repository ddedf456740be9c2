using System.Text.RegularExpressions;
using MimeKit;

namespace Marketplace.Testing.Cluster;

/// <summary>The password-reset links in the emails a test silo sent, as a person would find them in their mailbox.</summary>
public static partial class ResetMail
{
    /// <summary>The tokens of the reset links in <paramref name="mail"/>, oldest message first as given.</summary>
    public static IEnumerable<string> TokensIn(IEnumerable<MimeMessage> mail) =>
        mail.Select(m => ResetLink().Match(m.TextBody ?? "")).Where(m => m.Success).Select(m => Uri.UnescapeDataString(m.Groups[1].Value));

    /// <summary>Waits for the <paramref name="count"/>-th reset email to <paramref name="address"/> and returns its token.</summary>
    public static async Task<string> WaitForTokenAsync(string folder, string address, int count = 1)
    {
        var mail = await MailPickup.WaitForAsync(folder, address, count);
        var tokens = TokensIn(mail.OrderBy(m => m.Date)).ToList();
        return tokens.Count >= count
            ? tokens[^1]
            : throw new InvalidOperationException($"Expected {count} reset emails to {address}; {tokens.Count} arrived ({mail.Count} emails in all).");
    }

    [GeneratedRegex(@"/account/reset\?token=([A-Za-z0-9_.%-]+)")]
    private static partial Regex ResetLink();
}

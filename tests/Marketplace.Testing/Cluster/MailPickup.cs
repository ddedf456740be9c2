using MimeKit;
using Orleans.TestingHost;

namespace Marketplace.Testing.Cluster;

/// <summary>The emails a test silo sends, as .eml files in a private temp folder (the product's pickup-folder sender).</summary>
public static class MailPickup
{
    public static string NewFolder() => Path.Combine(Path.GetTempPath(), "marketplace-mail-" + Guid.NewGuid().ToString("N")[..8]);

    public static TestClusterBuilder UseMailPickup(this TestClusterBuilder builder, string folder)
    {
        builder.Properties["Marketplace:Email:PickupDirectory"] = folder;
        return builder;
    }

    /// <summary>The messages in <paramref name="folder"/> addressed to <paramref name="address"/>.</summary>
    public static IReadOnlyList<MimeMessage> To(string folder, string address) =>
        !Directory.Exists(folder)
            ? []
            : Directory.GetFiles(folder, "*.eml")
                .Select(path => MimeMessage.Load(path))
                .Where(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, address, StringComparison.OrdinalIgnoreCase)))
                .ToList();

    /// <summary>
    /// Waits until <paramref name="count"/> messages to <paramref name="address"/> are there: the inbox emails on a timer
    /// right after it stored a notification, so the file lands a moment after the grain call returned.
    /// </summary>
    public static async Task<IReadOnlyList<MimeMessage>> WaitForAsync(string folder, string address, int count = 1, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var messages = To(folder, address);
            if (messages.Count >= count || DateTime.UtcNow > deadline)
            {
                return messages;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The first message to <paramref name="address"/> whose subject starts with <paramref name="subjectStart"/>, once it lands (within 20 s).</summary>
    public static async Task<MimeMessage> WaitForSubjectAsync(string folder, string address, string subjectStart)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var found = To(folder, address).FirstOrDefault(m => m.Subject?.StartsWith(subjectStart, StringComparison.Ordinal) == true);
            if (found is not null)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"No email to {address} starting '{subjectStart}'.");
            }

            await Task.Delay(50);
        }
    }

    public static void Delete(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

using Microsoft.Extensions.Options;

namespace Marketplace.Email;

/// <summary>
/// Writes each message as an .eml file into <see cref="EmailOptions.PickupDirectory"/>: the default on a machine with
/// no mail server. The file appears whole (written to a temporary name, then renamed), named by time and Message-ID,
/// so sending the same message again overwrites its file instead of adding a second one.
/// </summary>
public sealed class PickupFolderEmailSender(IOptions<EmailOptions> options) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        var folder = Path.GetFullPath(options.Value.PickupDirectory);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileNameOf(message.MessageId));
        var partial = path + ".partial";
        await using (var stream = File.Create(partial))
        {
            await MimeMessages.Create(message, options.Value).WriteToAsync(stream, cancellationToken);
        }

        File.Move(partial, path, overwrite: true);
    }

    /// <summary>The Message-ID with everything but letters, digits, '-' and '.' turned into '_': safe on every file system.</summary>
    private static string FileNameOf(string messageId) =>
        new string(messageId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_').ToArray()) + ".eml";
}

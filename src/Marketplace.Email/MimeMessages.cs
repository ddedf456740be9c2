using MimeKit;

namespace Marketplace.Email;

/// <summary>
/// Builds the MIME message both senders hand over: plain text, UTF-8, a stable Message-ID, and on optional email the
/// one-click unsubscribe headers (RFC 8058) that mail providers expect of anything not strictly transactional: the
/// mail client POSTs <c>List-Unsubscribe=One-Click</c> to the link, with no cookie and no page.
/// </summary>
internal static class MimeMessages
{
    public static MimeMessage Create(EmailMessage message, EmailOptions options)
    {
        var mime = new MimeMessage
        {
            Subject = message.Subject,
            MessageId = message.MessageId,
            Date = DateTimeOffset.UtcNow,
            Body = new TextPart(MimeKit.Text.TextFormat.Plain) { Text = message.Body },
        };
        mime.From.Add(new MailboxAddress(options.FromName, options.FromAddress));
        mime.To.Add(new MailboxAddress(message.ToName, message.ToAddress));
        if (message.UnsubscribeUrl is { } unsubscribe)
        {
            mime.Headers.Add(HeaderId.ListUnsubscribe, $"<{unsubscribe}>");
            mime.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        return mime;
    }
}

using MimeKit;

namespace Marketplace.Email;

/// <summary>Builds the MIME message both senders hand over: plain text, UTF-8, a stable Message-ID.</summary>
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
        return mime;
    }
}

namespace Marketplace.Email;

/// <summary>
/// Hands an email to the outside world: an SMTP server when one is configured, else a pickup folder of .eml files
/// (see <see cref="EmailOptions"/>). Throws when the message could not be handed over, so the caller can retry.
/// </summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default);
}

namespace Marketplace.Email;

/// <summary>The SMTP server (<c>Marketplace:Email:Smtp</c>); used when <see cref="Host"/> is set.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>STARTTLS when the server offers it (port 587); <c>Tls</c> for implicit TLS (465); <c>None</c> only for a local relay.</summary>
    public string Security { get; set; } = "Auto";

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

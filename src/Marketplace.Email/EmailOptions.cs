namespace Marketplace.Email;

/// <summary>How the marketplace sends email (<c>Marketplace:Email</c>).</summary>
public sealed class EmailOptions
{
    public const string SectionName = "Marketplace:Email";

    /// <summary>The sender shown to people.</summary>
    public string FromAddress { get; set; } = "notifications@marketplace.example";

    public string FromName { get; set; } = "Marketplace";

    /// <summary>Where links in emails point: the site's public address, without a trailing slash.</summary>
    public string SiteUrl { get; set; } = "http://localhost:5080";

    /// <summary>
    /// Without an SMTP host every message is written here as an .eml file (relative paths are taken from the current
    /// directory; <c>./run.sh</c> sets the repository's <c>.data/mail</c>), so a machine with no mail server loses nothing
    /// and a newcomer can open what was sent.
    /// </summary>
    public string PickupDirectory { get; set; } = ".data/mail";

    public SmtpOptions Smtp { get; set; } = new();

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Smtp.Host);

    public string? Validate() =>
        !Uri.TryCreate(SiteUrl, UriKind.Absolute, out var site) || site.Scheme is not ("http" or "https")
            ? "Marketplace:Email:SiteUrl must be an absolute http(s) address."
        : string.IsNullOrWhiteSpace(FromAddress) || !FromAddress.Contains('@', StringComparison.Ordinal)
            ? "Marketplace:Email:FromAddress must be an email address."
        : !UsesSmtp && string.IsNullOrWhiteSpace(PickupDirectory)
            ? "Marketplace:Email: set Smtp:Host or a PickupDirectory."
        : UsesSmtp && Smtp.Port is <= 0 or > 65535
            ? "Marketplace:Email:Smtp:Port must be a port number."
        : null;
}

namespace Marketplace.Web.Extensions;

/// <summary>Web tier limits (section <c>Marketplace:Web</c>). Defaults suit one public site; tests raise the rates.</summary>
public sealed class WebOptions
{
    public const string Section = "Marketplace:Web";

    /// <summary>
    /// Sign-in and sign-up attempts per client network per minute. High enough for an office, café or mobile carrier
    /// behind one address; guessing one account's password is stopped by the account's own lockout (5 wrong passwords).
    /// </summary>
    public int SignInPermitsPerMinute { get; set; } = 60;

    /// <summary>Uploads per signed-in person (or address) per minute.</summary>
    public int UploadPermitsPerMinute { get; set; } = 20;

    /// <summary>Largest accepted request body (final files: print PDFs, PSDs); larger requests are refused unread.</summary>
    public long MaxUploadBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Largest entry image; staging stops reading beyond it and stores nothing.</summary>
    public long MaxEntryUploadBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// The reverse proxies that end TLS in front of the web: IP addresses ("10.0.0.4") or networks ("10.0.0.0/24").
    /// Only their <c>X-Forwarded-Proto</c> and <c>X-Forwarded-For</c> are believed (so cookies are <c>Secure</c> and rate
    /// limits count the real client); empty, the default, believes nobody's.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>
    /// How long a download of a zip not built yet waits for the silos to build it (it is usually built ahead) before
    /// answering 503 "being prepared, try again in a minute" with Retry-After; the build goes on either way. Short
    /// enough for a phone's patience and for proxies that cut a silent request.
    /// </summary>
    public TimeSpan ZipWait { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long browsers are told to use only https (HSTS), outside Development; 0 sends no HSTS.</summary>
    public int HstsMaxAgeDays { get; set; } = 365;
}

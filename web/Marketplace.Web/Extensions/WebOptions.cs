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
}

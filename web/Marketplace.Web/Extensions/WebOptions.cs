namespace Marketplace.Web.Extensions;

/// <summary>Web tier limits (section <c>Marketplace:Web</c>). Defaults suit one public site; tests raise the rates.</summary>
public sealed class WebOptions
{
    public const string Section = "Marketplace:Web";

    /// <summary>Sign-in and sign-up attempts per client address per minute.</summary>
    public int SignInPermitsPerMinute { get; set; } = 10;

    /// <summary>Uploads per signed-in person (or address) per minute.</summary>
    public int UploadPermitsPerMinute { get; set; } = 20;

    /// <summary>Largest accepted upload body; larger requests are refused before they are read.</summary>
    public long MaxUploadBytes { get; set; } = 30 * 1024 * 1024;
}

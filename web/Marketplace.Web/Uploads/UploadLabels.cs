namespace Marketplace.Web.Uploads;

/// <summary>
/// Text tiled over previews so a screenshot of a preview is not a usable design. Entry previews are public; previews of
/// finals and evidence (stored through the final-file path) stay private to the handover, whatever their label.
/// </summary>
public static class UploadLabels
{
    public const string Entry = "MARKETPLACE PREVIEW";
    public const string Final = "FOR REVIEW ONLY";
    public const string Evidence = "DISPUTE EVIDENCE";
}

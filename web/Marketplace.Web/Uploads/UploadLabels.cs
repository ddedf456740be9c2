namespace Marketplace.Web.Uploads;

/// <summary>Text tiled over public previews so a screenshot of a preview is not a usable design.</summary>
public static class UploadLabels
{
    public const string Entry = "MARKETPLACE PREVIEW";
    public const string Final = "FOR REVIEW ONLY";
    public const string Evidence = "DISPUTE EVIDENCE";
}

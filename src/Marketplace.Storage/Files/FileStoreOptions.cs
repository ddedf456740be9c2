namespace Marketplace.Storage.Files;

/// <summary>Configuration section <c>Files</c>.</summary>
public sealed class FileStoreOptions
{
    public const string SectionName = "Files";

    /// <summary>The most any single upload may stage. Final files (PSD, AI, PDF…) can be large; entries have a lower limit checked by the preview worker.</summary>
    public long MaxUploadBytes { get; set; } = 256L * 1024 * 1024;
}

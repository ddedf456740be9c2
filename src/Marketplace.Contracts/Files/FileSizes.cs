namespace Marketplace.Contracts.Files;

/// <summary>A file's size as people read it, the same on the pages and in the zip's README.txt.</summary>
public static class FileSizes
{
    /// <summary>"12.4 MB", "340 KB", "512 bytes".</summary>
    public static string Describe(long bytes) => bytes switch
    {
        >= 1024 * 1024 => $"{bytes / (1024d * 1024):0.#} MB",
        >= 1024 => $"{bytes / 1024d:0} KB",
        _ => $"{bytes} bytes",
    };
}

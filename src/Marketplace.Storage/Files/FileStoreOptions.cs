namespace Marketplace.Storage.Files;

/// <summary>Configuration section <c>Files</c>.</summary>
public sealed class FileStoreOptions
{
    public const string SectionName = "Files";

    /// <summary>The most any single upload may stage. Final files (PSD, AI, PDF…) can be large; entries have a lower limit checked by the preview worker.</summary>
    public long MaxUploadBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>
    /// How old a stored file nothing refers to must be before <see cref="UnreferencedFileSweep"/> deletes it: longer
    /// than any upload takes from storing its files to the grain call that refers to them. At least an hour.
    /// </summary>
    public TimeSpan UnreferencedFileGrace { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// How long a built download (a handover's "Download all files" zip) is kept after it was built: long enough for the
    /// downloads and resumes that follow a handover, after which <see cref="UnreferencedFileSweep"/> deletes it and the
    /// next download builds it again.
    /// </summary>
    public TimeSpan BuiltDownloadLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How many builds of one zip may fail in a row before it answers "failed" (and staff are told) instead of "being
    /// prepared": one failure may be a storage hiccup, several are something a person must look at.
    /// </summary>
    public int ZipBuildAttempts { get; set; } = 3;

    /// <summary>
    /// How long a zip that keeps failing answers "failed" before a request tries to build it once more (sooner when the
    /// file that failed changed in storage since).
    /// </summary>
    public TimeSpan ZipRetryAfterFailure { get; set; } = TimeSpan.FromMinutes(15);
}

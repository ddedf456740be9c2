using Marketplace.Contracts.Files;
using Marketplace.Web.Presentation;

namespace Marketplace.Web.Files;

/// <summary>
/// Where a "Download all files" zip stands, for its button and the status endpoints the button's script polls:
/// <c>ready</c> (download it now), <c>preparing</c> (built right now: ask again), or <c>failed</c> (it keeps failing,
/// or a file is gone from storage: download the files one by one; staff were told). Words a person reads on a phone.
/// </summary>
public sealed record ZipStatusAnswer(string State, long Bytes, string Size, string Message, string? Reason, string DownloadUrl)
{
    public const string Ready = "ready";
    public const string Preparing = "preparing";
    public const string Failed = "failed";

    public const string FailedWords = "We couldn't put these files into one zip. Download them one by one below; our staff have been told.";

    /// <summary>A printer's link has no files one by one: the link keeps working, so later is the way.</summary>
    public const string FailedWordsForLink = "We couldn't put these files into one zip. Our staff have been told; this link still works, so try again later.";

    public static ZipStatusAnswer Of(ZipBuildStatus status, long bytes, string downloadUrl, bool forLink = false)
    {
        var size = Display.Bytes(bytes);
        return status.State switch
        {
            ZipBuildState.Ready => new(Ready, bytes, size, $"Your zip of {size} is ready.", null, downloadUrl),
            ZipBuildState.Building => new(Preparing, bytes, size, PreparingWords(bytes), null, downloadUrl),
            ZipBuildState.FileMissing => new(Failed, bytes, size, forLink ? FailedWordsForLink : FailedWords,
                $"{status.Missing?.FileName ?? "A file"} is no longer in storage", downloadUrl),
            _ => new(Failed, bytes, size, forLink ? FailedWordsForLink : FailedWords, status.Reason, downloadUrl),
        };
    }

    public static string PreparingWords(long bytes) => $"Preparing your zip of {Display.Bytes(bytes)}… this usually takes under a minute.";

    public bool IsReady => State == Ready;
    public bool IsPreparing => State == Preparing;
    public bool IsFailed => State == Failed;
}

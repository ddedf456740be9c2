using System.Diagnostics;
using Marketplace.Contracts;
using Marketplace.Contracts.Files;
using Marketplace.Storage.Files;
using Marketplace.Web.Extensions;
using Marketplace.Web.Presentation;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Files;

/// <summary>
/// A zip the silos build (<see cref="IZipBuildGrain"/>), opened from storage to be sent like any stored file: with its
/// length, resumable. Usually it was built ahead and opens at once; otherwise this asks for it and waits, asking again
/// with growing pauses (each grain call answers at once, so no call outlives Orleans' response timeout), for at most
/// <see cref="WebOptions.ZipWait"/>. The build goes on when the requester hangs up or the wait runs out.
/// </summary>
public sealed class BuiltZips(IGrainFactory grains, IFileStore files, IOptions<WebOptions> options)
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(2);

    /// <summary>How long a client is told to wait before asking again for a zip still being built.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    public async Task<BuiltZip> OpenAsync(ZipContents contents, CancellationToken cancellationToken)
    {
        var builder = grains.GetGrain<IZipBuildGrain>(contents.BlobName());
        var waited = Stopwatch.StartNew();
        for (var pause = FirstPause; ; pause = Min(pause * 2, LongestPause))
        {
            var status = await builder.EnsureBuiltAsync(contents).WaitAsync(cancellationToken);
            if (status.State == ZipBuildState.FileMissing) return new BuiltZip(null, status.Missing);
            if (status.State == ZipBuildState.Failed) return new BuiltZip(null, null, status.Reason ?? "");
            // Ready but gone (the sweep removed it just now): the next call builds it again.
            if (status.State == ZipBuildState.Ready
                && await files.OpenSeekableAsync(StorageNames.Containers.Downloads, status.BlobName, cancellationToken) is { } zip)
            {
                return new BuiltZip(zip, null);
            }

            var left = options.Value.ZipWait - waited.Elapsed;
            if (left <= TimeSpan.Zero) return BuiltZip.StillBuilding;
            await Task.Delay(Min(pause, left), cancellationToken);
        }
    }

    /// <summary>Where the zip stands now, in one call that answers at once: asking starts the build when none runs (a page showing the button asks).</summary>
    public Task<ZipBuildStatus> StatusAsync(ZipContents contents) =>
        grains.GetGrain<IZipBuildGrain>(contents.BlobName()).EnsureBuiltAsync(contents);

    /// <summary>
    /// 503 with Retry-After, in words for someone on a phone: the zip is on its way, nothing went wrong, and when to tap again.
    /// </summary>
    public static IResult StillBuildingAnswer(HttpContext http, long bytes)
    {
        Extensions.RetryAfter.Set(http.Response, RetryAfter);
        return TypedResults.Problem(StillBuildingMessage(bytes), statusCode: StatusCodes.Status503ServiceUnavailable, title: "Your zip is being prepared");
    }

    public static string StillBuildingMessage(long bytes) =>
        $"Your zip of {Display.Bytes(bytes)} of files is being prepared. Try again in a minute: the download then starts at once.";

    /// <summary>
    /// 503 without Retry-After: the zip keeps failing, so tapping again soon would not help; each file still downloads
    /// on its own, and staff were told (the zip grain told the handover).
    /// </summary>
    public static IResult FailedAnswer(string reason) =>
        TypedResults.Problem($"{ZipStatusAnswer.FailedWords} ({reason})", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Your zip could not be made");

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}

/// <summary>The zip, open (dispose it); or the first file storage no longer has; or why building it keeps failing; or none: still being built.</summary>
public sealed record BuiltZip(FileDownload? Zip, StoredFile? Missing, string? Failure = null)
{
    public static BuiltZip StillBuilding { get; } = new(null, null);
}

using System.Diagnostics;
using System.Diagnostics.Metrics;
using Marketplace.Contracts;
using Marketplace.Contracts.Files;
using Microsoft.Extensions.Logging;

namespace Marketplace.Storage.Files;

/// <summary>
/// Builds the zip its key names, once in the cluster (Orleans keeps one activation per key), on the silo it lives on:
/// the files are read from storage into a temporary file on the thread pool, off the grain's turn, so calls keep
/// answering while it runs; the zip is uploaded to <see cref="StorageNames.Containers.Downloads"/> only when whole (a
/// block upload is committed at its end), so a silo stopping mid-build (the build is cancelled on deactivation) or dying
/// leaves no partial zip, and the next call builds again. Nothing is kept in grain state: storage is the record.
/// </summary>
public sealed partial class ZipBuildGrain(IFileStore files, ZipWriter writer, ZipBuildMetrics metrics, ILogger<ZipBuildGrain> logger) : Grain, IZipBuildGrain
{
    /// <summary>Longer than any build takes: idle collection must not cancel a build nobody is asking about.</summary>
    private static readonly TimeSpan KeepAliveWhileBuilding = TimeSpan.FromHours(2);

    private Task? _build;
    private CancellationTokenSource? _stopping;

    private string BlobName => this.GetPrimaryKeyString();

    public async Task<ZipBuildStatus> EnsureBuiltAsync(ZipContents contents)
    {
        RequireContentsOfThisZip(contents);
        if (_build is { IsCompleted: false }) return Status(ZipBuildState.Building);
        if (await files.ExistsAsync(StorageNames.Containers.Downloads, BlobName)) return Status(ZipBuildState.Ready);
        if (await FirstMissingAsync(contents) is { } missing) return Status(ZipBuildState.FileMissing, missing);

        _stopping = new CancellationTokenSource();
        var stopping = _stopping.Token;
        metrics.Started();
        _build = Task.Run(() => BuildAsync(contents, stopping), CancellationToken.None);
        this.DelayDeactivation(KeepAliveWhileBuilding);
        return Status(ZipBuildState.Building);
    }

    /// <summary>A silo stopping (or the activation collected) cancels the build, and waits for it to clean up, so nothing half-written is left.</summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_build is { IsCompleted: false } build)
        {
            await _stopping!.CancelAsync();
            try
            {
                await build.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Deactivation's own time ran out; the build stops by itself at its next read or write.
            }
        }

        _stopping?.Dispose();
    }

    /// <summary>The key is a hash of the contents: a caller cannot store one zip's bytes under another zip's name.</summary>
    private void RequireContentsOfThisZip(ZipContents contents)
    {
        if (contents?.Files is null || contents.Texts is null || contents.BlobName() != BlobName)
        {
            throw MarketplaceException.Invalid("These contents are not what this zip is named for.");
        }
    }

    private async Task<StoredFile?> FirstMissingAsync(ZipContents contents)
    {
        foreach (var file in contents.Files)
        {
            if (!await files.ExistsAsync(file.Container, file.BlobName)) return file;
        }

        return null;
    }

    private async Task BuildAsync(ZipContents contents, CancellationToken stopping)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await using var temporary = ZipWriter.TemporaryFile();
            if (await writer.WriteAsync(temporary, contents, stopping) is { } missing)
            {
                // Gone since the check: the next call finds it missing and says so.
                LogFileVanished(BlobName, missing.Container, missing.BlobName);
                metrics.Finished("file-missing", clock.Elapsed);
                return;
            }

            temporary.Position = 0;
            var stored = await files.WriteOnceAsync(StorageNames.Containers.Downloads, BlobName, temporary, "application/zip", stopping);
            metrics.Finished("stored", clock.Elapsed);
            LogBuilt(BlobName, stored.Bytes, clock.Elapsed.TotalSeconds);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            metrics.Finished("cancelled", clock.Elapsed);
            LogCancelled(BlobName);
        }
        catch (Exception e)
        {
            // The next call builds again; the download waiting for it gets "being prepared" meanwhile, never a broken zip.
            metrics.Finished("failed", clock.Elapsed);
            LogFailed(e, BlobName);
        }
    }

    private ZipBuildStatus Status(ZipBuildState state, StoredFile? missing = null) => new(state, BlobName, missing);

    [LoggerMessage(Level = LogLevel.Information, Message = "Zip {BlobName} built and stored: {Bytes} bytes in {Seconds:0.0} s")]
    private partial void LogBuilt(string blobName, long bytes, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zip {BlobName} not built: file {Container}/{FileBlob} vanished from storage while it was read")]
    private partial void LogFileVanished(string blobName, string container, string fileBlob);

    [LoggerMessage(Level = LogLevel.Information, Message = "Zip {BlobName}: build cancelled as its silo stops; nothing was stored, the next request builds it again")]
    private partial void LogCancelled(string blobName);

    [LoggerMessage(Level = LogLevel.Error, Message = "Zip {BlobName} could not be built; the next request tries again")]
    private partial void LogFailed(Exception exception, string blobName);
}

/// <summary>
/// Counts zip builds as they start, and times them by outcome (stored, file-missing, cancelled, failed): meter
/// <c>Marketplace.Files</c>, so operators see how often a download had to wait for a build and how long builds take,
/// and tests count builds.
/// </summary>
public sealed class ZipBuildMetrics
{
    public const string MeterName = "Marketplace.Files";
    public const string StartedName = "marketplace.files.zip_builds.started";
    public const string DurationName = "marketplace.files.zip_build.duration";

    private readonly Counter<long> _started;
    private readonly Histogram<double> _duration;

    public ZipBuildMetrics(IMeterFactory meters)
    {
        Meter = meters.Create(MeterName);
        _started = Meter.CreateCounter<long>(StartedName, description: "Zip builds started");
        _duration = Meter.CreateHistogram<double>(DurationName, unit: "s", description: "How long a zip build took, by outcome");
    }

    /// <summary>This host's meter (one per service provider), so a listener can tell this silo's builds from another's in the same process.</summary>
    public Meter Meter { get; }

    public void Started() => _started.Add(1);

    public void Finished(string outcome, TimeSpan took) => _duration.Record(took.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));
}

using System.Diagnostics;
using System.Diagnostics.Metrics;
using Marketplace.Contracts;
using Marketplace.Contracts.Files;
using Marketplace.Contracts.WrapUps;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.Storage.Files;

/// <summary>
/// Builds the zip its key names, once in the cluster (Orleans keeps one activation per key), on the silo it lives on:
/// the files are read from storage into a temporary file on the thread pool, off the grain's turn, so calls keep
/// answering while it runs; the zip is uploaded to <see cref="StorageNames.Containers.Downloads"/> only when whole (a
/// block upload is committed at its end), so a silo stopping mid-build (the build is cancelled on deactivation) or dying
/// leaves no partial zip, and the next call builds again. Storage is the record of a built zip; the grain keeps state
/// only while builds fail (<see cref="ZipBuildFailures"/>), cleared by the next build that succeeds.
/// </summary>
public sealed partial class ZipBuildGrain(
    [PersistentState("zipbuild", StorageNames.GrainStorage)] IPersistentState<ZipBuildFailures> failures,
    IFileStore files,
    ZipWriter writer,
    ZipBuildMetrics metrics,
    IOptions<FileStoreOptions> options,
    [FromKeyedServices(MarketplaceClock.Key)] TimeProvider clock,
    ILogger<ZipBuildGrain> logger) : Grain, IZipBuildGrain
{
    /// <summary>Longer than any build takes: idle collection must not cancel a build nobody is asking about.</summary>
    private static readonly TimeSpan KeepAliveWhileBuilding = TimeSpan.FromHours(2);

    private Task? _build;

    /// <summary>The build itself (reading and storing); <see cref="_build"/> ends a moment later, once its outcome is recorded.</summary>
    private Task<BuildFailure?>? _building;
    private CancellationTokenSource? _stopping;

    private string BlobName => this.GetPrimaryKeyString();

    public Task<ZipBuildStatus> EnsureBuiltAsync(ZipContents contents) => BuildUnlessStoredAsync(contents, afterCoolDown: true);

    public Task<ZipBuildStatus> RetryNowAsync(Actor actor, ZipContents contents)
    {
        if (actor is null || !actor.IsSystem) throw MarketplaceException.Forbidden("Only the marketplace itself can build a zip again now.");
        return BuildUnlessStoredAsync(contents, afterCoolDown: false);
    }

    private async Task<ZipBuildStatus> BuildUnlessStoredAsync(ZipContents contents, bool afterCoolDown)
    {
        RequireContentsOfThisZip(contents);
        // Storage first: the zip is readable (only ever whole) a moment before its build's outcome is recorded.
        if (await files.ExistsAsync(StorageNames.Containers.Downloads, BlobName)) return Status(ZipBuildState.Ready);
        if (_build is { IsCompleted: false } recording)
        {
            // Stored without a failure to forget, and the zip gone from storage since (the sweep removed it): recording
            // that outcome is one grain turn with no call out (so never a wait on the handover asking), so let it finish
            // and build afresh, rather than answer "being prepared" with no build running.
            if (_building is not { IsCompletedSuccessfully: true, Result: null } || HasFailures) return Status(ZipBuildState.Building);
            await recording;
        }

        if (await FirstMissingAsync(contents) is { } missing)
        {
            // Not started from this turn's await: the handover may be the one asking.
            if (!failures.State.StaffTold) _ = ReportMissingAsync(missing, contents.HandoverId);
            return Status(ZipBuildState.FileMissing, missing);
        }

        if (KeepsFailing && afterCoolDown && !await MayTryAgainAsync()) return Status(ZipBuildState.Failed) with { Reason = failures.State.Reason };

        _stopping = new CancellationTokenSource();
        var stopping = _stopping.Token;
        metrics.Started();
        var build = Task.Run(() => BuildAsync(contents, stopping), CancellationToken.None);
        // Awaited on the grain's scheduler (started in this turn), so the outcome is recorded in the grain's own turns;
        // the build counts as running until it is, so no call starts another on a failure not yet counted.
        _building = build;
        _build = RecordOutcomeAsync(build, contents.HandoverId);
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

    /// <summary>Enough failures in a row that a person must look: answer "failed" rather than "being prepared" forever.</summary>
    private bool KeepsFailing => failures.State.Count >= options.Value.ZipBuildAttempts;

    /// <summary>Once the cool-down passed, or at once when the file that failed was stored again (its ETag changed): the cause may be fixed.</summary>
    private async Task<bool> MayTryAgainAsync()
    {
        var state = failures.State;
        if (clock.GetUtcNow() - state.LastFailedAt >= options.Value.ZipRetryAfterFailure) return true;
        if (state.FileContainer is null || state.FileBlobName is null) return false;
        var now = await files.GetPropertiesAsync(state.FileContainer, state.FileBlobName);
        return now is not null && now.ETag != state.FileETag;
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

    /// <summary>Builds and stores the zip; returns the failure to count, or null (stored, cancelled, or a file vanished: the next call names it).</summary>
    private async Task<BuildFailure?> BuildAsync(ZipContents contents, CancellationToken stopping)
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
                return null;
            }

            temporary.Position = 0;
            var stored = await files.WriteOnceAsync(StorageNames.Containers.Downloads, BlobName, temporary, "application/zip", stopping);
            metrics.Finished("stored", clock.Elapsed);
            LogBuilt(BlobName, stored.Bytes, clock.Elapsed.TotalSeconds);
            return null;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            metrics.Finished("cancelled", clock.Elapsed);
            LogCancelled(BlobName);
            return null;
        }
        catch (ZipSourceUnreadableException e)
        {
            metrics.Finished("failed", clock.Elapsed);
            LogFailed(e, BlobName);
            return new BuildFailure(e.Message, e.File);
        }
        catch (Exception e)
        {
            // The download waiting for it gets "being prepared" meanwhile, never a broken zip; enough of these and it gets "failed".
            metrics.Finished("failed", clock.Elapsed);
            LogFailed(e, BlobName);
            return new BuildFailure("the zip could not be written or stored on our servers", null);
        }
    }

    /// <summary>
    /// Counts a failed build (kept in grain state, so a silo restart or idle collection does not turn "failed" back into
    /// "being prepared" nor tell staff again) and tells the handover once when it keeps failing; a stored zip clears the
    /// count and tells the handover it was built after all.
    /// </summary>
    private async Task RecordOutcomeAsync(Task<BuildFailure?> build, string? handoverId)
    {
        try
        {
            var failure = await build;
            if (failure is null)
            {
                if (HasFailures && await files.ExistsAsync(StorageNames.Containers.Downloads, BlobName)) await ForgetFailuresAsync(handoverId);
                return;
            }

            await CountFailureAsync(failure, handoverId);
        }
        catch (Exception e)
        {
            LogOutcomeNotRecorded(e, BlobName);
        }
    }

    private bool HasFailures => failures.State.Count > 0 || failures.State.StaffTold;

    /// <summary>A file gone from storage will not come back by itself: staff are told at once (and once), as for a build that keeps failing.</summary>
    private async Task ReportMissingAsync(StoredFile missing, string? handoverId)
    {
        try
        {
            await Task.Yield();
            if (failures.State.StaffTold || handoverId is null) return;
            var reason = $"{missing.FileName} is no longer in storage";
            if (!await TellHandoverAsync(handoverId, h => h.ZipKeepsFailingAsync(Actor.System, reason))) return;
            failures.State.Reason = reason;
            failures.State.StaffTold = true;
            await failures.WriteStateAsync();
        }
        catch (Exception e)
        {
            LogOutcomeNotRecorded(e, BlobName);
        }
    }

    private async Task CountFailureAsync(BuildFailure failure, string? handoverId)
    {
        var state = failures.State;
        state.Count++;
        state.Reason = failure.Reason;
        state.LastFailedAt = clock.GetUtcNow();
        state.FileContainer = failure.File?.Container;
        state.FileBlobName = failure.File?.BlobName;
        state.FileETag = failure.File is { } file ? (await files.GetPropertiesAsync(file.Container, file.BlobName))?.ETag : null;
        if (KeepsFailing && !state.StaffTold && handoverId is not null)
        {
            state.StaffTold = await TellHandoverAsync(handoverId, h => h.ZipKeepsFailingAsync(Actor.System, failure.Reason));
        }

        await failures.WriteStateAsync();
    }

    private async Task ForgetFailuresAsync(string? handoverId)
    {
        if (failures.State.StaffTold && handoverId is not null)
        {
            await TellHandoverAsync(handoverId, h => h.ZipBuiltAsync(Actor.System));
        }

        await failures.ClearStateAsync();
    }

    /// <summary>Never fails the outcome's recording: a handover not told now is told at the next failure.</summary>
    private async Task<bool> TellHandoverAsync(string handoverId, Func<IWrapUpGrain, Task> tell)
    {
        try
        {
            await tell(GrainFactory.GetGrain<IWrapUpGrain>(handoverId));
            return true;
        }
        catch (Exception e)
        {
            LogHandoverNotTold(e, BlobName, handoverId);
            return false;
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Zip {BlobName}: the outcome of its build could not be recorded")]
    private partial void LogOutcomeNotRecorded(Exception exception, string blobName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zip {BlobName}: handover {HandoverId} could not be told about its zip; it is told at the next failure")]
    private partial void LogHandoverNotTold(Exception exception, string blobName, string handoverId);

    private sealed record BuildFailure(string Reason, StoredFile? File);
}

/// <summary>
/// Builds of one zip that failed in a row, kept only while they do (cleared by a build that succeeds): how many, the
/// last reason and when, the file that failed with its ETag then (a new ETag means it was stored again, so the next
/// request tries at once), and whether the handover (so staff) was told.
/// </summary>
[GenerateSerializer]
public sealed class ZipBuildFailures
{
    [Id(0)] public int Count { get; set; }
    [Id(1)] public string? Reason { get; set; }
    [Id(2)] public DateTimeOffset LastFailedAt { get; set; }
    [Id(3)] public string? FileContainer { get; set; }
    [Id(4)] public string? FileBlobName { get; set; }
    [Id(5)] public string? FileETag { get; set; }
    [Id(6)] public bool StaffTold { get; set; }
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

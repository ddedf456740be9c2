using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Marketplace.Storage.Files;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Testing.Cluster;

/// <summary>
/// Counts the zip builds one silo starts and how each ended, from its <see cref="ZipBuildMetrics"/> meter (only that
/// silo's: other hosts in the test process have their own). Dispose it to stop listening.
/// </summary>
public sealed class ZipBuildCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private int _started;

    public ZipBuildCounter(IServiceProvider silo)
    {
        var meter = silo.GetRequiredService<ZipBuildMetrics>().Meter;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter)) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, _, _, _) =>
        {
            if (instrument.Name == ZipBuildMetrics.StartedName) Interlocked.Increment(ref _started);
        });
        _listener.SetMeasurementEventCallback<double>((instrument, _, tags, _) =>
        {
            if (instrument.Name != ZipBuildMetrics.DurationName) return;
            foreach (var tag in tags)
            {
                if (tag.Key == "outcome") Outcomes.Enqueue((string)tag.Value!);
            }
        });
        _listener.Start();
    }

    public int Started => Volatile.Read(ref _started);

    /// <summary>How each finished build ended: "stored", "file-missing", "cancelled", "failed".</summary>
    public ConcurrentQueue<string> Outcomes { get; } = new();

    /// <summary>Waits (at most <paramref name="timeout"/>) until <paramref name="count"/> builds have started.</summary>
    public async Task WaitForStartedAsync(int count, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (Started < count)
        {
            await Task.Delay(20, cancel.Token);
        }
    }

    /// <summary>Waits (at most <paramref name="timeout"/>) until <paramref name="count"/> builds have finished, however they ended.</summary>
    public async Task WaitForFinishedAsync(int count, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (Outcomes.Count < count)
        {
            await Task.Delay(20, cancel.Token);
        }
    }

    public void Dispose() => _listener.Dispose();
}

using System.Collections.Concurrent;

namespace Marketplace.Testing.Cluster;

/// <summary>
/// Fault injection for the in-process test silo: while a grain's method is "down", calls to it fail as if the silo
/// holding it had died, so tests can prove that work interrupted half-way is finished later (by a retry or a reminder).
/// </summary>
public static class CallOutage
{
    private static readonly ConcurrentDictionary<(string Key, string Method), bool> Down = new();

    /// <summary>Calls of <paramref name="method"/> on the grain keyed <paramref name="grainKey"/> fail until disposed.</summary>
    public static IDisposable Of(string grainKey, string method)
    {
        Down[(grainKey, method)] = true;
        return new Restore((grainKey, method));
    }

    /// <summary>The silo-side filter: register it on a silo (<c>AddIncomingGrainCallFilter</c>) for outages to reach its grains.</summary>
    public static Task FilterAsync(IIncomingGrainCallContext context) =>
        Down.ContainsKey((context.TargetId.Key.ToString()!, context.InterfaceMethod.Name))
            ? throw new TimeoutException("The grain is unreachable (test outage).")
            : context.Invoke();

    private sealed class Restore((string, string) call) : IDisposable
    {
        public void Dispose() => Down.TryRemove(call, out _);
    }
}

using System.Collections.Concurrent;

namespace Marketplace.Testing.Cluster;

/// <summary>
/// A one-way call (<c>[OneWay]</c>) gives its caller nothing to await. Tests that must prove such a call did nothing
/// (sent no email) first ask here to be told when the test silo finished handling the next one, then make it.
/// </summary>
public static class HandledCalls
{
    private static readonly ConcurrentDictionary<(string Key, string Method), TaskCompletionSource> Awaited = new();

    /// <summary>Completes once the grain keyed <paramref name="grainKey"/> has handled its next call of <paramref name="method"/>.</summary>
    public static Task NextAsync(string grainKey, string method)
    {
        var handled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Awaited[(grainKey, method)] = handled;
        return handled.Task.WaitAsync(TimeSpan.FromSeconds(20));
    }

    internal static async Task FilterAsync(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        finally
        {
            if (Awaited.TryRemove((context.TargetId.Key.ToString()!, context.InterfaceMethod.Name), out var handled))
            {
                handled.SetResult();
            }
        }
    }
}

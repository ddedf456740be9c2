using System.Collections.Concurrent;
using Marketplace.Contracts.Notifications;

namespace Marketplace.Testing.Cluster;

/// <summary>
/// Fault injection for the in-process test silo: while a person's inbox is "down", adding to it fails as an unreachable
/// grain would, so tests can prove that a failed hand-over neither fails the action nor loses or repeats the notice.
/// </summary>
public static class InboxOutage
{
    private static readonly ConcurrentDictionary<string, bool> Down = new(StringComparer.Ordinal);

    public static IDisposable Of(string userId)
    {
        Down[userId] = true;
        return new Restore(userId);
    }

    internal static Task FilterAsync(IIncomingGrainCallContext context)
    {
        if (context.Grain is INotificationInboxGrain && context.InterfaceMethod.Name == nameof(INotificationInboxGrain.AddAsync)
            && Down.ContainsKey(context.TargetId.Key.ToString()))
        {
            throw new TimeoutException("The inbox is unreachable (test outage).");
        }

        return context.Invoke();
    }

    private sealed class Restore(string userId) : IDisposable
    {
        public void Dispose() => Down.TryRemove(userId, out _);
    }
}

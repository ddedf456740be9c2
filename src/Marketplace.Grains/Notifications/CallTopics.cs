namespace Marketplace.Grains.Notifications;

/// <summary>
/// The topics of calls to act in the inboxes (<see cref="Contracts.Notifications.CallToAct.Topic"/>): a wrap-up's own
/// steps, ordered by its journal position; and a project's steps after a handover did not complete (award another
/// entry, choose again, enter again), ordered by the award attempt that ended, and ended by the project when it moves on;
/// and the buyer's time to choose a winner, ended by the award or the project's closing.
/// </summary>
internal static class CallTopics
{
    public static string WrapUp(string wrapUpId) => "wrapup/" + wrapUpId;

    public static string Project(string projectId) => "project/" + projectId;

    /// <summary>The buyer's calls to choose a winner (entries closed, the reminder), ordered by selection round.</summary>
    public static string Choosing(string projectId) => $"project/{projectId}/choosing";

    /// <summary>
    /// The buyer's calls to answer questions about the brief, one per question (position = its number): each ends when
    /// it is answered, set aside or hidden, and all of them when the project stops taking answers (awarded or closed).
    /// </summary>
    public static string Questions(string projectId) => $"project/{projectId}/questions";
}

namespace Marketplace.Grains.Users;

/// <summary>Configuration section <c>Marketplace:Users</c>: how accounts are looked after.</summary>
public sealed class UserRulesOptions
{
    public const string SectionName = "Marketplace:Users";

    /// <summary>
    /// How soon, and then how often, the removal reminder finishes a removal whose fan-out a failure interrupted
    /// (default 1 minute; Orleans refuses reminder periods under its <c>MinimumReminderPeriod</c>, 1 minute unless configured).
    /// </summary>
    public TimeSpan RemovalRetryEvery { get; set; } = TimeSpan.FromMinutes(1);
}

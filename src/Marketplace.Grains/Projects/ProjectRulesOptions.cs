namespace Marketplace.Grains.Projects;

/// <summary>Configuration section <c>Marketplace:Projects</c>: limits a brief must respect.</summary>
public sealed class ProjectRulesOptions
{
    public const string SectionName = "Marketplace:Projects";

    /// <summary>The smallest prize, in minor units (default 50.00).</summary>
    public long MinimumPrizeMinor { get; set; } = 5_000;

    /// <summary>The shortest time between opening and the entry deadline (default 1 day).</summary>
    public TimeSpan MinimumEntryPeriod { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The longest entry period (default 60 days).</summary>
    public TimeSpan MaximumEntryPeriod { get; set; } = TimeSpan.FromDays(60);

    /// <summary>Selection windows allowed (default 1 to 30 days).</summary>
    public TimeSpan MinimumSelectionWindow { get; set; } = TimeSpan.FromDays(1);
    public TimeSpan MaximumSelectionWindow { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How long before the selection deadline the buyer is reminded to choose, if they have not (default 2 days; zero
    /// sends no reminder). Never earlier than halfway through the window, so a short window's "time to choose" notice is
    /// not followed at once by its reminder.
    /// </summary>
    public TimeSpan SelectionReminderBefore { get; set; } = TimeSpan.FromDays(2);

    /// <summary>When staff reopen a project, how long it takes entries again (default 7 days).</summary>
    public TimeSpan ReopenedEntryPeriod { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How many questions about a brief one creative may have waiting for the buyer's answer at a time (default 3).</summary>
    public int MaxUnansweredQuestions { get; set; } = 3;
}

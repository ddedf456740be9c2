namespace Marketplace.Grains.Reports;

/// <summary>Configuration section <c>Marketplace:Reports</c>: reports of entries to staff.</summary>
public sealed class ReportRulesOptions
{
    public const string SectionName = "Marketplace:Reports";

    /// <summary>How many open reports one person may have at once (default 20), so nobody can flood staff.</summary>
    public int MaxOpenPerReporter { get; set; } = 20;

    /// <summary>The longest note with a report.</summary>
    public const int MaxNote = 1000;
}

using Marketplace.Contracts.Reports;

namespace Marketplace.Web.Presentation;

/// <summary>The reasons for reporting an entry in the words the form and the staff pages use.</summary>
public static class ReportWords
{
    public static string Label(ReportReason reason) => reason switch
    {
        ReportReason.CopiesAnotherEntry => "Copies another entry",
        ReportReason.UsesSomeoneElsesWork => "Uses someone else's work (stock art, another company's logo)",
        ReportReason.Offensive => "Offensive",
        ReportReason.NotForThisBrief => "Not a design for this brief, or spam",
        _ => "Something else",
    };

    /// <summary>Short labels for the staff list.</summary>
    public static string Short(ReportReason reason) => reason switch
    {
        ReportReason.CopiesAnotherEntry => "Copies another entry",
        ReportReason.UsesSomeoneElsesWork => "Someone else's work",
        ReportReason.Offensive => "Offensive",
        ReportReason.NotForThisBrief => "Not for this brief",
        _ => "Something else",
    };

    /// <summary>Each reason's form value and label, in the order the form lists them.</summary>
    public static IEnumerable<(string Code, string Label)> Choices =>
        ReportReasons.ByCode.Select(r => (r.Key, Label(r.Value)));

    public static string Outcome(ReportResolution resolution) => resolution.Outcome switch
    {
        ReportOutcome.Dismissed => "Dismissed: left in the contest",
        ReportOutcome.Removed => resolution.ByUserId is null ? "Removed with the creative's account" : "Entry removed",
        _ => "Withdrawn by the creative",
    };
}

using Marketplace.Contracts.WrapUps;

namespace Marketplace.Web.Pages.WrapUps;

/// <summary>The signed transfer agreement of a handover, in words (<see cref="AgreementLines"/>), for the pages' signature list.</summary>
public sealed record AgreementRecord(string Version, IReadOnlyList<string> Lines)
{
    /// <param name="nameOf">A person's name as the reader sees it ("You", "Bea Baker", "Staff (Sam)").</param>
    public static AgreementRecord Of(WrapUpView w, Func<string, string> nameOf, TimeZoneInfo zone) =>
        new(w.AgreementVersion, AgreementLines.Of(w, nameOf, zone));
}

using Marketplace.Contracts.WrapUps;
using Marketplace.Web.Presentation;

namespace Marketplace.Web.Pages.WrapUps;

/// <summary>
/// The signed transfer agreement of a handover, in words: "Bea Baker signed on 23 Nov 2026, 18:39 CET", or "Signed by
/// staff (Sam) for Dev Designer with consent (phone call, 22 Nov 2026, 10:00 UTC), on …". The consent comes from the
/// timeline step that recorded the signature, where the wrap-up keeps it.
/// </summary>
public sealed record AgreementRecord(string Version, IReadOnlyList<string> Lines)
{
    /// <param name="nameOf">A person's name as the reader sees it ("You", "Bea Baker", "Staff (Sam)").</param>
    public static AgreementRecord Of(WrapUpView w, Func<string, string> nameOf, TimeZoneInfo zone)
    {
        var lines = w.Signatures.Select(s => Line(s, w, nameOf, zone)).ToList();
        return new AgreementRecord(w.AgreementVersion, lines);
    }

    private static string Line(SignatureView s, WrapUpView w, Func<string, string> nameOf, TimeZoneInfo zone)
    {
        var version = s.AgreementVersion == w.AgreementVersion ? "" : $" (version {s.AgreementVersion})";
        if (s.SignedBy == s.PartyId)
        {
            return $"{nameOf(s.PartyId)} signed{version} on {Display.DateTime(s.At, zone)}.";
        }

        var step = w.Timeline.LastOrDefault(t => t.Kind == "AgreementSigned" && t.OnBehalfOf == s.PartyId && t.ActorId == s.SignedBy);
        if (step?.Consent is { How: Consent.NotPossibleBuyerRemoved } || (step?.Consent is null && w.BuyerRemoved && s.PartyId == w.BuyerId))
        {
            // Nobody can consent for a closed account: staff signed in the buyer's place, and the record says so.
            return $"Signed by {MidSentence(nameOf(s.SignedBy))} in {nameOf(s.PartyId)}'s place (their account was closed){version}, on {Display.DateTime(s.At, zone)}.";
        }

        var consent = step?.Consent is { } c ? $" with consent ({c.How}, {Display.DateTime(c.GivenAt, zone)})" : " with consent";
        return $"Signed by {MidSentence(nameOf(s.SignedBy))} for {MidSentence(nameOf(s.PartyId))}{consent}{version}, on {Display.DateTime(s.At, zone)}.";
    }

    /// <summary>"Staff (Sam)" reads "staff (Sam)" mid-sentence, "You" "you"; a person's name stays as it is.</summary>
    private static string MidSentence(string name) => name.StartsWith("Staff", StringComparison.Ordinal) || name == "You" ? char.ToLowerInvariant(name[0]) + name[1..] : name;
}

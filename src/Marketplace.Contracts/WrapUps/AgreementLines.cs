namespace Marketplace.Contracts.WrapUps;

/// <summary>
/// The signed transfer agreement of a handover, one line per signature: "Bea Baker signed on 23 Nov 2026, 18:39 CET",
/// or "Signed by staff (Sam) for Dev Designer with consent (phone call, 22 Nov 2026, 10:00 UTC), on …". The consent
/// comes from the timeline step that recorded the signature, where the wrap-up keeps it. Shared by the pages (in the
/// reader's zone) and the zip's README.txt, written on the silos (in UTC).
/// </summary>
public static class AgreementLines
{
    /// <param name="nameOf">A person's name as the reader sees it ("You", "Bea Baker", "Staff (Sam)").</param>
    public static IReadOnlyList<string> Of(WrapUpView w, Func<string, string> nameOf, TimeZoneInfo zone) =>
        w.Signatures.Select(s => Line(s, w, nameOf, zone)).ToList();

    private static string Line(SignatureView s, WrapUpView w, Func<string, string> nameOf, TimeZoneInfo zone)
    {
        var version = s.AgreementVersion == w.AgreementVersion ? "" : $" (version {s.AgreementVersion})";
        if (s.SignedBy == s.PartyId)
        {
            return $"{nameOf(s.PartyId)} signed{version} on {When(s.At, zone)}.";
        }

        var step = w.Timeline.LastOrDefault(t => t.Kind == "AgreementSigned" && t.OnBehalfOf == s.PartyId && t.ActorId == s.SignedBy);
        if (step?.Consent is { How: Consent.NotPossibleBuyerRemoved } || (step?.Consent is null && w.BuyerRemoved && s.PartyId == w.BuyerId))
        {
            // Nobody can consent for a closed account: staff signed in the buyer's place, and the record says so.
            return $"Signed by {MidSentence(nameOf(s.SignedBy))} in {nameOf(s.PartyId)}'s place (their account was closed){version}, on {When(s.At, zone)}.";
        }

        var consent = step?.Consent is { } c ? $" with consent ({c.How}, {When(c.GivenAt, zone)})" : " with consent";
        return $"Signed by {MidSentence(nameOf(s.SignedBy))} for {MidSentence(nameOf(s.PartyId))}{consent}{version}, on {When(s.At, zone)}.";
    }

    /// <summary>"3 Dec 2026, 18:00 CET": the pages' date and time format, never without its zone.</summary>
    public static string When(DateTimeOffset at, TimeZoneInfo zone) => LocalTimes.Format(at, zone, "d MMM yyyy, HH:mm");

    /// <summary>"Staff (Sam)" reads "staff (Sam)" mid-sentence, "You" "you"; a person's name stays as it is.</summary>
    private static string MidSentence(string name) => name.StartsWith("Staff", StringComparison.Ordinal) || name == "You" ? char.ToLowerInvariant(name[0]) + name[1..] : name;
}

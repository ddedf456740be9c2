using System.Text;
using Marketplace.Contracts.Files;
using Marketplace.Contracts.WrapUps;

namespace Marketplace.Grains.WrapUps;

/// <summary>
/// README.txt of "Download all files": the project, both parties, the agreement version, who signed when, and each
/// file's size and SHA-256, so the rights record travels with the files and they can be matched to it later. In UTC: a
/// neutral record both parties read, the same bytes for every download.
/// </summary>
internal static class HandoverRecordText
{
    public const string FileName = "README.txt";

    /// <param name="nameOf">Each party's name, and "Staff (Sam)" for staff who signed for one.</param>
    /// <param name="siteUrl">The site's public address, for the agreement's full text.</param>
    public static string Of(WrapUpView view, IReadOnlyList<FinalFile> finals, Func<string, string> nameOf, string siteUrl)
    {
        var text = new StringBuilder();
        text.AppendLine($"{view.ProjectTitle}: final files").AppendLine();
        text.AppendLine($"Project: {view.ProjectTitle}");
        text.AppendLine($"Creative: {nameOf(view.CreativeId)}");
        text.AppendLine($"Buyer: {nameOf(view.BuyerId)}");
        if (view.Outcome == WrapUpOutcome.Completed && view.Timeline.LastOrDefault(t => t.Kind == "Ended") is { } ended)
        {
            text.AppendLine($"Handover completed: {AgreementLines.When(ended.At, TimeZoneInfo.Utc)}");
        }

        text.AppendLine().AppendLine($"Design transfer agreement, version {view.AgreementVersion}");
        foreach (var line in AgreementLines.Of(view, nameOf, TimeZoneInfo.Utc)) text.AppendLine(line);
        text.AppendLine(view.Outcome == WrapUpOutcome.Completed
            ? $"It took effect when the prize was released: the rights in these files belong to {nameOf(view.BuyerId)}."
            : "It takes effect only when both have signed and the prize is released; until then the rights stay with the creative.");
        text.AppendLine($"Its full text: {siteUrl.TrimEnd('/')}/wrapups/{view.WrapUpId}/agreement");

        text.AppendLine().AppendLine("Files:");
        foreach (var final in finals)
        {
            text.AppendLine($"- {final.File.FileName} ({FileSizes.Describe(final.File.Bytes)}, SHA-256 {final.File.Sha256})");
        }

        return text.ToString();
    }

    /// <summary>
    /// The files' date inside the zip: when they were delivered, the same for every download of that delivery (a zip
    /// cannot date anything before 1980, the last resort for a handover with no delivery and no timeline).
    /// </summary>
    public static DateTimeOffset FilesTime(WrapUpView view) =>
        view.LatestDelivery?.At ?? view.Timeline.LastOrDefault()?.At ?? new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
}

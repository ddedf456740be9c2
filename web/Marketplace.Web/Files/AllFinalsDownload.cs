using System.Text;
using Marketplace.Contracts;
using Marketplace.Contracts.Projects;
using Marketplace.Contracts.Users;
using Marketplace.Contracts.WrapUps;
using Marketplace.Web.Accounts;
using Marketplace.Web.Pages.WrapUps;
using Marketplace.Web.Presentation;
using Microsoft.Net.Http.Headers;

namespace Marketplace.Web.Files;

/// <summary>
/// "Download all files": the latest delivery's finals in one zip with a README.txt recording the transfer (project,
/// creative, buyer, agreement version, who signed when), so the buyer keeps the rights record with the files. Whoever
/// may download each final may download them all: the wrap-up grain decides. The zip is built once and kept in storage
/// (<see cref="FinalFilesZip.OpenBuiltAsync"/>), then sent like any single file: with its length, and resumable.
/// </summary>
public static class AllFinalsDownload
{
    public const string RecordFileName = "README.txt";

    /// <summary>The page's address for the zip of a handover's finals.</summary>
    public static string PathFor(string wrapUpId) => $"/wrapups/{wrapUpId}/files/all.zip";

    public static async Task<IResult> ServeAsync(string projectId, int attempt, IGrainFactory grains, FinalFilesZip zip, HttpContext http, CancellationToken cancellationToken)
    {
        if (!Ids.IsWellFormed(projectId) || attempt < 1) throw MarketplaceException.NotFound("There is no handover at this address.");
        var actor = http.User.RequireActor();
        var wrapUp = grains.GetGrain<IWrapUpGrain>(WrapUpIds.For(projectId, attempt));
        var finals = await wrapUp.GetFinalsForDownloadAsync(actor);
        var view = await wrapUp.GetAsync(actor);
        var record = await RecordAsync(view, finals, grains, $"{http.Request.Scheme}://{http.Request.Host}");
        // Built (or found) before the first byte goes out, so a missing file is a clear answer, not a cut-off download.
        var (built, missing) = await zip.OpenBuiltAsync(finals, [(RecordFileName, record)], FilesTime(view), cancellationToken);
        if (built is null)
        {
            throw MarketplaceException.NotFound($"{missing!.File.FileName} is no longer in storage, so the zip cannot be made. Download the other files one by one, and contact help.");
        }

        return FileEndpoints.ResumableDownload(built, "application/zip", ZipName(view.ProjectTitle), EntityTagHeaderValue.Parse(built.Properties.ETag), http);
    }

    /// <summary>
    /// The files' date inside the zip: when they were delivered, the same for every download of that delivery (a zip
    /// cannot date anything before 1980, the last resort for a handover with no delivery and no timeline).
    /// </summary>
    private static DateTimeOffset FilesTime(WrapUpView view) =>
        view.LatestDelivery?.At ?? view.Timeline.LastOrDefault()?.At ?? new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>"Lotus menu - final files.zip": the project's title without characters a file system refuses.</summary>
    public static string ZipName(string projectTitle)
    {
        var invalid = Path.GetInvalidFileNameChars().Concat(['"', '<', '>', '|', ':', '*', '?', '\\', '/']).ToHashSet();
        var safe = new string(projectTitle.Select(c => invalid.Contains(c) || char.IsControl(c) ? ' ' : c).ToArray());
        safe = string.Join(' ', safe.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Trim('.', ' ');
        if (safe.Length > 80) safe = safe[..80].TrimEnd('.', ' ');
        return (safe.Length == 0 ? "Handover" : safe) + " - final files.zip";
    }

    /// <summary>The rights record, in the words of the handover page, with each file's size and SHA-256 so the files can be matched to it later.</summary>
    public static async Task<string> RecordAsync(WrapUpView view, IReadOnlyList<FinalFile> finals, IGrainFactory grains, string siteOrigin)
    {
        var names = new Dictionary<string, string>();
        foreach (var id in view.Signatures.SelectMany(s => new[] { s.PartyId, s.SignedBy }).Append(view.BuyerId).Append(view.CreativeId).Distinct())
        {
            names[id] = await NameAsync(grains, id, view);
        }

        var text = new StringBuilder();
        text.AppendLine($"{view.ProjectTitle}: final files").AppendLine();
        text.AppendLine($"Project: {view.ProjectTitle}");
        text.AppendLine($"Creative: {names[view.CreativeId]}");
        text.AppendLine($"Buyer: {names[view.BuyerId]}");
        if (view.Outcome == WrapUpOutcome.Completed && view.Timeline.LastOrDefault(t => t.Kind == "Ended") is { } ended)
        {
            text.AppendLine($"Handover completed: {Display.DateTime(ended.At, TimeZoneInfo.Utc)}");
        }

        text.AppendLine().AppendLine($"Design transfer agreement, version {view.AgreementVersion}");
        var record = AgreementRecord.Of(view, id => names.GetValueOrDefault(id, "Marketplace staff"), TimeZoneInfo.Utc);
        foreach (var line in record.Lines) text.AppendLine(line);
        text.AppendLine(view.Outcome == WrapUpOutcome.Completed
            ? $"It took effect when the prize was released: the rights in these files belong to {names[view.BuyerId]}."
            : "It takes effect only when both have signed and the prize is released; until then the rights stay with the creative.");
        text.AppendLine($"Its full text: {siteOrigin}/wrapups/{view.WrapUpId}/agreement");

        text.AppendLine().AppendLine("Files:");
        foreach (var final in finals)
        {
            text.AppendLine($"- {final.File.FileName} ({Display.Bytes(final.File.Bytes)}, SHA-256 {final.File.Sha256})");
        }

        return text.ToString();
    }

    private static async Task<string> NameAsync(IGrainFactory grains, string userId, WrapUpView view)
    {
        string? name;
        try
        {
            name = (await grains.GetGrain<IUserGrain>(userId).GetCardAsync()).DisplayName;
        }
        catch (MarketplaceException)
        {
            name = null;
        }

        var party = userId == view.BuyerId || userId == view.CreativeId;
        return party ? name ?? (userId == view.BuyerId ? "The buyer" : "The creative")
            : string.IsNullOrEmpty(name) ? "Marketplace staff" : $"Staff ({name})";
    }
}

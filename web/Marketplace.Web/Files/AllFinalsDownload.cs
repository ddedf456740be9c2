using Marketplace.Contracts;
using Marketplace.Contracts.Files;
using Marketplace.Contracts.Projects;
using Marketplace.Contracts.WrapUps;
using Marketplace.Web.Accounts;
using Marketplace.Web.Presentation;
using Microsoft.Net.Http.Headers;

namespace Marketplace.Web.Files;

/// <summary>
/// "Download all files": the latest delivery's finals in one zip with a README.txt recording the transfer (project,
/// creative, buyer, agreement version, who signed when), so the buyer keeps the rights record with the files. Whoever
/// may download each final may download them all: the wrap-up grain decides, and says what the zip holds; the silos
/// build it (usually ahead, when the handover completes) and keep it in storage (<see cref="BuiltZips"/>), and it is
/// sent like any single file: with its length, and resumable.
/// </summary>
public static class AllFinalsDownload
{
    /// <summary>The page's address for the zip of a handover's finals.</summary>
    public static string PathFor(string wrapUpId) => $"/wrapups/{wrapUpId}/files/all.zip";

    /// <summary>What the archive holds before compression: the finals' bytes added up, said before the tap.</summary>
    public static long TotalBytes(IEnumerable<FinalFile> finals) => finals.Sum(f => f.File.Bytes);

    public static async Task<IResult> ServeAsync(string projectId, int attempt, IGrainFactory grains, BuiltZips zips, HttpContext http, CancellationToken cancellationToken)
    {
        if (!Ids.IsWellFormed(projectId) || attempt < 1) throw MarketplaceException.NotFound("There is no handover at this address.");
        var actor = http.User.RequireActor();
        var wrapUp = grains.GetGrain<IWrapUpGrain>(WrapUpIds.For(projectId, attempt));
        var contents = await wrapUp.GetFinalsZipAsync(actor);
        var view = await wrapUp.GetAsync(actor);
        // Opened (built if need be) before the first byte goes out, so a missing file is a clear answer, not a cut-off download.
        var (built, missing, failure) = await zips.OpenAsync(contents, cancellationToken);
        if (failure is not null) return BuiltZips.FailedAnswer(failure);
        if (missing is not null)
        {
            throw MarketplaceException.NotFound($"{missing.FileName} is no longer in storage, so the zip cannot be made. Download the other files one by one, and contact help.");
        }

        if (built is null) return BuiltZips.StillBuildingAnswer(http, contents.Files.Sum(f => f.Bytes));
        return FileEndpoints.ResumableDownload(built, "application/zip", ZipName(view.ProjectTitle), EntityTagHeaderValue.Parse(built.Properties.ETag), http);
    }

    /// <summary>
    /// Where the zip stands, for its button's script (<c>GET …/files/zip-status</c>): the same rule as the zip itself, and
    /// asking starts the build when none runs, so the button that says "Preparing" is not waiting on nothing.
    /// </summary>
    public static async Task<IResult> StatusAsync(string projectId, int attempt, IGrainFactory grains, BuiltZips zips, HttpContext http)
    {
        if (!Ids.IsWellFormed(projectId) || attempt < 1) throw MarketplaceException.NotFound("There is no handover at this address.");
        var contents = await grains.GetGrain<IWrapUpGrain>(WrapUpIds.For(projectId, attempt)).GetFinalsZipAsync(http.User.RequireActor());
        http.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.Ok(await StatusOfAsync(zips, contents, PathFor(WrapUpIds.For(projectId, attempt))));
    }

    public static async Task<ZipStatusAnswer> StatusOfAsync(BuiltZips zips, ZipContents contents, string downloadUrl) =>
        ZipStatusAnswer.Of(await zips.StatusAsync(contents), contents.Files.Sum(f => f.Bytes), downloadUrl);

    /// <summary>"Lotus menu - final files.zip": the project's title without characters a file system refuses.</summary>
    public static string ZipName(string projectTitle)
    {
        var invalid = Path.GetInvalidFileNameChars().Concat(['"', '<', '>', '|', ':', '*', '?', '\\', '/']).ToHashSet();
        var safe = new string(projectTitle.Select(c => invalid.Contains(c) || char.IsControl(c) ? ' ' : c).ToArray());
        safe = string.Join(' ', safe.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Trim('.', ' ');
        if (safe.Length > 80) safe = safe[..80].TrimEnd('.', ' ');
        return (safe.Length == 0 ? "Handover" : safe) + " - final files.zip";
    }
}

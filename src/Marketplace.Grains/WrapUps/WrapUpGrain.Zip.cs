using Marketplace.Contracts;
using Marketplace.Contracts.Files;
using Marketplace.Contracts.WrapUps;
using Microsoft.Extensions.Logging;

namespace Marketplace.Grains.WrapUps;

/// <summary>
/// "Download all files": what the zip holds (the latest delivery's finals and README.txt), and building it ahead, on the
/// silos (<see cref="IZipBuildGrain"/>), as soon as someone may download it, so their first tap streams at once.
/// </summary>
public sealed partial class WrapUpGrain
{
    public async Task<ZipContents> GetFinalsZipAsync(Actor actor)
    {
        var finals = await GetFinalsForDownloadAsync(actor);
        return await FinalsZipAsync(finals);
    }

    /// <summary>
    /// One zip for everyone who may download it (the buyer, the creative, staff): the record is written from the
    /// handover as staff see it, which names the same signatures and consents every party's page shows.
    /// </summary>
    private async Task<ZipContents> FinalsZipAsync(IReadOnlyList<FinalFile> finals)
    {
        var view = await RecordViewAsync();
        var names = State.Journal.Select(e => e.Event).OfType<Ended>().LastOrDefault()?.RecordNames ?? await RecordNamesAsync(view);
        var record = HandoverRecordText.Of(view, finals, id => names.GetValueOrDefault(id, "Marketplace staff"), email.Value.SiteUrl);
        return new ZipContents(finals.Select(f => f.File).ToArray(), [new ZipText(HandoverRecordText.FileName, record)], HandoverRecordText.FilesTime(view)) { HandoverId = Id };
    }

    public async Task ZipKeepsFailingAsync(Actor actor, string reason)
    {
        actor.RequireSystem("report a zip that keeps failing");
        if (State.Start is null || ZipFailureQueued) return;
        Record(Actor.System, WrapUpRoles.System, new ZipKeptFailing(reason));
        await CommitAsync();
    }

    public async Task ZipBuiltAsync(Actor actor)
    {
        actor.RequireSystem("report a zip built after failing");
        if (!ZipFailureQueued) return;
        Record(Actor.System, WrapUpRoles.System, new ZipBuiltAfterFailing());
        await CommitAsync();
    }

    public async Task<WrapUpView> RetryZipAsync(Actor actor)
    {
        await RequireHolderAsync(actor, "build the zip again", zipCaseAfterEnd: true);
        if (!ZipFailureQueued)
        {
            throw MarketplaceException.Conflict("This case is not about a zip that keeps failing, so there is no zip to build again.");
        }

        var statuses = new List<ZipBuildStatus>();
        foreach (var zip in await ZipsOfThisHandoverAsync())
        {
            statuses.Add(await grains.GetGrain<IZipBuildGrain>(zip.BlobName()).RetryNowAsync(Actor.System, zip));
        }

        if (statuses.FirstOrDefault(s => s.State == ZipBuildState.FileMissing)?.Missing is { } missing)
        {
            // Nothing is recorded: building again cannot bring a lost file back.
            throw MarketplaceException.Conflict($"{missing.FileName} is no longer in storage, so building the zip again cannot help. The buyer can still download the other files one by one; send them this one another way, then close the case with a note saying how.");
        }

        // Every zip is stored (built meanwhile, and its grain had nothing left to report): the case is over.
        Record(actor, WrapUpRoles.Staff, statuses.All(s => s.State == ZipBuildState.Ready) ? new ZipBuiltAfterFailing() : new ZipRetried());
        await CommitAsync();
        return View(actor, WrapUpRoles.Staff);
    }

    /// <summary>
    /// Every zip someone may still download: the buyer's once the handover completed, and each delivery link's still
    /// usable (not expired unused, not past its resume window).
    /// </summary>
    private async Task<IReadOnlyList<ZipContents>> ZipsOfThisHandoverAsync()
    {
        var zips = new List<ZipContents>();
        if (State.Outcome == WrapUpOutcome.Completed && State.LatestDelivery is { } delivery)
        {
            zips.Add(await FinalsZipAsync(delivery.Files));
        }

        foreach (var link in State.Links.Where(l => l.UsedAt is { } used ? Now < used + Options.DeliveryLinkResumeWindow : Now < l.ExpiresAt))
        {
            zips.Add(Preview(link).Zip());
        }

        return zips.DistinctBy(z => z.BlobName()).ToList();
    }

    /// <summary>Staff were told already (and have not closed the case): a second report would be a second alert for one cause.</summary>
    private bool ZipFailureQueued => State.Case?.Reasons.Contains(MediationReason.ZipFailed) == true;

    private async Task<WrapUpView> RecordViewAsync()
    {
        await LoadPartyNamesAsync();
        return WrapUpViews.For(State, Id, WrapUpRoles.Staff, Actor.System.UserId, Now, canDownload: true, fees.Value, PartyNameOf);
    }

    /// <summary>The record's names as they are at completion, kept in the journal; null (names read at each download, as before) when they cannot be read now, so completing never fails for it.</summary>
    private async Task<Dictionary<string, string>?> NamesAtCompletionAsync()
    {
        try
        {
            return await RecordNamesAsync(await RecordViewAsync());
        }
        catch (Exception e)
        {
            LogNamesNotKept(logger, e, Id);
            return null;
        }
    }

    /// <summary>The parties by name ("The buyer" when unknown); staff who signed for a party as "Staff (Sam)".</summary>
    private async Task<Dictionary<string, string>> RecordNamesAsync(WrapUpView view)
    {
        var names = new Dictionary<string, string>();
        foreach (var id in view.Signatures.SelectMany(s => new[] { s.PartyId, s.SignedBy }).Append(view.BuyerId).Append(view.CreativeId).Distinct())
        {
            var name = (await ActorChecks.CardOfAsync(grains, id))?.DisplayName;
            names[id] = id == view.BuyerId ? name ?? "The buyer"
                : id == view.CreativeId ? name ?? "The creative"
                : string.IsNullOrEmpty(name) ? "Marketplace staff" : $"Staff ({name})";
        }

        return names;
    }

    /// <summary>The buyer may now download everything (the handover completed): their zip is built before they ask.</summary>
    private void BuildFinalsZipAhead()
    {
        if (State.Outcome == WrapUpOutcome.Completed && State.LatestDelivery is { } delivery)
        {
            BuildZipAhead(() => FinalsZipAsync(delivery.Files));
        }
    }

    /// <summary>
    /// Asks for the zip without waiting for it (the build grain answers at once and builds on), and never fails the
    /// step that asked: when this fails, the first download builds the zip as it would have anyway.
    /// </summary>
    private void BuildZipAhead(Func<Task<ZipContents>> contents) => _ = BuildZipAheadAsync(contents);

    private async Task BuildZipAheadAsync(Func<Task<ZipContents>> contents)
    {
        try
        {
            var zip = await contents();
            await grains.GetGrain<IZipBuildGrain>(zip.BlobName()).EnsureBuiltAsync(zip);
        }
        catch (Exception e)
        {
            LogZipNotBuiltAhead(logger, e, Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Wrap-up {WrapUpId} completed without keeping its record's names; its zip names the parties as they are when downloaded")]
    private static partial void LogNamesNotKept(ILogger logger, Exception exception, string wrapUpId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Wrap-up {WrapUpId} could not ask for its zip to be built ahead; the first download builds it")]
    private static partial void LogZipNotBuiltAhead(ILogger logger, Exception exception, string wrapUpId);
}

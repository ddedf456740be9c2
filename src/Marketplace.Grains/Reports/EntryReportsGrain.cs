using Marketplace.Contracts;
using Marketplace.Contracts.Entries;
using Marketplace.Contracts.Notifications;
using Marketplace.Contracts.Projects;
using Marketplace.Contracts.Reports;
using Marketplace.Contracts.WrapUps;
using Marketplace.Grains.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Marketplace.Grains.Reports;

[GenerateSerializer]
public sealed class EntryReportsRecord
{
    [Id(0)] public string? ProjectId { get; set; }
    [Id(1)] public string ProjectTitle { get; set; } = "";
    [Id(2)] public int EntryNumber { get; set; }
    [Id(3)] public string CreativeId { get; set; } = "";
    [Id(4)] public string CreativeName { get; set; } = "";
    [Id(5)] public List<EntryReport> Open { get; set; } = [];
    [Id(6)] public List<ReportResolution> Resolved { get; set; } = [];

    /// <summary>The reporters' outcome notices, stored with the resolution until their inboxes took them (<see cref="NoticeOutbox"/>).</summary>
    [Id(7)] public List<PendingNotice> PendingNotices { get; set; } = [];

    [Id(8)] public int NoticesIssued { get; set; }
}

/// <summary>
/// The reports of one entry. It asks the project about the entry (its gallery is the truth about status, number and
/// creative) and tells the staff list; the entry grain tells it when the entry leaves the gallery. It never calls the
/// entry grain, so a removal (entry → reports) and a report (reports → project) can never wait on each other.
/// </summary>
public sealed partial class EntryReportsGrain(
    [PersistentState("entryreports", StorageNames.GrainStorage)] IPersistentState<EntryReportsRecord> reports,
    IGrainFactory grains,
    [FromKeyedServices(MarketplaceClock.Key)] TimeProvider clock,
    ILogger<EntryReportsGrain> logger) : Grain, IEntryReportsGrain, IRemindable
{
    private EntryReportsRecord S => reports.State;
    private string Id => this.GetPrimaryKeyString();
    private DateTimeOffset Now => clock.GetUtcNow();
    private IReportQueueGrain Queue => grains.GetGrain<IReportQueueGrain>(IReportQueueGrain.Key);

    public async Task<EntryReport> ReportAsync(Actor actor, string projectId, ReportRequest request)
    {
        await grains.RequireActiveAsync(actor, UserRoles.None, "report an entry");
        ArgumentNullException.ThrowIfNull(request);
        var project = grains.GetGrain<IProjectGrain>(ActorChecks.RequireText(projectId, "the project", 200));
        var item = await project.GetEntryAsync(Actor.System, Id);
        RequireNotOwnEntry(actor, item);
        RequireInGallery(item);
        var gallery = await project.GetGalleryAsync(Actor.System);
        var report = Validated(actor, request, item, gallery);
        RequireNoStandingReport(actor);

        Remember(projectId, gallery.Title, item);
        var open = S.Open.Append(report).ToList();
        try
        {
            // The list checks the person's cap and stores the report first: refused there, nothing is stored here. If
            // this write then fails, staff opening the entry put the list right (GetAsync).
            await Queue.UpsertAsync(Actor.System, Listed(open), actor.UserId);
        }
        catch
        {
            // Forget what Remember changed in memory: the next call reloads what storage holds.
            DeactivateOnIdle();
            throw;
        }

        S.Open = open;
        await reports.SaveAsync(this);
        return report;
    }

    public Task<EntryReport?> GetMineAsync(Actor actor) =>
        Task.FromResult(actor.IsSystem ? null : S.Open.FirstOrDefault(r => r.ReporterId == actor.UserId));

    public async Task<EntryReportsView> GetAsync(Actor actor)
    {
        await grains.RequireStaffAsync(actor, "see reports of entries");
        RequireReported();
        var item = await ProjectOf().GetEntryAsync(Actor.System, Id);
        if (!item.Status.IsInGallery() && S.Open.Count > 0)
        {
            // The entry left without telling us (its call failed): its reports end as they would have.
            await ResolveAsync(OutcomeOf(item.Status), null, null);
        }

        await Queue.UpsertAsync(Actor.System, Listed(S.Open), null);
        return await ViewAsync(item, actor);
    }

    public async Task<EntryReportsView> DismissAsync(Actor actor, string note)
    {
        await grains.RequireStaffAsync(actor, "dismiss reports");
        RequireReported();
        var recorded = ActorChecks.RequireText(note, "a note for the record", ReportRulesOptions.MaxNote);
        var item = await ProjectOf().GetEntryAsync(Actor.System, Id);
        if (S.Open.Count > 0)
        {
            // An entry that already left cannot stay in the contest: its reports end as its leaving would have ended them.
            await (item.Status.IsInGallery()
                ? ResolveAsync(ReportOutcome.Dismissed, actor.UserId, recorded, await ContestRunsAsync())
                : ResolveAsync(OutcomeOf(item.Status), null, null));
        }

        return await ViewAsync(item, actor);
    }

    /// <summary>While entries may still win, a dismissed entry stays "in the contest"; after that, only in the gallery.</summary>
    private async Task<bool> ContestRunsAsync() =>
        (await ProjectOf().GetGalleryAsync(Actor.System)).State is ProjectState.Open or ProjectState.Selecting;

    public async Task EntryLeftAsync(Actor actor, EntryStatus status, string? staffId, string? note)
    {
        actor.RequireSystem("close an entry's reports");
        if (S.Open.Count > 0)
        {
            await ResolveAsync(OutcomeOf(status), staffId, note);
        }
    }

    /// <summary>
    /// Ends every open report in one write with the reporters' notices (each told once), then hands the notices over and
    /// takes the entry off the staff list. A failed list update is put right when staff next open the entry.
    /// </summary>
    private async Task ResolveAsync(ReportOutcome outcome, string? byUserId, string? note, bool contestRuns = true)
    {
        var resolved = S.Open.ToList();
        S.Resolved.Add(new ReportResolution(outcome, byUserId, note, Now, resolved));
        foreach (var reporter in resolved.Select(r => r.ReporterId).Distinct())
        {
            TellOutcome(reporter, outcome, contestRuns);
        }

        S.Open = [];
        await reports.SaveAsync(this);
        await HandOverNoticesAsync();
        await Queue.UpsertAsync(Actor.System, Listed(S.Open), null);
    }

    private async Task<EntryReportsView> ViewAsync(GalleryItem item, Actor staff)
    {
        var project = ProjectOf();
        var gallery = await project.GetGalleryAsync(Actor.System);
        var latest = S.Open.Count > 0 ? S.Open : S.Resolved.LastOrDefault()?.Reports ?? [];
        var copied = new List<GalleryItem>();
        foreach (var copiedId in latest.Select(r => r.CopiesEntryId).OfType<string>().Distinct())
        {
            copied.Add(await project.GetEntryAsync(Actor.System, copiedId));
        }

        var people = S.Open.Concat(S.Resolved.SelectMany(r => r.Reports)).Select(r => r.ReporterId)
            .Concat(S.Resolved.Select(r => r.ByUserId).OfType<string>())
            .Append(item.CreativeId)
            .Distinct();
        var names = new Dictionary<string, string>();
        foreach (var person in people)
        {
            names[person] = (await ActorChecks.CardOfAsync(grains, person))?.DisplayName ?? "A former member";
        }

        return new EntryReportsView(Listed(S.Open), item, copied.OrderBy(c => c.Number).ToList(), gallery.State, names, S.Resolved.ToList())
        {
            Winner = await WinningHandoverAsync(staff),
        };
    }

    /// <summary>The handover this entry won, if it is the project's winner and a handover ran (staff read it for the page).</summary>
    private async Task<WinningHandover?> WinningHandoverAsync(Actor staff)
    {
        var project = await ProjectOf().GetAsync(Actor.System);
        if (project.WinnerEntryId != Id || project.State is not (ProjectState.Awarded or ProjectState.Completed))
        {
            return null;
        }

        var wrapUpId = project.ActiveWrapUpId ?? WrapUpIds.For(project.Id, project.Attempt);
        if (project.State == ProjectState.Awarded)
        {
            return new WinningHandover(wrapUpId, Running: true, null, null);
        }

        var handover = await grains.GetGrain<IWrapUpGrain>(wrapUpId).GetAsync(staff);
        return new WinningHandover(wrapUpId, Running: false, handover.Outcome, handover.Timeline.LastOrDefault()?.At);
    }

    private ReportedEntry Listed(IReadOnlyList<EntryReport> open) =>
        new(Id, S.EntryNumber, S.ProjectId!, S.ProjectTitle, S.CreativeId, S.CreativeName, open);

    private void Remember(string projectId, string title, GalleryItem item)
    {
        S.ProjectId = projectId;
        S.ProjectTitle = title;
        S.EntryNumber = item.Number;
        S.CreativeId = item.CreativeId;
        S.CreativeName = item.CreativeName;
    }

    private IProjectGrain ProjectOf() => grains.GetGrain<IProjectGrain>(S.ProjectId!);

    private static ReportOutcome OutcomeOf(EntryStatus status) =>
        status == EntryStatus.Withdrawn ? ReportOutcome.Withdrawn : ReportOutcome.Removed;

    private void RequireReported()
    {
        if (S.ProjectId is null)
        {
            throw MarketplaceException.NotFound("Nobody has reported this entry.");
        }
    }

    private static void RequireNotOwnEntry(Actor actor, GalleryItem item)
    {
        if (actor.Is(item.CreativeId))
        {
            throw MarketplaceException.Forbidden("You cannot report your own entry. To take it out of the contest, withdraw it.");
        }
    }

    private static void RequireInGallery(GalleryItem item)
    {
        if (!item.Status.IsInGallery())
        {
            throw MarketplaceException.Conflict($"This entry was {item.Status.ToString().ToLowerInvariant()} and is no longer in the gallery, so there is nothing to report.");
        }
    }

    private void RequireNoStandingReport(Actor actor)
    {
        if (S.Open.FirstOrDefault(r => r.ReporterId == actor.UserId) is { } standing)
        {
            throw MarketplaceException.Conflict($"You reported this entry on {NoticeWords.When(standing.At)}; staff will look at it. You will hear what they decide.");
        }
    }

    private EntryReport Validated(Actor actor, ReportRequest request, GalleryItem item, GalleryView gallery)
    {
        if (!Enum.IsDefined(request.Reason))
        {
            throw MarketplaceException.Invalid("Choose one of the listed reasons for reporting this entry.");
        }

        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        if (note is { Length: > ReportRulesOptions.MaxNote })
        {
            throw MarketplaceException.Invalid($"The note is too long (at most {ReportRulesOptions.MaxNote} characters).");
        }

        if (note is null && request.Reason == ReportReason.SomethingElse)
        {
            throw MarketplaceException.Invalid("Say what is wrong with this entry: a note is needed when the reason is \"something else\".");
        }

        var copied = request.Reason == ReportReason.CopiesAnotherEntry ? CopiedEntry(request.CopiesEntryNumber, item, gallery) : null;
        return new EntryReport(actor.UserId, request.Reason, copied?.EntryId, copied?.Number, note, Now);
    }

    private static GalleryItem CopiedEntry(int? number, GalleryItem item, GalleryView gallery)
    {
        if (number is null)
        {
            throw MarketplaceException.Invalid("Give the number of the entry this one copies (it is shown on each entry in the gallery, e.g. 3 for entry #3).");
        }

        if (number == item.Number)
        {
            throw MarketplaceException.Invalid($"Entry #{number} is the entry you are reporting. Give the number of the entry it copies.");
        }

        return gallery.Items.FirstOrDefault(i => i.Number == number)
            ?? throw MarketplaceException.Invalid($"There is no entry #{number} in this gallery. Give the number shown on the entry that was copied.");
    }
}

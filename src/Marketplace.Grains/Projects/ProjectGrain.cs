using Marketplace.Contracts;
using Marketplace.Contracts.Catalog;
using Marketplace.Contracts.Entries;
using Marketplace.Contracts.Escrow;
using Marketplace.Contracts.Previews;
using Marketplace.Contracts.Projects;
using Marketplace.Contracts.Reviews;
using Marketplace.Contracts.Users;
using Marketplace.Contracts.WrapUps;
using Marketplace.Grains.Notifications;
using Marketplace.Payments;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Marketplace.Grains.Projects;

[GenerateSerializer]
public sealed class ProjectRecord
{
    [Id(0)] public string? BuyerId { get; set; }
    [Id(1)] public ProjectDraft? Draft { get; set; }
    [Id(2)] public ProjectState State { get; set; }
    [Id(3)] public DateTimeOffset CreatedAt { get; set; }
    [Id(4)] public DateTimeOffset EntryDeadline { get; set; }
    [Id(5)] public DateTimeOffset? SelectionDeadline { get; set; }
    [Id(6)] public string? WinnerEntryId { get; set; }
    [Id(7)] public int Attempt { get; set; }
    [Id(8)] public int TimesReopened { get; set; }
    [Id(9)] public List<ProjectEvent> History { get; set; } = [];
    [Id(10)] public Dictionary<string, GalleryItem> Entries { get; set; } = [];
    [Id(11)] public HashSet<string> EndedWrapUps { get; set; } = [];

    /// <summary>Notices stored with the change they report, until their inbox took them (see ProjectGrain.Notices).</summary>
    [Id(12)] public List<PendingNotice> PendingNotices { get; set; } = [];

    /// <summary>Calls to act the project ended (award another, choose again, enter again), until each inbox took it.</summary>
    [Id(13)] public List<PendingCallEnd> PendingCallEnds { get; set; } = [];

    /// <summary>The selection round (<c>{attempt}-{times reopened}</c>) whose "choose soon" reminder went out, so it goes once.</summary>
    [Id(14)] public string? RemindedSelectionRound { get; set; }

    /// <summary>When the project last opened for entries (funded, or reopened): the longest entry period counts from here.</summary>
    [Id(15)] public DateTimeOffset? OpenedAt { get; set; }

    /// <summary>How the contest ended for the buyer's record, once it reached a result (the latest round's).</summary>
    [Id(16)] public ContestResult? Result { get; set; }

    /// <summary>Entries of this opening were closed early: the deadline they had been set to close on (see <see cref="ProjectView.ScheduledEntryDeadline"/>).</summary>
    [Id(17)] public DateTimeOffset? ScheduledEntryDeadline { get; set; }

    /// <summary>
    /// Each entry's current file (its latest version's SHA-256), so the same design is not entered twice (see
    /// ProjectGrain.SameDesign). Entries stored before this are learned at their next version.
    /// </summary>
    [Id(18)] public Dictionary<string, string> EntryOriginals { get; set; } = [];
}

/// <summary>
/// The project's rules and its gallery. Deadlines are applied lazily at the start of every call and by a reminder
/// ("deadline") registered while the project is open or selecting, so they hold with nobody looking, and tests can
/// move a fake clock without waiting for reminders. Calls outwards go only to grains that never call a project back
/// while it waits (escrow, catalog, user index, wrap-up start; user cards are read interleaved).
/// </summary>
public sealed partial class ProjectGrain(
    [PersistentState("project", StorageNames.GrainStorage)] IPersistentState<ProjectRecord> project,
    IGrainFactory grains,
    [FromKeyedServices(MarketplaceClock.Key)] TimeProvider clock,
    IOptions<ProjectRulesOptions> rules,
    IOptions<FeeOptions> fees,
    IOptions<ReminderOptions> reminders,
    ILogger<ProjectGrain> logger) : Grain, IProjectGrain, IRemindable
{
    private const string DeadlineReminder = "deadline";

    private ProjectRecord S => project.State;
    private string Id => this.GetPrimaryKeyString();
    private DateTimeOffset Now => clock.GetUtcNow();
    private ProjectDraft Draft => S.Draft!;
    private string? ActiveWrapUpId => S.State == ProjectState.Awarded ? WrapUpIds.For(Id, S.Attempt) : null;
    private IEscrowGrain Escrow => grains.GetGrain<IEscrowGrain>(Id);

    /// <summary>Opening is funding; projects stored before <see cref="ProjectRecord.OpenedAt"/> existed show it in their history.</summary>
    private bool WasFunded => S.OpenedAt is not null || S.History.Exists(e => e.State == ProjectState.Open);
    private ICatalogGrain Catalog => grains.GetGrain<ICatalogGrain>(Draft.Brief.Category);

    public async Task<ProjectView> CreateAsync(Actor actor, ProjectDraft draft)
    {
        await grains.RequireActiveAsync(actor, UserRoles.Buyer, "create a project");
        var valid = Validated(draft);
        if (S.BuyerId is not null)
        {
            // A repeat of the same request (a double tap, a resend after funding) answers with what it made; anything
            // else changes nothing.
            return S.BuyerId == actor.UserId && SameDraft(Draft, valid)
                ? View(actor)
                : throw MarketplaceException.Conflict("A project with this id already exists with other details; nothing was changed.");
        }

        S.BuyerId = actor.UserId;
        S.Draft = valid;
        S.CreatedAt = Now;
        S.EntryDeadline = valid.EntryDeadline;
        S.State = ProjectState.Draft;
        AddEvent(actor, "Draft created.");
        await SaveAsync();
        return View(actor);
    }

    public async Task<ProjectView> UpdateDraftAsync(Actor actor, ProjectDraft draft)
    {
        RequireExists();
        await RequireBuyerAsync(actor, "edit this project");
        RequireState("edit the brief", ProjectState.Draft);
        var valid = Validated(draft);
        if (valid.Brief.Category != Draft.Brief.Category || !SameDraft(Draft, valid))
        {
            S.Draft = valid;
            S.EntryDeadline = valid.EntryDeadline;
            AddEvent(actor, "Draft edited.");
            await SaveAsync();
        }

        return View(actor);
    }

    public async Task<ProjectView> OpenAsync(Actor actor)
    {
        RequireExists();
        await RequireBuyerAsync(actor, "open this project");
        if (S.State == ProjectState.Open && S.TimesReopened == 0)
        {
            return View(actor);
        }

        RequireState("open the project", ProjectState.Draft);
        RequireDeadlineFarEnough(S.EntryDeadline);

        // Derived from the project, so a retried open (even after a failure between funding and saving) funds once.
        await Escrow.FundAsync(Actor.System, $"fund:{Id}", S.BuyerId!, Draft.Prize, Draft.Brief.Title);
        S.OpenedAt = Now;
        MoveTo(ProjectState.Open, actor, "Opened for entries; prize held in escrow.");
        TellBuyerFunded();
        await SaveAsync();
        await HandOverNoticesAsync();
        await Catalog.ListAsync(Actor.System, CatalogEntry());
        await SyncDeadlineReminderAsync();
        return View(actor);
    }

    public async Task<ProjectView> CancelAsync(Actor actor, string reason)
    {
        RequireExists();
        var note = ActorChecks.RequireText(reason, "a reason", 1000);
        await ApplyDeadlinesAsync();
        if (actor.IsStaff)
        {
            await grains.RequireStaffAsync(actor, "cancel projects");
            RequireState("cancel the project", ProjectState.Draft, ProjectState.Open, ProjectState.Selecting);
        }
        else
        {
            await RequireBuyerAsync(actor, "cancel this project");
            RequireState("cancel the project", ProjectState.Draft, ProjectState.Open);
            if (S.State == ProjectState.Open && GalleryCount() > 0)
            {
                throw MarketplaceException.Conflict("Creatives have already entered this project, so it can no longer be cancelled. Ask staff for help.");
            }
        }

        await CloseWithRefundAsync(ProjectState.Cancelled, actor, $"Cancelled: {note}", "cancel");
        return View(actor);
    }

    public async Task<ProjectView> BuyerRemovedAsync(Actor actor)
    {
        actor.RequireSystem("close a removed buyer's projects");
        RequireExists();
        await ApplyDeadlinesAsync();
        if (S.State is ProjectState.Draft or ProjectState.Open or ProjectState.Selecting)
        {
            // The operation id names the cause, so a repeated removal can never refund twice (and the state no longer matches).
            await CloseWithRefundAsync(ProjectState.Cancelled, actor, "Cancelled: Marketplace support closed the buyer's account.", "buyer-removed", ClosedBySupport);
        }

        return View(actor);
    }

    public async Task<ProjectView> ExtendEntryDeadlineAsync(Actor actor, DateTimeOffset deadline)
    {
        RequireExists();
        await RequireBuyerOrStaffAsync(actor, "extend its entry period");
        await ApplyDeadlinesAsync();
        RequireStillTakingEntries();
        var newDeadline = deadline.ToUniversalTime();
        if (newDeadline == S.EntryDeadline)
        {
            // A repeat (a double tap): the deadline is already there.
            return View(actor);
        }

        RequireLaterWithinLongestPeriod(newDeadline);
        var previous = S.EntryDeadline;
        S.EntryDeadline = newDeadline;
        AddEvent(actor, actor.IsStaff
            ? $"Entry deadline extended from {NoticeWords.When(previous)} to {NoticeWords.When(newDeadline)} by Marketplace support on the buyer's behalf."
            : $"Entry deadline extended from {NoticeWords.When(previous)} to {NoticeWords.When(newDeadline)}.");
        TellEntryDeadlineExtended(actor, previous);
        await SaveAsync();
        await HandOverNoticesAsync();
        await Catalog.ListAsync(Actor.System, CatalogEntry());
        await SyncDeadlineReminderAsync();
        return View(actor);
    }

    public async Task<ProjectView> CloseEntriesNowAsync(Actor actor, string? reason)
    {
        RequireExists();
        await RequireBuyerOrStaffAsync(actor, "close its entries early");
        // Staff act for the buyer, so the history and the buyer's notice say why; the buyer needs to tell nobody.
        var staffReason = actor.IsStaff ? ActorChecks.RequireText(reason, "a reason (the buyer reads it)", 1000) : null;
        await ApplyDeadlinesAsync();
        if (S.ScheduledEntryDeadline is not null && S.State != ProjectState.Open)
        {
            // A repeat (a double tap, a retried call): entries of this opening already closed early.
            return View(actor);
        }

        RequireMayCloseEntriesEarly();
        // Unlisted first, as at the deadline: a listing left behind by a failure after the save would never be removed.
        await Catalog.UnlistAsync(Actor.System, Id);
        S.ScheduledEntryDeadline = S.EntryDeadline;
        S.EntryDeadline = Now;
        var selectsUntil = Now + Draft.SelectionWindow;
        await StartSelectingAsync(actor, staffReason is null
            ? $"Entries closed early by the buyer (they were to close {NoticeWords.When(S.ScheduledEntryDeadline.Value)}); the buyer selects until {NoticeWords.When(selectsUntil)}."
            : $"Entries closed early by Marketplace support on the buyer's behalf (they were to close {NoticeWords.When(S.ScheduledEntryDeadline.Value)}), with the reason {NoticeWords.Quote(staffReason)}; the buyer selects until {NoticeWords.When(selectsUntil)}.",
            staffReason);
        return View(actor);
    }

    public async Task<ProjectView> GetAsync(Actor actor)
    {
        RequireExists();
        await ApplyDeadlinesAsync();
        await RequireMaySeeAsync(actor);
        return View(actor);
    }

    public async Task<GalleryView> GetGalleryAsync(Actor actor)
    {
        RequireExists();
        await ApplyDeadlinesAsync();
        await RequireMaySeeAsync(actor);
        var seesAllRatings = actor.IsSystem || actor.IsStaff || actor.Is(S.BuyerId!);
        var items = S.Entries.Values
            .Where(e => e.Status.IsInGallery())
            .OrderBy(e => e.SubmittedAt)
            .ThenBy(e => e.EntryId, StringComparer.Ordinal)
            .Select(e => seesAllRatings || actor.Is(e.CreativeId) ? e : e with { Rating = null })
            .ToList();
        return new GalleryView(Id, Draft.Brief.Title, S.State, items);
    }

    public async Task<AwardResult> AwardAsync(Actor actor, string entryId)
    {
        RequireExists();
        await RequireBuyerAsync(actor, "award an entry");
        await ApplyDeadlinesAsync();
        if (S.State == ProjectState.Awarded && S.WinnerEntryId == entryId)
        {
            // The same award again (a retry): make sure the wrap-up started, change nothing.
            await StartWrapUpAsync();
            return AwardOf(S.Entries[entryId]);
        }

        RequireMayAwardNow();
        var entry = RequireAwardable(entryId);
        var creative = await ActorChecks.CardOfAsync(grains, entry.CreativeId);
        if (creative is not { IsActive: true })
        {
            throw MarketplaceException.Conflict("This entry's creative can no longer be awarded; please choose another entry.");
        }

        EndCallsOfFailedHandovers();
        EndCallsToChoose();
        EndCallsToAnswerQuestions();
        S.Attempt++;
        S.WinnerEntryId = entryId;
        S.SelectionDeadline = null;
        S.Entries[entryId] = entry with { Status = EntryStatus.Won, UpdatedAt = Now };
        var wasOpen = S.State == ProjectState.Open;
        S.Result = ContestResult.WinnerChosen;
        MoveTo(ProjectState.Awarded, actor, entry.Number > 0 ? $"Awarded entry #{entry.Number}." : $"Awarded entry {entryId}.");
        TellOthersNotChosen(actor, entry.CreativeId);
        await SaveAsync();
        await HandOverNoticesAsync();
        if (wasOpen)
        {
            await Catalog.UnlistAsync(Actor.System, Id);
        }

        await SyncDeadlineReminderAsync();
        await RecordEntryForCreativeAsync(S.Entries[entryId]);
        await grains.GetGrain<IUserIndexGrain>(entry.CreativeId)
            .RecordWrapUpWonAsync(Actor.System, new WonWrapUp(ActiveWrapUpId!, Id, entryId, Now) { ProjectTitle = Draft.Brief.Title });
        await RecordWinOnProfileAsync(ActiveWrapUpId!, S.Entries[entryId], ended: null);
        await RecordOthersForCreativesAsync(entryId);
        await StartWrapUpAsync();
        return AwardOf(S.Entries[entryId]);
    }

    public async Task<ProjectView> WrapUpEndedAsync(Actor actor, string wrapUpId, WrapUpOutcome outcome)
    {
        actor.RequireSystem("end a wrap-up");
        RequireExists();
        if (S.EndedWrapUps.Contains(wrapUpId))
        {
            return View(actor);
        }

        if (wrapUpId != ActiveWrapUpId)
        {
            throw MarketplaceException.Conflict($"Wrap-up {wrapUpId} is not this project's running wrap-up.");
        }

        S.EndedWrapUps.Add(wrapUpId);
        var winner = S.Entries[S.WinnerEntryId!];
        switch (outcome)
        {
            case WrapUpOutcome.Completed:
            case WrapUpOutcome.Split:
                MoveTo(ProjectState.Completed, actor, $"Wrap-up {wrapUpId} ended: {outcome}.");
                break;
            case WrapUpOutcome.Refunded:
                MoveTo(ProjectState.Refunded, actor, $"Wrap-up {wrapUpId} ended: buyer refunded.");
                break;
            case WrapUpOutcome.AwardAnother:
                winner = MakeFormerWinnerIneligible(winner);
                S.SelectionDeadline = Now + Draft.SelectionWindow;
                MoveTo(ProjectState.Selecting, actor, $"Wrap-up {wrapUpId} ended: the buyer may award another entry.");
                TellChoosingAgain(winner.CreativeId);
                break;
            case WrapUpOutcome.Reopened:
                winner = MakeFormerWinnerIneligible(winner);
                S.TimesReopened++;
                S.OpenedAt = Now;
                S.EntryDeadline = Now + rules.Value.ReopenedEntryPeriod;
                S.ScheduledEntryDeadline = null;
                S.SelectionDeadline = null;
                MoveTo(ProjectState.Open, actor, $"Wrap-up {wrapUpId} ended: reopened for entries until {NoticeWords.When(S.EntryDeadline)}.");
                TellReopened(winner.CreativeId);
                break;
            default:
                throw MarketplaceException.Invalid($"Unknown wrap-up outcome {outcome}.");
        }

        await SaveAsync();
        await HandOverNoticesAsync();
        await RecordWinOnProfileAsync(wrapUpId, winner, outcome);
        if (S.State == ProjectState.Open)
        {
            await Catalog.ListAsync(Actor.System, CatalogEntry());
        }

        // Every entry's standing follows the project: "not chosen" while it is awarded, running again if it reopens.
        await RecordOthersForCreativesAsync(null);
        await SyncDeadlineReminderAsync();
        return View(actor);
    }

    public async Task<EntryAdmission> AdmitEntryAsync(Actor actor, GalleryItem item, string originalSha256)
    {
        actor.RequireSystem("admit entries");
        RequireExists();
        await ApplyDeadlinesAsync();
        if (S.Entries.TryGetValue(item.EntryId, out var known))
        {
            return known.CreativeId == item.CreativeId
                ? Admission(known.Number)
                : throw MarketplaceException.Conflict("An entry with this id already exists.");
        }

        if (item.CreativeId == S.BuyerId)
        {
            throw MarketplaceException.Forbidden("You cannot enter your own project.");
        }

        if (S.State != ProjectState.Open)
        {
            throw MarketplaceException.Conflict(S.State == ProjectState.Draft
                ? "This project is not open for entries yet."
                : $"Entries to this project closed on {NoticeWords.When(S.EntryDeadline)}, so it takes no more entries.");
        }

        RequireNewDesign(item.CreativeId, originalSha256);
        // Entries are never deleted from the project, so the count gives each arrival the next unused number.
        var number = S.Entries.Count + 1;
        S.EntryOriginals[item.EntryId] = originalSha256;
        S.Entries[item.EntryId] = item with { Status = EntryStatus.Active, Rating = null, SubmittedAt = Now, UpdatedAt = Now, Number = number };
        await SaveAsync();
        await Catalog.ListAsync(Actor.System, CatalogEntry());
        return Admission(number);
    }

    public async Task<GalleryItem> ReviseEntryAsync(Actor actor, string entryId, int revisionCount, PreviewManifest? previews, string originalSha256)
    {
        actor.RequireSystem("revise entries");
        RequireExists();
        await ApplyDeadlinesAsync();
        var entry = RequireEntry(entryId);
        RequireState("revise an entry", ProjectState.Open, ProjectState.Selecting);
        // A decline is final (only an active entry can be awarded), so a new version of a declined entry could never win.
        if (entry.Status == EntryStatus.Declined)
        {
            throw MarketplaceException.Conflict("The buyer declined this entry, so it can no longer win and takes no revisions. You can still comment on it or withdraw it.");
        }

        if (entry.Status != EntryStatus.Active)
        {
            throw MarketplaceException.Conflict($"This entry is {Describe(entry.Status)} and cannot be revised.");
        }

        RequireNotAnotherEntry(entry, originalSha256);
        S.EntryOriginals[entryId] = originalSha256;
        return await UpdateEntryAsync(entry with { RevisionCount = revisionCount, Previews = previews, UpdatedAt = Now });
    }

    public async Task<GalleryItem> SetEntryPreviewsAsync(Actor actor, string entryId, int revision, PreviewManifest previews)
    {
        actor.RequireSystem("attach previews");
        RequireExists();
        var entry = RequireEntry(entryId);
        return revision == entry.RevisionCount
            ? await UpdateEntryAsync(entry with { Previews = previews })
            : entry;
    }

    public async Task<GalleryItem> RateEntryAsync(Actor actor, string entryId, int stars)
    {
        actor.RequireSystem("rate entries");
        RequireExists();
        await ApplyDeadlinesAsync();
        var entry = RequireEntry(entryId);
        if (!entry.Status.IsInGallery() || S.State.IsTerminal())
        {
            throw MarketplaceException.Conflict("Only entries in the gallery of a running project can be rated.");
        }

        return entry.Rating == stars ? entry : await UpdateEntryAsync(entry with { Rating = stars });
    }

    public async Task<GalleryItem> ChangeEntryStatusAsync(Actor actor, string entryId, EntryStatus status)
    {
        actor.RequireSystem("change an entry's status");
        RequireExists();
        await ApplyDeadlinesAsync();
        var entry = RequireEntry(entryId);
        if (entry.Status == status)
        {
            return entry;
        }

        switch (status)
        {
            case EntryStatus.Withdrawn:
                RequireState("withdraw an entry", ProjectState.Open, ProjectState.Selecting);
                RequireEntryStatus(entry, "withdrawn", EntryStatus.Active, EntryStatus.Declined);
                break;
            case EntryStatus.Declined:
                RequireState("decline an entry", ProjectState.Open, ProjectState.Selecting);
                RequireEntryStatus(entry, "declined", EntryStatus.Active);
                break;
            case EntryStatus.Removed:
                break;
            default:
                throw MarketplaceException.Invalid($"An entry cannot be set to {status} directly.");
        }

        TellBuyerIfEntryLeavesGallery(entry, status);
        EndCallsOfFailedHandoversIfNoEntryCanWin(entry, status);
        var changed = await UpdateEntryAsync(entry with { Status = status, UpdatedAt = Now });
        await HandOverNoticesAsync();
        if (entryId == S.WinnerEntryId)
        {
            // A removed winning design leaves its creative's profile too.
            await RecordWinOnProfileAsync(WrapUpIds.For(Id, S.Attempt), changed, ended: null);
        }

        if (S.State == ProjectState.Open)
        {
            await Catalog.ListAsync(Actor.System, CatalogEntry());
        }

        return changed;
    }

    public Task<GalleryItem> GetEntryAsync(Actor actor, string entryId)
    {
        actor.RequireSystem("read entries directly");
        RequireExists();
        return Task.FromResult(RequireEntry(entryId));
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == NoticeOutbox.RetryReminder)
        {
            await NoticeOutbox.RetryAsync(this, grains, S.PendingNotices, () => project.SaveAsync(this), logger, "Project " + Id, S.PendingCallEnds);
            return;
        }

        if (S.BuyerId is null)
        {
            await SyncDeadlineReminderAsync();
            return;
        }

        await ApplyDeadlinesAsync();
        await SyncDeadlineReminderAsync();
    }

    /// <summary>
    /// Entry deadline passed: selecting, or refunded when no entry is left to choose from. Selection deadline passed
    /// without an award: refunded (the money-back guarantee).
    /// </summary>
    private async Task ApplyDeadlinesAsync()
    {
        if (S.State == ProjectState.Open && Now >= S.EntryDeadline)
        {
            await Catalog.UnlistAsync(Actor.System, Id);
            if (GalleryCount(EntryStatus.Active) == 0)
            {
                if (GalleryCount(EntryStatus.Declined) > 0)
                {
                    // The buyer turned every remaining entry down: the contest closed without a choice.
                    S.Result = ContestResult.ClosedWithoutChoice;
                }

                await CloseWithRefundAsync(ProjectState.Refunded, Actor.System, "Entry deadline passed with no entry to choose from; prize refunded.", $"no-entries-{S.TimesReopened}");
                return;
            }

            await StartSelectingAsync(Actor.System, $"Entry deadline passed; the buyer selects until {NoticeWords.When(S.EntryDeadline + Draft.SelectionWindow)}.", staffReason: null);
        }
        else if (SelectionReminderIsDue())
        {
            TellBuyerToChooseSoon();
            S.RemindedSelectionRound = SelectionRound;
            await SaveAsync();
            await HandOverNoticesAsync();
            await SyncDeadlineReminderAsync();
        }

        if (S.State == ProjectState.Selecting && Now >= S.SelectionDeadline)
        {
            S.Result = ContestResult.ClosedWithoutChoice;
            await CloseWithRefundAsync(ProjectState.Refunded, Actor.System, "Selection window ended without an award; prize refunded.", $"selection-{S.Attempt}-{S.TimesReopened}");
        }
    }

    /// <summary>
    /// Entries closed (at the deadline, or early: <see cref="ProjectRecord.ScheduledEntryDeadline"/> is then set) with an
    /// entry to choose from: the selection window runs from <see cref="ProjectRecord.EntryDeadline"/>, the buyer is asked to
    /// choose, the creatives hear it, and the project's reminder moves from the entry deadline to the selection.
    /// </summary>
    private async Task StartSelectingAsync(Actor actor, string note, string? staffReason)
    {
        var closedEarly = S.ScheduledEntryDeadline is not null;
        S.SelectionDeadline = S.EntryDeadline + Draft.SelectionWindow;
        MoveTo(ProjectState.Selecting, actor, note);
        EndCallsOfFailedHandovers();
        TellBuyerTimeToChoose(closedEarly && actor.IsStaff ? staffReason : null);
        if (closedEarly)
        {
            TellEntriesClosedEarly(actor);
        }
        else
        {
            TellEntriesClosed();
        }

        if (SelectionReminderAt() <= Now)
        {
            // Applied late (nobody called, the silo was down): the notice just written says all a reminder would.
            S.RemindedSelectionRound = SelectionRound;
        }

        await SaveAsync();
        await HandOverNoticesAsync();
        await SyncDeadlineReminderAsync();
    }

    private async Task CloseWithRefundAsync(ProjectState end, Actor actor, string note, string operation, bool closedBySupport = false)
    {
        var before = S.State;
        Money? refunded = null;
        if (S.State != ProjectState.Draft)
        {
            var held = (await Escrow.GetStatementAsync()).Held;
            if (held.Minor > 0)
            {
                await Escrow.RefundToBuyerAsync(Actor.System, $"refund:{Id}:{operation}", held);
                refunded = held;
            }
        }

        EndCallsToChoose();
        EndCallsToAnswerQuestions();
        MoveTo(end, actor, note);
        EndCallsOfFailedHandovers();
        TellClosed(actor, before, end, closedBySupport);
        if (refunded is { } amount)
        {
            TellBuyerRefunded(actor, before, end, amount, operation);
        }

        await SaveAsync();
        await HandOverNoticesAsync();
        if (before == ProjectState.Open)
        {
            await Catalog.UnlistAsync(Actor.System, Id);
        }

        await RecordOthersForCreativesAsync(null);
        await SyncDeadlineReminderAsync();
    }

    /// <summary>A reminder exists exactly while a deadline is pending (open or selecting).</summary>
    private async Task SyncDeadlineReminderAsync()
    {
        DateTimeOffset? due = S.State switch
        {
            ProjectState.Open => S.EntryDeadline,
            ProjectState.Selecting => SelectionReminderPending() ? SelectionReminderAt() : S.SelectionDeadline,
            _ => null,
        };

        if (due is { } at)
        {
            // Reminders are checked again hourly after the due time until the deadline is applied; far deadlines
            // are re-armed weekly so no due time exceeds what the reminder service accepts. A due time already past
            // waits the reminder service's shortest period (a minute in production).
            var soonest = reminders.Value.MinimumReminderPeriod;
            var dueIn = at - Now;
            dueIn = dueIn < soonest ? soonest : dueIn > TimeSpan.FromDays(7) ? TimeSpan.FromDays(7) : dueIn;
            await this.RegisterOrUpdateReminder(DeadlineReminder, dueIn, TimeSpan.FromHours(1));
        }
        else if (await this.GetReminder(DeadlineReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <summary>Each time the project selects is a round of its own: an award or a reopening comes between two.</summary>
    private string SelectionRound => $"{S.Attempt}-{S.TimesReopened}";

    /// <summary>
    /// When the buyer is reminded to choose: <see cref="ProjectRulesOptions.SelectionReminderBefore"/> before the
    /// deadline, but no earlier than halfway through the window. Null without a selection deadline or with reminders off.
    /// </summary>
    private DateTimeOffset? SelectionReminderAt()
    {
        var before = rules.Value.SelectionReminderBefore;
        if (S.SelectionDeadline is not { } deadline || before <= TimeSpan.Zero)
        {
            return null;
        }

        var half = Draft.SelectionWindow / 2;
        return deadline - (before < half ? before : half);
    }

    private bool SelectionReminderPending() =>
        S.State == ProjectState.Selecting && S.RemindedSelectionRound != SelectionRound && SelectionReminderAt() is not null;

    private bool SelectionReminderIsDue() =>
        SelectionReminderPending() && Now >= SelectionReminderAt() && Now < S.SelectionDeadline;

    /// <summary>The longest entry period counts from the last opening; projects stored before it was kept count from their first.</summary>
    private DateTimeOffset LatestEntryDeadline() =>
        (S.OpenedAt ?? S.History.First(e => e.State == ProjectState.Open).At) + rules.Value.MaximumEntryPeriod;

    private void RequireStillTakingEntries()
    {
        switch (S.State)
        {
            case ProjectState.Open:
                return;
            case ProjectState.Draft:
                throw MarketplaceException.Conflict("This project is still a draft: change its entry deadline by editing the draft.");
            case ProjectState.Selecting:
                throw MarketplaceException.Conflict($"Entries to this project already closed on {NoticeWords.When(S.EntryDeadline)}, so they can no longer be extended. The winner is chosen by {NoticeWords.When(S.SelectionDeadline!.Value)}.");
            default:
                throw MarketplaceException.Conflict($"This project is {S.State.ToString().ToLowerInvariant()}, so its entry period can no longer be extended.");
        }
    }

    /// <summary>
    /// Creatives can rely on the entry deadline unless the brief told them the buyer may choose before it (early award):
    /// then closing early takes nothing they were promised. Closing with no entry that can win would only end the contest
    /// with a refund, which is not what anyone pressing "close entries now" wants.
    /// </summary>
    private void RequireMayCloseEntriesEarly()
    {
        switch (S.State)
        {
            case ProjectState.Open when !Draft.AllowEarlyAward:
                throw MarketplaceException.Conflict($"The brief told creatives that entries stay open until {NoticeWords.When(S.EntryDeadline)} and that the winner is chosen after that, so entries cannot close early. Choose a winner once they close, or ask Marketplace support if the contest must end.");
            case ProjectState.Open when GalleryCount(EntryStatus.Active) == 0:
                throw MarketplaceException.Conflict(GalleryCount() == 0
                    ? "No entries have arrived yet, so closing now would end the contest with nothing to choose from. Wait for entries, give creatives more time, or cancel the project."
                    : "Every entry in the gallery was declined, so closing now would leave nothing to choose from and refund the prize. Wait for new entries, or let the deadline pass.");
            case ProjectState.Open:
                return;
            case ProjectState.Draft:
                throw MarketplaceException.Conflict("This project is still a draft: it takes no entries until it is funded and opened.");
            case ProjectState.Selecting:
                throw MarketplaceException.Conflict($"Entries to this project already closed on {NoticeWords.When(S.EntryDeadline)}. The winner is chosen by {NoticeWords.When(S.SelectionDeadline!.Value)}.");
            default:
                throw MarketplaceException.Conflict($"This project is {S.State.ToString().ToLowerInvariant()}, so it takes no entries to close.");
        }
    }

    private void RequireLaterWithinLongestPeriod(DateTimeOffset deadline)
    {
        if (deadline < S.EntryDeadline)
        {
            throw MarketplaceException.Invalid($"Entries already close on {NoticeWords.When(S.EntryDeadline)}. Choose a later date to give the contest more time.");
        }

        var latest = LatestEntryDeadline();
        if (deadline > latest)
        {
            throw MarketplaceException.Invalid($"Entries can stay open at most {rules.Value.MaximumEntryPeriod.TotalDays:0} days from when the project opened, so the latest deadline is {NoticeWords.When(latest)}. Choose that date or an earlier one.");
        }
    }

    /// <summary>
    /// For projects stored before entries had numbers: numbers them in arrival order, the order the gallery showed
    /// them in; the numbers are stored with the project's next write.
    /// </summary>
    private void NumberEntriesStoredWithoutNumbers()
    {
        if (S.Entries.Values.All(e => e.Number > 0))
        {
            return;
        }

        var arrivals = S.Entries.Values.OrderBy(e => e.SubmittedAt).ThenBy(e => e.EntryId, StringComparer.Ordinal).ToList();
        for (var i = 0; i < arrivals.Count; i++)
        {
            S.Entries[arrivals[i].EntryId] = arrivals[i] with { Number = i + 1 };
        }
    }

    private GalleryItem MakeFormerWinnerIneligible(GalleryItem winner)
    {
        var ineligible = winner.Status == EntryStatus.Won ? winner with { Status = EntryStatus.Ineligible, UpdatedAt = Now } : winner;
        S.Entries[winner.EntryId] = ineligible;
        S.WinnerEntryId = null;
        return ineligible;
    }

    private void RequireMayAwardNow()
    {
        switch (S.State)
        {
            case ProjectState.Selecting:
                return;
            case ProjectState.Open when Draft.AllowEarlyAward:
                return;
            case ProjectState.Open:
                throw MarketplaceException.Conflict($"Entries are open until {NoticeWords.When(S.EntryDeadline)}; you can award once the entry deadline passes.");
            case ProjectState.Awarded:
                throw MarketplaceException.Conflict("This project already has a winner.");
            case ProjectState.Draft:
                throw MarketplaceException.Conflict("Open the project and receive entries before awarding.");
            default:
                throw MarketplaceException.Conflict($"This project is {S.State.ToString().ToLowerInvariant()}; nothing can be awarded.");
        }
    }

    private GalleryItem RequireAwardable(string entryId)
    {
        var entry = S.Entries.GetValueOrDefault(entryId);
        if (entry is null || !entry.Status.IsInGallery())
        {
            throw MarketplaceException.NotFound("This entry is not in the project's gallery.");
        }

        return entry.Status == EntryStatus.Active
            ? entry
            : throw MarketplaceException.Conflict($"This entry is {Describe(entry.Status)} and cannot be awarded.");
    }

    private Task StartWrapUpAsync()
    {
        var winner = S.Entries[S.WinnerEntryId!];
        var start = new WrapUpStart(Id, Draft.Brief.Title, S.BuyerId!, winner.CreativeId, winner.EntryId, Draft.Prize, Draft.Brief.DeliverableFormats)
        {
            EntryNumber = winner.Number > 0 ? winner.Number : null,
        };
        return grains.GetGrain<IWrapUpGrain>(ActiveWrapUpId!).StartAsync(Actor.System, start);
    }

    private AwardResult AwardOf(GalleryItem entry) => new(Id, entry.EntryId, entry.CreativeId, S.Attempt, ActiveWrapUpId!);

    private async Task<GalleryItem> UpdateEntryAsync(GalleryItem entry)
    {
        S.Entries[entry.EntryId] = entry;
        await SaveAsync();
        return entry;
    }

    private Task RecordEntryForCreativeAsync(GalleryItem entry) =>
        grains.GetGrain<IUserIndexGrain>(entry.CreativeId).RecordEntryAsync(Actor.System,
            new EntrySummary(entry.EntryId, Id, Draft.Brief.Title, entry.Status, entry.RevisionCount, entry.SubmittedAt, entry.UpdatedAt, entry.Rating)
            {
                KnownStanding = EntryStandings.Of(entry.Status, S.State),
                Number = entry.Number,
            });

    /// <summary>
    /// A change of the project's state changes every entry's standing, so each creative's list is told (the index
    /// skips unchanged summaries). <paramref name="except"/> was already recorded.
    /// </summary>
    private async Task RecordOthersForCreativesAsync(string? except)
    {
        foreach (var entry in S.Entries.Values.Where(e => e.EntryId != except))
        {
            await RecordEntryForCreativeAsync(entry);
        }
    }

    private void MoveTo(ProjectState state, Actor actor, string note)
    {
        S.State = state;
        AddEvent(actor, note);
    }

    /// <summary>
    /// A history line; times in <paramref name="note"/> are markers (<see cref="NoticeWords.When"/>), kept in
    /// <see cref="ProjectEvent.Marked"/> for pages to write in the reader's zone, and in UTC words in the note.
    /// </summary>
    private void AddEvent(Actor actor, string note) =>
        S.History.Add(new ProjectEvent(Now, S.State, actor.UserId, TimeMarkers.Write(note, TimeZoneInfo.Utc))
        {
            Marked = TimeMarkers.HasAny(note) ? note : null,
        });

    /// <summary>Saves the project and keeps the buyer's "my projects" list in step.</summary>
    private async Task SaveAsync()
    {
        await project.SaveAsync(this);
        await grains.GetGrain<IUserIndexGrain>(S.BuyerId!).RecordProjectAsync(Actor.System,
            new ProjectSummary(Id, Draft.Brief.Title, Draft.Brief.Category, S.State, Draft.Prize, S.CreatedAt, S.History[^1].At)
            {
                ActiveWrapUpId = ActiveWrapUpId,
                CompletedWrapUpId = S.State == ProjectState.Completed ? WrapUpIds.For(Id, S.Attempt) : null,
                Funded = WasFunded,
            });
        if (S.Result is { } result)
        {
            await grains.GetGrain<IBuyerRecordGrain>(S.BuyerId!).RecordAsync(Actor.System, Id, result);
        }
    }

    /// <summary>
    /// The winner's profile counts the win, shows the winning design while it stays in the gallery and learns how the
    /// handover ended (the profile keeps the first award time).
    /// </summary>
    private Task RecordWinOnProfileAsync(string wrapUpId, GalleryItem winner, WrapUpOutcome? ended) =>
        grains.GetGrain<ICreativeProfileGrain>(winner.CreativeId).RecordWinAsync(Actor.System,
            new ProfileWin(wrapUpId, Id, Draft.Brief.Title, winner.EntryId, winner.Number, winner.Previews, Now, ended,
                EntryShown: winner.Status.IsInGallery()));

    private void RequireExists()
    {
        if (S.BuyerId is null)
        {
            throw MarketplaceException.NotFound("No project with this id.");
        }
    }

    private async Task RequireBuyerOrStaffAsync(Actor actor, string what)
    {
        if (actor.IsStaff)
        {
            await grains.RequireStaffAsync(actor, what);
            return;
        }

        if (!actor.Is(S.BuyerId!))
        {
            throw MarketplaceException.Forbidden($"Only this project's buyer or Marketplace support can {what}.");
        }

        await grains.RequireActiveAsync(actor, UserRoles.Buyer, what);
    }

    private async Task RequireBuyerAsync(Actor actor, string what)
    {
        if (!actor.Is(S.BuyerId!))
        {
            throw MarketplaceException.Forbidden($"Only this project's buyer can {what}.");
        }

        await grains.RequireActiveAsync(actor, UserRoles.Buyer, what);
    }

    /// <summary>A draft is its buyer's alone, and staff's whose own account is active; to anyone else it does not exist.</summary>
    private async Task RequireMaySeeAsync(Actor actor)
    {
        if (S.State != ProjectState.Draft || actor.IsSystem || actor.Is(S.BuyerId!))
        {
            return;
        }

        if (!actor.IsStaff)
        {
            throw MarketplaceException.NotFound("No project with this id.");
        }

        await grains.RequireStaffAsync(actor, "see another buyer's draft");
    }

    private void RequireState(string what, params ProjectState[] allowed)
    {
        if (!allowed.Contains(S.State))
        {
            throw MarketplaceException.Conflict($"You cannot {what} now: the project is {S.State.ToString().ToLowerInvariant()}.");
        }
    }

    private static void RequireEntryStatus(GalleryItem entry, string becoming, params EntryStatus[] allowed)
    {
        if (!allowed.Contains(entry.Status))
        {
            throw MarketplaceException.Conflict($"This entry is {Describe(entry.Status)} and cannot be {becoming}.");
        }
    }

    private GalleryItem RequireEntry(string entryId) =>
        S.Entries.GetValueOrDefault(entryId) ?? throw MarketplaceException.NotFound("This entry is not part of the project.");

    private static string Describe(EntryStatus status) => status switch
    {
        EntryStatus.Won => "the winner",
        EntryStatus.Ineligible => "no longer eligible",
        _ => status.ToString().ToLowerInvariant(),
    };

    private int GalleryCount(EntryStatus? only = null) =>
        S.Entries.Values.Count(e => only is null ? e.Status.IsInGallery() : e.Status == only);

    private EntryAdmission Admission(int number) => new(Id, S.BuyerId!, Draft.Brief.Title) { Number = number };

    private CatalogItem CatalogEntry() =>
        new(Id, Draft.Brief.Title, Draft.Brief.Category, Draft.Prize, S.EntryDeadline, GalleryCount(), Draft.Brief.DeliverableFormats);

    private ProjectView View(Actor actor) => new(
        Id, S.BuyerId!, Draft.Brief, Draft.Prize, S.EntryDeadline, Draft.SelectionWindow, S.SelectionDeadline,
        Draft.AllowEarlyAward, S.State, S.WinnerEntryId, S.WinnerEntryId is null ? null : S.Entries[S.WinnerEntryId].CreativeId,
        S.Attempt, ActiveWrapUpId, GalleryCount(), S.TimesReopened, S.CreatedAt, S.History.ToList())
    {
        WinnerReceives = fees.Value.CreativeReceives(Draft.Prize),
        PlatformFeePercent = fees.Value.PlatformFeePercent,
        LatestEntryDeadline = S.State == ProjectState.Open ? LatestEntryDeadline() : null,
        Funded = WasFunded,
        ScheduledEntryDeadline = S.ScheduledEntryDeadline,
    };

    private void RequireDeadlineFarEnough(DateTimeOffset deadline)
    {
        var r = rules.Value;
        if (deadline < Now + r.MinimumEntryPeriod)
        {
            throw MarketplaceException.Invalid($"The entry deadline must be at least {r.MinimumEntryPeriod.TotalHours:0} hours from now.");
        }

        if (deadline > Now + r.MaximumEntryPeriod)
        {
            throw MarketplaceException.Invalid($"The entry deadline can be at most {r.MaximumEntryPeriod.TotalDays:0} days from now.");
        }
    }

    private ProjectDraft Validated(ProjectDraft draft)
    {
        var r = rules.Value;
        var title = ActorChecks.RequireText(draft.Brief?.Title, "a title", 120);
        var description = ActorChecks.RequireText(draft.Brief!.Description, "a description", 5000);
        var category = (draft.Brief.Category ?? "").Trim().ToLowerInvariant();
        if (!Categories.IsKnown(category))
        {
            throw MarketplaceException.Invalid($"Choose a category: {string.Join(", ", Categories.All)}.");
        }

        var formats = (draft.Brief.DeliverableFormats ?? [])
            .Select(f => f?.Trim().TrimStart('.').ToUpperInvariant() ?? "")
            .Where(f => f.Length > 0)
            .Distinct()
            .ToList();
        if (formats.Count == 0 || formats.Count > 12 || formats.Exists(f => f.Length > 16 || !f.All(char.IsLetterOrDigit)))
        {
            throw MarketplaceException.Invalid("Name the final file formats you want (1 to 12, such as PNG, SVG, PDF).");
        }

        if (draft.Prize is null || draft.Prize.Currency is not { Length: 3 } currency || !currency.All(char.IsAsciiLetterUpper))
        {
            throw MarketplaceException.Invalid("Give the prize in a currency code such as EUR or USD.");
        }

        if (draft.Prize.Minor < r.MinimumPrizeMinor)
        {
            throw MarketplaceException.Invalid($"The prize must be at least {new Money(r.MinimumPrizeMinor, currency)}.");
        }

        if (draft.SelectionWindow < r.MinimumSelectionWindow || draft.SelectionWindow > r.MaximumSelectionWindow)
        {
            throw MarketplaceException.Invalid($"The selection window must be between {r.MinimumSelectionWindow.TotalDays:0} and {r.MaximumSelectionWindow.TotalDays:0} days.");
        }

        RequireDeadlineFarEnough(draft.EntryDeadline);
        return new ProjectDraft(new ProjectBrief(title, description, category, formats), draft.Prize, draft.EntryDeadline, draft.SelectionWindow, draft.AllowEarlyAward);
    }

    private static bool SameDraft(ProjectDraft a, ProjectDraft b) =>
        a.Brief.Title == b.Brief.Title && a.Brief.Description == b.Brief.Description && a.Brief.Category == b.Brief.Category &&
        a.Brief.DeliverableFormats.SequenceEqual(b.Brief.DeliverableFormats) && a.Prize == b.Prize &&
        a.EntryDeadline == b.EntryDeadline && a.SelectionWindow == b.SelectionWindow && a.AllowEarlyAward == b.AllowEarlyAward;
}

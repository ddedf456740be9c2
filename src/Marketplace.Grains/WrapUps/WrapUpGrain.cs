using Marketplace.Contracts;
using Marketplace.Contracts.Escrow;
using Marketplace.Contracts.Files;
using Marketplace.Contracts.Mediation;
using Marketplace.Contracts.Previews;
using Marketplace.Contracts.WrapUps;
using Marketplace.Email;
using Marketplace.Payments;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Marketplace.Grains.WrapUps;

/// <summary>
/// The handover of one award. The journal lives in the grain's persistent state (not a <c>JournaledGrain</c>):
/// every change is a <see cref="JournalEntry"/> folded by <see cref="WrapUpState.Apply"/> and written with the same
/// ETag-checked grain storage as every other grain, in one blob with the state it produced. That keeps journal and
/// state from ever disagreeing, needs no second (log-consistency) provider on every silo and test cluster, and lets
/// the money-moving steps be ordered explicitly: the decision is written before escrow is called, so a retry settles
/// the same way with the same operation id. This file holds the ordinary path; the staff, dispute and deadline rules
/// are in the other <c>WrapUpGrain.*.cs</c> files.
/// </summary>
public sealed partial class WrapUpGrain(
    [PersistentState("wrapup", StorageNames.GrainStorage)] IPersistentState<WrapUpState> wrapUp,
    IGrainFactory grains,
    [FromKeyedServices(MarketplaceClock.Key)] TimeProvider clock,
    IOptions<WrapUpOptions> options,
    IOptions<FeeOptions> fees,
    IOptions<EmailOptions> email,
    ILogger<WrapUpGrain> logger) : Grain, IWrapUpGrain, IRemindable
{
    private const int MaxText = 4000;
    private const int MaxFiles = 50;

    private int committedEntries;

    private WrapUpState State => wrapUp.State;
    private WrapUpOptions Options => options.Value;
    private string Id => this.GetPrimaryKeyString();
    private WrapUpStart Started => State.Start ?? throw MarketplaceException.NotFound("This handover has not started.");
    private DateTimeOffset Now => clock.GetUtcNow();

    public async Task StartAsync(Actor actor, WrapUpStart start)
    {
        actor.RequireSystem("start a handover (award an entry instead)");
        if (State.Start is { } existing)
        {
            if (!SameStart(existing, start))
            {
                throw MarketplaceException.Conflict("This handover already started for another award.");
            }

            return;
        }

        RequireValidStart(start);
        var stored = start with { DeliverableFormats = start.DeliverableFormats.ToArray() };
        Record(Actor.System, WrapUpRoles.System, new Started(stored, Options.AgreementVersion));
        await CommitAsync();
        await this.RegisterOrUpdateReminder(DeadlinesReminder, Options.CheckEvery, Options.CheckEvery);
    }

    public async Task WinnerRemovedAsync(Actor actor, string reason, WinnerRemoval removed)
    {
        await grains.RequireStaffAsync(actor, "remove a winner");
        var text = ActorChecks.RequireText(reason, "a reason", MaxText);
        RequireNotEnded();
        if (KnowsOfRemoval(removed))
        {
            return;
        }

        Record(actor, WrapUpRoles.Staff, new WinnerRemoved(text, removed), reason: text);
        await CommitAsync();
    }

    public async Task BuyerRemovedAsync(Actor actor, string reason)
    {
        await grains.RequireStaffAsync(actor, "remove a buyer");
        var text = ActorChecks.RequireText(reason, "a reason", MaxText);
        _ = Started;
        // Told once; a handover already settled needs nothing (its outcome is being carried out).
        if (State.BuyerRemovedReason is not null || State.HasEnded || State.Settlement is not null)
        {
            return;
        }

        Record(actor, WrapUpRoles.Staff, new BuyerRemoved(text), reason: text);
        await CommitAsync();
    }

    /// <summary>
    /// A repeated removal changes nothing, and an entry removal after the account's adds nothing; the account removed
    /// after only the entry is news for the buyer, so it is recorded.
    /// </summary>
    private bool KnowsOfRemoval(WinnerRemoval removed) =>
        State.WinnerRemovedReason is not null && (State.WinnerRemoval == WinnerRemoval.Account || removed == WinnerRemoval.Entry);

    public async Task<WrapUpView> GetAsync(Actor actor)
    {
        var asker = await RequireReaderAsync(actor);
        await LoadPartyNamesAsync();
        return View(actor, asker);
    }

    public async Task<EscrowStatement> GetEscrowStatementAsync(Actor actor)
    {
        await RequireReaderAsync(actor);
        return await grains.GetGrain<IEscrowGrain>(Started.ProjectId).GetStatementAsync();
    }

    public async Task<bool> CanDownloadFinalsAsync(Actor actor) => CanDownload(await RequireReaderAsync(actor));

    public async Task<IReadOnlyList<FinalFile>> GetFinalsForDownloadAsync(Actor actor)
    {
        var asker = await RequireReaderAsync(actor);
        return CanDownload(asker)
            ? State.LatestDelivery!.Files
            : throw MarketplaceException.Forbidden(State.LatestDelivery is null
                ? "No final files have been delivered yet."
                : "The original files unlock for the buyer when the handover completes; until then, review the previews.");
    }

    public async Task<WrapUpView> DeliverFilesAsync(Actor actor, IReadOnlyList<FinalFile> files, string? note, OnBehalf? onBehalf = null)
    {
        var by = await RequirePartyAsync(actor, WaitingOn.Creative, "deliver the final files", onBehalf);
        RequireStep("Final files can only be delivered while they are awaited.", WrapUpStep.AwaitingFiles);
        RequireNoOpenDispute();
        var finals = RequireFinalFiles(files);
        var text = OptionalText(note);
        RequireBriefFormatsOrReason(finals, text);
        Record(actor, by.Role, new FilesDelivered(finals, text, Now + Options.AutoReleaseAfter), by.OnBehalf, by.OnBehalf?.Reason);
        return await CommitPartyActionAsync(actor);
    }

    public async Task<WrapUpView> ApproveAsync(Actor actor, string? note, OnBehalf? onBehalf = null)
    {
        var by = await RequirePartyAsync(actor, WaitingOn.Buyer, "approve the final files", onBehalf);
        RequireStep("There are no delivered files to approve yet.", WrapUpStep.InReview);
        RequireNoOpenDispute();
        Record(actor, by.Role, new Approved(OptionalText(note)), by.OnBehalf, by.OnBehalf?.Reason);
        return await CommitPartyActionAsync(actor);
    }

    public async Task<WrapUpView> RequestChangesAsync(Actor actor, string message, OnBehalf? onBehalf = null)
    {
        var by = await RequirePartyAsync(actor, WaitingOn.Buyer, "ask for changes", onBehalf);
        var text = ActorChecks.RequireText(message, "the changes you need", MaxText);
        RequireStep("Changes can only be asked for while reviewing delivered files.", WrapUpStep.InReview);
        RequireNoOpenDispute();
        Record(actor, by.Role, new ChangesRequested(text), by.OnBehalf, by.OnBehalf?.Reason);
        return await CommitPartyActionAsync(actor);
    }

    public async Task<WrapUpView> SignAgreementAsync(Actor actor, string agreementVersion, OnBehalf? onBehalf = null)
    {
        var party = onBehalf is not null ? PartyNamed(onBehalf.PartyId) : PartyActing(actor);
        var by = await RequirePartyAsync(actor, party, "sign the design transfer agreement", onBehalf);
        RequireStep("The transfer agreement is signed after the buyer approved the files.", WrapUpStep.AwaitingSignatures);
        RequireNoOpenDispute();
        var partyId = State.PartyId(party);
        if (State.HasSigned(partyId))
        {
            throw MarketplaceException.Conflict("This party already signed the transfer agreement.");
        }

        if (agreementVersion != State.AgreementVersion)
        {
            throw MarketplaceException.Invalid($"Please sign the current agreement (version {State.AgreementVersion}).");
        }

        Record(actor, by.Role, new AgreementSigned(partyId, agreementVersion), by.OnBehalf, by.OnBehalf?.Reason);
        if (State.Step == WrapUpStep.AwaitingRelease && State.Case?.ClaimedBy is null && !State.StaffSettle)
        {
            // The ordinary path pays as soon as both signed; a staff-held case waits for staff to release.
            Record(Actor.System, WrapUpRoles.System, new SettlementDecided(new Resolution(WrapUpOutcome.Completed)));
        }

        await CommitPartyActionAsync(actor);
        await SettleIfDecidedAsync();
        return View(actor, by.Role);
    }

    public async Task<WrapUpView> PauseAutoReleaseAsync(Actor actor, string reason, OnBehalf? onBehalf = null)
    {
        var by = await RequirePartyAsync(actor, WaitingOn.Buyer, "pause the automatic release", onBehalf);
        var text = ActorChecks.RequireText(reason, "a reason for pausing", MaxText);
        if (State.AutoReleaseDueAt is null)
        {
            throw MarketplaceException.Conflict("The automatic release is not running, so there is nothing to pause.");
        }

        Record(actor, by.Role, new AutoReleasePaused(text), by.OnBehalf, by.OnBehalf?.Reason);
        return await CommitPartyActionAsync(actor);
    }

    public async Task<WrapUpView> ResumeAutoReleaseAsync(Actor actor, OnBehalf? onBehalf = null)
    {
        var by = await RequirePartyAsync(actor, WaitingOn.Buyer, "resume the automatic release", onBehalf);
        if (State.AutoReleaseLeftWhenPaused is not { } left)
        {
            throw MarketplaceException.Conflict("The automatic release is not paused.");
        }

        Record(actor, by.Role, new AutoReleaseResumed(Now + left), by.OnBehalf, by.OnBehalf?.Reason);
        return await CommitPartyActionAsync(actor);
    }

    public async Task<WrapUpView> PostMessageAsync(Actor actor, MessageAudience to, string text)
    {
        var message = ActorChecks.RequireText(text, "a message", MaxText);
        RequireNotEnded();
        if (actor.IsStaff && !IsParty(actor))
        {
            await RequireHolderAsync(actor, "message the parties");
            if (to == MessageAudience.Staff)
            {
                throw MarketplaceException.Invalid("Staff write to the buyer, the creative or both.");
            }

            if (to == MessageAudience.Buyer && State.BuyerRemovedReason is not null)
            {
                throw MarketplaceException.Conflict("The buyer's account was closed, so they can no longer read messages here; write to the creative.");
            }

            Record(actor, WrapUpRoles.Staff, new MessagePosted(to, message, null));
            await CommitAsync();
            return View(actor, WrapUpRoles.Staff);
        }

        var by = await RequirePartyAsync(actor, PartyActing(actor), "send a message", null);
        if (to is not (MessageAudience.BothParties or MessageAudience.Staff))
        {
            throw MarketplaceException.Invalid("Write to the other party (both parties see it) or to staff.");
        }

        if (to == MessageAudience.BothParties && State.BuyerRemovedReason is not null)
        {
            throw MarketplaceException.Conflict("The buyer's account was closed, so messages to them can't be delivered. Write to Marketplace support instead; they finish the handover with you.");
        }

        if (to == MessageAudience.BothParties && State.WinnerRemovedReason is not null)
        {
            // Only the buyer gets here (a removed creative is refused above); nobody on the other side would read it.
            throw MarketplaceException.Conflict((State.WinnerRemoval == WinnerRemoval.Entry ? "The winning entry was removed" : "The winning creative was removed")
                + ", so messages to them can't be delivered here. Write to Marketplace support instead; they pass on what's needed.");
        }

        Record(actor, by.Role, new MessagePosted(to, message, null));
        return await CommitPartyActionAsync(actor);
    }

    public async Task<WrapUpView> RequestHelpAsync(Actor actor, string message)
    {
        var by = await RequirePartyAsync(actor, PartyActing(actor), "ask staff for help", null);
        var text = ActorChecks.RequireText(message, "what you need help with", MaxText);
        RequireNotEnded();
        Record(actor, by.Role, new HelpRequested(text));
        await CommitAsync();
        return View(actor, by.Role);
    }

    /// <summary>Writes a party's action; if it was the waited-on party acting on a case queued only for stalling, the case leaves the queue.</summary>
    private async Task<WrapUpView> CommitPartyActionAsync(Actor actor)
    {
        if (State.Case is { ClaimedBy: null } queued
            && queued.Reasons.All(r => r == MediationReason.Stalled)
            && State.ResponseClockSince == State.Journal[^1].At
            && State.PartyOf(State.Journal[^1]) != WaitingOn.Nobody)
        {
            Record(Actor.System, WrapUpRoles.System, new StallCleared());
        }

        await CommitAsync();
        return View(actor, RoleOf(actor));
    }

    private void Record(Actor actor, string role, WrapUpEvent @event, OnBehalf? onBehalf = null, string? reason = null) =>
        State.Apply(new JournalEntry(State.Journal.Count + 1, Now, actor.UserId, role, onBehalf, reason, @event));

    private WrapUpView View(Actor actor, string role) =>
        WrapUpViews.For(State, Id, role, actor.UserId, Now, CanDownload(role), fees.Value, PartyNameOf) with
        {
            ReminderDueAt = ReminderDueAt(),
            StaffStepInAt = StaffStepInAt(),
        };

    /// <summary>When <see cref="ApplyStallLimits"/> will nudge the waited-on party, as the page tells both sides.</summary>
    private DateTimeOffset? ReminderDueAt() =>
        State.StallClockRuns() && !State.NudgeSent ? State.ResponseClockSince + State.ResponseExtension + Options.NudgeAfter : null;

    /// <summary>When <see cref="ApplyStallLimits"/> will send the case to the staff queue, as the page tells both sides.</summary>
    private DateTimeOffset? StaffStepInAt() => State.StaffStepInAt(Options.QueueAfter);

    private bool CanDownload(string role) => State.LatestDelivery is not null && role switch
    {
        WrapUpRoles.Staff => true,
        WrapUpRoles.Creative => State.WinnerRemovedReason is null,
        WrapUpRoles.Buyer => State.Outcome == WrapUpOutcome.Completed,
        _ => false,
    };

    private static bool SameStart(WrapUpStart a, WrapUpStart b) =>
        a.ProjectId == b.ProjectId && a.BuyerId == b.BuyerId && a.CreativeId == b.CreativeId && a.EntryId == b.EntryId
        && a.Prize == b.Prize && a.DeliverableFormats.SequenceEqual(b.DeliverableFormats);

    private void RequireValidStart(WrapUpStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(start.DeliverableFormats);
        if (!Id.StartsWith(start.ProjectId + "/", StringComparison.Ordinal) || Id.Length == start.ProjectId.Length + 1)
        {
            throw MarketplaceException.Invalid($"A wrap-up of project {start.ProjectId} is keyed '{start.ProjectId}/<attempt>'.");
        }

        if (string.IsNullOrWhiteSpace(start.BuyerId) || string.IsNullOrWhiteSpace(start.CreativeId) || string.IsNullOrWhiteSpace(start.EntryId))
        {
            throw MarketplaceException.Invalid("A handover needs a buyer, a creative and the winning entry.");
        }

        if (start.BuyerId == start.CreativeId)
        {
            throw MarketplaceException.Invalid("The buyer cannot hand over to themselves.");
        }

        if (start.Prize.Minor <= 0)
        {
            throw MarketplaceException.Invalid("The prize must be more than zero.");
        }
    }

    private static IReadOnlyList<FinalFile> RequireFinalFiles(IReadOnlyList<FinalFile>? files)
    {
        if (files is null || files.Count == 0)
        {
            throw MarketplaceException.Invalid("Deliver at least one final file.");
        }

        if (files.Count > MaxFiles)
        {
            throw MarketplaceException.Invalid($"Deliver at most {MaxFiles} files at once (zip the rest).");
        }

        foreach (var final in files)
        {
            RequireStoredFile(final?.File, StorageNames.Containers.Finals);
        }

        if (files.Select(f => f.File.BlobName).Distinct(StringComparer.Ordinal).Count() != files.Count)
        {
            throw MarketplaceException.Invalid("The same file is listed twice.");
        }

        return files.Select(f => f with { Preview = Storable(f.Preview) }).ToArray();
    }

    /// <summary>
    /// A delivery missing a format the brief asks for must say why in its note, so the buyer reviews knowing what is
    /// missing and why; a complete delivery needs no note. Files in formats not asked for are welcome.
    /// </summary>
    private void RequireBriefFormatsOrReason(IReadOnlyList<FinalFile> finals, string? note)
    {
        if (note is null && FormatChecklist.Of(Started.DeliverableFormats, finals).RefusalWithoutNote() is { } refusal)
        {
            throw MarketplaceException.Invalid(refusal);
        }
    }

    /// <summary>Evidence as the journal keeps it: the files, and beside them their previews (see <see cref="DisputeOpened"/>).</summary>
    private static (StoredFile[] Files, PreviewManifest?[] Previews) RequireEvidence(IReadOnlyList<FinalFile>? evidence)
    {
        var list = evidence ?? Array.Empty<FinalFile>();
        if (list.Count > MaxFiles)
        {
            throw MarketplaceException.Invalid($"Attach at most {MaxFiles} files.");
        }

        foreach (var attached in list)
        {
            RequireStoredFile(attached?.File, container: null);
        }

        return (list.Select(f => f.File).ToArray(), list.Select(f => Storable(f.Preview)).ToArray());
    }

    /// <summary>
    /// Plain arrays: a caller's collection expression may be a compiler-made list type that storage cannot name. A zip's
    /// listing is kept to <see cref="ArchiveListing.MaxEntries"/> files whoever built it.
    /// </summary>
    private static PreviewManifest? Storable(PreviewManifest? preview) =>
        preview is null ? null : preview with
        {
            Images = preview.Images.ToArray(),
            Archive = preview.Archive is { } archive ? archive with { Entries = archive.Entries.Take(ArchiveListing.MaxEntries).ToArray() } : null,
        };

    private static void RequireStoredFile(StoredFile? file, string? container)
    {
        if (file is null || string.IsNullOrWhiteSpace(file.BlobName) || string.IsNullOrWhiteSpace(file.FileName)
            || file.Bytes <= 0 || file.Sha256 is not { Length: 64 } || !file.Sha256.All(char.IsAsciiHexDigitLower))
        {
            throw MarketplaceException.Invalid("A file is incomplete (name, size and SHA-256 are needed); upload it again.");
        }

        if (container is not null && file.Container != container)
        {
            throw MarketplaceException.Invalid($"'{file.FileName}' was not uploaded as a final file; upload it again.");
        }
    }

    private static string? OptionalText(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : ActorChecks.RequireText(text, "a note", MaxText);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Wrap-up {WrapUpId} could not tell its project the outcome {Outcome}; the reminder retries")]
    private static partial void LogProjectNotInformed(ILogger logger, Exception exception, string wrapUpId, WrapUpOutcome outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Wrap-up {WrapUpId} could not update the staff queue; the reminder retries")]
    private static partial void LogQueueNotUpdated(ILogger logger, Exception exception, string wrapUpId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Wrap-up {WrapUpId} could not settle {Outcome}; a retry or the reminder settles it with the same operation id")]
    private static partial void LogSettlementFailed(ILogger logger, Exception exception, string wrapUpId, WrapUpOutcome outcome);
}

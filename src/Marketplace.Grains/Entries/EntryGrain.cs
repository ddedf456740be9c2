using System.Text.RegularExpressions;
using Marketplace.Contracts;
using Marketplace.Contracts.Entries;
using Marketplace.Contracts.Files;
using Marketplace.Contracts.Previews;
using Marketplace.Contracts.Projects;
using Marketplace.Contracts.Reports;
using Marketplace.Contracts.Users;
using Marketplace.Contracts.WrapUps;
using Marketplace.Grains.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Marketplace.Grains.Entries;

[GenerateSerializer]
public sealed class EntryRecord
{
    [Id(0)] public string? ProjectId { get; set; }
    [Id(1)] public string ProjectTitle { get; set; } = "";
    [Id(2)] public string CreativeId { get; set; } = "";
    [Id(3)] public string BuyerId { get; set; } = "";
    [Id(4)] public List<EntryRevision> Revisions { get; set; } = [];
    [Id(5)] public List<EntryComment> Comments { get; set; } = [];
    [Id(6)] public int? Rating { get; set; }
    [Id(7)] public string? StatusReason { get; set; }
    [Id(8)] public DateTimeOffset SubmittedAt { get; set; }

    /// <summary>Notices stored with the change they report, until their inbox took them (see EntryGrain.Notices).</summary>
    [Id(9)] public List<PendingNotice> PendingNotices { get; set; } = [];

    /// <summary>How many notices this entry has written: the last part of their ids.</summary>
    [Id(10)] public int NoticesIssued { get; set; }

    /// <summary>The last status the creative was told about (declined, removed), so a retried change tells them once.</summary>
    [Id(11)] public EntryStatus? ToldStatus { get; set; }

    /// <summary>Who made the last status change and when, for staff mediating it.</summary>
    [Id(12)] public EntryStatusChange? LastChange { get; set; }

    /// <summary>
    /// The number the project gave the entry ("entry #7"), which its notices name. Entries stored before it learn it
    /// from the project's answer to their next change.
    /// </summary>
    [Id(13)] public int? Number { get; set; }
}

/// <summary>
/// One entry's revisions and conversation. Its status is decided by the project grain (which also decides awards),
/// so every change goes to the project first and is only recorded here once the project accepted it; reads ask the
/// project for the current status. The entry calls its project, never the reverse, so the two cannot deadlock.
/// </summary>
public sealed partial class EntryGrain(
    [PersistentState("entry", StorageNames.GrainStorage)] IPersistentState<EntryRecord> entry,
    IGrainFactory grains,
    [FromKeyedServices(MarketplaceClock.Key)] TimeProvider clock,
    ILogger<EntryGrain> logger) : Grain, IEntryGrain, IRemindable
{
    private EntryRecord S => entry.State;
    private string Id => this.GetPrimaryKeyString();
    private DateTimeOffset Now => clock.GetUtcNow();
    private IProjectGrain Project => grains.GetGrain<IProjectGrain>(S.ProjectId!);

    public async Task<EntryDetails> SubmitAsync(Actor actor, EntrySubmission submission)
    {
        var creative = await grains.RequireActiveAsync(actor, UserRoles.Creative, "submit an entry");
        ArgumentNullException.ThrowIfNull(submission);
        var original = Validated(submission.Original);
        if (S.ProjectId is not null)
        {
            return S.CreativeId == actor.UserId && S.ProjectId == submission.ProjectId && S.Revisions[0].Original == original
                ? await DetailsAsync()
                : throw MarketplaceException.Conflict("An entry with this id already exists.");
        }

        var note = OptionalText(submission.Note, "The note", 2000);
        var project = grains.GetGrain<IProjectGrain>(ActorChecks.RequireText(submission.ProjectId, "the project", 200));
        var admission = await project.AdmitEntryAsync(Actor.System,
            new GalleryItem(Id, actor.UserId, creative.DisplayName, EntryStatus.Active, null, 1, submission.Previews, Now, Now), original.Sha256);

        S.ProjectId = admission.ProjectId;
        S.ProjectTitle = admission.ProjectTitle;
        S.BuyerId = admission.BuyerId;
        S.CreativeId = actor.UserId;
        S.SubmittedAt = Now;
        S.Number = admission.Number;
        S.Revisions.Add(new EntryRevision(1, original, submission.Previews, note, Now));
        TellSubmitted(actor, creative.DisplayName);
        await entry.SaveAsync(this);
        await HandOverNoticesAsync();
        await RecordForCreativeAsync(EntryStatus.Active, EntryStanding.Running, admission.Number);
        return Details(EntryStatus.Active, EntryStanding.Running);
    }

    public async Task<EntryDetails> ReviseAsync(Actor actor, EntryUpload upload)
    {
        RequireExists();
        var creative = await RequireCreativeAsync(actor, "revise this entry");
        ArgumentNullException.ThrowIfNull(upload);
        var original = Validated(upload.Original);
        RequireChangedFromLatest(original);
        var note = OptionalText(upload.Note, "The note", 2000);
        var number = S.Revisions.Count + 1;
        var item = await Project.ReviseEntryAsync(Actor.System, Id, number, upload.Previews, original.Sha256);
        LearnNumber(item);
        S.Revisions.Add(new EntryRevision(number, original, upload.Previews, note, Now));
        TellRevised(actor, creative.DisplayName, number, note);
        await entry.SaveAsync(this);
        await HandOverNoticesAsync();
        return await RecordAndDescribeAsync(item.Status);
    }

    public async Task AttachPreviewsAsync(Actor actor, int revision, PreviewManifest previews)
    {
        actor.RequireSystem("attach previews");
        RequireExists();
        ArgumentNullException.ThrowIfNull(previews);
        var index = revision - 1;
        if (index < 0 || index >= S.Revisions.Count)
        {
            throw MarketplaceException.NotFound($"This entry has no revision {revision}.");
        }

        S.Revisions[index] = S.Revisions[index] with { Previews = previews };
        await entry.SaveAsync(this);
        await Project.SetEntryPreviewsAsync(Actor.System, Id, revision, previews);
    }

    public async Task<EntryDetails> WithdrawAsync(Actor actor)
    {
        RequireExists();
        await RequireCreativeAsync(actor, "withdraw this entry");
        var item = await Project.ChangeEntryStatusAsync(Actor.System, Id, EntryStatus.Withdrawn);
        if (NoteChange(item.Status, actor))
        {
            await entry.SaveAsync(this);
        }

        await CloseReportsAsync(item.Status, null, null);
        return await RecordAndDescribeAsync(item.Status);
    }

    public async Task<EntryDetails> RateAsync(Actor actor, int stars)
    {
        RequireExists();
        var buyer = await RequireBuyerAsync(actor, "rate this entry");
        if (stars is < 1 or > 5)
        {
            throw MarketplaceException.Invalid("A rating is 1 to 5 stars.");
        }

        var item = await Project.RateEntryAsync(Actor.System, Id, stars);
        LearnNumber(item);
        if (S.Rating != stars)
        {
            S.Rating = stars;
            TellRated(actor, buyer.DisplayName, stars);
            await entry.SaveAsync(this);
            await HandOverNoticesAsync();
            return await RecordAndDescribeAsync(item.Status);
        }

        return Details(item.Status, await StandingAsync(item.Status));
    }

    public async Task<EntryDetails> CommentAsync(Actor actor, string text)
    {
        RequireExists();
        if (!actor.Is(S.BuyerId) && !actor.Is(S.CreativeId) && !actor.IsStaff)
        {
            throw MarketplaceException.Forbidden("Only the project's buyer, the entry's creative and staff can comment on an entry.");
        }

        var author = await grains.RequireActiveAsync(actor, actor.IsStaff ? UserRoles.Staff : UserRoles.None, "comment");
        var comment = ActorChecks.RequireText(text, "a comment", 2000);
        var item = await Project.GetEntryAsync(Actor.System, Id);
        LearnNumber(item);
        var status = item.Status;
        if (!status.IsInGallery())
        {
            throw MarketplaceException.Conflict($"This entry was {status.ToString().ToLowerInvariant()}; it takes no more comments.");
        }

        var standing = await StandingAsync(status);
        if (!standing.TakesComments())
        {
            throw MarketplaceException.Conflict(standing switch
            {
                EntryStanding.NotChosen => "This contest has ended and another entry won, so comments on this entry are closed. You can still read them here.",
                EntryStanding.NoLongerEligible => "This entry is no longer eligible in this contest, so it takes no more comments.",
                _ => "This contest closed without a winner, so its entries take no more comments.",
            });
        }

        S.Comments.Add(new EntryComment(actor.UserId, comment, Now));
        TellCommented(actor, author.DisplayName, comment);
        await entry.SaveAsync(this);
        await HandOverNoticesAsync();
        return Details(status, standing);
    }

    public async Task<EntryDetails> DeclineAsync(Actor actor, string? reason)
    {
        RequireExists();
        var buyer = await RequireBuyerAsync(actor, "decline this entry");
        var note = OptionalText(reason, "The reason", 1000);
        var item = await Project.ChangeEntryStatusAsync(Actor.System, Id, EntryStatus.Declined);
        LearnNumber(item);
        await SaveStatusChangeAsync(item.Status, note, actor, () => TellDeclined(actor, buyer.DisplayName, note));
        return await RecordAndDescribeAsync(item.Status);
    }

    public async Task<EntryDetails> RemoveAsync(Actor actor, string reason)
    {
        RequireExists();
        await grains.RequireStaffAsync(actor, "remove entries");
        var note = ActorChecks.RequireText(reason, "a reason", 1000);
        var item = await Project.ChangeEntryStatusAsync(Actor.System, Id, EntryStatus.Removed);
        LearnNumber(item);
        await SaveStatusChangeAsync(item.Status, note, actor, () => TellRemoved(actor, note));
        await CloseReportsAsync(item.Status, actor.UserId, note);
        var details = await RecordAndDescribeAsync(item.Status);
        await StopHandoverIfWinnerAsync(actor, note);
        return details;
    }

    public async Task CreativeRemovedAsync(Actor actor, string reason)
    {
        actor.RequireSystem("remove a creative's entries");
        RequireExists();
        var item = await Project.ChangeEntryStatusAsync(Actor.System, Id, EntryStatus.Removed);
        var noted = NoteChange(item.Status, Actor.System);
        await SaveReasonAsync($"The creative was removed: {reason}", noted);
        await CloseReportsAsync(item.Status, null, null);
        await RecordForCreativeAsync(item.Status, EntryStanding.Removed);
    }

    public async Task<EntryDetails> GetAsync(Actor actor)
    {
        RequireExists();
        if (!actor.Is(S.CreativeId) && !actor.Is(S.BuyerId))
        {
            if (!actor.IsStaff)
            {
                throw MarketplaceException.Forbidden("Only the entry's creative, the project's buyer and staff can see this entry's details.");
            }

            await grains.RequireStaffAsync(actor, "see this entry's details");
        }

        var details = await DetailsAsync();
        // Why staff removed an entry is between staff and its creative; the buyer only learns that it left. Which
        // staff member removed it stays with staff.
        if (actor.IsStaff || details.Status != EntryStatus.Removed)
        {
            return details;
        }

        return details with
        {
            StatusReason = actor.Is(S.CreativeId) ? details.StatusReason : null,
            StatusChange = details.StatusChange is { } removal ? removal with { ByUserId = null } : null,
        };
    }

    public async Task<StoredFile> GetOriginalAsync(Actor actor, int? revision)
    {
        RequireExists();
        if (!actor.Is(S.CreativeId))
        {
            if (!actor.IsStaff)
            {
                throw MarketplaceException.Forbidden(actor.Is(S.BuyerId)
                    ? "Only the creative and staff can download an entry's original. Buyers get the final files through the handover."
                    : "Only the entry's creative, the project's buyer and staff can see this entry's details.");
            }

            await grains.RequireStaffAsync(actor, "download an entry's original");
        }

        var chosen = revision is { } number ? S.Revisions.FirstOrDefault(r => r.Number == number) : S.Revisions.LastOrDefault();
        return chosen?.Original ?? throw MarketplaceException.NotFound("That revision does not exist.");
    }

    public async Task<EntryPublicView> GetPublicAsync()
    {
        RequireExists();
        var item = await Project.GetEntryAsync(Actor.System, Id);
        return item.Status.IsInGallery()
            ? new EntryPublicView(Id, S.ProjectId!, S.CreativeId, item.Status, S.Revisions.Count, item.Previews, S.SubmittedAt)
            {
                Standing = await StandingAsync(item.Status),
            }
            : throw MarketplaceException.NotFound("This entry is no longer shown.");
    }

    /// <summary>
    /// The winning entry of a running handover cannot be handed over once removed: its wrap-up goes to staff and tells
    /// the buyer. The entry tells it, not the project, because a wrap-up calls its project when it ends and the two
    /// must never wait on each other. A repeated removal is a no-op in the wrap-up.
    /// </summary>
    private async Task StopHandoverIfWinnerAsync(Actor staff, string reason)
    {
        var project = await Project.GetAsync(Actor.System);
        if (project.State == ProjectState.Awarded && project.WinnerEntryId == Id)
        {
            await grains.GetGrain<IWrapUpGrain>(project.ActiveWrapUpId!).WinnerRemovedAsync(staff, reason, WinnerRemoval.Entry);
        }
    }

    /// <summary>
    /// An entry that left the gallery ends the reports about it, and the reporters hear how. Never fails the change
    /// itself: a missed call is put right when staff open the reported entry, and a repeated change calls again.
    /// </summary>
    private async Task CloseReportsAsync(EntryStatus status, string? staffId, string? note)
    {
        if (status.IsInGallery())
        {
            return;
        }

        try
        {
            await grains.GetGrain<IEntryReportsGrain>(Id).EntryLeftAsync(Actor.System, status, staffId, note);
        }
        catch (Exception e) when (e is not MarketplaceException)
        {
            LogReportsNotClosed(logger, e, Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Entry {EntryId} left the gallery but its reports could not be closed; staff opening them closes them")]
    private static partial void LogReportsNotClosed(ILogger logger, Exception exception, string entryId);

    private async Task<EntryDetails> DetailsAsync()
    {
        var status = (await Project.GetEntryAsync(Actor.System, Id)).Status;
        return Details(status, await StandingAsync(status));
    }

    /// <summary>The standing depends on the project's state too, which only the project knows (its deadlines applied).</summary>
    private async Task<EntryStanding> StandingAsync(EntryStatus status) =>
        EntryStandings.Of(status, (await Project.GetAsync(Actor.System)).State);

    private async Task<EntryDetails> RecordAndDescribeAsync(EntryStatus status)
    {
        var standing = await StandingAsync(status);
        await RecordForCreativeAsync(status, standing);
        return Details(status, standing);
    }

    private EntryDetails Details(EntryStatus status, EntryStanding standing) => new(
        Id, S.ProjectId!, S.ProjectTitle, S.CreativeId, S.BuyerId, status, S.StatusReason, S.Rating,
        S.Revisions.ToList(), S.Comments.ToList(), S.SubmittedAt)
    {
        Standing = standing,
        CommentsOpen = status.IsInGallery() && standing.TakesComments(),
        StatusChange = S.LastChange?.Status == status ? S.LastChange : null,
    };

    private async Task SaveReasonAsync(string? reason, bool otherChanges)
    {
        if (S.StatusReason != reason || otherChanges)
        {
            S.StatusReason = reason;
            await entry.SaveAsync(this);
        }
    }

    /// <summary>
    /// Stores the reason for the status the project just set and, in the same write, the notice about it, once per
    /// status: a retried decline or removal (even one whose first write failed) tells the creative exactly once.
    /// </summary>
    private async Task SaveStatusChangeAsync(EntryStatus status, string? reason, Actor by, Action tell)
    {
        var changed = NoteChange(status, by) | S.StatusReason != reason || S.ToldStatus != status;
        S.StatusReason = reason;
        if (S.ToldStatus != status)
        {
            S.ToldStatus = status;
            tell();
        }

        if (changed)
        {
            await entry.SaveAsync(this);
        }

        await HandOverNoticesAsync();
    }

    /// <summary>An entry stored before it kept its number takes it from the project's answer; it is saved with the change that follows.</summary>
    private void LearnNumber(GalleryItem item)
    {
        if (S.Number is null && item.Number > 0)
        {
            S.Number = item.Number;
        }
    }

    /// <summary>Who changed the status to <paramref name="status"/> and when, once: a retried change keeps the first. True when noted.</summary>
    private bool NoteChange(EntryStatus status, Actor by)
    {
        if (S.LastChange?.Status == status)
        {
            return false;
        }

        S.LastChange = new EntryStatusChange(status, by.IsSystem ? null : by.UserId, Now);
        return true;
    }

    /// <summary>Only the project knows the entry's number: it is passed on arrival, and later updates leave the list's as it was.</summary>
    private Task RecordForCreativeAsync(EntryStatus status, EntryStanding standing, int? number = null) =>
        grains.GetGrain<IUserIndexGrain>(S.CreativeId).RecordEntryAsync(Actor.System,
            new EntrySummary(Id, S.ProjectId!, S.ProjectTitle, status, S.Revisions.Count, S.SubmittedAt, Now, S.Rating) { KnownStanding = standing, Number = number });

    private async Task<UserCard> RequireCreativeAsync(Actor actor, string what)
    {
        if (!actor.Is(S.CreativeId))
        {
            throw MarketplaceException.Forbidden($"Only the entry's creative can {what}.");
        }

        return await grains.RequireActiveAsync(actor, UserRoles.Creative, what);
    }

    private async Task<UserCard> RequireBuyerAsync(Actor actor, string what)
    {
        if (!actor.Is(S.BuyerId))
        {
            throw MarketplaceException.Forbidden($"Only the project's buyer can {what}.");
        }

        return await grains.RequireActiveAsync(actor, UserRoles.Buyer, what);
    }

    private void RequireExists()
    {
        if (S.ProjectId is null)
        {
            throw MarketplaceException.NotFound("No entry with this id.");
        }
    }

    /// <summary>
    /// The same bytes again would show the buyer a "new" version with nothing new in it. Only the latest version counts:
    /// going back to an earlier design is a real change the buyer should see.
    /// </summary>
    private void RequireChangedFromLatest(StoredFile original)
    {
        var latest = S.Revisions[^1];
        if (string.Equals(latest.Original.Sha256, original.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw MarketplaceException.Conflict(
                $"This file is already the current version of this entry (version {latest.Number}); choose the changed file and upload it as the new version.");
        }
    }

    private static StoredFile Validated(StoredFile? original)
    {
        if (original is null || string.IsNullOrWhiteSpace(original.BlobName) || original.Bytes <= 0)
        {
            throw MarketplaceException.Invalid("Upload the design file first; the entry needs its stored original.");
        }

        if (original.Container != StorageNames.Containers.Originals)
        {
            throw MarketplaceException.Invalid("An entry's original must be stored in the private originals container.");
        }

        return Sha256Hex().IsMatch(original.Sha256 ?? "")
            ? original
            : throw MarketplaceException.Invalid("The stored original has no valid SHA-256 hash.");
    }

    private static string? OptionalText(string? text, string field, int maxLength) =>
        string.IsNullOrWhiteSpace(text) ? null
        : text.Trim().Length <= maxLength ? text.Trim()
        : throw MarketplaceException.Invalid($"{field} is too long (at most {maxLength} characters).");

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Hex();
}

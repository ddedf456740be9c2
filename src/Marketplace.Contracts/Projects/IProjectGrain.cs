using Marketplace.Contracts.Escrow;
using Marketplace.Contracts.Entries;
using Marketplace.Contracts.Previews;
using Marketplace.Contracts.WrapUps;

namespace Marketplace.Contracts.Projects;

/// <summary>
/// One project (key: project id, chosen by the web; no '/' allowed). Owns the project's rules, its state machine
/// and its gallery index. Deadlines are applied on every call and by a reminder, so a project whose entry
/// deadline passed is Selecting even if nobody looked.
/// </summary>
public interface IProjectGrain : IGrainWithStringKey
{
    /// <summary>An active buyer creates the project as a draft; they become its buyer. Validates the brief, prize and deadline.</summary>
    Task<ProjectView> CreateAsync(Actor actor, ProjectDraft draft);

    /// <summary>The buyer edits the draft; refused once opened.</summary>
    Task<ProjectView> UpdateDraftAsync(Actor actor, ProjectDraft draft);

    /// <summary>
    /// The buyer opens the draft: the prize is funded into escrow (operation id derived from the project, so a
    /// retried open never funds twice) and the project is listed in the catalog. The entry deadline must be in the future.
    /// </summary>
    Task<ProjectView> OpenAsync(Actor actor);

    /// <summary>
    /// The buyer cancels a draft, or an open project that has no active entry yet; staff may cancel an open or
    /// selecting project. Held money is refunded. A reason is required.
    /// </summary>
    Task<ProjectView> CancelAsync(Actor actor, string reason);

    /// <summary>
    /// Only <see cref="Actor.System"/> (the user grain, when staff remove the buyer's account). A draft is cancelled; an
    /// open or selecting project is cancelled with the prize refunded in full (no fee), its gallery closed and every
    /// creative with an entry in it told that Marketplace support closed it (no reason). Awarded or finished projects
    /// are unchanged (the user grain tells an open wrap-up). Repeating refunds and tells nothing more.
    /// </summary>
    Task<ProjectView> BuyerRemovedAsync(Actor actor);

    /// <summary>
    /// The buyer (or staff, on the buyer's behalf, recorded in the history) gives an open project more time for entries:
    /// a later deadline only (400 otherwise), at most the longest entry period after the project opened (400, naming the
    /// latest date), as often as needed within that limit. Never once entries closed (409). The creatives whose entries
    /// can still win hear the new deadline; the buyer hears it when staff moved it.
    /// </summary>
    Task<ProjectView> ExtendEntryDeadlineAsync(Actor actor, DateTimeOffset deadline);

    /// <summary>
    /// The buyer (or staff, on the buyer's behalf, with a reason kept in the history and told to the buyer) closes an open
    /// project's entries now instead of at the deadline. Only when the brief allowed early award (creatives were told the
    /// buyer may choose before the deadline) and at least one entry can still win (409 otherwise, saying why and what to
    /// do instead). The selection window starts now; the buyer is asked to choose and every creative in the gallery hears
    /// that entries closed early. Cannot be undone; repeating it changes nothing.
    /// </summary>
    Task<ProjectView> CloseEntriesNowAsync(Actor actor, string? reason);

    /// <summary>The project. Drafts only for their buyer and staff.</summary>
    Task<ProjectView> GetAsync(Actor actor);

    /// <summary>
    /// The buyer's receipt for the prize paid into escrow, with each amount paid back since (refund, split), read from
    /// escrow's movements. Only the buyer and staff (others 403; a draft is 404 to them, as everywhere); 409 while
    /// nothing was paid.
    /// </summary>
    Task<BuyerReceipt> GetReceiptAsync(Actor actor);

    /// <summary>The gallery in one call. Drafts only for their buyer and staff; ratings only for buyer, staff and each entry's creative.</summary>
    Task<GalleryView> GetGalleryAsync(Actor actor);

    /// <summary>
    /// The buyer awards one active entry while selecting (or while open if the brief allows early award).
    /// Exactly one winner: a second award is a conflict, even when both arrive together. Starts the wrap-up
    /// <c>{projectId}/{attempt}</c>. Repeating the same award returns the same result.
    /// </summary>
    Task<AwardResult> AwardAsync(Actor actor, string entryId);

    /// <summary>
    /// Only <see cref="Actor.System"/> (the wrap-up), idempotent. Completed/Split → completed; Refunded → refunded;
    /// AwardAnother → selecting again, the old winner ineligible, a fresh selection window; Reopened → open again
    /// with a new entry deadline, the old winner ineligible, and the creatives whose entries can still win told.
    /// </summary>
    Task<ProjectView> WrapUpEndedAsync(Actor actor, string wrapUpId, WrapUpOutcome outcome);

    /// <summary>
    /// Only <see cref="Actor.System"/> (the entry grain): adds a new entry while open and before the deadline. Refused
    /// (409, with <see cref="MarketplaceException.Next"/> linking the entry) when <paramref name="originalSha256"/> is the
    /// current file of another of the creative's entries here that did not leave by their own withdrawal.
    /// </summary>
    Task<EntryAdmission> AdmitEntryAsync(Actor actor, GalleryItem item, string originalSha256);

    /// <summary>
    /// Only <see cref="Actor.System"/> (the entry grain): a new revision of an active entry, allowed while open or
    /// selecting (a declined entry can never win again, so it takes none). Refused like a submission when the file is
    /// already another of the creative's entries here.
    /// </summary>
    Task<GalleryItem> ReviseEntryAsync(Actor actor, string entryId, int revisionCount, PreviewManifest? previews, string originalSha256);

    /// <summary>Only <see cref="Actor.System"/>: previews rendered for a revision (ignored unless it is the latest).</summary>
    Task<GalleryItem> SetEntryPreviewsAsync(Actor actor, string entryId, int revision, PreviewManifest previews);

    /// <summary>Only <see cref="Actor.System"/> (the entry grain): the buyer's rating.</summary>
    Task<GalleryItem> RateEntryAsync(Actor actor, string entryId, int stars);

    /// <summary>
    /// Only <see cref="Actor.System"/> (the entry grain): withdraw, decline or remove. Withdraw and decline need an
    /// open or selecting project and an entry that did not win; remove is always possible. An entry leaving the
    /// gallery of a running project tells the buyer, unless it is the winner (the handover tells of that).
    /// </summary>
    Task<GalleryItem> ChangeEntryStatusAsync(Actor actor, string entryId, EntryStatus status);

    /// <summary>Only <see cref="Actor.System"/>: the entry as the project records it (any status).</summary>
    Task<GalleryItem> GetEntryAsync(Actor actor, string entryId);
}

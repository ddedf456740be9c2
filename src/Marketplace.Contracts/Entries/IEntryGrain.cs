using Marketplace.Contracts.Files;
using Marketplace.Contracts.Previews;

namespace Marketplace.Contracts.Entries;

/// <summary>
/// One design entry (key: entry id, chosen by the web; no '/' allowed). The project grain is the authority for an
/// entry's status (it decides awards); this grain keeps the revisions, comments and who may see them.
/// </summary>
public interface IEntryGrain : IGrainWithStringKey
{
    /// <summary>
    /// An active creative submits to an open project before its entry deadline; the buyer cannot enter their own
    /// project. Repeating the same submission returns the entry.
    /// </summary>
    Task<EntryDetails> SubmitAsync(Actor actor, EntrySubmission submission);

    /// <summary>The creative adds a revision while the project is open or selecting and the entry active; old revisions are kept. A declined entry takes none: a decline is final, it can never win.</summary>
    Task<EntryDetails> ReviseAsync(Actor actor, EntryUpload upload);

    /// <summary>Only <see cref="Actor.System"/> (the preview worker): previews rendered for revision <paramref name="revision"/>.</summary>
    Task AttachPreviewsAsync(Actor actor, int revision, PreviewManifest previews);

    /// <summary>The creative withdraws while the project is open or selecting; a winning entry cannot be withdrawn.</summary>
    Task<EntryDetails> WithdrawAsync(Actor actor);

    /// <summary>The project's buyer rates 1–5 (again to change it) while the entry is in the gallery.</summary>
    Task<EntryDetails> RateAsync(Actor actor, int stars);

    /// <summary>The buyer, the creative or staff comment (1–2000 characters).</summary>
    Task<EntryDetails> CommentAsync(Actor actor, string text);

    /// <summary>The buyer declines an active entry while open or selecting, with an optional reason its creative reads. For good: it can no longer be awarded or revised; it stays in the gallery (rated, commented, withdrawable).</summary>
    Task<EntryDetails> DeclineAsync(Actor actor, string? reason);

    /// <summary>
    /// Staff remove the entry (policy) with a reason; it leaves the gallery. The winning entry of a running handover
    /// also sends that wrap-up to the staff queue (<c>IWrapUpGrain.WinnerRemovedAsync</c>). Repeating is safe.
    /// </summary>
    Task<EntryDetails> RemoveAsync(Actor actor, string reason);

    /// <summary>Only <see cref="Actor.System"/> (the user grain, on removing the creative): the entry leaves the gallery.</summary>
    Task CreativeRemovedAsync(Actor actor, string reason);

    /// <summary>Private details: only the creative, the project's buyer and staff. The reason staff removed it is not the buyer's to read.</summary>
    Task<EntryDetails> GetAsync(Actor actor);

    /// <summary>
    /// The full-resolution original of revision <paramref name="revision"/> (the latest when null): only the entry's
    /// creative and staff. The buyer reads the details but never gets the original: the final files come through the handover.
    /// </summary>
    Task<StoredFile> GetOriginalAsync(Actor actor, int? revision);

    /// <summary>Anyone: the public view. Withdrawn and removed entries are not found.</summary>
    Task<EntryPublicView> GetPublicAsync();
}

using Marketplace.Contracts;
using Marketplace.Contracts.Entries;
using Marketplace.Contracts.Projects;
using Marketplace.Grains.Notifications;

namespace Marketplace.Grains.Projects;

/// <summary>
/// One design, one entry: a creative who closes the tab mid-upload and submits again, or taps twice, would otherwise
/// show the buyer the same design as two entries. The project keeps each entry's current file
/// (<see cref="ProjectRecord.EntryOriginals"/>) and refuses a file that is already one of the same creative's entries
/// here, whatever its status, except an entry the creative withdrew: taking it out was their choice, so they may put
/// it back as a new entry. A declined, removed or no longer eligible design stays refused, or entering it again would
/// undo the buyer's decline or staff's removal. Only the current version counts: an earlier version the creative moved
/// on from may be entered on its own.
/// </summary>
public sealed partial class ProjectGrain
{
    private void RequireNewDesign(string creativeId, string originalSha256)
    {
        if (SameDesignAs(creativeId, originalSha256, exceptEntryId: null) is not { } earlier)
        {
            return;
        }

        var entered = $"You already entered this design as entry #{earlier.Number} (submitted {NoticeWords.When(earlier.SubmittedAt)})";
        throw earlier.Status switch
        {
            EntryStatus.Active or EntryStatus.Won => Refusal($"{entered}. To change it, revise entry #{earlier.Number}.",
                new RefusalLink($"Revise entry #{earlier.Number}", $"/entries/{earlier.EntryId}/revise")),
            EntryStatus.Declined => Refusal($"{entered}, and the buyer declined it. A decline is final, so the same design cannot be entered again; enter a different one.",
                OpenEntry(earlier)),
            EntryStatus.Removed => Refusal($"Marketplace support removed this design from the contest (entry #{earlier.Number}, submitted {NoticeWords.When(earlier.SubmittedAt)}), so it cannot be entered again. If you think that was a mistake, write to {SupportContact.Email}.",
                OpenEntry(earlier)),
            _ => Refusal($"{entered}; it is no longer eligible in this contest, so the same design cannot be entered again.", OpenEntry(earlier)),
        };
    }

    /// <summary>A version of one entry that is another entry's current file would make the two entries one design.</summary>
    private void RequireNotAnotherEntry(GalleryItem revised, string originalSha256)
    {
        if (SameDesignAs(revised.CreativeId, originalSha256, exceptEntryId: revised.EntryId) is not { } other)
        {
            return;
        }

        var already = $"This file is already your entry #{other.Number} (submitted {NoticeWords.When(other.SubmittedAt)}), so it cannot also be a version of entry #{revised.Number}.";
        throw other.Status == EntryStatus.Active
            ? Refusal($"{already} Choose the changed file for entry #{revised.Number}, or revise entry #{other.Number} instead.",
                new RefusalLink($"Revise entry #{other.Number}", $"/entries/{other.EntryId}/revise"))
            : Refusal($"{already} Choose the changed file for entry #{revised.Number}.", OpenEntry(other));
    }

    private GalleryItem? SameDesignAs(string creativeId, string originalSha256, string? exceptEntryId) =>
        S.Entries.Values
            .Where(e => e.CreativeId == creativeId && e.EntryId != exceptEntryId && e.Status != EntryStatus.Withdrawn)
            .Where(e => S.EntryOriginals.TryGetValue(e.EntryId, out var sha) && string.Equals(sha, originalSha256, StringComparison.OrdinalIgnoreCase))
            .OrderBy(e => e.Number)
            .FirstOrDefault();

    private static RefusalLink OpenEntry(GalleryItem entry) => new($"Open entry #{entry.Number}", $"/entries/{entry.EntryId}");

    private static MarketplaceException Refusal(string message, RefusalLink next) =>
        new(ErrorKind.Conflict, message) { Next = next };
}

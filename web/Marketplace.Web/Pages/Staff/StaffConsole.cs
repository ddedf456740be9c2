using Marketplace.Contracts;
using Marketplace.Contracts.Entries;
using Marketplace.Contracts.Previews;
using Marketplace.Contracts.Projects;
using Marketplace.Contracts.Reports;
using Marketplace.Contracts.Users;
using Marketplace.Contracts.WrapUps;
using Marketplace.Web.Presentation;
using Marketplace.Web.Uploads;

namespace Marketplace.Web.Pages.Staff;

/// <summary>The party staff act for in an on-behalf action.</summary>
public enum Party
{
    Buyer,
    Creative,
}

/// <summary>
/// What the staff pages and the staff API share: turning form or JSON fields into the grain's records, and storing
/// the finals a creative sent in. The wrap-up grain decides whether each action is allowed; this only translates.
/// </summary>
public static class StaffConsole
{
    public const int MaxFinals = StagedUpload.MaxPerBatch;

    /// <summary>The wrap-up of a case, or NotFound for an address no case can have.</summary>
    public static IWrapUpGrain Case(IGrainFactory grains, string? projectId, int attempt) =>
        Ids.IsWellFormed(projectId) && attempt > 0
            ? grains.GetGrain<IWrapUpGrain>(WrapUpIds.For(projectId!, attempt))
            : throw MarketplaceException.NotFound("There is no case at this address.");

    public static IUserGrain User(IGrainFactory grains, string? userId) =>
        Ids.IsWellFormed(userId)
            ? grains.GetGrain<IUserGrain>(userId!)
            : throw MarketplaceException.NotFound("There is no user with this id.");

    public static IEntryGrain Entry(IGrainFactory grains, string? entryId) =>
        Ids.IsWellFormed(entryId)
            ? grains.GetGrain<IEntryGrain>(entryId!)
            : throw MarketplaceException.NotFound("There is no entry with this id.");

    /// <summary>The reports of an entry, or NotFound for an id no entry can have.</summary>
    public static IEntryReportsGrain Reports(IGrainFactory grains, string? entryId) =>
        Ids.IsWellFormed(entryId)
            ? grains.GetGrain<IEntryReportsGrain>(entryId!)
            : throw MarketplaceException.NotFound("There is no entry with this id.");

    public static string PartyId(WrapUpView view, Party party) => party == Party.Buyer ? view.BuyerId : view.CreativeId;

    /// <summary>
    /// The consent staff record when acting for a party. Missing fields are refused here with the words of the form;
    /// the grain checks again (and that the party is the right one for the action).
    /// </summary>
    public static OnBehalf OnBehalf(WrapUpView view, Party party, string? consentHow, DateTimeOffset? consentGivenAt, string? reason)
    {
        if (view.BuyerRemoved && party == Party.Buyer)
        {
            // Nobody can consent for a closed account; the grain records that in the consent's place.
            if (string.IsNullOrWhiteSpace(reason))
                throw MarketplaceException.Invalid("Give a reason for acting in the buyer's place.");
            return new OnBehalf(view.BuyerId, new Consent("", DateTimeOffset.MinValue), reason.Trim());
        }

        if (string.IsNullOrWhiteSpace(consentHow))
            throw MarketplaceException.Forbidden($"Record how the {party.ToString().ToLowerInvariant()} consented (e.g. \"phone call\") before acting for them.");
        if (consentGivenAt is null)
            throw MarketplaceException.Invalid("Record when the party gave their consent.");
        if (string.IsNullOrWhiteSpace(reason))
            throw MarketplaceException.Invalid("Give a reason for acting on the party's behalf.");
        return new OnBehalf(PartyId(view, party), new Consent(consentHow.Trim(), consentGivenAt.Value), reason.Trim());
    }

    /// <summary>A form's "when" (a datetime-local field, read as UTC as the form says).</summary>
    public static DateTimeOffset? Utc(DateTime? local) =>
        local is { } value ? new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Unspecified), TimeSpan.Zero) : null;

    /// <summary>An outcome from the form: a split names the creative's part in major units (e.g. 120.50).</summary>
    public static Resolution Resolution(WrapUpView view, WrapUpOutcome outcome, decimal? toCreative)
    {
        if (outcome != WrapUpOutcome.Split) return new Resolution(outcome);
        if (toCreative is not { } amount)
            throw MarketplaceException.Invalid($"A split names the creative's part of the {Display.Money(view.Prize)} prize.");
        return new Resolution(outcome, new Money((long)Math.Round(amount * 100m, MidpointRounding.AwayFromZero), view.Prize.Currency));
    }

    /// <summary>
    /// Stores the finals a creative sent staff and delivers them for the creative. Checked before any file is stored
    /// (this staff member holds the case and files are awaited) so a refused delivery leaves nothing behind.
    /// </summary>
    public static async Task<WrapUpView> DeliverForCreativeAsync(
        IWrapUpGrain wrapUp, Actor actor, IReadOnlyList<IFormFile> files, string? note, Party party, string? consentHow, DateTimeOffset? consentGivenAt, string? reason,
        UploadService uploads, CancellationToken cancellationToken)
    {
        var view = await wrapUp.GetAsync(actor);
        if (view.Mediation?.ClaimedBy != actor.UserId) throw MarketplaceException.Conflict("Claim the case before uploading files for the creative.");
        if (view.Step != WrapUpStep.AwaitingFiles) throw MarketplaceException.Conflict("The final files are not awaited right now.");
        var onBehalf = OnBehalf(view, party, consentHow, consentGivenAt, reason);
        if (onBehalf.PartyId != view.CreativeId) throw MarketplaceException.Forbidden("Final files are delivered on behalf of the creative only.");
        if (files.Count == 0) throw MarketplaceException.Invalid("Choose at least one final file to upload.");
        if (files.Count > MaxFinals) throw MarketplaceException.Invalid($"Upload at most {MaxFinals} files at a time; zip the rest.");
        DeliveryFormats.RequireBeforeStoring(view, files, note);
        var finals = (await uploads.StoreFinalFilesAsync(files, UploadLabels.Final, cancellationToken)).Select(s => new FinalFile(s.File!, s.Previews)).ToList();
        return await wrapUp.DeliverFilesAsync(actor, finals, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), onBehalf);
    }

    /// <summary>The printer's address: the public delivery page for the token (shown once, never stored).</summary>
    public static string DeliveryUrl(HttpRequest request, string token) => $"{request.Scheme}://{request.Host}/delivery/{Uri.EscapeDataString(token)}";
}

using Marketplace.Contracts.Reviews;
using Marketplace.Contracts.WrapUps;
using Marketplace.Grains.Tests.WrapUps;

namespace Marketplace.Grains.Tests.Reviews;

/// <summary>Handovers brought to the ends reviews care about, through the real grains.</summary>
internal static class Reviewed
{
    public static IReviewGrain Review(this Handover h) => h.GrainsOf().GetGrain<IReviewGrain>(h.Id);

    public static ICreativeProfileGrain Profile(this IMarketplaceCluster fixture, Actor creative) =>
        fixture.Grains.GetGrain<ICreativeProfileGrain>(creative.UserId);

    public static IBuyerRecordGrain Record(this IMarketplaceCluster fixture, Actor buyer) =>
        fixture.Grains.GetGrain<IBuyerRecordGrain>(buyer.UserId);

    /// <summary>Delivered, approved, signed by both: the prize released and the handover completed.</summary>
    public static async Task<Handover> CompletedAsync(IMarketplaceCluster fixture)
    {
        var h = await Handover.AwardedAsync(fixture);
        var approved = await h.DeliveredAndApprovedAsync();
        await h.Grain.SignAgreementAsync(h.Creative, approved.AgreementVersion);
        var done = await h.Grain.SignAgreementAsync(h.Buyer, approved.AgreementVersion);
        Assert.Equal(WrapUpOutcome.Completed, done.Outcome);
        return h;
    }

    /// <summary>The buyer disputes, staff claim the case and decide <paramref name="decision"/>.</summary>
    public static async Task<Handover> DecidedAsync(IMarketplaceCluster fixture, Resolution decision)
    {
        var h = await Handover.AwardedAsync(fixture);
        await h.DeliverAsync();
        await h.Grain.OpenDisputeAsync(h.Buyer, "The files are not the winning design.", []);
        await h.Grain.ClaimAsync(h.Staff);
        var ended = await h.Grain.DecideOutcomeAsync(h.Staff, decision, "Decided on the evidence.");
        Assert.Equal(decision.Outcome, ended.Outcome);
        return h;
    }
}

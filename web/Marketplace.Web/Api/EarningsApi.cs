using Marketplace.Contracts.Earnings;
using Marketplace.Web.Accounts;
using Marketplace.Web.Presentation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marketplace.Web.Api;

/// <summary>A creative's earnings statement: their own, or any creative's for staff (the grain decides).</summary>
public static class EarningsApi
{
    public static RouteGroupBuilder MapEarningsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/me/earnings", MineAsync).RequireAuthorization().WithTags("Me")
            .WithSummary("The signed-in creative's payouts (gross, fee, received, date, project), newest first, and totals per calendar year.");
        api.MapGet("/creatives/{id}/earnings", OfCreativeAsync).RequireAuthorization().WithTags("Earnings")
            .WithSummary("A creative's earnings statement: only that creative and staff.");
        return api;
    }

    private static async Task<Ok<EarningsStatement>> MineAsync(IGrainFactory grains, HttpContext http)
    {
        var actor = http.User.RequireActor();
        return TypedResults.Ok(await grains.GetGrain<ICreativeEarningsGrain>(actor.UserId).GetAsync(actor));
    }

    private static async Task<Ok<EarningsStatement>> OfCreativeAsync(string id, IGrainFactory grains, HttpContext http)
    {
        if (!Ids.IsWellFormed(id)) throw Marketplace.Contracts.MarketplaceException.NotFound("There is no creative with this id.");
        return TypedResults.Ok(await grains.GetGrain<ICreativeEarningsGrain>(id).GetAsync(http.User.RequireActor()));
    }
}

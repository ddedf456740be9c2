using Marketplace.Contracts;
using Marketplace.Contracts.Projects;
using Marketplace.Contracts.Reviews;
using Marketplace.Web.Accounts;
using Marketplace.Web.Extensions;
using Marketplace.Web.Presentation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marketplace.Web.Api;

/// <summary>
/// Creatives' public profiles, buyers' records and the buyer's review of a completed handover. The review grain
/// decides who may write, edit, reply and hide; these routes only translate.
/// </summary>
public static class ReviewsApi
{
    public sealed record ReviewRequest(int Stars, string? Text);
    public sealed record ReplyRequest(string? Text);
    public sealed record HideRequest(ReviewPart Part, string? Reason);
    public sealed record ShowAgainRequest(ReviewPart Part, string? Note);

    public static RouteGroupBuilder MapReviewsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/creatives/{id}", GetProfileAsync).WithTags("Reviews")
            .WithSummary("Anyone: a creative's public profile (wins, completed handovers, rating, reviews newest first, winning designs). 404 once the account is removed.");
        api.MapGet("/projects/{id}/buyer-record", GetBuyerRecordAsync).WithTags("Reviews")
            .WithSummary("Whoever may see the project: its buyer's record (contests with a result, winners chosen, closed without a choice).");

        var review = api.MapGroup("/wrapups/{projectId}/{attempt:int}/review").WithTags("Reviews").RequireAuthorization();
        review.MapGet("/", (string projectId, int attempt, IGrainFactory g, HttpContext h) => Review(g, projectId, attempt).GetAsync(h.User.RequireActor()))
            .WithSummary("The parties and staff: the review, if written, and what the reader may do with it now.");
        review.MapPut("/", async (string projectId, int attempt, ReviewRequest r, IGrainFactory g, HttpContext h) =>
                TypedResults.Ok(await Review(g, projectId, attempt).WriteAsync(h.User.RequireActor(), r.Stars, r.Text)))
            .WithSummary("The buyer of a completed handover reviews its creative (1–5 stars, text up to 2000 characters, needed below 4 stars), or edits the review within 14 days.");
        review.MapPost("/reply", async (string projectId, int attempt, ReplyRequest r, IGrainFactory g, HttpContext h) =>
                TypedResults.Ok(await Review(g, projectId, attempt).ReplyAsync(h.User.RequireActor(), r.Text)))
            .WithSummary("The reviewed creative replies once, in public (up to 1000 characters).");
        api.MapPost("/staff/reviews/{projectId}/{attempt:int}/hide", async (string projectId, int attempt, HideRequest r, IGrainFactory g, HttpContext h) =>
                TypedResults.Ok(await Review(g, projectId, attempt).HideAsync(h.User.RequireActor(), r.Part, r.Reason)))
            .WithTags("Staff").RequireAuthorization(Policies.Staff)
            .WithSummary("Staff hide a review or its reply that breaks the rules; the reason is kept for staff.");
        api.MapPost("/staff/reviews/{projectId}/{attempt:int}/show", async (string projectId, int attempt, ShowAgainRequest r, IGrainFactory g, HttpContext h) =>
                TypedResults.Ok(await Review(g, projectId, attempt).ShowAgainAsync(h.User.RequireActor(), r.Part, r.Note)))
            .WithTags("Staff").RequireAuthorization(Policies.Staff)
            .WithSummary("Staff show a hidden review or reply again ({\"part\", \"note\"}); the hide and the note stay on its record. 409 when it is not hidden.");
        return api;
    }

    private static async Task<Ok<CreativeProfileView>> GetProfileAsync(string id, IGrainFactory grains, HttpContext http) =>
        TypedResults.Ok(await Profile(grains, id).GetAsync(http.User.ToViewer()));

    private static async Task<Ok<BuyerRecordView>> GetBuyerRecordAsync(string id, IGrainFactory grains, HttpContext http)
    {
        var project = await Projects(grains, id).GetAsync(http.User.ToViewer());
        return TypedResults.Ok(await grains.GetGrain<IBuyerRecordGrain>(project.BuyerId).GetAsync());
    }

    public static ICreativeProfileGrain Profile(IGrainFactory grains, string id) =>
        Ids.IsWellFormed(id)
            ? grains.GetGrain<ICreativeProfileGrain>(id)
            : throw MarketplaceException.NotFound("There is no creative's profile here.");

    private static IProjectGrain Projects(IGrainFactory grains, string id) =>
        Ids.IsWellFormed(id) ? grains.GetGrain<IProjectGrain>(id) : throw MarketplaceException.NotFound("No project with this id.");

    public static IReviewGrain Review(IGrainFactory grains, string projectId, int attempt) =>
        Ids.IsWellFormed(projectId) && attempt > 0
            ? grains.GetGrain<IReviewGrain>(WrapUpIds.For(projectId, attempt))
            : throw MarketplaceException.NotFound("There is no handover at this address.");
}

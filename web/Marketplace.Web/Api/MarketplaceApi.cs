namespace Marketplace.Web.Api;

/// <summary>The JSON API under /api/v1: errors are ProblemDetails (see <c>MarketplaceExceptionHandler</c>).</summary>
public static class MarketplaceApi
{
    public static IEndpointRouteBuilder MapMarketplaceApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapAccountApi();
        api.MapProjectsApi();
        api.MapQuestionsApi();
        api.MapEntriesApi();
        api.MapWrapUpsApi();
        api.MapReviewsApi();
        api.MapStaffApi();
        api.MapNotificationsApi();
        api.MapEarningsApi();
        api.MapEmailSettingsApi();
        return app;
    }
}

using Marketplace.Contracts;
using Marketplace.Contracts.Entries;
using Marketplace.Contracts.Reports;
using Marketplace.Web.Accounts;
using Marketplace.Web.Extensions;
using Marketplace.Web.Presentation;
using Marketplace.Web.Uploads;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Api;

public static class EntriesApi
{
    public sealed record RatingRequest(int Stars);
    public sealed record CommentRequest(string? Text);
    public sealed record DeclineRequest(string? Reason);
    /// <summary><paramref name="Reason"/>: copies-another-entry (with <paramref name="CopiesEntryNumber"/>), uses-someone-elses-work, offensive, not-for-this-brief, something-else (with a note).</summary>
    public sealed record ReportBody(string? Reason, int? CopiesEntryNumber, string? Note);

    public static RouteGroupBuilder MapEntriesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/entries").WithTags("Entries");
        group.MapGet("/{id}", GetPublicAsync).WithSummary("Anyone: the entry's public view (previews only).");
        group.MapGet("/{id}/details", GetDetailsAsync).RequireAuthorization().WithSummary("The creative, the project's buyer and staff: revisions and comments.");
        group.MapPost("/{id}/revisions", ReviseAsync).RequireAuthorization(Policies.Creative).RequireRateLimiting(WebExtensions.UploadLimit)
            .WithSummary("The creative uploads a revision (multipart: file, note). Needs the X-XSRF-TOKEN header.");
        group.MapPost("/{id}/withdraw", WithdrawAsync).RequireAuthorization(Policies.Creative).WithSummary("The creative withdraws the entry.");
        group.MapPost("/{id}/rating", RateAsync).RequireAuthorization(Policies.Buyer).WithSummary("The project's buyer rates 1–5.");
        group.MapPost("/{id}/comments", CommentAsync).RequireAuthorization().WithSummary("The buyer, the creative or staff comment.");
        group.MapPost("/{id}/decline", DeclineAsync).RequireAuthorization(Policies.Buyer).WithSummary("The project's buyer declines the entry.");
        group.MapPost("/{id}/reports", ReportAsync).RequireAuthorization()
            .WithSummary("Anyone signed in but the entry's creative reports it to staff (reason, copiesEntryNumber, note). One standing report per person; 201 with the report.");
        return api;
    }

    private static async Task<Created<EntryReport>> ReportAsync(string id, ReportBody body, IGrainFactory grains, HttpContext http)
    {
        var actor = http.User.RequireActor();
        var reason = ReportReasons.Parse(body.Reason);
        // The public view: 404 for an entry that left the gallery; the reports grain has the project confirm the rest.
        var entry = await Entry(grains, id).GetPublicAsync();
        var report = await grains.GetGrain<IEntryReportsGrain>(id).ReportAsync(actor, entry.ProjectId, new ReportRequest(reason, body.CopiesEntryNumber, body.Note));
        return TypedResults.Created($"/entries/{id}", report);
    }

    private static async Task<Ok<EntryPublicView>> GetPublicAsync(string id, IGrainFactory grains) =>
        TypedResults.Ok(await Entry(grains, id).GetPublicAsync());

    private static async Task<Ok<EntryDetails>> GetDetailsAsync(string id, IGrainFactory grains, HttpContext http) =>
        TypedResults.Ok(await Entry(grains, id).GetAsync(http.User.RequireActor()));

    private static async Task<Ok<EntryDetails>> ReviseAsync(
        string id, IFormFile? file, [FromForm] string? note, IGrainFactory grains, UploadService uploads, HttpContext http, CancellationToken cancellationToken)
    {
        var actor = http.User.RequireActor();
        var entry = Entry(grains, id);
        // Checked before storing so a refused revision leaves no file behind; the grain checks again.
        var details = await entry.GetAsync(actor);
        if (!actor.Is(details.CreativeId)) throw MarketplaceException.Forbidden("Only the entry's creative can upload a revision.");
        var stored = await uploads.StoreEntryImageAsync(file, UploadLabels.Entry, cancellationToken);
        return TypedResults.Ok(await entry.ReviseAsync(actor, new EntryUpload(stored.File!, stored.Previews, string.IsNullOrWhiteSpace(note) ? null : note.Trim())));
    }

    private static async Task<Ok<EntryDetails>> WithdrawAsync(string id, IGrainFactory grains, HttpContext http) =>
        TypedResults.Ok(await Entry(grains, id).WithdrawAsync(http.User.RequireActor()));

    private static async Task<Ok<EntryDetails>> RateAsync(string id, RatingRequest request, IGrainFactory grains, HttpContext http) =>
        TypedResults.Ok(await Entry(grains, id).RateAsync(http.User.RequireActor(), request.Stars));

    private static async Task<Ok<EntryDetails>> CommentAsync(string id, CommentRequest request, IGrainFactory grains, HttpContext http) =>
        TypedResults.Ok(await Entry(grains, id).CommentAsync(http.User.RequireActor(), request.Text ?? ""));

    private static async Task<Ok<EntryDetails>> DeclineAsync(string id, DeclineRequest request, IGrainFactory grains, HttpContext http) =>
        TypedResults.Ok(await Entry(grains, id).DeclineAsync(http.User.RequireActor(), request.Reason));

    private static IEntryGrain Entry(IGrainFactory grains, string id) => Ids.IsWellFormed(id)
        ? grains.GetGrain<IEntryGrain>(id)
        : throw MarketplaceException.NotFound("There is no entry with this id.");
}

using Marketplace.Contracts;
using Marketplace.Contracts.Catalog;
using Marketplace.Contracts.Entries;
using Marketplace.Contracts.Projects;
using Marketplace.Contracts.Users;
using Marketplace.Web.Accounts;
using Marketplace.Web.Extensions;
using Marketplace.Web.Presentation;
using Marketplace.Web.Uploads;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Api;

/// <summary>Projects for buyers and creatives: the same grain calls the pages make.</summary>
public static class ProjectsApi
{
    /// <summary>A project to post. <see cref="Prize"/> is in minor units (cents) of <see cref="Currency"/>.</summary>
    public sealed record NewProjectRequest(
        string? Title, string? Description, string? Category, long Prize, string? Currency,
        DateTimeOffset EntryDeadline, int SelectionDays, bool AllowEarlyAward, IReadOnlyList<string>? DeliverableFormats);

    public sealed record CancelRequest(string? Reason);
    public sealed record AwardRequest(string? EntryId);
    public sealed record EntryDeadlineRequest(DateTimeOffset? EntryDeadline);

    /// <summary>Staff give the reason the buyer reads; the buyer gives none.</summary>
    public sealed record CloseEntriesRequest(string? Reason);

    public static RouteGroupBuilder MapProjectsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/projects").WithTags("Projects");
        group.MapGet("/", ListOpenAsync).WithSummary("Open projects, soonest deadline first (category and sort optional).");
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.Buyer).WithSummary("A buyer drafts a project.");
        group.MapGet("/{id}", GetAsync).WithSummary("A project; drafts only for their buyer and staff.");
        group.MapPut("/{id}", UpdateDraftAsync).RequireAuthorization(Policies.Buyer).WithSummary("The buyer rewrites their draft (same body as drafting); refused once it is open.");
        group.MapPost("/{id}/open", OpenAsync).RequireAuthorization(Policies.Buyer).WithSummary("The buyer funds the prize into escrow and opens the project.");
        group.MapPost("/{id}/cancel", CancelAsync).RequireAuthorization().WithSummary("The buyer (or staff) cancels; held money is refunded.");
        group.MapPost("/{id}/entry-deadline", ExtendEntryDeadlineAsync).RequireAuthorization()
            .WithSummary("The buyer (or staff, for them) moves an open project's entry deadline later, up to its latestEntryDeadline.");
        group.MapPost("/{id}/close-entries", CloseEntriesNowAsync).RequireAuthorization(Policies.BuyerOrStaff)
            .WithSummary("The buyer (or staff, for them, with a reason) closes an open project's entries now, when its brief allowed early award and an entry can win; the selection window starts then. Cannot be undone; a repeat changes nothing.");
        group.MapGet("/{id}/receipt", GetReceiptAsync).RequireAuthorization()
            .WithSummary("The buyer's receipt: the prize paid into escrow and each amount paid back since (refund, split). Only the buyer and staff.");
        group.MapGet("/{id}/gallery", GetGalleryAsync).WithSummary("The entries; ratings only for the buyer, staff and each entry's creative.");
        group.MapPost("/{id}/award", AwardAsync).RequireAuthorization(Policies.Buyer).WithSummary("The buyer awards one entry and starts the handover.");
        group.MapPost("/{id}/entries", SubmitAsync).RequireAuthorization(Policies.Creative).RequireRateLimiting(WebExtensions.UploadLimit)
            .WithSummary("A creative submits an entry (multipart: file, note). Needs the X-XSRF-TOKEN header.");

        var me = api.MapGroup("/me").WithTags("Me").RequireAuthorization();
        me.MapGet("/projects", MyProjectsAsync).WithSummary("The signed-in buyer's projects.");
        me.MapGet("/entries", MyEntriesAsync).WithSummary("The signed-in creative's entries.");
        me.MapGet("/wrapups", MyWrapUpsAsync).WithSummary("Handovers the signed-in creative won.");
        return api;
    }

    private static async Task<Ok<IReadOnlyList<CatalogItem>>> ListOpenAsync(OpenProjects open, string? category, string? sort) =>
        TypedResults.Ok(await open.ListAsync(category, sort));

    /// <summary>
    /// With an <c>Idempotency-Key</c> header a repeated request answers with the project the first one made (the same
    /// 201); the same key with other details is refused (409) and changes nothing.
    /// </summary>
    private static async Task<Created<ProjectView>> CreateAsync(
        NewProjectRequest request, IGrainFactory grains, HttpContext http, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey)
    {
        var actor = http.User.RequireActor();
        if (idempotencyKey is { Length: 0 or > 200 }) throw MarketplaceException.Invalid("Send an Idempotency-Key of 1 to 200 characters, or leave the header out.");
        var id = idempotencyKey is null ? Ids.NewProjectId() : Ids.ProjectIdFor(actor.UserId, idempotencyKey);
        var project = await grains.GetGrain<IProjectGrain>(id).CreateAsync(actor, DraftOf(request));
        return TypedResults.Created($"/api/v1/projects/{project.Id}", project);
    }

    private static async Task<Ok<ProjectView>> UpdateDraftAsync(string id, NewProjectRequest request, IGrainFactory grains, HttpContext http) =>
        TypedResults.Ok(await Project(grains, id).UpdateDraftAsync(http.User.RequireActor(), DraftOf(request)));

    private static ProjectDraft DraftOf(NewProjectRequest request) => new(
        new ProjectBrief(request.Title ?? "", request.Description ?? "", request.Category ?? "", request.DeliverableFormats ?? []),
        new Money(request.Prize, string.IsNullOrWhiteSpace(request.Currency) ? "USD" : request.Currency.ToUpperInvariant()),
        request.EntryDeadline,
        TimeSpan.FromDays(request.SelectionDays <= 0 ? 7 : request.SelectionDays),
        request.AllowEarlyAward);

    private static async Task<Ok<ProjectView>> GetAsync(string id, IGrainFactory grains, HttpContext http) =>
        TypedResults.Ok(await Project(grains, id).GetAsync(http.User.ToViewer()));

    private static async Task<Ok<Marketplace.Contracts.Escrow.BuyerReceipt>> GetReceiptAsync(string id, IGrainFactory grains, HttpContext http) =>
        TypedResults.Ok(await Project(grains, id).GetReceiptAsync(http.User.RequireActor()));

    private static async Task<Ok<ProjectView>> OpenAsync(string id, IGrainFactory grains, HttpContext http) =>
        TypedResults.Ok(await Project(grains, id).OpenAsync(http.User.RequireActor()));

    private static async Task<Ok<ProjectView>> CancelAsync(string id, CancelRequest request, IGrainFactory grains, HttpContext http) =>
        TypedResults.Ok(await Project(grains, id).CancelAsync(http.User.RequireActor(), request.Reason ?? ""));

    private static async Task<Ok<ProjectView>> ExtendEntryDeadlineAsync(string id, EntryDeadlineRequest request, IGrainFactory grains, HttpContext http) =>
        TypedResults.Ok(await Project(grains, id).ExtendEntryDeadlineAsync(http.User.RequireActor(), request.EntryDeadline
            ?? throw MarketplaceException.Invalid("Give the new entry deadline (entryDeadline), such as 2026-03-01T23:59:00Z.")));

    private static async Task<Ok<ProjectView>> CloseEntriesNowAsync(string id, CloseEntriesRequest? request, IGrainFactory grains, HttpContext http) =>
        TypedResults.Ok(await Project(grains, id).CloseEntriesNowAsync(http.User.RequireActor(), request?.Reason));

    private static async Task<Ok<GalleryView>> GetGalleryAsync(string id, IGrainFactory grains, HttpContext http) =>
        TypedResults.Ok(await Project(grains, id).GetGalleryAsync(http.User.ToViewer()));

    private static async Task<Ok<AwardResult>> AwardAsync(string id, AwardRequest request, IGrainFactory grains, HttpContext http) =>
        TypedResults.Ok(await Project(grains, id).AwardAsync(http.User.RequireActor(), Ids.IsWellFormed(request.EntryId)
            ? request.EntryId!
            : throw MarketplaceException.Invalid("Give the id of the entry to award.")));

    private static async Task<Created<EntryDetails>> SubmitAsync(
        string id, IFormFile? file, [FromForm] string? note, IGrainFactory grains, UploadService uploads, HttpContext http, CancellationToken cancellationToken)
    {
        var actor = http.User.RequireActor();
        var project = await Project(grains, id).GetAsync(actor);
        // Checked before storing so a refused entry leaves no file behind; the entry grain checks again.
        if (actor.Is(project.BuyerId)) throw MarketplaceException.Forbidden("You can't enter your own project.");
        if (project.State != ProjectState.Open) throw MarketplaceException.Conflict("This project no longer takes entries.");
        var stored = await uploads.StoreEntryImageAsync(file, UploadLabels.Entry, cancellationToken);
        var entry = await grains.GetGrain<IEntryGrain>(Ids.NewEntryId())
            .SubmitAsync(actor, new EntrySubmission(id, stored.File!, stored.Previews, string.IsNullOrWhiteSpace(note) ? null : note.Trim()));
        return TypedResults.Created($"/api/v1/entries/{entry.Id}", entry);
    }

    private static async Task<Ok<IReadOnlyList<ProjectSummary>>> MyProjectsAsync(IGrainFactory grains, HttpContext http)
    {
        var actor = http.User.RequireActor();
        return TypedResults.Ok(await grains.GetGrain<IUserIndexGrain>(actor.UserId).GetProjectsAsync(actor));
    }

    private static async Task<Ok<IReadOnlyList<EntrySummary>>> MyEntriesAsync(IGrainFactory grains, HttpContext http)
    {
        var actor = http.User.RequireActor();
        return TypedResults.Ok(await grains.GetGrain<IUserIndexGrain>(actor.UserId).GetEntriesAsync(actor));
    }

    private static async Task<Ok<IReadOnlyList<WonWrapUp>>> MyWrapUpsAsync(IGrainFactory grains, HttpContext http)
    {
        var actor = http.User.RequireActor();
        return TypedResults.Ok(await grains.GetGrain<IUserIndexGrain>(actor.UserId).GetWrapUpsWonAsync(actor));
    }

    private static IProjectGrain Project(IGrainFactory grains, string id) => Ids.IsWellFormed(id)
        ? grains.GetGrain<IProjectGrain>(id)
        : throw MarketplaceException.NotFound("There is no project with this id.");
}

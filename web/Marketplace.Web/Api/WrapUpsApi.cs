using Marketplace.Contracts;
using Marketplace.Contracts.Previews;
using Marketplace.Contracts.Files;
using Marketplace.Contracts.Projects;
using Marketplace.Contracts.WrapUps;
using Marketplace.Storage.Files;
using Marketplace.Web.Accounts;
using Marketplace.Web.Extensions;
using Marketplace.Web.Files;
using Marketplace.Web.Presentation;
using Marketplace.Web.Uploads;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Api;

/// <summary>The handover for its two parties (and staff). The wrap-up grain decides who may do what.</summary>
public static class WrapUpsApi
{
    public sealed record NoteRequest(string? Note);
    public sealed record ChangesRequest(string? Message);
    public sealed record SignRequest(string? AgreementVersion);
    public sealed record ReasonRequest(string? Reason);
    public sealed record MessageRequest(MessageAudience To, string? Text);
    public sealed record AnswerRequest(string? Answer);
    public sealed record ProposalResponse(bool Accept, string? Note);
    public sealed record FinalFileInfo(int Index, string FileName, string ContentType, long Bytes, string DownloadUrl);

    public static RouteGroupBuilder MapWrapUpsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/wrapups/{projectId}/{attempt:int}").WithTags("Handover").RequireAuthorization();
        group.MapGet("/", GetAsync).WithSummary("The handover: step, files, signatures, messages, timeline (parties and staff).");
        group.MapPost("/deliver", DeliverAsync).RequireRateLimiting(WebExtensions.UploadLimit)
            .WithSummary("The winner delivers final files (multipart: files, note). Needs the X-XSRF-TOKEN header.");
        group.MapPost("/approve", (string projectId, int attempt, NoteRequest r, IGrainFactory g, HttpContext h) =>
            ActAsync(g, h, projectId, attempt, (w, a) => w.ApproveAsync(a, r.Note))).WithSummary("The buyer approves the delivered files.");
        group.MapPost("/changes", (string projectId, int attempt, ChangesRequest r, IGrainFactory g, HttpContext h) =>
            ActAsync(g, h, projectId, attempt, (w, a) => w.RequestChangesAsync(a, r.Message ?? ""))).WithSummary("The buyer asks for changes.");
        group.MapPost("/sign", (string projectId, int attempt, SignRequest r, IGrainFactory g, HttpContext h) =>
            ActAsync(g, h, projectId, attempt, (w, a) => w.SignAgreementAsync(a, r.AgreementVersion ?? ""))).WithSummary("A party signs the design transfer agreement.");
        group.MapPost("/pause", (string projectId, int attempt, ReasonRequest r, IGrainFactory g, HttpContext h) =>
            ActAsync(g, h, projectId, attempt, (w, a) => w.PauseAutoReleaseAsync(a, r.Reason ?? ""))).WithSummary("The buyer pauses the automatic release.");
        group.MapPost("/resume", (string projectId, int attempt, IGrainFactory g, HttpContext h) =>
            ActAsync(g, h, projectId, attempt, (w, a) => w.ResumeAutoReleaseAsync(a))).WithSummary("The buyer resumes the automatic release.");
        group.MapPost("/messages", (string projectId, int attempt, MessageRequest r, IGrainFactory g, HttpContext h) =>
            ActAsync(g, h, projectId, attempt, (w, a) => w.PostMessageAsync(a, r.To, r.Text ?? ""))).WithSummary("A message to the other party or to staff.");
        group.MapPost("/help", (string projectId, int attempt, ChangesRequest r, IGrainFactory g, HttpContext h) =>
            ActAsync(g, h, projectId, attempt, (w, a) => w.RequestHelpAsync(a, r.Message ?? ""))).WithSummary("\"I need help\": the case goes to the staff queue.");
        group.MapPost("/disputes", (string projectId, int attempt, ReasonRequest r, IGrainFactory g, HttpContext h) =>
            ActAsync(g, h, projectId, attempt, (w, a) => w.OpenDisputeAsync(a, r.Reason ?? "", []))).WithSummary("A party opens a dispute.");
        group.MapPost("/disputes/answer", (string projectId, int attempt, AnswerRequest r, IGrainFactory g, HttpContext h) =>
            ActAsync(g, h, projectId, attempt, (w, a) => w.AnswerDisputeAsync(a, r.Answer ?? "", []))).WithSummary("The other party answers the open dispute before its deadline.");
        group.MapPost("/disputes/with-files", OpenDisputeWithFilesAsync).RequireRateLimiting(WebExtensions.UploadLimit)
            .WithSummary($"A party opens a dispute with files (multipart: reason, files — up to {DisputeEvidence.MaxFiles}). Needs the X-XSRF-TOKEN header.");
        group.MapPost("/disputes/answer/with-files", AnswerDisputeWithFilesAsync).RequireRateLimiting(WebExtensions.UploadLimit)
            .WithSummary($"The other party answers with files (multipart: answer, files — up to {DisputeEvidence.MaxFiles}). Needs the X-XSRF-TOKEN header.");
        group.MapPost("/proposal", (string projectId, int attempt, ProposalResponse r, IGrainFactory g, HttpContext h) =>
            ActAsync(g, h, projectId, attempt, (w, a) => w.RespondToProposalAsync(a, r.Accept, string.IsNullOrWhiteSpace(r.Note) ? null : r.Note.Trim())))
            .WithSummary("A party accepts or declines staff's proposed outcome before its deadline.");
        group.MapGet("/files", ListFinalsAsync).WithSummary("The final files for whoever may download them (the buyer once completed).");
        group.MapDownload("/files/{index:int}", DownloadFinalAsync).WithSummary("Download one final file: with its length and a strong ETag; Range and If-Range resume a broken download.");
        group.MapDownload("/files/all.zip", AllFinalsDownload.ServeAsync)
            .WithSummary("Download every final of the latest delivery in one zip, with README.txt recording the transfer agreement (same rule as one file), built once and stored: with its length and ETag, resumable like one file.");
        group.MapGet("/files/zip-status", AllFinalsDownload.StatusAsync)
            .WithSummary("Where the zip of every final stands (same rule as the zip): ready, preparing (asking starts the build) or failed (download the files one by one; staff were told), with the words to show.");
        return api;
    }

    private static async Task<Ok<WrapUpView>> GetAsync(string projectId, int attempt, IGrainFactory grains, HttpContext http) =>
        TypedResults.Ok(await WrapUp(grains, projectId, attempt).GetAsync(http.User.RequireActor()));

    private static async Task<Ok<WrapUpView>> ActAsync(IGrainFactory grains, HttpContext http, string projectId, int attempt, Func<IWrapUpGrain, Actor, Task<WrapUpView>> act) =>
        TypedResults.Ok(await act(WrapUp(grains, projectId, attempt), http.User.RequireActor()));

    private static Task<Ok<WrapUpView>> OpenDisputeWithFilesAsync(
        string projectId, int attempt, IFormFileCollection files, [FromForm] string? reason, IGrainFactory grains, UploadService uploads, HttpContext http, CancellationToken cancellationToken) =>
        ActWithEvidenceAsync(grains, uploads, http, projectId, attempt, files, DisputeEvidence.MayOpen, (w, a, evidence) => w.OpenDisputeAsync(a, reason ?? "", evidence), cancellationToken);

    private static Task<Ok<WrapUpView>> AnswerDisputeWithFilesAsync(
        string projectId, int attempt, IFormFileCollection files, [FromForm] string? answer, IGrainFactory grains, UploadService uploads, HttpContext http, CancellationToken cancellationToken) =>
        ActWithEvidenceAsync(grains, uploads, http, projectId, attempt, files, DisputeEvidence.MayAnswer, (w, a, evidence) => w.AnswerDisputeAsync(a, answer ?? "", evidence), cancellationToken);

    /// <summary>When the step is not the caller's, the grain is asked without files and gives its own refusal; nothing is stored.</summary>
    private static async Task<Ok<WrapUpView>> ActWithEvidenceAsync(IGrainFactory grains, UploadService uploads, HttpContext http, string projectId, int attempt, IFormFileCollection files,
        Func<WrapUpView, Actor, bool> mayAct, Func<IWrapUpGrain, Actor, IReadOnlyList<FinalFile>, Task<WrapUpView>> act, CancellationToken cancellationToken)
    {
        var actor = http.User.RequireActor();
        var wrapUp = WrapUp(grains, projectId, attempt);
        var chosen = DisputeEvidence.Chosen(files);
        var evidence = chosen.Count > 0 && mayAct(await wrapUp.GetAsync(actor), actor)
            ? await DisputeEvidence.StoreAsync(uploads, chosen, cancellationToken)
            : [];
        return TypedResults.Ok(await act(wrapUp, actor, evidence));
    }

    private static async Task<Ok<WrapUpView>> DeliverAsync(
        string projectId, int attempt, IFormFileCollection files, [FromForm] string? note, IGrainFactory grains, UploadService uploads, HttpContext http, CancellationToken cancellationToken)
    {
        var actor = http.User.RequireActor();
        var wrapUp = WrapUp(grains, projectId, attempt);
        // Checked before storing so a refused delivery leaves no file behind; the wrap-up checks again.
        var view = await wrapUp.GetAsync(actor);
        if (!actor.Is(view.CreativeId)) throw MarketplaceException.Forbidden("Only the winning creative delivers the final files.");
        if (view.Step != WrapUpStep.AwaitingFiles) throw MarketplaceException.Conflict("The final files are not awaited right now.");
        if (files.Count is 0 or > StagedUpload.MaxPerBatch) throw MarketplaceException.Invalid($"Send 1 to {StagedUpload.MaxPerBatch} files in the 'files' field.");
        DeliveryFormats.RequireBeforeStoring(view, files, note);
        var finals = (await uploads.StoreFinalFilesAsync(files, UploadLabels.Final, cancellationToken)).Select(s => new FinalFile(s.File!, s.Previews)).ToList();
        return TypedResults.Ok(await wrapUp.DeliverFilesAsync(actor, finals, string.IsNullOrWhiteSpace(note) ? null : note.Trim()));
    }

    private static async Task<Ok<IReadOnlyList<FinalFileInfo>>> ListFinalsAsync(string projectId, int attempt, IGrainFactory grains, HttpContext http)
    {
        var finals = await WrapUp(grains, projectId, attempt).GetFinalsForDownloadAsync(http.User.RequireActor());
        return TypedResults.Ok<IReadOnlyList<FinalFileInfo>>(finals.Select((f, i) => new FinalFileInfo(
            i, f.File.FileName, f.File.ContentType, f.File.Bytes, $"/api/v1/wrapups/{projectId}/{attempt}/files/{i}")).ToList());
    }

    private static async Task<IResult> DownloadFinalAsync(string projectId, int attempt, int index, IGrainFactory grains, IFileStore files, HttpContext http, CancellationToken cancellationToken)
    {
        var finals = await WrapUp(grains, projectId, attempt).GetFinalsForDownloadAsync(http.User.RequireActor());
        if (index < 0 || index >= finals.Count) throw MarketplaceException.NotFound("There is no final file with this number.");
        return await FileEndpoints.DownloadAsync(finals[index].File, files, http, cancellationToken);
    }

    private static IWrapUpGrain WrapUp(IGrainFactory grains, string projectId, int attempt) =>
        Ids.IsWellFormed(projectId) && attempt > 0
            ? grains.GetGrain<IWrapUpGrain>(WrapUpIds.For(projectId, attempt))
            : throw MarketplaceException.NotFound("There is no handover at this address.");
}

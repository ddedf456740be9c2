using Marketplace.Contracts;
using Marketplace.Contracts.Questions;
using Marketplace.Web.Accounts;
using Marketplace.Web.Extensions;
using Marketplace.Web.Presentation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marketplace.Web.Api;

/// <summary>Questions about a project's brief and the buyer's clarifications: the same grain calls the project page makes.</summary>
public static class QuestionsApi
{
    public sealed record TextRequest(string? Text);
    public sealed record HideRequest(string? Reason, string? Part);
    public sealed record ShowAgainRequest(string? Note, string? Part);

    public static RouteGroupBuilder MapQuestionsApi(this RouteGroupBuilder api)
    {
        var project = api.MapGroup("/projects/{id}").WithTags("Questions about the brief");
        project.MapGet("/questions", GetAsync)
            .WithSummary("Answered questions and clarifications for everyone who can see the project; unanswered ones also for the buyer, their asker and staff.");
        project.MapPost("/questions", AskAsync).RequireAuthorization()
            .WithSummary("A creative asks about the brief while it takes entries ({\"text\"}, 1–1000 characters; a few unanswered at a time). Nobody is named.");
        project.MapPost("/questions/{number:int}/answer", AnswerAsync).RequireAuthorization()
            .WithSummary("The buyer answers ({\"text\"}, 1–2000 characters); the question and answer become public and creatives in the running are told.");
        project.MapPost("/questions/{number:int}/set-aside", SetAsideAsync).RequireAuthorization()
            .WithSummary("The buyer sets a question aside without a public answer; its asker is told.");
        project.MapPost("/questions/{number:int}/hide", HideQuestionAsync).RequireAuthorization(Policies.Staff)
            .WithSummary("Staff hide a question (part \"question\", its answer goes too) or only its answer (part \"answer\"), with a reason kept for the record.");
        project.MapPost("/questions/{number:int}/show", ShowQuestionAgainAsync).RequireAuthorization(Policies.Staff)
            .WithSummary("Staff show a hidden question (part \"question\") or answer (part \"answer\") again, with a note kept on its record beside the hide. 409 when it is not hidden.");
        project.MapPost("/clarifications", ClarifyAsync).RequireAuthorization()
            .WithSummary("The buyer adds a clarification to the brief while it takes entries ({\"text\"}, 1–2000 characters); creatives in the running and askers are told.");
        project.MapPost("/clarifications/{number:int}/hide", HideClarificationAsync).RequireAuthorization(Policies.Staff)
            .WithSummary("Staff hide a clarification that breaks the rules, with a reason kept for the record.");
        project.MapPost("/clarifications/{number:int}/show", ShowClarificationAgainAsync).RequireAuthorization(Policies.Staff)
            .WithSummary("Staff show a hidden clarification again ({\"note\"}), kept on its record beside the hide. 409 when it is not hidden.");
        return api;
    }

    private static async Task<Ok<QuestionsView>> GetAsync(string id, IGrainFactory grains, HttpContext http) =>
        TypedResults.Ok(await Questions(grains, id).GetAsync(http.User.ToViewer()));

    private static async Task<Created<QuestionView>> AskAsync(string id, TextRequest request, IGrainFactory grains, HttpContext http)
    {
        var question = await Questions(grains, id).AskAsync(http.User.RequireActor(), request.Text ?? "");
        return TypedResults.Created($"/api/v1/projects/{id}/questions", question);
    }

    private static async Task<Ok<QuestionView>> AnswerAsync(string id, int number, TextRequest request, IGrainFactory grains, HttpContext http) =>
        TypedResults.Ok(await Questions(grains, id).AnswerAsync(http.User.RequireActor(), number, request.Text ?? ""));

    private static async Task<Ok<QuestionView>> SetAsideAsync(string id, int number, IGrainFactory grains, HttpContext http) =>
        TypedResults.Ok(await Questions(grains, id).SetAsideAsync(http.User.RequireActor(), number));

    private static async Task<Created<ClarificationView>> ClarifyAsync(string id, TextRequest request, IGrainFactory grains, HttpContext http)
    {
        var clarification = await Questions(grains, id).ClarifyAsync(http.User.RequireActor(), request.Text ?? "");
        return TypedResults.Created($"/api/v1/projects/{id}/questions", clarification);
    }

    private static async Task<Ok<QuestionsView>> HideQuestionAsync(string id, int number, HideRequest request, IGrainFactory grains, HttpContext http)
    {
        var part = request.Part?.Trim().ToLowerInvariant() switch
        {
            null or "" or "question" => HiddenPart.Question,
            "answer" => HiddenPart.Answer,
            _ => throw MarketplaceException.Invalid("Say what to hide: part \"question\" (with its answer) or \"answer\"."),
        };
        return TypedResults.Ok(await Questions(grains, id).HideAsync(http.User.RequireActor(), part, number, request.Reason ?? ""));
    }

    private static async Task<Ok<QuestionsView>> ShowQuestionAgainAsync(string id, int number, ShowAgainRequest request, IGrainFactory grains, HttpContext http)
    {
        var part = request.Part?.Trim().ToLowerInvariant() switch
        {
            null or "" or "question" => HiddenPart.Question,
            "answer" => HiddenPart.Answer,
            _ => throw MarketplaceException.Invalid("Say what to show again: part \"question\" or \"answer\"."),
        };
        return TypedResults.Ok(await Questions(grains, id).ShowAgainAsync(http.User.RequireActor(), part, number, request.Note ?? ""));
    }

    private static async Task<Ok<QuestionsView>> ShowClarificationAgainAsync(string id, int number, ShowAgainRequest request, IGrainFactory grains, HttpContext http) =>
        TypedResults.Ok(await Questions(grains, id).ShowAgainAsync(http.User.RequireActor(), HiddenPart.Clarification, number, request.Note ?? ""));

    private static async Task<Ok<QuestionsView>> HideClarificationAsync(string id, int number, HideRequest request, IGrainFactory grains, HttpContext http) =>
        TypedResults.Ok(await Questions(grains, id).HideAsync(http.User.RequireActor(), HiddenPart.Clarification, number, request.Reason ?? ""));

    private static IProjectQuestionsGrain Questions(IGrainFactory grains, string id) => Ids.IsWellFormed(id)
        ? grains.GetGrain<IProjectQuestionsGrain>(id)
        : throw MarketplaceException.NotFound("There is no project with this id.");
}

using Marketplace.Contracts;
using Marketplace.Contracts.Entries;
using Marketplace.Contracts.Escrow;
using Marketplace.Contracts.Files;
using Marketplace.Contracts.Mediation;
using Marketplace.Contracts.Reports;
using Marketplace.Contracts.Users;
using Marketplace.Contracts.WrapUps;
using Marketplace.Web.Accounts;
using Marketplace.Web.Extensions;
using Marketplace.Web.Pages.Staff;
using Marketplace.Web.Uploads;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Api;

/// <summary>
/// The staff console as JSON: the queue, each case and every go-between action, user and entry moderation. Staff only
/// (401 anonymous, 403 everyone else); the grains decide whether each action is allowed now. Amounts are in minor units.
/// </summary>
public static class StaffApi
{
    public sealed record StaffCaseView(WrapUpView WrapUp, MediationCaseView? Queue, EscrowStatement Escrow);
    public sealed record MessageRequest(MessageAudience To, string? Text);
    public sealed record RelayRequest(Party From, string? Text);
    public sealed record NoteRequest(string? Note);
    public sealed record ReasonRequest(string? Reason);
    public sealed record QualityCheckRequest(IReadOnlyList<QualityCheckItem>? Checklist, string? Note);
    /// <summary>How and when the party said yes, and why staff act for them.</summary>
    public sealed record ConsentRequest(string? How, DateTimeOffset? GivenAt, string? Reason);
    public sealed record DeliveryLinkRequest(string? RecipientName, string? RecipientEmail, double? ValidForHours, ConsentRequest? BuyerConsent);
    public sealed record DeliveryLinkCreated(string LinkId, string Url, DateTimeOffset ExpiresAt);
    public sealed record ApproveRequest(string? Note, ConsentRequest? BuyerConsent);
    public sealed record ChangesRequest(string? Message, ConsentRequest? BuyerConsent);
    public sealed record SignRequest(Party Party, ConsentRequest? Consent);
    public sealed record ProposalResponseRequest(Party Party, bool Accept, string? Note, ConsentRequest? Consent);
    public sealed record ExtendRequest(WrapUpDeadlineKind Deadline, double? ByHours, string? Reason);
    public sealed record OutcomeRequest(WrapUpOutcome Outcome, long? ToCreativeMinor, string? Reason);

    public static RouteGroupBuilder MapStaffApi(this RouteGroupBuilder api)
    {
        var staff = api.MapGroup("/staff").WithTags("Staff").RequireAuthorization(Policies.Staff);

        staff.MapGet("/cases", ListCasesAsync).WithSummary("The staff queue: open cases, overdue first, then oldest.");
        var @case = staff.MapGroup("/cases/{projectId}/{attempt:int}");
        @case.MapGet("/", GetCaseAsync).WithSummary("One case: the handover (all messages, the whole timeline), its place in the queue and the escrow statement.");
        @case.MapPost("/claim", (string projectId, int attempt, IGrainFactory g, HttpContext h) =>
            ActAsync(g, h, projectId, attempt, (w, a) => w.ClaimAsync(a))).WithSummary("Claim the case (a second claim is refused naming the holder).");
        @case.MapPost("/release", (string projectId, int attempt, IGrainFactory g, HttpContext h) =>
            ActAsync(g, h, projectId, attempt, (w, a) => w.ReleaseClaimAsync(a))).WithSummary("Release the case back to the queue.");
        @case.MapPost("/messages", (string projectId, int attempt, MessageRequest r, IGrainFactory g, HttpContext h) =>
            ActAsync(g, h, projectId, attempt, (w, a) => w.PostMessageAsync(a, r.To, r.Text ?? ""))).WithSummary("A staff message to the buyer, the creative or both.");
        @case.MapPost("/relay", (string projectId, int attempt, RelayRequest r, IGrainFactory g, HttpContext h) =>
            ActAsync(g, h, projectId, attempt, async (w, a) => await w.RelayMessageAsync(a, StaffConsole.PartyId(await w.GetAsync(a), r.From), r.Text ?? "")))
            .WithSummary("Relay a party's message to the other party (staff as sender, the party as original author).");
        @case.MapPost("/deliver", DeliverAsync).RequireRateLimiting(WebExtensions.UploadLimit)
            .WithSummary("Upload the finals the creative sent, for the creative (multipart: files, note, consentHow, consentGivenAt, reason). Needs the X-XSRF-TOKEN header.");
        @case.MapPost("/quality-check", (string projectId, int attempt, QualityCheckRequest r, IGrainFactory g, HttpContext h) =>
            ActAsync(g, h, projectId, attempt, (w, a) => w.RecordQualityCheckAsync(a, r.Checklist ?? [], r.Note))).WithSummary("Record a quality check of the finals (checklist + note).");
        @case.MapPost("/previews", (string projectId, int attempt, NoteRequest r, IGrainFactory g, HttpContext h) =>
            ActAsync(g, h, projectId, attempt, (w, a) => w.SendPreviewsToBuyerAsync(a, r.Note))).WithSummary("Send the buyer low-resolution previews of the finals that have them (images, PDF first pages, SVGs).");
        @case.MapPost("/delivery-links", CreateDeliveryLinkAsync)
            .WithSummary("With the buyer's consent, an expiring link delivering the finals to a third party; once used it keeps delivering the same resumable zip for 24 hours. The URL is returned once.");
        @case.MapPost("/approve", (string projectId, int attempt, ApproveRequest r, IGrainFactory g, HttpContext h) =>
            OnBehalfAsync(g, h, projectId, attempt, Party.Buyer, r.BuyerConsent, (w, a, b) => w.ApproveAsync(a, r.Note, b))).WithSummary("Record the buyer's approval, with their consent.");
        @case.MapPost("/changes", (string projectId, int attempt, ChangesRequest r, IGrainFactory g, HttpContext h) =>
            OnBehalfAsync(g, h, projectId, attempt, Party.Buyer, r.BuyerConsent, (w, a, b) => w.RequestChangesAsync(a, r.Message ?? "", b))).WithSummary("Ask for changes for the buyer, with their consent.");
        @case.MapPost("/sign", (string projectId, int attempt, SignRequest r, IGrainFactory g, HttpContext h) =>
            OnBehalfAsync(g, h, projectId, attempt, r.Party, r.Consent, async (w, a, b) => await w.SignAgreementAsync(a, (await w.GetAsync(a)).AgreementVersion, b)))
            .WithSummary("Sign the transfer agreement for a party, with their consent.");
        @case.MapPost("/proposal-response", (string projectId, int attempt, ProposalResponseRequest r, IGrainFactory g, HttpContext h) =>
            OnBehalfAsync(g, h, projectId, attempt, r.Party, r.Consent, (w, a, b) => w.RespondToProposalAsync(a, r.Accept, r.Note, b)))
            .WithSummary("Record a party's answer to the proposed outcome, with their consent.");
        @case.MapPost("/deadlines", (string projectId, int attempt, ExtendRequest r, IGrainFactory g, HttpContext h) =>
            ActAsync(g, h, projectId, attempt, (w, a) => w.ExtendDeadlineAsync(a, r.Deadline, Hours(r.ByHours, "extend the deadline by"), r.Reason ?? "")))
            .WithSummary("Extend a running deadline by some hours, with a reason.");
        @case.MapPost("/release-payment", (string projectId, int attempt, ReasonRequest r, IGrainFactory g, HttpContext h) =>
            ActAsync(g, h, projectId, attempt, (w, a) => w.ReleasePaymentAsync(a, r.Reason ?? ""))).WithSummary("Release the prize (less fee) to the creative once the buyer approved and both signed: the handover completes. 409 saying what is missing otherwise; a dispute or removed winner is settled with decide.");
        @case.MapPost("/close", (string projectId, int attempt, NoteRequest r, IGrainFactory g, HttpContext h) =>
            ActAsync(g, h, projectId, attempt, (w, a) => w.CloseMediationAsync(a, r.Note ?? ""))).WithSummary("Close mediation: back to the ordinary path (on a completed handover, close its zip case with a note).");
        @case.MapPost("/zip-retry", (string projectId, int attempt, IGrainFactory g, HttpContext h) =>
            ActAsync(g, h, projectId, attempt, (w, a) => w.RetryZipAsync(a)))
            .WithSummary("The holder of a \"zip keeps failing\" case (also on a completed handover) builds the handover's zips again now; 409 naming a file storage lost.");
        @case.MapPost("/propose", (string projectId, int attempt, OutcomeRequest r, IGrainFactory g, HttpContext h) =>
            ActAsync(g, h, projectId, attempt, async (w, a) => await w.ProposeOutcomeAsync(a, Resolution(await w.GetAsync(a), r), r.Reason ?? "")))
            .WithSummary("Propose an outcome both parties may accept before its deadline.");
        @case.MapPost("/decide", (string projectId, int attempt, OutcomeRequest r, IGrainFactory g, HttpContext h) =>
            ActAsync(g, h, projectId, attempt, async (w, a) => await w.DecideOutcomeAsync(a, Resolution(await w.GetAsync(a), r), r.Reason ?? "")))
            .WithSummary("Decide the outcome (Completed, Split with toCreativeMinor, Refunded, AwardAnother, Reopened); escrow moves once.");

        staff.MapGet("/users", ListUsersAsync).WithSummary("Users, newest first, optionally matching q (name or email) and a status.");
        var user = staff.MapGroup("/users/{userId}");
        user.MapPost("/suspend", (string userId, ReasonRequest r, IGrainFactory g, HttpContext h) =>
            ModerateAsync(g, h, userId, (u, a) => u.SuspendAsync(a, r.Reason ?? ""))).WithSummary("Suspend a user with a reason.");
        user.MapPost("/reinstate", (string userId, IGrainFactory g, HttpContext h) =>
            ModerateAsync(g, h, userId, (u, a) => u.ReinstateAsync(a))).WithSummary("Reinstate a suspended user.");
        user.MapPost("/remove", (string userId, ReasonRequest r, IGrainFactory g, HttpContext h) =>
            ModerateAsync(g, h, userId, (u, a) => u.RemoveAsync(a, r.Reason ?? ""))).WithSummary("Remove a user for good, with a reason; a removed winner's handovers go to the queue.");

        staff.MapPost("/entries/{entryId}/remove", RemoveEntryAsync)
            .WithSummary("Remove one entry from its gallery, with a reason its creative reads (the buyer hears only that it was removed); a winning entry's running handover goes to the queue.");

        staff.MapGet("/reports", ListReportsAsync).WithSummary("Reported entries with open reports, the longest waiting first: reporters, reasons, notes, the project.");
        var report = staff.MapGroup("/reports/{entryId}");
        report.MapGet("/", (string entryId, IGrainFactory g, HttpContext h) => ReportsAsync(g, h, entryId, (r, a) => r.GetAsync(a)))
            .WithSummary("One reported entry beside the entries it is said to copy, who reported it and how earlier reports ended.");
        report.MapPost("/dismiss", (string entryId, NoteRequest r, IGrainFactory g, HttpContext h) => ReportsAsync(g, h, entryId, (reports, a) => reports.DismissAsync(a, r.Note ?? "")))
            .WithSummary("Leave the entry in the contest, with a note for the record: every open report ends and each reporter is told once. The creative is not told.");
        report.MapPost("/remove", RemoveReportedEntryAsync)
            .WithSummary("Remove the reported entry with a reason its creative reads (as entries/{id}/remove): every open report ends and each reporter is told once.");

        staff.MapPost("/files/sweep", async (IGrainFactory g, HttpContext h) => TypedResults.Ok(await g.GetGrain<IFileSweepGrain>(0).SweepNowAsync(h.User.RequireActor())))
            .WithSummary("Run the daily sweep now: delete stored files no record refers to, once older than a day (Files:UnreferencedFileGrace). Returns what it removed.");
        return api;
    }

    private static async Task<Ok<IReadOnlyList<MediationCaseView>>> ListCasesAsync(IGrainFactory grains, HttpContext http) =>
        TypedResults.Ok(await grains.GetGrain<IMediationQueueGrain>(IMediationQueueGrain.Key).ListAsync(http.User.RequireActor()));

    private static async Task<Ok<StaffCaseView>> GetCaseAsync(string projectId, int attempt, IGrainFactory grains, HttpContext http)
    {
        var actor = http.User.RequireActor();
        var wrapUp = StaffConsole.Case(grains, projectId, attempt);
        var view = await wrapUp.GetAsync(actor);
        MediationCaseView? queued;
        try
        {
            queued = await grains.GetGrain<IMediationQueueGrain>(IMediationQueueGrain.Key).GetCaseAsync(actor, view.WrapUpId);
        }
        catch (MarketplaceException missing) when (missing.Kind == ErrorKind.NotFound)
        {
            queued = null;
        }
        return TypedResults.Ok(new StaffCaseView(view, queued, await wrapUp.GetEscrowStatementAsync(actor)));
    }

    private static async Task<Ok<WrapUpView>> ActAsync(IGrainFactory grains, HttpContext http, string projectId, int attempt, Func<IWrapUpGrain, Actor, Task<WrapUpView>> act) =>
        TypedResults.Ok(await act(StaffConsole.Case(grains, projectId, attempt), http.User.RequireActor()));

    private static Task<Ok<WrapUpView>> OnBehalfAsync(IGrainFactory grains, HttpContext http, string projectId, int attempt, Party party, ConsentRequest? consent,
        Func<IWrapUpGrain, Actor, OnBehalf, Task<WrapUpView>> act) =>
        ActAsync(grains, http, projectId, attempt, async (w, a) =>
            await act(w, a, StaffConsole.OnBehalf(await w.GetAsync(a), party, consent?.How, consent?.GivenAt, consent?.Reason)));

    private static async Task<Ok<WrapUpView>> DeliverAsync(
        string projectId, int attempt, IFormFileCollection files, [FromForm] string? note, [FromForm] string? consentHow, [FromForm] DateTimeOffset? consentGivenAt, [FromForm] string? reason,
        IGrainFactory grains, UploadService uploads, HttpContext http, CancellationToken cancellationToken) =>
        TypedResults.Ok(await StaffConsole.DeliverForCreativeAsync(
            StaffConsole.Case(grains, projectId, attempt), http.User.RequireActor(), files, note, Party.Creative, consentHow, consentGivenAt, reason, uploads, cancellationToken));

    private static async Task<Created<DeliveryLinkCreated>> CreateDeliveryLinkAsync(string projectId, int attempt, DeliveryLinkRequest r, IGrainFactory grains, HttpContext http)
    {
        var actor = http.User.RequireActor();
        var wrapUp = StaffConsole.Case(grains, projectId, attempt);
        var onBehalf = StaffConsole.OnBehalf(await wrapUp.GetAsync(actor), Party.Buyer, r.BuyerConsent?.How, r.BuyerConsent?.GivenAt, r.BuyerConsent?.Reason);
        var email = string.IsNullOrWhiteSpace(r.RecipientEmail) ? null : r.RecipientEmail.Trim();
        var issued = await wrapUp.CreateDeliveryLinkAsync(actor, new ThirdPartyRecipient(r.RecipientName ?? "", email), Hours(r.ValidForHours, "keep the link valid for"), onBehalf);
        var url = StaffConsole.DeliveryUrl(http.Request, issued.Token);
        return TypedResults.Created(url, new DeliveryLinkCreated(issued.LinkId, url, issued.ExpiresAt));
    }

    private static async Task<Ok<UserSearchResult>> ListUsersAsync(string? q, UserStatus? status, int? limit, IGrainFactory grains, HttpContext http) =>
        TypedResults.Ok(await grains.GetGrain<IUserDirectoryGrain>(IUserDirectoryGrain.Key).SearchAsync(http.User.RequireActor(), q, status, limit ?? 100));

    private static async Task<Ok<UserProfile>> ModerateAsync(IGrainFactory grains, HttpContext http, string userId, Func<IUserGrain, Actor, Task<UserProfile>> act) =>
        TypedResults.Ok(await act(StaffConsole.User(grains, userId), http.User.RequireActor()));

    private static async Task<Ok<EntryDetails>> RemoveEntryAsync(string entryId, ReasonRequest r, IGrainFactory grains, HttpContext http) =>
        TypedResults.Ok(await StaffConsole.Entry(grains, entryId).RemoveAsync(http.User.RequireActor(), r.Reason ?? ""));

    private static async Task<Ok<IReadOnlyList<ReportedEntry>>> ListReportsAsync(IGrainFactory grains, HttpContext http) =>
        TypedResults.Ok(await grains.GetGrain<IReportQueueGrain>(IReportQueueGrain.Key).ListAsync(http.User.RequireActor()));

    private static async Task<Ok<EntryReportsView>> ReportsAsync(IGrainFactory grains, HttpContext http, string entryId, Func<IEntryReportsGrain, Actor, Task<EntryReportsView>> act) =>
        TypedResults.Ok(await act(StaffConsole.Reports(grains, entryId), http.User.RequireActor()));

    private static async Task<Ok<EntryReportsView>> RemoveReportedEntryAsync(string entryId, ReasonRequest r, IGrainFactory grains, HttpContext http)
    {
        var actor = http.User.RequireActor();
        var reports = StaffConsole.Reports(grains, entryId);
        await reports.GetAsync(actor);
        await StaffConsole.Entry(grains, entryId).RemoveAsync(actor, r.Reason ?? "");
        return TypedResults.Ok(await reports.GetAsync(actor));
    }

    private static Resolution Resolution(WrapUpView view, OutcomeRequest r) =>
        new(r.Outcome, r.ToCreativeMinor is { } minor ? new Money(minor, view.Prize.Currency) : null);

    private static TimeSpan Hours(double? hours, string what) =>
        hours is > 0 and <= 24 * 365 ? TimeSpan.FromHours(hours.Value) : throw MarketplaceException.Invalid($"Say how many hours to {what} (more than zero).");
}

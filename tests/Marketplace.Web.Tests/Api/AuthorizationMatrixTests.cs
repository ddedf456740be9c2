using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Contracts;
using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Marketplace.Web.Tests.Api;

/// <summary>
/// Every API route (and the checked page routes serving a handover's previews), called by every kind of person:
/// anonymous, the buyer, another buyer, the creative, another creative and staff. Each gets exactly its expected status. Routes that change things run the allowed people last, or on a
/// fresh resource of their own, so a denial is never hidden by an earlier success. Drafts answer 404 to strangers
/// (their existence is private); staff who have not taken a case get 409 (there is no case to act on).
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class AuthorizationMatrixTests(MarketplaceAppFixture app, ITestOutputHelper output)
{
    public enum Who { Anonymous, Buyer, OtherBuyer, Creative, OtherCreative, Staff }

    private static readonly Who[] Everyone = Enum.GetValues<Who>();

    private sealed record Row(string Name, HttpMethod Method, Func<Who, Task<string>> Url, Func<Who, Task<HttpContent?>> Body, Dictionary<Who, int> Expected, bool Upload = false, Dictionary<string, string>? Fields = null);

    [Fact]
    public async Task Every_api_route_answers_each_role_exactly_as_allowed()
    {
        var people = new Dictionary<Who, ApiSession>
        {
            [Who.Anonymous] = new(app.NewApiClient()),
            [Who.Buyer] = await ApiSession.SignUpAsync(app, "buyer", "Matrix Buyer"),
            [Who.OtherBuyer] = await ApiSession.SignUpAsync(app, "buyer", "Other Buyer"),
            [Who.Creative] = await ApiSession.SignUpAsync(app, "creative", "Matrix Creative"),
            [Who.OtherCreative] = await ApiSession.SignUpAsync(app, "creative", "Other Creative"),
            [Who.Staff] = await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword),
        };
        var buyer = people[Who.Buyer];
        var creative = people[Who.Creative];

        async Task<string> OpenProjectAsync() => await buyer.OpenProjectAsync("Matrix project " + Guid.NewGuid().ToString("N")[..6]);
        async Task<string> DraftAsync()
        {
            var draft = await buyer.ReadAsync(await buyer.PostJsonAsync("/api/v1/projects", ProjectBody()), HttpStatusCode.Created);
            return draft.GetProperty("id").GetString()!;
        }
        Task<string> EntryAsync(string projectId) => creative.SubmitEntryAsync(projectId, DistinctPng());
        async Task<string> WrapUpAsync(bool delivered)
        {
            var projectId = await OpenProjectAsync();
            var entryId = await EntryAsync(projectId);
            var award = await buyer.ReadAsync(await buyer.PostJsonAsync($"/api/v1/projects/{projectId}/award", new { entryId }));
            var path = "/api/v1/wrapups/" + award.GetProperty("wrapUpId").GetString();
            if (delivered) await creative.DeliverBriefFormatsAsync(path["/api/v1/wrapups/".Length..], "Matrix");
            return path;
        }

        async Task<string> DisputedByBuyerAsync()
        {
            var path = await WrapUpAsync(delivered: true);
            await buyer.ReadAsync(await buyer.PostJsonAsync(path + "/disputes", new { reason = "Not what was agreed." }));
            return path;
        }
        async Task<string> ProposalPendingAsync()
        {
            var path = await DisputedByBuyerAsync();
            await creative.ReadAsync(await creative.PostJsonAsync(path + "/disputes/answer", new { answer = "It is the brief." }));
            var wrapUp = app.Grains.GetGrain<Marketplace.Contracts.WrapUps.IWrapUpGrain>(path["/api/v1/wrapups/".Length..]);
            var staff = new Actor(people[Who.Staff].UserId, UserRoles.Staff);
            await wrapUp.ClaimAsync(staff);
            await wrapUp.ProposeOutcomeAsync(staff, new Marketplace.Contracts.WrapUps.Resolution(Marketplace.Contracts.WrapUps.WrapUpOutcome.Refunded), "Refund is fair.");
            return path;
        }

        var project = await OpenProjectAsync();
        var draft = await DraftAsync();
        var completed = "/api/v1/wrapups/" + await CompletedHandover.CompleteAsync(buyer, creative, "Matrix review " + Guid.NewGuid().ToString("N")[..6]);
        var reviewed = "/api/v1/wrapups/" + await CompletedHandover.CompleteAsync(buyer, creative, "Matrix reply " + Guid.NewGuid().ToString("N")[..6]);
        await buyer.ReadAsync(await buyer.Http.PutAsJsonAsync(reviewed + "/review", new { stars = 5, text = "Great." }, ApiSession.Json));
        var entry = await EntryAsync(project);
        var otherCreative = people[Who.OtherCreative];
        async Task<int> QuestionAsync(ApiSession asker) =>
            (await asker.ReadAsync(await asker.PostJsonAsync($"/api/v1/projects/{project}/questions", new { text = "Are the colours fixed? " + Guid.NewGuid().ToString("N")[..6] }), HttpStatusCode.Created)).GetProperty("number").GetInt32();
        var toAnswer = await QuestionAsync(creative);
        var toSetAside = await QuestionAsync(creative);
        await buyer.ReadAsync(await buyer.PostJsonAsync($"/api/v1/projects/{project}/clarifications", new { text = "The shop front is dark green." }), HttpStatusCode.Created);
        var awaitingFiles = await WrapUpAsync(delivered: false);
        var inReview = await WrapUpAsync(delivered: true);
        var disputed = await DisputedByBuyerAsync();
        var disputedForFiles = await DisputedByBuyerAsync();
        var proposed = await ProposalPendingAsync();
        var sentCopies = await WrapUpAsync(delivered: true);
        await buyer.ReadAsync(await buyer.PostJsonAsync(sentCopies + "/help", new { message = "On my phone." }));
        var caseHolder = new Actor(people[Who.Staff].UserId, UserRoles.Staff);
        await app.Grains.GetGrain<Marketplace.Contracts.WrapUps.IWrapUpGrain>(sentCopies["/api/v1/wrapups/".Length..]).ClaimAsync(caseHolder);
        await app.Grains.GetGrain<Marketplace.Contracts.WrapUps.IWrapUpGrain>(sentCopies["/api/v1/wrapups/".Length..]).SendPreviewsToBuyerAsync(caseHolder, null);
        var withEvidence = await WrapUpAsync(delivered: true);
        await buyer.ReadAsync(await buyer.UploadAsync(withEvidence + "/disputes/with-files", "files", "photo.png", SmallPng(), fields: new Dictionary<string, string> { ["reason"] = "See the photo." }));
        var finalPreview = (await buyer.ReadAsync(await buyer.Http.GetAsync(inReview))).GetProperty("latestDelivery").GetProperty("files")[0].GetProperty("preview").GetProperty("images")[0].GetProperty("blobName").GetString();
        static string Page(string apiPath) => apiPath["/api/v1".Length..];

        // The buyer was told of each delivery, and only the buyer: nobody else has that notification id in their inbox.
        // (Ids are per inbox: news told to both parties, like a staff proposal, has the same id in both.)
        var buyerNotification = (await buyer.NotificationsAsync())
            .First(n => n.GetProperty("kind").GetString() == "files-delivered").GetProperty("id").GetString()!;

        Task<string> Same(string url) => Task.FromResult(url);
        Func<Who, Task<string>> Fixed(string url) => _ => Same(url);
        Func<Who, Task<HttpContent?>> Json(object body) => _ => Task.FromResult<HttpContent?>(JsonContent.Create(body, options: ApiSession.Json));
        Func<Who, Task<HttpContent?>> NoBody() => _ => Task.FromResult<HttpContent?>(null);
        static Dictionary<Who, int> Expect(int anonymous, int buyer, int otherBuyer, int creative, int otherCreative, int staff) => new()
        {
            [Who.Anonymous] = anonymous, [Who.Buyer] = buyer, [Who.OtherBuyer] = otherBuyer,
            [Who.Creative] = creative, [Who.OtherCreative] = otherCreative, [Who.Staff] = staff,
        };

        var rows = new List<Row>
        {
            new("GET account/me", HttpMethod.Get, Fixed("/api/v1/account/me"), NoBody(), Expect(401, 200, 200, 200, 200, 200)),
            new("POST account/password-reset", HttpMethod.Post, Fixed("/api/v1/account/password-reset"), Json(new { email = "nobody-in-the-matrix@example.com" }), Expect(202, 202, 202, 202, 202, 202)),
            new("POST account/password-reset/confirm", HttpMethod.Post, Fixed("/api/v1/account/password-reset/confirm"), Json(new { token = "bm9ib2R5QGV4YW1wbGUuY29t.not-ours", password = "a brand new sentence" }), Expect(404, 404, 404, 404, 404, 404)),
            // A wrong current password: signed-in people reach the check (400), staff are refused before it (their passwords are configured).
            new("POST account/password", HttpMethod.Post, Fixed("/api/v1/account/password"), Json(new { currentPassword = "not the password", newPassword = "a brand new sentence" }), Expect(401, 400, 400, 400, 400, 403)),
            // A malformed new address is refused before the password is checked; staff addresses come from configuration.
            new("POST account/email", HttpMethod.Post, Fixed("/api/v1/account/email"), Json(new { currentPassword = "not the password", newEmail = "not an address" }), Expect(401, 400, 400, 400, 400, 403)),
            new("POST account/email/confirm", HttpMethod.Post, Fixed("/api/v1/account/email/confirm"), Json(new { token = "bm9ib2R5QGV4YW1wbGUuY29t.not-ours" }), Expect(404, 404, 404, 404, 404, 404)),
            // A wrong current password (counted like a wrong sign-in): nothing closes; staff accounts are configured.
            new("POST account/close", HttpMethod.Post, Fixed("/api/v1/account/close"), Json(new { currentPassword = "not the password" }), Expect(401, 400, 400, 400, 400, 403)),
            // Everyone signed in gets their own data, staff included; nobody gets another's (there is no id to ask with).
            new("GET me/export", HttpMethod.Get, Fixed("/api/v1/me/export"), NoBody(), Expect(401, 200, 200, 200, 200, 200)),
            new("GET account/antiforgery", HttpMethod.Get, Fixed("/api/v1/account/antiforgery"), NoBody(), Expect(200, 200, 200, 200, 200, 200)),
            new("GET projects", HttpMethod.Get, Fixed("/api/v1/projects"), NoBody(), Expect(200, 200, 200, 200, 200, 200)),
            new("POST projects", HttpMethod.Post, Fixed("/api/v1/projects"), Json(ProjectBody()), Expect(401, 201, 201, 403, 403, 403)),
            new("GET projects/{open}", HttpMethod.Get, Fixed($"/api/v1/projects/{project}"), NoBody(), Expect(200, 200, 200, 200, 200, 200)),
            new("GET projects/{draft}", HttpMethod.Get, Fixed($"/api/v1/projects/{draft}"), NoBody(), Expect(404, 200, 404, 404, 404, 200)),
            new("GET projects/{open}/gallery", HttpMethod.Get, Fixed($"/api/v1/projects/{project}/gallery"), NoBody(), Expect(200, 200, 200, 200, 200, 200)),
            new("GET projects/{draft}/gallery", HttpMethod.Get, Fixed($"/api/v1/projects/{draft}/gallery"), NoBody(), Expect(404, 200, 404, 404, 404, 200)),
            // Someone else's draft: the grain refuses anyone but its buyer; creatives and staff are not buyers at all.
            new("PUT projects/{draft}", HttpMethod.Put, Fixed($"/api/v1/projects/{draft}"), Json(ProjectBody()), Expect(401, 200, 403, 403, 403, 403)),
            new("POST projects/{draft}/open", HttpMethod.Post, async who => $"/api/v1/projects/{(who == Who.Buyer ? await DraftAsync() : draft)}/open", NoBody(), Expect(401, 200, 403, 403, 403, 403)),
            new("POST projects/{open}/cancel", HttpMethod.Post, async who => $"/api/v1/projects/{(who is Who.Buyer or Who.Staff ? await OpenProjectAsync() : project)}/cancel",
                Json(new { reason = "Plans changed." }), Expect(401, 200, 403, 403, 403, 200)),
            new("POST projects/{open}/entry-deadline", HttpMethod.Post, async who => $"/api/v1/projects/{(who is Who.Buyer or Who.Staff ? await OpenProjectAsync() : project)}/entry-deadline",
                Json(new { entryDeadline = DateTimeOffset.UtcNow.AddDays(20) }), Expect(401, 200, 403, 403, 403, 200)),
            // The buyer, or staff for them with a reason; creatives are neither buyers nor staff.
            new("POST projects/{open}/close-entries", HttpMethod.Post, async who => $"/api/v1/projects/{(who is Who.Buyer or Who.Staff ? await OpenProjectWithEntryAsync() : project)}/close-entries",
                Json(new { reason = "The buyer asked by phone: they have the design they want." }), Expect(401, 200, 403, 403, 403, 200)),
            new("POST projects/{open}/entries", HttpMethod.Post, Fixed($"/api/v1/projects/{project}/entries"), NoBody(), Expect(401, 403, 403, 201, 201, 403), Upload: true),
            new("POST projects/{open}/award", HttpMethod.Post, async who => who == Who.Buyer ? $"/api/v1/projects/{await OpenProjectWithEntryAsync()}/award" : $"/api/v1/projects/{project}/award",
                async who => JsonContent.Create(new { entryId = who == Who.Buyer ? _lastEntry : entry }), Expect(401, 200, 403, 403, 403, 403)),
            new("GET projects/{open}/questions", HttpMethod.Get, Fixed($"/api/v1/projects/{project}/questions"), NoBody(), Expect(200, 200, 200, 200, 200, 200)),
            new("GET projects/{draft}/questions", HttpMethod.Get, Fixed($"/api/v1/projects/{draft}/questions"), NoBody(), Expect(404, 200, 404, 404, 404, 200)),
            // Only creatives ask (each has a few places; the buyer and staff are not creatives here).
            new("POST projects/{open}/questions", HttpMethod.Post, Fixed($"/api/v1/projects/{project}/questions"), Json(new { text = "Can the name be stacked?" }), Expect(401, 403, 403, 201, 201, 403)),
            // It is the buyer's brief: nobody else answers, sets aside or clarifies, staff included.
            new("POST projects/{open}/questions/{n}/answer", HttpMethod.Post, async who => $"/api/v1/projects/{project}/questions/{(who == Who.Buyer ? await QuestionAsync(otherCreative) : toAnswer)}/answer",
                Json(new { text = "Earthy colours first." }), Expect(401, 200, 403, 403, 403, 403)),
            new("POST projects/{open}/questions/{n}/set-aside", HttpMethod.Post, async who => $"/api/v1/projects/{project}/questions/{(who == Who.Buyer ? await QuestionAsync(otherCreative) : toSetAside)}/set-aside",
                NoBody(), Expect(401, 200, 403, 403, 403, 403)),
            new("POST projects/{open}/clarifications", HttpMethod.Post, Fixed($"/api/v1/projects/{project}/clarifications"), Json(new { text = "Cups are 8 cm wide." }), Expect(401, 201, 403, 403, 403, 403)),
            new("POST projects/{open}/questions/{n}/hide", HttpMethod.Post, Fixed($"/api/v1/projects/{project}/questions/{toAnswer}/hide"), Json(new { reason = "Contact details." }), Expect(401, 403, 403, 403, 403, 200)),
            new("POST projects/{open}/clarifications/{n}/hide", HttpMethod.Post, Fixed($"/api/v1/projects/{project}/clarifications/1/hide"), Json(new { reason = "Advertising." }), Expect(401, 403, 403, 403, 403, 200)),
            // Only staff undo a hide (the rows above hid both).
            new("POST projects/{open}/questions/{n}/show", HttpMethod.Post, Fixed($"/api/v1/projects/{project}/questions/{toAnswer}/show"), Json(new { part = "question", note = "Hidden by mistake." }), Expect(401, 403, 403, 403, 403, 200)),
            new("POST projects/{open}/clarifications/{n}/show", HttpMethod.Post, Fixed($"/api/v1/projects/{project}/clarifications/1/show"), Json(new { note = "Hidden by mistake." }), Expect(401, 403, 403, 403, 403, 200)),
            new("GET me/projects", HttpMethod.Get, Fixed("/api/v1/me/projects"), NoBody(), Expect(401, 200, 200, 200, 200, 200)),
            new("GET me/entries", HttpMethod.Get, Fixed("/api/v1/me/entries"), NoBody(), Expect(401, 200, 200, 200, 200, 200)),
            new("GET me/wrapups", HttpMethod.Get, Fixed("/api/v1/me/wrapups"), NoBody(), Expect(401, 200, 200, 200, 200, 200)),
            // Everyone signed in reads their own earnings (empty unless paid); only the creative and staff read a creative's.
            new("GET me/earnings", HttpMethod.Get, Fixed("/api/v1/me/earnings"), NoBody(), Expect(401, 200, 200, 200, 200, 200)),
            new("GET creatives/{creative}/earnings", HttpMethod.Get, Fixed($"/api/v1/creatives/{creative.UserId}/earnings"), NoBody(), Expect(401, 403, 403, 200, 403, 200)),
            new("GET projects/{open}/receipt", HttpMethod.Get, Fixed($"/api/v1/projects/{project}/receipt"), NoBody(), Expect(401, 200, 403, 403, 403, 200)),
            new("GET projects/{draft}/receipt", HttpMethod.Get, Fixed($"/api/v1/projects/{draft}/receipt"), NoBody(), Expect(401, 409, 404, 404, 404, 409)),
            new("GET entries/{id}", HttpMethod.Get, Fixed($"/api/v1/entries/{entry}"), NoBody(), Expect(200, 200, 200, 200, 200, 200)),
            new("GET entries/{id}/details", HttpMethod.Get, Fixed($"/api/v1/entries/{entry}/details"), NoBody(), Expect(401, 200, 403, 200, 403, 200)),
            new("GET entries/{id}/original", HttpMethod.Get, Fixed($"/api/v1/entries/{entry}/original"), NoBody(), Expect(401, 403, 403, 200, 403, 200)),
            new("POST entries/{id}/rating", HttpMethod.Post, Fixed($"/api/v1/entries/{entry}/rating"), Json(new { stars = 4 }), Expect(401, 200, 403, 403, 403, 403)),
            new("POST entries/{id}/comments", HttpMethod.Post, Fixed($"/api/v1/entries/{entry}/comments"), Json(new { text = "Nice!" }), Expect(401, 200, 403, 200, 403, 200)),
            new("POST entries/{id}/revisions", HttpMethod.Post, Fixed($"/api/v1/entries/{entry}/revisions"), NoBody(), Expect(401, 403, 403, 200, 403, 403), Upload: true),
            new("POST entries/{id}/decline", HttpMethod.Post, async who => $"/api/v1/entries/{(who == Who.Buyer ? await EntryAsync(project) : entry)}/decline", Json(new { reason = "Not our style." }), Expect(401, 200, 403, 403, 403, 403)),
            // Anyone signed in but the entry's creative reports it, each once (the creative's own entry: 403).
            new("POST entries/{id}/reports", HttpMethod.Post, Fixed($"/api/v1/entries/{entry}/reports"), Json(new { reason = "copies-another-entry", copiesEntryNumber = 1 }), Expect(401, 400, 400, 403, 400, 400)),
            new("POST entries/{id}/reports (valid)", HttpMethod.Post, Fixed($"/api/v1/entries/{entry}/reports"), Json(new { reason = "offensive", note = "A slur in the small print." }), Expect(401, 201, 201, 403, 201, 201)),
            new("POST entries/{id}/withdraw", HttpMethod.Post, async who => $"/api/v1/entries/{(who == Who.Creative ? await EntryAsync(project) : entry)}/withdraw", NoBody(), Expect(401, 403, 403, 200, 403, 403)),
            new("GET wrapups/{id}", HttpMethod.Get, Fixed(awaitingFiles), NoBody(), Expect(401, 200, 403, 200, 403, 200)),
            new("POST wrapups/{id}/messages", HttpMethod.Post, Fixed(awaitingFiles + "/messages"), Json(new { to = "BothParties", text = "Hello!" }), Expect(401, 200, 403, 200, 403, 409)),
            new("GET wrapups/{id}/files (in review)", HttpMethod.Get, Fixed(inReview + "/files"), NoBody(), Expect(401, 403, 403, 200, 403, 200)),
            new("GET wrapups/{id}/files/0 (in review)", HttpMethod.Get, Fixed(inReview + "/files/0"), NoBody(), Expect(401, 403, 403, 200, 403, 200)),
            new("POST wrapups/{id}/pause", HttpMethod.Post, Fixed(inReview + "/pause"), Json(new { reason = "Travelling." }), Expect(401, 200, 403, 403, 403, 403)),
            new("POST wrapups/{id}/resume", HttpMethod.Post, Fixed(inReview + "/resume"), NoBody(), Expect(401, 200, 403, 403, 403, 403)),
            new("POST wrapups/{id}/changes", HttpMethod.Post, async who => who == Who.Buyer ? await WrapUpAsync(delivered: true) + "/changes" : inReview + "/changes", Json(new { message = "Bolder, please." }), Expect(401, 200, 403, 403, 403, 403)),
            new("POST wrapups/{id}/approve", HttpMethod.Post, Fixed(inReview + "/approve"), Json(new { note = "Lovely." }), Expect(401, 200, 403, 403, 403, 403)),
            new("POST wrapups/{id}/sign", HttpMethod.Post, Fixed(inReview + "/sign"), Json(new { agreementVersion = "2026-01" }), Expect(401, 200, 403, 200, 403, 403)),
            new("POST wrapups/{id}/deliver", HttpMethod.Post, async who => who == Who.Creative ? await WrapUpAsync(delivered: false) + "/deliver" : awaitingFiles + "/deliver", NoBody(), Expect(401, 403, 403, 200, 403, 403), Upload: true,
                Fields: new() { ["note"] = "One PNG for now; the PDF follows." }),
            new("POST wrapups/{id}/help", HttpMethod.Post, async who => who is Who.Buyer or Who.Creative ? await WrapUpAsync(delivered: false) + "/help" : awaitingFiles + "/help", Json(new { message = "Stuck." }), Expect(401, 200, 403, 200, 403, 403)),
            new("POST wrapups/{id}/disputes/answer", HttpMethod.Post, Fixed(disputed + "/disputes/answer"), Json(new { answer = "It is exactly the brief." }), Expect(401, 403, 403, 200, 403, 403)),
            new("POST wrapups/{id}/proposal", HttpMethod.Post, Fixed(proposed + "/proposal"), Json(new { accept = true, note = "Fine." }), Expect(401, 200, 403, 200, 403, 403)),
            new("POST wrapups/{id}/disputes/with-files", HttpMethod.Post, async who => who is Who.Buyer or Who.Creative ? await WrapUpAsync(delivered: true) + "/disputes/with-files" : inReview + "/disputes/with-files", NoBody(), Expect(401, 200, 403, 200, 403, 403), Upload: true, Fields: new() { ["reason"] = "See the photo." }),
            new("POST wrapups/{id}/disputes/answer/with-files", HttpMethod.Post, Fixed(disputedForFiles + "/disputes/answer/with-files"), NoBody(), Expect(401, 403, 403, 200, 403, 403), Upload: true, Fields: new() { ["answer"] = "See my proof." }),
            // Profiles and buyers' records are public; a buyer has no creative's profile; a draft's buyer record is as private as the draft.
            new("GET creatives/{creative}", HttpMethod.Get, Fixed($"/api/v1/creatives/{creative.UserId}"), NoBody(), Expect(200, 200, 200, 200, 200, 200)),
            new("GET creatives/{buyer}", HttpMethod.Get, Fixed($"/api/v1/creatives/{buyer.UserId}"), NoBody(), Expect(404, 404, 404, 404, 404, 404)),
            new("GET projects/{open}/buyer-record", HttpMethod.Get, Fixed($"/api/v1/projects/{project}/buyer-record"), NoBody(), Expect(200, 200, 200, 200, 200, 200)),
            new("GET projects/{draft}/buyer-record", HttpMethod.Get, Fixed($"/api/v1/projects/{draft}/buyer-record"), NoBody(), Expect(404, 200, 404, 404, 404, 200)),
            // The review: the parties and staff read it; only the buyer of a completed handover writes it, only its creative replies, only staff hide.
            new("GET wrapups/{completed}/review", HttpMethod.Get, Fixed(completed + "/review"), NoBody(), Expect(401, 200, 403, 200, 403, 200)),
            new("PUT wrapups/{running}/review", HttpMethod.Put, Fixed(awaitingFiles + "/review"), Json(new { stars = 5, text = "Too soon." }), Expect(401, 409, 403, 403, 403, 403)),
            new("PUT wrapups/{completed}/review", HttpMethod.Put, Fixed(completed + "/review"), Json(new { stars = 4, text = "Good work." }), Expect(401, 200, 403, 403, 403, 403)),
            new("POST wrapups/{reviewed}/review/reply", HttpMethod.Post, Fixed(reviewed + "/review/reply"), Json(new { text = "Thank you!" }), Expect(401, 403, 403, 200, 403, 403)),
            new("POST staff/reviews/{reviewed}/hide", HttpMethod.Post, Fixed("/api/v1/staff/reviews/" + reviewed["/api/v1/wrapups/".Length..] + "/hide"), Json(new { part = "Reply", reason = "Testing the matrix." }), Expect(401, 403, 403, 403, 403, 200)),
            new("POST staff/reviews/{reviewed}/show", HttpMethod.Post, Fixed("/api/v1/staff/reviews/" + reviewed["/api/v1/wrapups/".Length..] + "/show"), Json(new { part = "Reply", note = "Testing the matrix." }), Expect(401, 403, 403, 403, 403, 200)),
            new("GET me/notifications", HttpMethod.Get, Fixed("/api/v1/me/notifications"), NoBody(), Expect(401, 200, 200, 200, 200, 200)),
            // Email settings: each person their own (the route names nobody else), staff included.
            new("GET me/email-settings", HttpMethod.Get, Fixed("/api/v1/me/email-settings"), NoBody(), Expect(401, 200, 200, 200, 200, 200)),
            new("PUT me/email-settings", HttpMethod.Put, Fixed("/api/v1/me/email-settings"), Json(new { contestActivity = "Daily" }), Expect(401, 200, 200, 200, 200, 200)),
            // The time zone likewise: the caller's own inbox, staff included (staff only read others' on the user page).
            new("GET me/time-zone", HttpMethod.Get, Fixed("/api/v1/me/time-zone"), NoBody(), Expect(401, 200, 200, 200, 200, 200)),
            new("PUT me/time-zone", HttpMethod.Put, Fixed("/api/v1/me/time-zone"), Json(new { timeZone = "Europe/Berlin" }), Expect(401, 200, 200, 200, 200, 200)),
            // The unsubscribe link's token is its only credential: without a real one nobody gets anything, signed in or not.
            new("GET /unsubscribe/{made-up token}", HttpMethod.Get, Fixed("/unsubscribe/" + MadeUpUnsubscribeToken(buyer.UserId)), NoBody(), Expect(404, 404, 404, 404, 404, 404)),
            new("POST /unsubscribe/{made-up token}", HttpMethod.Post, Fixed("/unsubscribe/" + MadeUpUnsubscribeToken(buyer.UserId)), NoBody(), Expect(404, 404, 404, 404, 404, 404)),
            new("POST me/notifications/read (buyer's id)", HttpMethod.Post, Fixed("/api/v1/me/notifications/read"), Json(new { ids = new[] { buyerNotification } }), Expect(401, 200, 404, 404, 404, 404)),
            new("POST wrapups/{id}/disputes", HttpMethod.Post, async who => who is Who.Buyer or Who.Creative ? await WrapUpAsync(delivered: true) + "/disputes" : inReview + "/disputes", Json(new { reason = "The files are not what was agreed." }), Expect(401, 200, 403, 200, 403, 403)),
            // A handover's previews: page routes (anonymous visitors are sent to sign in), whoever may see the handover.
            new("GET /wrapups/{id}/files/0/preview/grid", HttpMethod.Get, Fixed(Page(inReview) + "/files/0/preview/grid"), NoBody(), Expect(302, 200, 403, 200, 403, 200)),
            new("GET /wrapups/{id}/sent-previews/0", HttpMethod.Get, Fixed(Page(sentCopies) + "/sent-previews/0"), NoBody(), Expect(302, 200, 403, 200, 403, 200)),
            new("GET /wrapups/{id}/evidence/dispute/0/preview/grid", HttpMethod.Get, Fixed(Page(withEvidence) + "/evidence/dispute/0/preview/grid"), NoBody(), Expect(302, 200, 403, 200, 403, 200)),
            new("GET /files/previews/{a final's preview}", HttpMethod.Get, Fixed("/files/previews/" + finalPreview), NoBody(), Expect(404, 404, 404, 404, 404, 404)),
        };

        var failures = new List<string>();
        foreach (var row in rows)
        {
            // Denied people first, so an allowed call can never change what a denial sees.
            foreach (var who in Everyone.OrderBy(w => IsSuccess(row.Expected[w])))
            {
                var session = people[who];
                var url = await row.Url(who);
                var response = row.Upload
                    ? await session.UploadAsync(url, row.Name.Contains("deliver") || row.Name.Contains("with-files") ? "files" : "file", "matrix.png", row.Name.Contains("revisions") ? RevisedPng() : SmallPng(), withToken: who != Who.Anonymous, fields: row.Fields)
                    : await session.Http.SendAsync(new HttpRequestMessage(row.Method, url) { Content = await row.Body(who) });
                var status = (int)response.StatusCode;
                var line = $"{row.Name,-40} {who,-13} {status} (expected {row.Expected[who]})";
                output.WriteLine(line);
                if (status != row.Expected[who]) failures.Add(line + ": " + await response.Content.ReadAsStringAsync());
                if (!IsSuccess(status) && status != 401 && url.StartsWith("/api/", StringComparison.Ordinal)) Assert.Contains("detail", await response.Content.ReadAsStringAsync());
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        foreach (var session in people.Values) session.Dispose();

        async Task<string> OpenProjectWithEntryAsync()
        {
            var id = await OpenProjectAsync();
            _lastEntry = await EntryAsync(id);
            return id;
        }
    }

    /// <summary>A token that names a real person with a secret that is not theirs.</summary>
    private static string MadeUpUnsubscribeToken(string userId) =>
        Marketplace.Contracts.LinkTokens.Create(userId, System.Security.Cryptography.RandomNumberGenerator.GetBytes(Marketplace.Contracts.LinkTokens.SecretBytes));

    /// <summary>
    /// The staff console, API and pages: anonymous people are sent to sign in (401 for the API and for form posts),
    /// buyers and creatives are refused (403), staff get through to the grain — which answers 409 for actions on a
    /// handover that is not in the queue, so a row can never pass by accident of an earlier success.
    /// </summary>
    [Fact]
    public async Task Every_staff_route_and_page_is_refused_to_anyone_but_staff()
    {
        var buyer = await ApiSession.SignUpAsync(app, "buyer", "Staffless Buyer");
        var creative = await ApiSession.SignUpAsync(app, "creative", "Staffless Creative");
        var staff = await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        var people = new Dictionary<Who, ApiSession> { [Who.Anonymous] = new(app.NewApiClient()), [Who.Buyer] = buyer, [Who.Creative] = creative, [Who.Staff] = staff };
        var projectId = await buyer.OpenProjectAsync("Staff matrix " + Guid.NewGuid().ToString("N")[..6]);
        var entryId = await creative.SubmitEntryAsync(projectId, SmallPng());
        var award = await buyer.ReadAsync(await buyer.PostJsonAsync($"/api/v1/projects/{projectId}/award", new { entryId }));
        var caseId = award.GetProperty("wrapUpId").GetString()!;
        var api = "/api/v1/staff/cases/" + caseId;
        var target = await ApiSession.SignUpAsync(app, "creative", "Never Moderated");
        async Task<string> FreshUserAsync() => (await ApiSession.SignUpAsync(app, "creative", "Moderated Mo")).UserId;
        async Task<string> FreshEntryAsync()
        {
            var open = await buyer.OpenProjectAsync("Staff matrix removal " + Guid.NewGuid().ToString("N")[..6]);
            return await creative.SubmitEntryAsync(open, SmallPng());
        }
        async Task<string> SuspendedUserAsync()
        {
            var id = await FreshUserAsync();
            await staff.ReadAsync(await staff.PostJsonAsync($"/api/v1/staff/users/{id}/suspend", new { reason = "Spam." }));
            return id;
        }
        async Task<string> ReportedEntryAsync()
        {
            var reported = await FreshEntryAsync();
            await buyer.ReadAsync(await buyer.PostJsonAsync($"/api/v1/entries/{reported}/reports", new { reason = "not-for-this-brief" }), HttpStatusCode.Created);
            return reported;
        }
        var reportedEntry = await ReportedEntryAsync();
        var consent = new { how = "phone call", givenAt = DateTimeOffset.UtcNow.AddMinutes(-5), reason = "The party asked us to." };
        (string Name, HttpMethod Method, Func<Who, Task<string>> Url, object? Body, int Staff)[] rows =
        [
            ("GET staff/cases", HttpMethod.Get, _ => Task.FromResult("/api/v1/staff/cases"), null, 200),
            ("GET staff/cases/{id}", HttpMethod.Get, _ => Task.FromResult(api), null, 200),
            ("POST claim", HttpMethod.Post, _ => Task.FromResult(api + "/claim"), null, 409),
            ("POST release", HttpMethod.Post, _ => Task.FromResult(api + "/release"), null, 409),
            ("POST messages", HttpMethod.Post, _ => Task.FromResult(api + "/messages"), new { to = "Buyer", text = "Hello" }, 409),
            ("POST relay", HttpMethod.Post, _ => Task.FromResult(api + "/relay"), new { from = "Buyer", text = "Hello" }, 409),
            ("POST quality-check", HttpMethod.Post, _ => Task.FromResult(api + "/quality-check"), new { checklist = new[] { new { check = "Opens", passed = true } }, note = "ok" }, 409),
            ("POST previews", HttpMethod.Post, _ => Task.FromResult(api + "/previews"), new { note = "for you" }, 409),
            ("POST delivery-links", HttpMethod.Post, _ => Task.FromResult(api + "/delivery-links"), new { recipientName = "Printer", validForHours = 24, buyerConsent = consent }, 409),
            ("POST approve", HttpMethod.Post, _ => Task.FromResult(api + "/approve"), new { note = "yes", buyerConsent = consent }, 409),
            ("POST changes", HttpMethod.Post, _ => Task.FromResult(api + "/changes"), new { message = "bolder", buyerConsent = consent }, 409),
            ("POST sign", HttpMethod.Post, _ => Task.FromResult(api + "/sign"), new { party = "Buyer", consent }, 409),
            ("POST proposal-response", HttpMethod.Post, _ => Task.FromResult(api + "/proposal-response"), new { party = "Buyer", accept = true, consent }, 409),
            ("POST deadlines", HttpMethod.Post, _ => Task.FromResult(api + "/deadlines"), new { deadline = "Response", byHours = 24, reason = "travel" }, 409),
            ("POST release-payment", HttpMethod.Post, _ => Task.FromResult(api + "/release-payment"), new { reason = "done" }, 409),
            ("POST close", HttpMethod.Post, _ => Task.FromResult(api + "/close"), new { note = "done" }, 409),
            ("POST propose", HttpMethod.Post, _ => Task.FromResult(api + "/propose"), new { outcome = "Refunded", reason = "fair" }, 409),
            ("POST decide", HttpMethod.Post, _ => Task.FromResult(api + "/decide"), new { outcome = "Refunded", reason = "fair" }, 409),
            ("GET staff/users", HttpMethod.Get, _ => Task.FromResult("/api/v1/staff/users?q=moderated"), null, 200),
            ("POST users/{id}/suspend", HttpMethod.Post, async who => $"/api/v1/staff/users/{(who == Who.Staff ? await FreshUserAsync() : target.UserId)}/suspend", new { reason = "Spam." }, 200),
            ("POST users/{id}/reinstate", HttpMethod.Post, async who => $"/api/v1/staff/users/{(who == Who.Staff ? await SuspendedUserAsync() : target.UserId)}/reinstate", null, 200),
            ("POST users/{id}/remove", HttpMethod.Post, async who => $"/api/v1/staff/users/{(who == Who.Staff ? await FreshUserAsync() : target.UserId)}/remove", new { reason = "Repeated policy violations." }, 200),
            // Staff remove a fresh entry: removing the awarded one would queue this case and change the rows above.
            ("POST entries/{id}/remove", HttpMethod.Post, async who => $"/api/v1/staff/entries/{(who == Who.Staff ? await FreshEntryAsync() : entryId)}/remove", new { reason = "Stock art." }, 200),
            ("GET staff/reports", HttpMethod.Get, _ => Task.FromResult("/api/v1/staff/reports"), null, 200),
            ("GET staff/reports/{entry}", HttpMethod.Get, _ => Task.FromResult($"/api/v1/staff/reports/{reportedEntry}"), null, 200),
            ("POST reports/{entry}/dismiss", HttpMethod.Post, async who => $"/api/v1/staff/reports/{(who == Who.Staff ? await ReportedEntryAsync() : reportedEntry)}/dismiss", new { note = "A fair entry." }, 200),
            ("POST reports/{entry}/remove", HttpMethod.Post, async who => $"/api/v1/staff/reports/{(who == Who.Staff ? await ReportedEntryAsync() : reportedEntry)}/remove", new { reason = "Not a design for this brief." }, 200),
            ("POST files/sweep", HttpMethod.Post, _ => Task.FromResult("/api/v1/staff/files/sweep"), null, 200),
        ];

        var failures = new List<string>();
        async Task CheckAsync(string name, Who who, HttpResponseMessage response, int expected, string? location = null)
        {
            var status = (int)response.StatusCode;
            var line = $"{name,-34} {who,-10} {status} (expected {expected}{(location is null ? "" : " to " + location)})";
            output.WriteLine(line);
            if (status != expected || (location is not null && response.Headers.Location?.ToString().Contains(location) != true))
                failures.Add(line + ": " + response.Headers.Location + " " + await response.Content.ReadAsStringAsync());
        }

        foreach (var row in rows)
        {
            foreach (var who in new[] { Who.Anonymous, Who.Buyer, Who.Creative, Who.Staff })
            {
                var request = new HttpRequestMessage(row.Method, await row.Url(who)) { Content = row.Body is null ? null : JsonContent.Create(row.Body, options: ApiSession.Json) };
                var response = await people[who].Http.SendAsync(request);
                await CheckAsync(row.Name, who, response, who switch { Who.Anonymous => 401, Who.Staff => row.Staff, _ => 403 });
                if (response.StatusCode != HttpStatusCode.OK && who != Who.Anonymous) Assert.Contains("detail", await response.Content.ReadAsStringAsync());
            }
        }
        var deliver = await Task.WhenAll(new[] { Who.Anonymous, Who.Buyer, Who.Creative, Who.Staff }.Select(async who =>
            (who, await people[who].UploadAsync(api + "/deliver", "files", "final.png", SmallPng(), withToken: who != Who.Anonymous))));
        foreach (var (who, response) in deliver) await CheckAsync("POST deliver (multipart)", who, response, who switch { Who.Anonymous => 401, Who.Staff => 409, _ => 403 });

        // The pages: anonymous visitors are sent to sign in, parties to the "not allowed" page; form posts are refused outright.
        string[] pages = ["/staff", "/staff/users", "/staff/users/" + target.UserId, "/staff/cases/" + caseId, "/staff/reports", "/staff/reports/" + reportedEntry];
        foreach (var page in pages)
        {
            await CheckAsync("GET " + page, Who.Anonymous, await people[Who.Anonymous].Http.GetAsync(page), 302, "/account/signin");
            await CheckAsync("GET " + page, Who.Buyer, await buyer.Http.GetAsync(page), 302, "/error/403");
            await CheckAsync("GET " + page, Who.Creative, await creative.Http.GetAsync(page), 302, "/error/403");
            await CheckAsync("GET " + page, Who.Staff, await staff.Http.GetAsync(page), 200);
        }
        foreach (var (page, handler) in new[] { ("/staff/cases/" + caseId, "Claim"), ("/staff/cases/" + caseId, "Decide"), ("/staff/users", "Remove"),
            ("/staff/reports/" + reportedEntry, "Dismiss"), ("/staff/reports/" + reportedEntry, "Remove") })
        {
            foreach (var who in new[] { Who.Anonymous, Who.Buyer, Who.Creative })
            {
                var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["userId"] = target.UserId, ["reason"] = "x", ["confirm"] = "true", ["outcome"] = "Refunded" });
                await CheckAsync($"POST {page}?handler={handler}", who, await people[who].Http.PostAsync($"{page}?handler={handler}", form), who == Who.Anonymous ? 401 : 403);
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        // The reported entry the refused people tried to act on still waits for staff, in the gallery.
        Assert.Equal(1, (await staff.ReadAsync(await staff.Http.GetAsync($"/api/v1/staff/reports/{reportedEntry}"))).GetProperty("open").GetProperty("reports").GetArrayLength());
        // Nobody but staff changed the target's status.
        Assert.Equal(Contracts.Users.UserStatus.Active, (await staff.ReadAsync(await staff.Http.GetAsync($"/api/v1/staff/users?q={target.Email}"))).GetProperty("users")[0].GetProperty("status").Deserialize<Contracts.Users.UserStatus>(ApiSession.Json));
        foreach (var session in people.Values.Append(target)) session.Dispose();
    }

    private string _lastEntry = "";

    private static bool IsSuccess(int status) => status is >= 200 and < 300;

    private static object ProjectBody() => new
    {
        title = "A logo for a bike shop",
        description = "Bold, friendly, works on a jersey and a van. Two colours at most.",
        category = "logo",
        prize = 25_000,
        currency = "USD",
        entryDeadline = DateTimeOffset.UtcNow.AddDays(10),
        selectionDays = 7,
        allowEarlyAward = true,
        deliverableFormats = new[] { "PNG" },
    };

    private static byte[] SmallPng() => DemoArt.Logo("Spokes", "bike shop", 2, 160, 120);

    private static int _designs;

    /// <summary>Another design each time: the same creative may not enter one file twice in a contest.</summary>
    private static byte[] DistinctPng() => DemoArt.Logo("Spokes", "entry " + Interlocked.Increment(ref _designs), 2, 160, 120);

    /// <summary>A changed design: a revision with the submitted bytes again is refused as "the same file".</summary>
    private static byte[] RevisedPng() => DemoArt.Logo("Spokes", "bike shop", 3, 160, 120);
}

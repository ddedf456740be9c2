using System.Net;
using Marketplace.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Marketplace.Web.Tests.Api;

/// <summary>
/// The pages, as the API matrix does for the API: every page that shows or changes someone's data, opened and posted
/// by anonymous visitors, another buyer and another creative (and by the wrong kind of account). Anonymous visitors
/// are sent to sign in (a GET, or a HEAD of a download) or refused 401 (a post; 403 "Sign in first" from a public page's form); the wrong role is sent to the "not allowed" page; a person
/// with the right role but the wrong relation is refused by the grain (403), or told a draft does not exist (404).
/// Posts carry a valid antiforgery token of the poster's own, so only the authorization rule can refuse them.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class PageAuthorizationMatrixTests(MarketplaceAppFixture app, ITestOutputHelper output)
{
    public enum Who { Anonymous, Buyer, OtherBuyer, Creative, OtherCreative, Staff }

    private const int SignIn = 1302;
    private const int NotAllowedPage = 2302;

    /// <summary>The password <see cref="ApiSession.SignUpAsync"/> gives everyone.</summary>
    private const string SignUpPassword = "a long enough password";

    [Fact]
    public async Task Every_private_page_is_refused_to_anyone_without_a_relation_to_its_data()
    {
        var people = new Dictionary<Who, ApiSession>
        {
            [Who.Anonymous] = new(app.NewApiClient()),
            [Who.Buyer] = await ApiSession.SignUpAsync(app, "buyer", "Page Buyer"),
            [Who.OtherBuyer] = await ApiSession.SignUpAsync(app, "buyer", "Other Page Buyer"),
            [Who.Creative] = await ApiSession.SignUpAsync(app, "creative", "Page Creative"),
            [Who.OtherCreative] = await ApiSession.SignUpAsync(app, "creative", "Other Page Creative"),
            [Who.Staff] = await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword),
        };
        var buyer = people[Who.Buyer];
        var creative = people[Who.Creative];
        var project = await buyer.OpenProjectAsync("Page matrix " + Guid.NewGuid().ToString("N")[..6]);
        var entry = await creative.SubmitEntryAsync(project);
        var draft = (await buyer.ReadAsync(await buyer.PostJsonAsync("/api/v1/projects", new
        {
            title = "A draft nobody else sees", description = "Private until the buyer pays for it.", category = "logo", prize = 20_000, currency = "USD",
            entryDeadline = DateTimeOffset.UtcNow.AddDays(10), selectionDays = 7, allowEarlyAward = true, deliverableFormats = new[] { "PNG" },
        }), HttpStatusCode.Created)).GetProperty("id").GetString();
        var awardedProject = await buyer.OpenProjectAsync("Page matrix award " + Guid.NewGuid().ToString("N")[..6]);
        var winner = await creative.SubmitEntryAsync(awardedProject);
        var wrapUp = "/wrapups/" + (await buyer.ReadAsync(await buyer.PostJsonAsync($"/api/v1/projects/{awardedProject}/award", new { entryId = winner })))
            .GetProperty("wrapUpId").GetString();
        var completed = await CompletedHandoverAsync(buyer, creative);
        var question = (await creative.ReadAsync(await creative.PostJsonAsync($"/api/v1/projects/{project}/questions", new { text = "Are the colours fixed?" }), HttpStatusCode.Created))
            .GetProperty("number").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);

        (string Page, Dictionary<Who, int> Expected)[] pages =
        [
            ("/buyer/projects", Expect(SignIn, 200, 200, NotAllowedPage, NotAllowedPage, NotAllowedPage)),
            ("/buyer/projects/new", Expect(SignIn, 200, 200, NotAllowedPage, NotAllowedPage, NotAllowedPage)),
            ($"/buyer/projects/{draft}/edit", Expect(SignIn, 200, 404, NotAllowedPage, NotAllowedPage, NotAllowedPage)),
            ($"/buyer/projects/{draft}/fund", Expect(SignIn, 200, 404, NotAllowedPage, NotAllowedPage, NotAllowedPage)),
            ($"/projects/{draft}", Expect(404, 200, 404, 404, 404, 200)),
            ("/creative/entries", Expect(SignIn, NotAllowedPage, NotAllowedPage, 200, 200, NotAllowedPage)),
            ($"/projects/{project}/submit", Expect(SignIn, NotAllowedPage, NotAllowedPage, 200, 200, NotAllowedPage)),
            ($"/entries/{entry}/revise", Expect(SignIn, NotAllowedPage, NotAllowedPage, 200, 403, NotAllowedPage)),
            ($"/entries/{entry}/award", Expect(SignIn, 200, 403, NotAllowedPage, NotAllowedPage, NotAllowedPage)),
            (wrapUp, Expect(SignIn, 200, 403, 200, 403, 200)),
            (wrapUp + "/agreement", Expect(SignIn, 200, 403, 200, 403, 200)),
            (wrapUp + "/deliver", Expect(SignIn, 403, 403, 200, 403, 403)),
            // The finals of a completed handover, one by one and as the zip, on the page's address and the API's.
            (completed + "/files/0", Expect(SignIn, 200, 403, 200, 403, 200)),
            (completed + "/files/all.zip", Expect(SignIn, 200, 403, 200, 403, 200)),
            ("/api/v1" + completed + "/files/0", Expect(401, 200, 403, 200, 403, 200)),
            ("/api/v1" + completed + "/files/all.zip", Expect(401, 200, 403, 200, 403, 200)),
            ("/api/v1" + completed + "/files/zip-status", Expect(401, 200, 403, 200, 403, 200)),
            ("/notifications", Expect(SignIn, 200, 200, 200, 200, 200)),
            ("/account", Expect(SignIn, 200, 200, 200, 200, 200)),
            // A receipt: its buyer and staff; another buyer is refused by the grain, creatives by the page's role;
            // a draft has none yet (409 to its buyer and staff) and does not exist for anyone else.
            ($"/buyer/projects/{project}/receipt", Expect(SignIn, 200, 403, NotAllowedPage, NotAllowedPage, 200)),
            ($"/buyer/projects/{draft}/receipt", Expect(SignIn, 409, 404, NotAllowedPage, NotAllowedPage, 409)),
            // Earnings are always the signed-in creative's own; buyers and staff (not creatives) are sent away.
            ("/creative/earnings", Expect(SignIn, NotAllowedPage, NotAllowedPage, 200, 200, NotAllowedPage)),
            ("/account/emails", Expect(SignIn, 200, 200, 200, 200, 200)),
            // Closing entries early: the buyer, or staff for them; another buyer is refused, creatives are neither.
            ($"/projects/{project}/close-entries", Expect(SignIn, 200, 403, NotAllowedPage, NotAllowedPage, 200)),
            // A person's staff page and a creative's earnings as staff read them: staff only, whoever the person is.
            ($"/staff/users/{creative.UserId}", Expect(SignIn, NotAllowedPage, NotAllowedPage, NotAllowedPage, NotAllowedPage, 200)),
            ($"/staff/users/{creative.UserId}/earnings", Expect(SignIn, NotAllowedPage, NotAllowedPage, NotAllowedPage, NotAllowedPage, 200)),
            ($"/staff/users/{buyer.UserId}", Expect(SignIn, NotAllowedPage, NotAllowedPage, NotAllowedPage, NotAllowedPage, 200)),
        ];

        var failures = new List<string>();
        foreach (var (page, expected) in pages)
        {
            foreach (var who in Enum.GetValues<Who>())
            {
                using var response = await people[who].Http.GetAsync(page);
                Record(failures, "GET " + page, who, response, expected[who]);
            }
        }

        // Download managers and phones probe a download with HEAD before resuming it: refused exactly as GET is.
        foreach (var (page, expected) in pages.Where(p => p.Page.Contains("/files/", StringComparison.Ordinal) && !p.Page.EndsWith("/zip-status", StringComparison.Ordinal)))
        {
            foreach (var who in Enum.GetValues<Who>())
            {
                using var response = await people[who].Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, page));
                Record(failures, "HEAD " + page, who, response, expected[who]);
            }
        }

        // Posts by people the data is not theirs: denied before anything changes (checked below).
        (string Page, string Handler, Dictionary<string, string> Form, Dictionary<Who, int> Expected)[] posts =
        [
            ($"/entries/{entry}", "Rate", new() { ["stars"] = "5" }, Expect(403, 0, 403, 403, 403, 403)),
            ($"/entries/{entry}", "Comment", new() { ["text"] = "Not mine to say." }, Expect(403, 0, 403, 0, 403, 0)),
            ($"/entries/{entry}", "Decline", new() { ["reason"] = "Not mine to decline." }, Expect(403, 0, 403, 403, 403, 403)),
            ($"/entries/{entry}", "Withdraw", new(), Expect(403, 0, 403, 0, 403, 403)),
            ($"/entries/{entry}", "Remove", new() { ["reason"] = "Not staff.", ["confirm"] = "true" }, Expect(403, 403, 403, 403, 403, 0)),
            // Everyone else may report it; its own creative may not, and a visitor signs in first.
            ($"/entries/{entry}", "Report", new() { ["reason"] = "offensive" }, Expect(403, 0, 0, 403, 0, 0)),
            ($"/entries/{entry}/award", "", new(), Expect(401, 0, 403, 403, 403, 403)),
            ($"/projects/{project}", "Cancel", new() { ["reason"] = "Not my project." }, Expect(403, 0, 403, 403, 403, 0)),
            // Questions about the brief: only creatives ask; only the buyer answers, sets aside or clarifies; only staff hide.
            ($"/projects/{project}", "Ask", new() { ["question"] = "Not a creative's question." }, Expect(403, 403, 403, 0, 0, 403)),
            ($"/projects/{project}", "Answer", new() { ["number"] = question, ["answer"] = "Not my brief." }, Expect(403, 0, 403, 403, 403, 403)),
            ($"/projects/{project}", "SetAside", new() { ["number"] = question }, Expect(403, 0, 403, 403, 403, 403)),
            ($"/projects/{project}", "Clarify", new() { ["clarification"] = "Not my brief." }, Expect(403, 0, 403, 403, 403, 403)),
            ($"/projects/{project}", "Hide", new() { ["part"] = "Question", ["number"] = question, ["reason"] = "Not staff." }, Expect(403, 403, 403, 403, 403, 0)),
            ($"/projects/{project}", "ShowAgain", new() { ["part"] = "Question", ["number"] = question, ["note"] = "Not staff." }, Expect(403, 403, 403, 403, 403, 0)),
            ($"/projects/{project}/close-entries", "", new() { ["reason"] = "Not my project." }, Expect(401, 0, 403, 403, 403, 0)),
            ($"/buyer/projects/{draft}/fund", "", new(), Expect(401, 0, 403, 403, 403, 403)),
            ($"/buyer/projects/{draft}/edit", "", new()
            {
                ["Title"] = "Taken over", ["Description"] = "Someone else's words now.", ["Category"] = "logo", ["Prize"] = "300",
                ["EntryDeadline"] = DateTime.UtcNow.AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ["SelectionDays"] = "7",
            }, Expect(401, 0, 403, 403, 403, 403)),
            (wrapUp, "Message", new() { ["text"] = "Let me in.", ["to"] = "BothParties" }, Expect(401, 0, 403, 0, 403, 0)),
            (wrapUp, "Help", new() { ["message"] = "Not my handover." }, Expect(401, 0, 403, 0, 403, 0)),
            (wrapUp, "Pause", new() { ["reason"] = "Not my handover." }, Expect(401, 0, 403, 0, 403, 0)),
            (wrapUp, "Sign", new() { ["agreementVersion"] = "2026-01" }, Expect(401, 0, 403, 0, 403, 0)),
            (wrapUp, "Dispute", new() { ["reason"] = "Not my handover." }, Expect(401, 0, 403, 0, 403, 0)),
            (wrapUp + "/deliver", "", new() { ["note"] = "Not my win." }, Expect(401, 403, 403, 0, 403, 403)),
            // The review of a completed handover: only its buyer writes it, only its creative replies, only staff hide.
            (completed, "Review", new() { ["stars"] = "5", ["text"] = "Not my handover." }, Expect(401, 0, 403, 403, 403, 403)),
            (completed, "Reply", new() { ["reply"] = "Not my review." }, Expect(401, 403, 403, 0, 403, 403)),
            // Each person's own settings: a visitor has none to change.
            ("/account/emails", "", new() { ["ContestActivity"] = "None" }, Expect(401, 0, 0, 0, 0, 0)),
            // Closing acts on the signed-in account only (the form names nobody): a visitor signs in first, a wrong
            // password closes nothing, and staff accounts come from configuration, so the form refuses them first.
            ("/account", "Close", new() { ["ClosePassword"] = "not the password", ["ConfirmClose"] = "true" }, Expect(401, 400, 400, 400, 400, 403)),
            ($"/creatives/{creative.UserId}", "Hide", new() { ["wrapUpId"] = completed["/wrapups/".Length..], ["part"] = "Review", ["reason"] = "Not staff." }, Expect(403, 403, 403, 403, 403, 0)),
            ($"/creatives/{creative.UserId}", "ShowAgain", new() { ["wrapUpId"] = completed["/wrapups/".Length..], ["part"] = "Review", ["note"] = "Not staff." }, Expect(403, 403, 403, 403, 403, 0)),
        ];
        foreach (var (page, handler, form, expected) in posts)
        {
            foreach (var who in Enum.GetValues<Who>().Where(w => expected[w] != 0))
            {
                var url = handler.Length == 0 ? page : $"{page}?handler={handler}";
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
                request.Headers.Add("X-XSRF-TOKEN", await people[who].AntiforgeryTokenAsync());
                using var response = await people[who].Http.SendAsync(request);
                Record(failures, $"POST {url}", who, response, expected[who]);
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        // Nothing the refused posts asked for happened.
        var entryNow = await buyer.ReadAsync(await buyer.Http.GetAsync($"/api/v1/entries/{entry}/details"));
        Assert.Equal("Active", entryNow.GetProperty("status").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, entryNow.GetProperty("rating").ValueKind);
        Assert.Equal(0, entryNow.GetProperty("comments").GetArrayLength());
        Assert.Equal("Open", (await buyer.ReadAsync(await buyer.Http.GetAsync($"/api/v1/projects/{project}"))).GetProperty("state").GetString());
        var questions = await buyer.ReadAsync(await buyer.Http.GetAsync($"/api/v1/projects/{project}/questions"));
        Assert.Equal("Unanswered", Assert.Single(questions.GetProperty("questions").EnumerateArray()).GetProperty("status").GetString());
        Assert.Equal(0, questions.GetProperty("clarifications").GetArrayLength());
        var draftNow = await buyer.ReadAsync(await buyer.Http.GetAsync($"/api/v1/projects/{draft}"));
        Assert.Equal(("Draft", "A draft nobody else sees"), (draftNow.GetProperty("state").GetString(), draftNow.GetProperty("brief").GetProperty("title").GetString()));
        var handover = await buyer.ReadAsync(await buyer.Http.GetAsync("/api/v1" + wrapUp));
        Assert.Equal(0, handover.GetProperty("messages").GetArrayLength());
        Assert.Equal("AwaitingFiles", handover.GetProperty("step").GetString());
        var review = await buyer.ReadAsync(await buyer.Http.GetAsync("/api/v1" + completed + "/review"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, review.GetProperty("review").ValueKind);
        foreach (var who in Enum.GetValues<Who>().Where(w => w != Who.Anonymous))
        {
            Assert.Equal(HttpStatusCode.OK, (await people[who].Http.GetAsync("/api/v1/account/me")).StatusCode);
        }

        foreach (var session in people.Values) session.Dispose();
    }

    [Fact]
    public async Task A_close_form_posted_with_someone_elses_antiforgery_token_closes_nothing()
    {
        using var person = await ApiSession.SignUpAsync(app, "buyer", "Close Target");
        using var other = await ApiSession.SignUpAsync(app, "buyer", "Close Forger");
        var form = new Dictionary<string, string> { ["ClosePassword"] = SignUpPassword, ["ConfirmClose"] = "true" };
        await person.AntiforgeryTokenAsync(); // the person's own antiforgery cookie is in their jar, as in their browser

        // The person's own cookie and password, but a token issued to someone else (as a forged cross-site form would carry).
        using var forged = await PostCloseAsync(person, form, await other.AntiforgeryTokenAsync());
        using var withoutToken = await PostCloseAsync(person, form, token: null);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await person.Http.GetAsync("/api/v1/account/me")).StatusCode);

        // The same post with the person's own token closes it: only the token was refused above.
        using var own = await PostCloseAsync(person, form, await person.AntiforgeryTokenAsync());
        Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await person.Http.GetAsync("/api/v1/account/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.Http.GetAsync("/api/v1/account/me")).StatusCode);
    }

    private static async Task<HttpResponseMessage> PostCloseAsync(ApiSession session, Dictionary<string, string> form, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account?handler=Close") { Content = new FormUrlEncodedContent(form) };
        if (token is not null) request.Headers.Add("X-XSRF-TOKEN", token);
        return await session.Http.SendAsync(request);
    }

    /// <summary>A second handover of the same two people, delivered, approved and signed by both: its finals are the buyer's now.</summary>
    private static async Task<string> CompletedHandoverAsync(ApiSession buyer, ApiSession creative) =>
        "/wrapups/" + await CompletedHandover.CompleteAsync(buyer, creative, "Page matrix files " + Guid.NewGuid().ToString("N")[..6]);

    private void Record(List<string> failures, string name, Who who, HttpResponseMessage response, int expected)
    {
        var status = (int)response.StatusCode;
        var location = response.Headers.Location is { IsAbsoluteUri: true } absolute ? absolute.PathAndQuery : response.Headers.Location?.OriginalString ?? "";
        var actual = status != 302 ? status
            : location.StartsWith("/account/signin", StringComparison.Ordinal) ? SignIn
            : location.StartsWith("/error/403", StringComparison.Ordinal) ? NotAllowedPage
            : 302;
        var line = $"{name,-60} {who,-13} {status} {location} (expected {Describe(expected)})";
        output.WriteLine(line);
        if (actual != expected) failures.Add(line);
    }

    private static string Describe(int expected) => expected switch
    {
        SignIn => "302 to sign in",
        NotAllowedPage => "302 to the not-allowed page",
        _ => expected.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static Dictionary<Who, int> Expect(int anonymous, int buyer, int otherBuyer, int creative, int otherCreative, int staff) => new()
    {
        [Who.Anonymous] = anonymous, [Who.Buyer] = buyer, [Who.OtherBuyer] = otherBuyer,
        [Who.Creative] = creative, [Who.OtherCreative] = otherCreative, [Who.Staff] = staff,
    };
}

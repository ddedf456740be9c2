using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Api;

/// <summary>Bad input gets a clear 4xx with a message a person can act on, and leaves nothing stored.</summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class BadInputTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task Uploads_that_are_too_large_or_not_images_are_refused_and_nothing_is_stored()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Input Buyer");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Input Creative");
        var projectId = await buyer.OpenProjectAsync("Poster for a jazz night");
        var url = $"/api/v1/projects/{projectId}/entries";
        var before = await app.StoredFileCountAsync();

        var tooLarge = await creative.UploadAsync(url, "file", "huge.png", new byte[65 * 1024 * 1024]);
        await ExpectProblemAsync(tooLarge, HttpStatusCode.RequestEntityTooLarge, "larger than");

        // Sent as image/png: neither the declared type nor the name decides, the bytes do.
        var notAnImage = await creative.UploadAsync(url, "file", "poster.png", "this is not a picture, just text"u8.ToArray(), "image/png");
        await ExpectProblemAsync(notAnImage, HttpStatusCode.BadRequest,
            "This file is plain text (whatever its name ending \".png\" says). Entries must be JPEG, PNG, WebP or GIF images; export it as PNG or JPEG and upload it again.");

        var truncated = DemoArt.Logo("Jazz", "night", 4, 400, 300)[..2000];
        await ExpectProblemAsync(await creative.UploadAsync(url, "file", "cut.png", truncated), HttpStatusCode.BadRequest, "This PNG is damaged (the file is cut off");

        var noFile = await creative.UploadAsync(url, "note", "note.txt", "no file field"u8.ToArray(), "text/plain");
        await ExpectProblemAsync(noFile, HttpStatusCode.BadRequest, "Choose a file");

        Assert.Equal(before, await app.StoredFileCountAsync());
        var gallery = await buyer.ReadAsync(await buyer.Http.GetAsync($"/api/v1/projects/{projectId}/gallery"));
        Assert.Equal(0, gallery.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_forged_or_missing_antiforgery_token_is_refused_before_anything_is_stored()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Token Buyer");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Token Creative");
        var projectId = await buyer.OpenProjectAsync("Label for a cider");
        var before = await app.StoredFileCountAsync();

        var missing = await creative.UploadAsync($"/api/v1/projects/{projectId}/entries", "file", "cider.png", DemoArt.Logo("Cider", "orchard", 1, 300, 200), withToken: false);
        await ExpectProblemAsync(missing, HttpStatusCode.BadRequest, "security token");

        using var form = new MultipartFormDataContent { { new ByteArrayContent(DemoArt.Logo("Cider", "orchard", 1, 300, 200)), "file", "cider.png" } };
        using var forged = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/projects/{projectId}/entries") { Content = form };
        forged.Headers.Add("X-XSRF-TOKEN", "CfDJ8-forged-token");
        await ExpectProblemAsync(await creative.Http.SendAsync(forged), HttpStatusCode.BadRequest, "security token");
        Assert.Equal(before, await app.StoredFileCountAsync());

        // A page form posted with a forged token (as a foreign site would) is refused with a page that says why.
        var page = await creative.Http.GetStringAsync($"/projects/{projectId}/submit");
        Assert.Contains("__RequestVerificationToken", page);
        using var pageForm = new MultipartFormDataContent
        {
            { new StringContent("forged"), "__RequestVerificationToken" },
            { new ByteArrayContent(DemoArt.Logo("Cider", "orchard", 1, 300, 200)), "file", "cider.png" },
        };
        var pagePost = await creative.Http.PostAsync($"/projects/{projectId}/submit", pageForm);
        Assert.Equal(HttpStatusCode.BadRequest, pagePost.StatusCode);
        Assert.Contains("reload the page", await pagePost.Content.ReadAsStringAsync());
        Assert.Equal(before, await app.StoredFileCountAsync());
    }

    [Fact]
    public async Task Missing_or_malformed_fields_get_a_400_that_names_the_problem()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Fields Buyer");
        await ExpectProblemAsync(await buyer.PostJsonAsync("/api/v1/projects", new { title = "", category = "logo", prize = 10_000, entryDeadline = DateTimeOffset.UtcNow.AddDays(5) }), HttpStatusCode.BadRequest, "");
        await ExpectProblemAsync(await buyer.PostJsonAsync("/api/v1/projects", new { title = "Negative prize", description = "A brief that is long enough to pass.", category = "logo", prize = -5, entryDeadline = DateTimeOffset.UtcNow.AddDays(5) }), HttpStatusCode.BadRequest, "");
        await ExpectProblemAsync(await buyer.PostJsonAsync("/api/v1/projects", new { title = "Unknown category", description = "A brief that is long enough to pass.", category = "tattoos", prize = 10_000, entryDeadline = DateTimeOffset.UtcNow.AddDays(5) }), HttpStatusCode.BadRequest, "");
        await ExpectProblemAsync(await buyer.Http.PostAsync("/api/v1/projects", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest, "could not be read");
        await ExpectProblemAsync(await buyer.Http.PostAsync("/api/v1/projects", new StringContent("title=x", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded")), HttpStatusCode.UnsupportedMediaType, "");
        await ExpectProblemAsync(await buyer.Http.GetAsync("/api/v1/projects/..%2f..%2fsecrets"), HttpStatusCode.NotFound, "");

        using var visitor = new ApiSession(app.NewApiClient());
        await ExpectProblemAsync(await visitor.PostJsonAsync("/api/v1/account/signup", new { email = "not-an-email", password = "long enough password", displayName = "X", role = "buyer" }), HttpStatusCode.BadRequest, "valid email");
        await ExpectProblemAsync(await visitor.PostJsonAsync("/api/v1/account/signup", new { email = $"short-{Guid.NewGuid():N}@example.com", password = "short", displayName = "X", role = "buyer" }), HttpStatusCode.BadRequest, "at least 10 characters");
        await ExpectProblemAsync(await visitor.PostJsonAsync("/api/v1/account/signup", new { email = $"staff-{Guid.NewGuid():N}@example.com", password = "long enough password", displayName = "X", role = "staff" }), HttpStatusCode.BadRequest, "buyer");
    }

    [Fact]
    public async Task Another_persons_ids_in_the_url_are_refused_and_change_nothing()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Owner Buyer");
        using var intruder = await ApiSession.SignUpAsync(app, "buyer", "Intruding Buyer");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Owner Creative");
        using var rival = await ApiSession.SignUpAsync(app, "creative", "Rival Creative");
        var projectId = await buyer.OpenProjectAsync("Menu for a noodle bar");
        var entryId = await creative.SubmitEntryAsync(projectId, DemoArt.Logo("Noodle", "bar", 5, 300, 200), "menu.png");
        var before = await app.StoredFileCountAsync();

        await ExpectProblemAsync(await rival.UploadAsync($"/api/v1/entries/{entryId}/revisions", "file", "stolen.png", DemoArt.Logo("Noodle", "bar", 6, 300, 200)), HttpStatusCode.Forbidden, "");
        await ExpectProblemAsync(await rival.Http.PostAsync($"/api/v1/entries/{entryId}/withdraw", null), HttpStatusCode.Forbidden, "");
        await ExpectProblemAsync(await intruder.PostJsonAsync($"/api/v1/entries/{entryId}/rating", new { stars = 1 }), HttpStatusCode.Forbidden, "");
        await ExpectProblemAsync(await intruder.PostJsonAsync($"/api/v1/projects/{projectId}/award", new { entryId }), HttpStatusCode.Forbidden, "");
        await ExpectProblemAsync(await intruder.Http.GetAsync($"/api/v1/entries/{entryId}/original"), HttpStatusCode.Forbidden, "");
        Assert.Equal(before, await app.StoredFileCountAsync());

        var details = await buyer.ReadAsync(await buyer.Http.GetAsync($"/api/v1/entries/{entryId}/details"));
        Assert.Equal("Active", details.GetProperty("status").GetString());
        Assert.Equal(1, details.GetProperty("revisions").GetArrayLength());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, details.GetProperty("rating").ValueKind);
    }

    [Fact]
    public async Task Revising_with_the_file_already_submitted_is_refused_with_409_naming_the_version_and_adds_none()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Repeat Buyer");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Repeat Creative");
        var projectId = await buyer.OpenProjectAsync("Sign for a tea room");
        var design = DemoArt.Logo("Tea", "room", 7, 300, 200);
        var entryId = await creative.SubmitEntryAsync(projectId, design, "sign.png");
        var before = await app.StoredFileCountAsync();

        var again = await creative.UploadAsync($"/api/v1/entries/{entryId}/revisions", "file", "sign-final.png", design);

        await ExpectProblemAsync(again, HttpStatusCode.Conflict, "already the current version of this entry (version 1)");
        Assert.Equal(before, await app.StoredFileCountAsync());
        var details = await buyer.ReadAsync(await buyer.Http.GetAsync($"/api/v1/entries/{entryId}/details"));
        Assert.Equal(1, details.GetProperty("revisions").GetArrayLength());
    }

    [Fact]
    public async Task A_delivery_with_one_damaged_file_is_refused_whole_and_names_that_file()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Dora Delivery");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Ernst Export");
        var wrapUpId = await StaffedHandover.AwardedAsync(buyer, creative, "Label for a cider farm");
        var damaged = DemoArt.Logo("Cider", "dark", 5, 800, 600);
        (string Name, byte[] Bytes)[] files =
        [
            ("cider-print.pdf", System.Text.Encoding.ASCII.GetBytes($"%PDF-1.4\n% cider {Guid.NewGuid():N}\n%%EOF\n")),
            ("cider-logo.png", DemoArt.Logo("Cider", "final", 4, 800, 600)),
            ("cider-dark.png", damaged[..(damaged.Length / 2)]),
        ];
        var before = await app.StoredFileCountAsync();

        var refused = await StaffedHandover.PostDeliveryAsync(creative, wrapUpId, files);

        await ExpectProblemAsync(refused, HttpStatusCode.BadRequest, "cider-dark.png: ");
        Assert.Equal(before, await app.StoredFileCountAsync());
        var view = await creative.ReadAsync(await creative.Http.GetAsync("/api/v1/wrapups/" + wrapUpId));
        Assert.Equal("AwaitingFiles", view.GetProperty("step").GetString());
    }

    /// <summary>Production answers say what to fix, never how the server is built: no exception, type, namespace or stack.</summary>
    [Fact]
    public async Task Refused_and_unreadable_requests_never_show_exception_types_or_stack_traces()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Internals Buyer");
        var answers = new[]
        {
            await buyer.Http.PostAsync("/api/v1/projects", new StringContent("{\"title\": \"x\", \"prize\": \"lots\"}", System.Text.Encoding.UTF8, "application/json")),
            await buyer.Http.PostAsync("/api/v1/projects", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json")),
            await buyer.PostJsonAsync("/api/v1/wrapups/p-nosuchproject/1/messages", new { to = "Nobody", text = "x" }),
            await buyer.Http.GetAsync("/api/v1/wrapups/p-nosuchproject/1"),
            await buyer.Http.GetAsync("/entries/e-nosuchentry"),
        };

        foreach (var answer in answers)
        {
            var body = await answer.Content.ReadAsStringAsync();
            Assert.InRange((int)answer.StatusCode, 400, 499);
            foreach (var internals in new[] { "Exception", "System.", "Marketplace.", "Orleans", "   at ", "StackTrace" })
                Assert.DoesNotContain(internals, body);
        }
    }

    private static async Task ExpectProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detailContains)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        var problem = System.Text.Json.JsonDocument.Parse(body).RootElement;
        var detail = problem.GetProperty("detail").GetString() ?? "";
        Assert.False(string.IsNullOrWhiteSpace(detail), "The problem has no message for the person.");
        Assert.Contains(detailContains, detail, StringComparison.OrdinalIgnoreCase);
    }

}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Marketplace.Web.Tests.Infrastructure;

/// <summary>One person using the JSON API with their own cookie jar.</summary>
public sealed class ApiSession(HttpClient http) : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public HttpClient Http { get; } = http;
    public string UserId { get; private set; } = "";
    public string Email { get; private set; } = "";

    /// <summary>The app's clock, so deadlines this person sets are in the future for the grains too.</summary>
    public TimeProvider Clock { get; private init; } = TimeProvider.System;

    public static Task<ApiSession> SignUpAsync(MarketplaceAppFixture app, string role, string name) =>
        SignUpAsync(app.NewApiClient(), role, name, app.Clock);

    /// <summary>Signs up through <paramref name="http"/>, a client of any web server (one of several sharing a cluster).</summary>
    public static async Task<ApiSession> SignUpAsync(HttpClient http, string role, string name, TimeProvider clock)
    {
        var session = new ApiSession(http) { Clock = clock };
        session.Email = $"{role}-{Guid.NewGuid():N}@example.com";
        var response = await session.Http.PostAsJsonAsync("/api/v1/account/signup",
            new { email = session.Email, password = "a long enough password", displayName = name, role });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        session.UserId = (await response.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("userId").GetString()!;
        return session;
    }

    public static async Task<ApiSession> SignInAsync(MarketplaceAppFixture app, string email, string password)
    {
        var session = new ApiSession(app.NewApiClient()) { Email = email, Clock = app.Clock };
        var response = await session.Http.PostAsJsonAsync("/api/v1/account/signin", new { email, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        session.UserId = (await response.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("userId").GetString()!;
        return session;
    }

    public Task<HttpResponseMessage> PostJsonAsync(string url, object body) => Http.PostAsJsonAsync(url, body, Json);

    public async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} → {(int)response.StatusCode}, expected {(int)expected}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>This person's inbox as the API sends it: <c>notifications</c> (newest first), <c>unread</c>, <c>older</c>.</summary>
    public async Task<JsonElement> InboxAsync() => await ReadAsync(await Http.GetAsync("/api/v1/me/notifications"));

    /// <summary>This person's notifications as the API lists them, newest first.</summary>
    public async Task<List<JsonElement>> NotificationsAsync() => (await InboxAsync()).GetProperty("notifications").EnumerateArray().ToList();

    /// <summary>The kind and words of each of this person's notifications, newest first.</summary>
    public async Task<List<(string Kind, string Text)>> NoticesAsync() =>
        (await NotificationsAsync()).Select(n => (n.GetProperty("kind").GetString()!, n.GetProperty("text").GetString()!)).ToList();

    /// <summary>A buyer's project, drafted and funded (open) through the API.</summary>
    public async Task<string> OpenProjectAsync(string title, long prizeMinor = 30_000)
    {
        var created = await ReadAsync(await PostJsonAsync("/api/v1/projects", new
        {
            title,
            description = "A friendly, modern mark for our neighbourhood bakery. Warm colours, works small on a coffee cup.",
            category = "logo",
            prize = prizeMinor,
            currency = "USD",
            entryDeadline = Clock.GetUtcNow().AddDays(10),
            selectionDays = 7,
            allowEarlyAward = true,
            deliverableFormats = new[] { "PNG", "PDF" },
        }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;
        await ReadAsync(await Http.PostAsync($"/api/v1/projects/{id}/open", null));
        return id;
    }

    /// <summary>
    /// The winner delivers one file in each format of <see cref="OpenProjectAsync"/>'s brief (a PNG and a PDF), so the
    /// delivery needs no note.
    /// </summary>
    public async Task<JsonElement> DeliverBriefFormatsAsync(string wrapUpId, string word) =>
        await ReadAsync(await StaffedHandover.PostDeliveryAsync(this, wrapUpId, StaffedHandover.DefaultFinals(word)));

    /// <summary>
    /// The creative's entry to <paramref name="projectId"/> through the API, as the upload form sends it (a PNG, by
    /// default a small drawn logo), expecting it created: returns the new entry's id.
    /// </summary>
    public async Task<string> SubmitEntryAsync(string projectId, byte[]? image = null, string fileName = "entry.png")
    {
        var entry = await ReadAsync(await UploadAsync($"/api/v1/projects/{projectId}/entries", "file", fileName, image ?? Marketplace.Web.Demo.DemoArt.Logo("Entry", "entry", 2, 400, 300)), HttpStatusCode.Created);
        return entry.GetProperty("id").GetString()!;
    }

    /// <summary>Uploads a new version of the caller's entry (a "v2" logo unless given) and expects it accepted.</summary>
    public async Task ReviseEntryAsync(string entryId, string word, string? note = null) =>
        await ReadAsync(await UploadAsync($"/api/v1/entries/{entryId}/revisions", "file", "v2.png",
            Marketplace.Web.Demo.DemoArt.Logo(word, "v2", 4, 400, 300), note: note));

    /// <summary>Multipart upload with the antiforgery header, as the API requires.</summary>
    public async Task<HttpResponseMessage> UploadAsync(string url, string field, string fileName, byte[] bytes, string contentType = "image/png", string? note = null, bool withToken = true,
        IReadOnlyDictionary<string, string>? fields = null)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, field, fileName);
        if (note is not null) form.Add(new StringContent(note), "note");
        foreach (var (name, value) in fields ?? new Dictionary<string, string>()) form.Add(new StringContent(value), name);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = form };
        if (withToken) request.Headers.Add("X-XSRF-TOKEN", await AntiforgeryTokenAsync());
        return await Http.SendAsync(request);
    }

    public async Task<string> AntiforgeryTokenAsync()
    {
        var token = await ReadAsync(await Http.GetAsync("/api/v1/account/antiforgery"));
        return token.GetProperty("token").GetString()!;
    }

    public void Dispose() => Http.Dispose();
}

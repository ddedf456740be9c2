using System.Net;
using System.Net.Http.Json;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Api;

/// <summary>Sign-in attempts, password-reset requests and uploads are limited per client; the limit answers 429 with a message.</summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class RateLimitTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task Too_many_sign_in_attempts_or_uploads_in_a_minute_get_429()
    {
        var (web, baseAddress) = app.StartExtraWeb(new()
        {
            ["Marketplace:Web:SignInPermitsPerMinute"] = "3",
            ["Marketplace:Web:UploadPermitsPerMinute"] = "2",
        });
        await using var _ = web;
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = baseAddress };

        using var creative = await ApiSession.SignUpAsync(app, "creative", "Busy Creative");
        using var uploads = new ApiSession(client);
        var signedIn = await client.PostAsJsonAsync("/api/v1/account/signin", new { email = creative.Email, password = "a long enough password" });
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        var uploadStatuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
            uploadStatuses.Add((await uploads.UploadAsync("/api/v1/projects/p-doesnotexist/entries", "file", "x.png", [1, 2, 3])).StatusCode);
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, uploadStatuses.Take(2));
        Assert.Equal(HttpStatusCode.TooManyRequests, uploadStatuses[2]);

        // One sign-in used above; two more wrong passwords are answered, the next attempt is limited.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
            statuses.Add((await client.PostAsJsonAsync("/api/v1/account/signin", new { email = "nobody@example.com", password = "wrong password" })).StatusCode);
        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], statuses);
        var limited = await client.PostAsJsonAsync("/api/v1/account/signin", new { email = "nobody@example.com", password = "wrong password" });
        Assert.Contains("Too many attempts", await limited.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Password_reset_requests_share_the_sign_in_limit_on_the_api_and_the_page()
    {
        var (web, baseAddress) = app.StartExtraWeb(new() { ["Marketplace:Web:SignInPermitsPerMinute"] = "2" });
        await using var _ = web;
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = baseAddress };

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
            statuses.Add((await client.PostAsJsonAsync("/api/v1/account/password-reset", new { email = $"someone-{i}@example.com" })).StatusCode);
        var confirm = await client.PostAsJsonAsync("/api/v1/account/password-reset/confirm", new { token = "bm9ib2R5QGV4YW1wbGUuY29t.guess", password = "a brand new sentence" });
        var page = await client.PostAsync("/account/forgot", new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = "someone@example.com" }));

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, confirm.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
    }
}

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Marketplace.Web.Extensions;
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
        // When the window reopens, in whole seconds, so a client can wait instead of hammering.
        Assert.InRange(limited.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
    }

    /// <summary>
    /// People behind one shared address (office, café, carrier NAT) sign in together: the default allows 60 attempts a
    /// minute from one network, and the 61st is still refused.
    /// </summary>
    [Fact]
    public async Task A_shared_network_gets_sixty_sign_in_attempts_a_minute_and_the_sixty_first_is_limited()
    {
        var defaults = new WebOptions().SignInPermitsPerMinute;
        var (web, baseAddress) = app.StartExtraWeb(new() { ["Marketplace:Web:SignInPermitsPerMinute"] = defaults.ToString(CultureInfo.InvariantCulture) });
        await using var _ = web;
        using var office = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = baseAddress };

        var statuses = new List<HttpStatusCode>();
        // Thirty colleagues mistype at most three times each, under every address's own 5-try lockout.
        for (var i = 0; i <= defaults; i++)
            statuses.Add((await office.PostAsJsonAsync("/api/v1/account/signin", new { email = $"colleague-{i % 30}@example.com", password = "a typo in it" })).StatusCode);

        Assert.Equal(60, defaults);
        Assert.All(statuses.Take(defaults), status => Assert.Equal(HttpStatusCode.BadRequest, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    public void Sign_in_limits_count_an_ipv6_network_as_one_client_so_changing_address_does_not_escape_it(string address, string key) =>
        Assert.Equal(key, WebExtensions.ClientNetwork(IPAddress.Parse(address)));

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
        Assert.InRange(page.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        Assert.Contains("Too many attempts", await page.Content.ReadAsStringAsync());
    }
}

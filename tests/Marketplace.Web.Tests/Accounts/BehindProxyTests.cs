using System.Net;
using System.Net.Http.Json;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Accounts;

/// <summary>
/// Deployed behind a proxy that ends TLS, the web sees plain http from the proxy. Only a proxy named in
/// <c>Marketplace:Web:TrustedProxies</c> may say the client used https (then cookies are <c>Secure</c> and HSTS is sent)
/// or who the client is (then rate limits count that client); anyone else's <c>X-Forwarded-*</c> headers change nothing.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class BehindProxyTests(MarketplaceAppFixture app)
{
    private const string Password = "a long enough password";
    private const string PublicHost = "marketplace.example";

    /// <summary>The tests' connections come from loopback, so that is the proxy a test web trusts.</summary>
    private static readonly Dictionary<string, string?> LoopbackProxy = new()
    {
        ["Marketplace:Web:TrustedProxies:0"] = "127.0.0.1",
        ["Marketplace:Web:TrustedProxies:1"] = "::1",
    };

    [Fact]
    public async Task Behind_a_trusted_proxy_that_ended_tls_the_session_and_antiforgery_cookies_are_secure_and_hsts_is_sent()
    {
        using var person = await ApiSession.SignUpAsync(app, "buyer", "Proxy Pia");
        var (web, address) = app.StartExtraWeb(LoopbackProxy);
        await using var _ = web;
        using var client = RawClient(address);

        using var signIn = await client.SendAsync(Forwarded(HttpMethod.Post, "/api/v1/account/signin", "https", SignInBody(person.Email)));
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("; secure", Cookie(signIn, "mp.auth"));
        Assert.Equal("max-age=31536000", Assert.Single(signIn.Headers.GetValues("Strict-Transport-Security")));

        using var antiforgery = await client.SendAsync(Forwarded(HttpMethod.Get, "/account/signin", "https"));
        Assert.Contains("; secure", Cookie(antiforgery, ".AspNetCore.Antiforgery."));

        // The same proxy passing on a plain http request: nothing claims https.
        using var plain = await client.SendAsync(Forwarded(HttpMethod.Post, "/api/v1/account/signin", "http", SignInBody(person.Email)));
        Assert.DoesNotContain("; secure", Cookie(plain, "mp.auth"));
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task From_an_address_not_configured_as_a_proxy_x_forwarded_proto_https_changes_nothing()
    {
        using var person = await ApiSession.SignUpAsync(app, "creative", "Spoof Sam");
        // The shared app trusts no proxy: the default.
        using var client = RawClient(app.BaseAddress);

        using var signIn = await client.SendAsync(Forwarded(HttpMethod.Post, "/api/v1/account/signin", "https", SignInBody(person.Email)));
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.DoesNotContain("; secure", Cookie(signIn, "mp.auth"));
        Assert.False(signIn.Headers.Contains("Strict-Transport-Security"));
        using var antiforgery = await client.SendAsync(Forwarded(HttpMethod.Get, "/account/signin", "https"));
        Assert.DoesNotContain("; secure", Cookie(antiforgery, ".AspNetCore.Antiforgery."));
    }

    [Fact]
    public async Task Sign_in_limits_count_the_client_a_trusted_proxy_names_and_ignore_an_address_anyone_else_claims()
    {
        var (trusting, trustingAddress) = app.StartExtraWeb(new(LoopbackProxy) { ["Marketplace:Web:SignInPermitsPerMinute"] = "1" });
        await using var _ = trusting;
        var (untrusting, untrustingAddress) = app.StartExtraWeb(new() { ["Marketplace:Web:SignInPermitsPerMinute"] = "1" });
        await using var __ = untrusting;

        var unknown = $"nobody-{Guid.NewGuid():N}@example.com";
        // Behind the proxy, two people at two addresses each get their attempt; the first one's second is limited.
        using var viaProxy = RawClient(trustingAddress);
        Assert.Equal(HttpStatusCode.BadRequest, (await viaProxy.SendAsync(WrongPassword(unknown, "198.51.100.1"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await viaProxy.SendAsync(WrongPassword(unknown, "198.51.100.2"))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await viaProxy.SendAsync(WrongPassword(unknown, "198.51.100.1"))).StatusCode);

        // Without a trusted proxy, a made-up X-Forwarded-For does not buy a fresh limit.
        using var direct = RawClient(untrustingAddress);
        Assert.Equal(HttpStatusCode.BadRequest, (await direct.SendAsync(WrongPassword(unknown, "198.51.100.3"))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await direct.SendAsync(WrongPassword(unknown, "198.51.100.4"))).StatusCode);
    }

    private static HttpRequestMessage WrongPassword(string email, string client)
    {
        var request = Forwarded(HttpMethod.Post, "/api/v1/account/signin", "https", JsonContent.Create(new { email, password = "wrong password" }));
        request.Headers.Add("X-Forwarded-For", client);
        return request;
    }

    private static JsonContent SignInBody(string email) => JsonContent.Create(new { email, password = Password });

    /// <summary>A request as a proxy passes it on: the public host name and the scheme the client used.</summary>
    private static HttpRequestMessage Forwarded(HttpMethod method, string path, string scheme, HttpContent? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body };
        request.Headers.Host = PublicHost;
        request.Headers.Add("X-Forwarded-Proto", scheme);
        return request;
    }

    /// <summary>Cookies are read from the answer as sent: a cookie jar would drop a Secure cookie that came over http.</summary>
    private static HttpClient RawClient(Uri address) =>
        new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = address };

    private static string Cookie(HttpResponseMessage response, string namePrefix) =>
        Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(namePrefix, StringComparison.Ordinal)).ToLowerInvariant();
}

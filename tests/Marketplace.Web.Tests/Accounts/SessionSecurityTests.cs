using System.Net;
using System.Net.Http.Json;
using Marketplace.Contracts.Accounts;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Accounts;

/// <summary>
/// The session cookie and what ends it: its flags, signing out (a copy of the cookie stops working, other sessions
/// stay), where sign-in may send people afterwards, and how a locked account is told when to come back.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class SessionSecurityTests(MarketplaceAppFixture app)
{
    private const string Password = "a long enough password";

    [Fact]
    public async Task The_session_cookie_is_http_only_same_site_lax_and_lasts_fourteen_days()
    {
        using var client = app.NewApiClient();
        var email = $"cookie-{Guid.NewGuid():N}@example.com";
        var signUp = await client.PostAsJsonAsync("/api/v1/account/signup", new { email, password = Password, displayName = "Cookie Carl", role = "buyer" });

        Assert.Equal(HttpStatusCode.Created, signUp.StatusCode);
        var cookie = Assert.Single(signUp.Headers.GetValues("Set-Cookie"), c => c.StartsWith("mp.auth=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=lax", cookie);
        Assert.Contains("path=/", cookie);
        var expires = DateTimeOffset.Parse(cookie.Split("expires=")[1].Split(';')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromDays(AccountRules.SessionDays) - TimeSpan.FromMinutes(5), TimeSpan.FromDays(AccountRules.SessionDays));
        // Plain http here (tests): Secure follows the request, so the cookie is Secure whenever the site is served over https.
        Assert.DoesNotContain("secure", cookie);
    }

    [Fact]
    public async Task Signing_out_ends_that_session_on_the_server_so_a_copied_cookie_is_refused_while_other_sessions_stay()
    {
        using var person = await ApiSession.SignUpAsync(app, "creative", "Two Devices");
        var (laptop, copied) = await SignedInAsync(person.Email);
        using var _ = laptop;
        using var phone = await ApiSession.SignInAsync(app, person.Email, Password);
        Assert.Equal(HttpStatusCode.OK, (await WithCookieAsync(copied, HttpMethod.Get, "/api/v1/account/me")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await laptop.Http.PostAsync("/api/v1/account/signout", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await laptop.Http.GetAsync("/api/v1/account/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithCookieAsync(copied, HttpMethod.Get, "/api/v1/account/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithCookieAsync(copied, HttpMethod.Get, "/api/v1/me/notifications")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await phone.Http.GetAsync("/api/v1/account/me")).StatusCode);
        // Signing in again is a new session.
        using var again = await ApiSession.SignInAsync(app, person.Email, Password);
        Assert.Equal(HttpStatusCode.OK, (await again.Http.GetAsync("/api/v1/account/me")).StatusCode);
    }

    [Fact]
    public async Task The_sign_out_page_ends_the_session_on_the_server_too()
    {
        using var account = await ApiSession.SignUpAsync(app, "buyer", "Page Leaver");
        var (person, copied) = await SignedInAsync(account.Email);
        using var _ = person;
        var form = await person.Http.GetStringAsync("/account/signout");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(token);

        var signedOut = await person.Http.PostAsync("/account/signout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithCookieAsync(copied, HttpMethod.Get, "/api/v1/account/me")).StatusCode);
        var page = await WithCookieAsync(copied, HttpMethod.Get, "/notifications");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/signin", page.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task A_sign_out_form_posted_from_another_site_without_the_token_changes_nothing()
    {
        using var person = await ApiSession.SignUpAsync(app, "buyer", "Forged Leaver");

        var forged = await person.Http.PostAsync("/account/signout", new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await person.Http.GetAsync("/api/v1/account/me")).StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example/phish")]
    [InlineData("http:evil.example")]
    public async Task Sign_in_never_sends_people_to_another_site_whatever_the_return_address_says(string returnUrl)
    {
        using var person = await ApiSession.SignUpAsync(app, "buyer", "Careful Clicker");
        using var browser = app.NewApiClient();

        var signedIn = await SignInPageAsync(browser, person.Email, Password, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/buyer/projects", signedIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Sign_in_returns_people_to_the_page_on_this_site_they_came_from()
    {
        using var person = await ApiSession.SignUpAsync(app, "creative", "Returning Rae");
        using var browser = app.NewApiClient();

        var signedIn = await SignInPageAsync(browser, person.Email, Password, "/notifications?page=2");

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/notifications?page=2", signedIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_locked_account_is_answered_429_with_retry_after_on_the_api_and_the_page()
    {
        using var person = await ApiSession.SignUpAsync(app, "buyer", "Forgetful Fay");
        using var guesser = app.NewApiClient();
        for (var i = 0; i < AccountRules.MaxFailedAttempts; i++)
            await guesser.PostAsJsonAsync("/api/v1/account/signin", new { email = person.Email, password = "not it at all" });

        var api = await guesser.PostAsJsonAsync("/api/v1/account/signin", new { email = person.Email, password = Password });
        var page = await SignInPageAsync(guesser, person.Email, Password, null);

        foreach (var locked in new[] { api, page })
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
            var retryAfter = locked.Headers.RetryAfter?.Delta ?? throw new Xunit.Sdk.XunitException("No Retry-After on " + locked.RequestMessage!.RequestUri);
            Assert.InRange(retryAfter, TimeSpan.FromMinutes(AccountRules.LockoutMinutes - 1), TimeSpan.FromMinutes(AccountRules.LockoutMinutes));
            Assert.Contains("Too many wrong passwords. Try again after", await locked.Content.ReadAsStringAsync());
        }
    }

    private async Task<HttpResponseMessage> SignInPageAsync(HttpClient browser, string email, string password, string? returnUrl)
    {
        var query = returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl);
        var form = await browser.GetStringAsync("/account/signin" + query);
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var fields = new Dictionary<string, string> { ["Email"] = email, ["Password"] = password, ["__RequestVerificationToken"] = token };
        if (returnUrl is not null) fields["ReturnUrl"] = returnUrl;
        return await browser.PostAsync("/account/signin", new FormUrlEncodedContent(fields));
    }

    /// <summary>A new session for this person, and its cookie as someone who copied it would replay it.</summary>
    private async Task<(ApiSession Session, string Cookie)> SignedInAsync(string email)
    {
        var jar = new CookieContainer();
        var session = new ApiSession(new HttpClient(new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress });
        await session.ReadAsync(await session.PostJsonAsync("/api/v1/account/signin", new { email, password = Password }));
        return (session, jar.GetCookieHeader(app.BaseAddress));
    }

    private async Task<HttpResponseMessage> WithCookieAsync(string cookie, HttpMethod method, string path)
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }
}

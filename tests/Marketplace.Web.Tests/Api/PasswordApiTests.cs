using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Contracts.Notifications;
using Marketplace.Testing.Cluster;
using Marketplace.Web.Accounts;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Api;

/// <summary>
/// Password reset and change through the JSON API, with the reset link read from the email the silo wrote to the
/// pickup folder, as its owner would read it. A link followed after its hour: <c>PasswordResetExpiryTests</c>, on the test clock.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class PasswordApiTests(MarketplaceAppFixture app)
{
    private const string OldPassword = "a long enough password";
    private const string NewPassword = "a brand new sentence";

    [Fact]
    public async Task A_reset_request_gets_the_same_202_answer_whether_or_not_an_account_uses_the_address()
    {
        using var holder = await ApiSession.SignUpAsync(app, "buyer", "Rita Reset");
        using var anonymous = new ApiSession(app.NewApiClient());
        var nobody = $"nobody-{Guid.NewGuid():N}@example.com";

        var forNobody = await anonymous.PostJsonAsync("/api/v1/account/password-reset", new { email = nobody });
        var forHolder = await anonymous.PostJsonAsync("/api/v1/account/password-reset", new { email = holder.Email.ToUpperInvariant() });

        Assert.Equal(HttpStatusCode.Accepted, forNobody.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, forHolder.StatusCode);
        Assert.Equal(await forNobody.Content.ReadAsStringAsync(), await forHolder.Content.ReadAsStringAsync());
        Assert.Contains(AccountService.ResetRequested, await forHolder.Content.ReadAsStringAsync());
        var mail = Assert.Single(await MailPickup.WaitForAsync(app.MailFolder, holder.Email));
        Assert.Equal("Reset your Marketplace password", mail.Subject);
        // The holder's email has arrived; the unknown address, asked for first, got none.
        Assert.Empty(MailPickup.To(app.MailFolder, nobody));
    }

    [Fact]
    public async Task The_emailed_token_sets_a_new_password_and_ends_every_session_from_before()
    {
        using var holder = await ApiSession.SignUpAsync(app, "creative", "Rory Reset");
        var token = await RequestResetTokenAsync(holder.Email);

        var confirmed = await holder.PostJsonAsync("/api/v1/account/password-reset/confirm", new { token, password = NewPassword });

        Assert.Equal(HttpStatusCode.NoContent, confirmed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await holder.Http.GetAsync("/api/v1/account/me")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await SignInAsync(holder.Email, OldPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(holder.Email, NewPassword)).StatusCode);
    }

    [Fact]
    public async Task A_used_replaced_malformed_or_missing_token_is_refused_with_what_to_do_next()
    {
        using var holder = await ApiSession.SignUpAsync(app, "buyer", "Reed Reset");
        var token = await RequestResetTokenAsync(holder.Email);
        using var anonymous = new ApiSession(app.NewApiClient());
        async Task<JsonElement> ConfirmAsync(string? withToken, string password, HttpStatusCode expected) =>
            await anonymous.ReadAsync(await anonymous.PostJsonAsync("/api/v1/account/password-reset/confirm", new { token = withToken, password }), expected);

        var weak = await ConfirmAsync(token, "short", HttpStatusCode.BadRequest);
        await ConfirmAsync(token, NewPassword, HttpStatusCode.NoContent);
        var used = await ConfirmAsync(token, "a stranger's password", HttpStatusCode.Conflict);
        var forged = await ConfirmAsync(token[..^2], "a stranger's password", HttpStatusCode.NotFound);
        var garbage = await ConfirmAsync("not-a-token", "a stranger's password", HttpStatusCode.NotFound);
        var missing = await ConfirmAsync(null, "a stranger's password", HttpStatusCode.BadRequest);

        Assert.Contains("at least 10 characters", Detail(weak));
        Assert.Contains("already used", Detail(used));
        Assert.Contains("ask for a new one", Detail(forged));
        Assert.Contains("ask for a new one", Detail(garbage));
        Assert.Contains("token=", Detail(missing));
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(holder.Email, NewPassword)).StatusCode);
    }

    [Fact]
    public async Task A_malformed_address_is_refused_with_400_and_an_example()
    {
        using var anonymous = new ApiSession(app.NewApiClient());

        var refused = await anonymous.ReadAsync(await anonymous.PostJsonAsync("/api/v1/account/password-reset", new { email = "not an address" }), HttpStatusCode.BadRequest);

        Assert.Contains("name@example.com", Detail(refused));
    }

    [Fact]
    public async Task Changing_the_password_keeps_this_session_and_refuses_every_older_cookie()
    {
        using var holder = await ApiSession.SignUpAsync(app, "buyer", "Cleo Change");
        var jar = new CookieContainer();
        using var changer = new ApiSession(new HttpClient(new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress });
        await changer.ReadAsync(await changer.PostJsonAsync("/api/v1/account/signin", new { email = holder.Email, password = OldPassword }));
        // This session's cookie as it was before the change, as someone who copied it would replay it.
        var oldCookie = jar.GetCookieHeader(app.BaseAddress);

        var changed = await changer.ReadAsync(await changer.PostJsonAsync("/api/v1/account/password", new { currentPassword = OldPassword, newPassword = NewPassword }));

        Assert.Equal(holder.UserId, changed.GetProperty("userId").GetString());
        Assert.Equal(HttpStatusCode.OK, (await changer.Http.GetAsync("/api/v1/account/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await holder.Http.GetAsync("/api/v1/account/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await MeWithCookieAsync(oldCookie)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await SignInAsync(holder.Email, OldPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(holder.Email, NewPassword)).StatusCode);
    }

    [Fact]
    public async Task A_wrong_current_password_or_an_anonymous_caller_changes_nothing()
    {
        using var holder = await ApiSession.SignUpAsync(app, "creative", "Wren Wrong");
        using var anonymous = new ApiSession(app.NewApiClient());

        var wrong = await holder.ReadAsync(await holder.PostJsonAsync("/api/v1/account/password", new { currentPassword = "not my password", newPassword = NewPassword }), HttpStatusCode.BadRequest);
        var signedOut = await anonymous.PostJsonAsync("/api/v1/account/password", new { currentPassword = OldPassword, newPassword = NewPassword });

        Assert.Contains("current password is not right", Detail(wrong));
        Assert.Equal(HttpStatusCode.Unauthorized, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await holder.Http.GetAsync("/api/v1/account/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(holder.Email, OldPassword)).StatusCode);
    }

    [Fact]
    public async Task After_a_change_the_person_is_told_in_their_notifications_and_by_email()
    {
        using var holder = await ApiSession.SignUpAsync(app, "buyer", "Nell Notice");

        await holder.ReadAsync(await holder.PostJsonAsync("/api/v1/account/password", new { currentPassword = OldPassword, newPassword = NewPassword }));

        var mail = Assert.Single(await MailPickup.WaitForAsync(app.MailFolder, holder.Email));
        Assert.StartsWith("Your password was changed", mail.Subject);
        var notifications = await holder.NotificationsAsync();
        var notice = Assert.Single(notifications, n => n.GetProperty("kind").GetString() == NotificationKinds.PasswordChanged);
        Assert.StartsWith("Your password was changed", notice.GetProperty("text").GetString());
    }

    private async Task<string> RequestResetTokenAsync(string email)
    {
        using var anonymous = new ApiSession(app.NewApiClient());
        await anonymous.ReadAsync(await anonymous.PostJsonAsync("/api/v1/account/password-reset", new { email }), HttpStatusCode.Accepted);
        return await ResetMail.WaitForTokenAsync(app.MailFolder, email);
    }

    private async Task<HttpResponseMessage> SignInAsync(string email, string password)
    {
        using var client = app.NewApiClient();
        return await client.PostAsJsonAsync("/api/v1/account/signin", new { email, password });
    }

    private static string Detail(JsonElement problem) => problem.GetProperty("detail").GetString() ?? "";

    private async Task<HttpResponseMessage> MeWithCookieAsync(string cookie)
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = app.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/account/me");
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }
}

using System.Net;
using System.Text.Json;
using Marketplace.Testing.Cluster;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Api;

/// <summary>
/// A person looks after their own account through the JSON API: moves it to another address by the link emailed there
/// (read from the pickup folder), downloads their data and closes it. Bad input is a 400 that says what to fix.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class AccountSelfServiceApiTests(MarketplaceAppFixture app)
{
    private const string Password = "a long enough password";

    [Fact]
    public async Task The_emailed_link_moves_sign_in_to_the_new_address_ends_the_old_sessions_and_the_old_address_is_told()
    {
        using var holder = await ApiSession.SignUpAsync(app, "creative", "Ezra Email");
        var newEmail = $"moved-{Guid.NewGuid():N}@example.com";

        var requested = await holder.ReadAsync(await holder.PostJsonAsync("/api/v1/account/email", new { currentPassword = Password, newEmail }), HttpStatusCode.Accepted);
        Assert.Contains($"We sent a link to {newEmail}", requested.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, (await holder.Http.GetAsync("/api/v1/account/me")).StatusCode);
        var token = await EmailChangeMail.WaitForTokenAsync(app.MailFolder, newEmail);

        using var anonymous = new ApiSession(app.NewApiClient());
        var moved = await anonymous.ReadAsync(await anonymous.PostJsonAsync("/api/v1/account/email/confirm", new { token }));

        Assert.Equal((holder.UserId, newEmail), (moved.GetProperty("userId").GetString(), moved.GetProperty("email").GetString()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await holder.Http.GetAsync("/api/v1/account/me")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await SignInAsync(holder.Email, Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(newEmail, Password)).StatusCode);
        var told = Assert.Single(await MailPickup.WaitForAsync(app.MailFolder, holder.Email));
        Assert.Equal("Your Marketplace sign-in address was changed", told.Subject);
        var again = await anonymous.ReadAsync(await anonymous.PostJsonAsync("/api/v1/account/email/confirm", new { token }), HttpStatusCode.Conflict);
        Assert.Contains("already used", Detail(again));
    }

    [Fact]
    public async Task Bad_email_change_input_is_refused_with_what_to_fix_and_changes_nothing()
    {
        using var holder = await ApiSession.SignUpAsync(app, "buyer", "Bo Bad");
        using var other = await ApiSession.SignUpAsync(app, "buyer", "Ola Other");
        using var anonymous = new ApiSession(app.NewApiClient());
        async Task<string> RefusedAsync(ApiSession who, string url, object body, HttpStatusCode expected) =>
            Detail(await who.ReadAsync(await who.PostJsonAsync(url, body), expected));

        Assert.Contains("name@example.com", await RefusedAsync(holder, "/api/v1/account/email", new { currentPassword = Password, newEmail = "not an address" }, HttpStatusCode.BadRequest));
        Assert.Contains("name@example.com", await RefusedAsync(holder, "/api/v1/account/email", new { currentPassword = Password }, HttpStatusCode.BadRequest));
        Assert.Contains("already your address", await RefusedAsync(holder, "/api/v1/account/email", new { currentPassword = Password, newEmail = holder.Email }, HttpStatusCode.BadRequest));
        Assert.Contains("already has a Marketplace account", await RefusedAsync(holder, "/api/v1/account/email", new { currentPassword = Password, newEmail = other.Email }, HttpStatusCode.Conflict));
        Assert.Contains("token=", await RefusedAsync(anonymous, "/api/v1/account/email/confirm", new { token = (string?)null }, HttpStatusCode.BadRequest));
        Assert.Contains("not valid", await RefusedAsync(anonymous, "/api/v1/account/email/confirm", new { token = "not-a-token" }, HttpStatusCode.NotFound));
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostJsonAsync("/api/v1/account/email", new { currentPassword = Password, newEmail = "x@example.com" })).StatusCode);
        Assert.Empty(MailPickup.To(app.MailFolder, other.Email));
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(holder.Email, Password)).StatusCode);
    }

    [Fact]
    public async Task Wrong_passwords_given_to_change_the_email_or_close_the_account_count_toward_the_sign_in_lockout()
    {
        using var holder = await ApiSession.SignUpAsync(app, "creative", "Lou Lockout");

        for (var i = 0; i < 2; i++)
            await holder.ReadAsync(await holder.PostJsonAsync("/api/v1/account/email", new { currentPassword = "not my password", newEmail = $"x-{Guid.NewGuid():N}@example.com" }), HttpStatusCode.BadRequest);
        for (var i = 0; i < 2; i++)
            await holder.ReadAsync(await holder.PostJsonAsync("/api/v1/account/close", new { currentPassword = "not my password" }), HttpStatusCode.BadRequest);
        var locked = await holder.ReadAsync(await holder.PostJsonAsync("/api/v1/account/close", new { currentPassword = "not my password" }), HttpStatusCode.Conflict);

        Assert.Contains("Too many wrong passwords", Detail(locked));
        Assert.Equal((HttpStatusCode)429, (await SignInAsync(holder.Email, Password)).StatusCode);
    }

    [Fact]
    public async Task Closing_is_refused_with_what_still_runs_and_once_allowed_the_account_signs_in_nobody()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Cy Closer");
        var title = $"Closing shop {Guid.NewGuid():N}"[..24];
        await buyer.OpenProjectAsync(title);
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Cal Closer");

        var running = await buyer.ReadAsync(await buyer.PostJsonAsync("/api/v1/account/close", new { currentPassword = Password }), HttpStatusCode.Conflict);
        await creative.ReadAsync(await creative.PostJsonAsync("/api/v1/account/close", new { currentPassword = Password }), HttpStatusCode.NoContent);

        Assert.Contains($"Your contest {title} is still open: cancel it or wait until it ends.", Detail(running));
        Assert.Equal(HttpStatusCode.Unauthorized, (await creative.Http.GetAsync("/api/v1/account/me")).StatusCode);
        var refused = await SignInAsync(creative.Email, Password);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("You closed this account", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await buyer.Http.GetAsync($"/api/v1/creatives/{creative.UserId}")).StatusCode);
    }

    [Fact]
    public async Task The_export_is_a_json_download_of_the_persons_own_data_without_secrets()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Dee Download");
        var title = $"Export me {Guid.NewGuid():N}"[..20];
        await buyer.OpenProjectAsync(title);

        using var response = await buyer.Http.GetAsync("/api/v1/me/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("marketplace-data-", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        var text = await response.Content.ReadAsStringAsync();
        var export = JsonDocument.Parse(text).RootElement;
        Assert.Equal(buyer.Email, export.GetProperty("account").GetProperty("email").GetString());
        Assert.Equal(title, Assert.Single(export.GetProperty("projects").EnumerateArray()).GetProperty("brief").GetProperty("title").GetString());
        Assert.Equal("Open", export.GetProperty("projects")[0].GetProperty("state").GetString());
        Assert.DoesNotContain("passwordHash", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("securityStamp", text, StringComparison.OrdinalIgnoreCase);
    }

    private Task<HttpResponseMessage> SignInAsync(string email, string password) =>
        new ApiSession(app.NewApiClient()).PostJsonAsync("/api/v1/account/signin", new { email, password });

    private static string Detail(JsonElement problem) => problem.GetProperty("detail").GetString()!;
}

using System.Net;
using System.Net.Http.Json;
using Marketplace.Contracts.Accounts;
using Marketplace.Testing.Cluster;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Api;

/// <summary>
/// A reset link read from its email after its hour is up: the page and the API both say it expired and what to do, and
/// the password stays as it was. On the test clock, so the hour can pass.
/// </summary>
[Collection(ClockedAppCollection.Name)]
public sealed class PasswordResetExpiryTests(ClockedAppFixture app)
{
    private const string Password = "a long enough password";

    [Fact]
    public async Task A_reset_link_followed_after_its_hour_says_it_expired_on_the_page_and_in_the_api_and_changes_nothing()
    {
        using var holder = await ApiSession.SignUpAsync(app, "buyer", "Etta Expired");
        using var anonymous = new ApiSession(app.NewApiClient());
        await anonymous.ReadAsync(await anonymous.PostJsonAsync("/api/v1/account/password-reset", new { email = holder.Email }), HttpStatusCode.Accepted);
        var token = await ResetMail.WaitForTokenAsync(app.MailFolder, holder.Email);
        var page = "/account/reset?token=" + Uri.EscapeDataString(token);
        Assert.Contains("This link works once, until", await anonymous.Http.GetStringAsync(page));

        app.Advance(TimeSpan.FromMinutes(AccountRules.ResetLinkMinutes));
        var expiredPage = await anonymous.Http.GetAsync(page);
        var confirmed = await anonymous.ReadAsync(
            await anonymous.PostJsonAsync("/api/v1/account/password-reset/confirm", new { token, password = "a brand new sentence" }),
            HttpStatusCode.Conflict);

        Assert.Equal(HttpStatusCode.Conflict, expiredPage.StatusCode);
        var html = await expiredPage.Content.ReadAsStringAsync();
        Assert.Contains($"This reset link has expired: links work for {AccountRules.ResetLinkMinutes} minutes. Ask for a new one.", html);
        Assert.Contains("href=\"/account/forgot\"", html);
        Assert.DoesNotContain("name=\"Password\"", html);
        Assert.Contains("has expired", confirmed.GetProperty("detail").GetString());
        using var client = app.NewApiClient();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/account/signin", new { email = holder.Email, password = Password })).StatusCode);
    }
}

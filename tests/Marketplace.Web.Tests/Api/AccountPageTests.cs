using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Api;

/// <summary>
/// The account page's forms over HTTP: each refusal comes back beside its own form with the words typed kept (never a
/// password), closing says what still runs before it is tried, and staff are told where their address comes from.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed partial class AccountPageTests(MarketplaceAppFixture app)
{
    private const string Password = "a long enough password";

    [Fact]
    public async Task A_taken_address_comes_back_beside_the_email_field_with_what_was_typed_and_sends_nothing()
    {
        using var holder = await ApiSession.SignUpAsync(app, "creative", "Tia Taken");
        using var other = await ApiSession.SignUpAsync(app, "buyer", "Oli Owner");
        var page = await holder.Http.GetStringAsync("/account");

        using var refused = await PostFormAsync(holder, "Email", page, new() { ["NewEmail"] = other.Email, ["EmailPassword"] = Password });
        var html = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("That address already has a Marketplace account.", html);
        Assert.Matches($"<input[^>]*aria-invalid=\"true\"[^>]*value=\"{Regex.Escape(other.Email)}\"|<input[^>]*value=\"{Regex.Escape(other.Email)}\"[^>]*aria-invalid=\"true\"", html);
        Assert.DoesNotContain(Password, html);
        Assert.Single(Regex.Matches(html, "data-errors role=\"alert\""));
        Assert.Empty(Marketplace.Testing.Cluster.MailPickup.To(app.MailFolder, other.Email));
    }

    [Fact]
    public async Task Closing_without_the_tick_is_refused_and_a_running_contest_is_listed_before_and_after_trying()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Pat Pending");
        await buyer.OpenProjectAsync("Still open shop");
        var page = await buyer.Http.GetStringAsync("/account");
        Assert.Contains("Your contest Still open shop is still open: cancel it or wait until it ends.", page);
        Assert.DoesNotContain("name=\"ClosePassword\"", page);
        Assert.Contains("<a class=\"button secondary\" href=\"/buyer/projects\">Go to My projects</a>", page);

        using var unticked = await PostFormAsync(buyer, "Close", page, new() { ["ClosePassword"] = Password });
        using var running = await PostFormAsync(buyer, "Close", page, new() { ["ClosePassword"] = Password, ["ConfirmClose"] = "true" });

        Assert.Equal(HttpStatusCode.BadRequest, unticked.StatusCode);
        Assert.Contains("Tick the box to confirm", await unticked.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, running.StatusCode);
        Assert.Contains("You cannot close your account while something still runs for you.", await running.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await buyer.Http.GetAsync("/api/v1/account/me")).StatusCode);
    }

    [Fact]
    public async Task A_creative_whose_entry_can_still_win_gets_no_close_form_but_the_way_to_their_entries()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Bo Brief");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Eli Entrant");
        await creative.SubmitEntryAsync(await buyer.OpenProjectAsync("Corner shop sign"));

        var page = await creative.Http.GetStringAsync("/account");

        Assert.Contains("Your entry #1 in Corner shop sign can still win: withdraw it, or wait until the contest ends.", page);
        Assert.Contains("<a class=\"button secondary\" href=\"/creative/entries\">Go to My entries</a>", page);
        Assert.DoesNotContain("Go to My projects", page);
        Assert.DoesNotContain("name=\"ClosePassword\"", page);
        Assert.DoesNotContain("Close my account for good", page);
        Assert.Contains("the form to close your account appears then", page);
    }

    [Fact]
    public async Task Closing_with_the_password_and_the_tick_signs_out_and_staff_see_it_as_closed_by_the_person()
    {
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Cora Closing");
        using var staff = await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        var page = await creative.Http.GetStringAsync("/account");

        using var closed = await PostFormAsync(creative, "Close", page, new() { ["ClosePassword"] = Password, ["ConfirmClose"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.Equal("/", closed.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, (await creative.Http.GetAsync("/api/v1/account/me")).StatusCode);
        var staffPage = await staff.Http.GetStringAsync($"/staff/users/{creative.UserId}");
        Assert.Contains("Closed by the person", staffPage);
        Assert.DoesNotContain("Removed by staff", staffPage);
    }

    [Fact]
    public async Task Staff_are_told_their_address_and_account_come_from_configuration_and_get_no_forms_for_them()
    {
        using var staff = await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);

        var page = await staff.Http.GetStringAsync("/account");

        Assert.Contains("Staff addresses are set in the marketplace's configuration", page);
        Assert.DoesNotContain("name=\"NewEmail\"", page);
        Assert.DoesNotContain("name=\"ClosePassword\"", page);
        Assert.Contains("/api/v1/me/export", page);
    }

    private static Task<HttpResponseMessage> PostFormAsync(ApiSession who, string handler, string pageHtml, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = AntiforgeryField().Match(pageHtml).Groups[1].Value;
        return who.Http.PostAsync($"/account?handler={handler}", new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

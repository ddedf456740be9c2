using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Accounts;

/// <summary>
/// The header's "Sign in" brings a visitor back to the page they pressed it on: a buyer who opened an email's link to a
/// new entry while signed out signs in and is on that entry, not on "My projects". The account's own pages and the home
/// page send no return address.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed partial class HeaderSignInReturnTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task A_buyer_signed_out_on_an_entry_from_an_email_signs_in_from_the_header_and_is_back_on_that_entry()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Rita Return");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Colm Contest");
        var projectId = await buyer.OpenProjectAsync("Logo for a harbour ferry");
        var entryId = await creative.SubmitEntryAsync(projectId, DemoArt.Logo("Ferry", "entry", 4, 400, 300));

        using var visitor = app.NewApiClient();
        var entryPage = await visitor.GetStringAsync($"/entries/{entryId}?from=email");
        var signIn = WebUtility.HtmlDecode(HeaderSignIn().Match(entryPage).Groups[1].Value);
        Assert.Equal($"/account/signin?returnUrl={Uri.EscapeDataString($"/entries/{entryId}?from=email")}", signIn);

        var form = await visitor.GetStringAsync(signIn);
        using var signedIn = await visitor.PostAsync(signIn, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token().Match(form).Groups[1].Value,
            ["ReturnUrl"] = WebUtility.HtmlDecode(ReturnField().Match(form).Groups[1].Value),
            ["Email"] = buyer.Email,
            ["Password"] = "a long enough password",
        }));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal($"/entries/{entryId}?from=email", signedIn.Headers.Location?.ToString());

        using var other = app.NewApiClient();
        foreach (var page in new[] { "/", "/account/signup", "/account/forgot" })
        {
            Assert.Equal("/account/signin", HeaderSignIn().Match(await other.GetStringAsync(page)).Groups[1].Value);
        }
    }

    [GeneratedRegex("<nav class=\"site-nav\"[^>]*>(?:(?!</nav>).)*?<a href=\"([^\"]*)\">Sign in</a>", RegexOptions.Singleline)]
    private static partial Regex HeaderSignIn();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("<input type=\"hidden\" id=\"ReturnUrl\" name=\"ReturnUrl\" value=\"([^\"]*)\"")]
    private static partial Regex ReturnField();
}

using Marketplace.Web.Extensions;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Marketplace.Web.Tests.Browser;

[Collection(MarketplaceAppCollection.Name)]
public sealed class ContentSecurityPolicyTests(MarketplaceAppFixture app)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/projects")]
    [InlineData("/account/signin")]
    [InlineData("/no-such-page")]
    [InlineData("/api/v1/projects")]
    [InlineData("/api/v1/no-such-route")]
    [InlineData("/css/site.css")]
    [InlineData("/health")]
    public async Task Every_answer_carries_the_security_headers(string path)
    {
        using var http = app.NewApiClient();
        using var response = await http.GetAsync(path);

        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, Header(response, "Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", SecurityHeaders.ContentSecurityPolicy);
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("same-origin", Header(response, "Referrer-Policy"));
    }

    [Fact]
    public async Task The_printer_link_page_keeps_its_stricter_referrer_policy()
    {
        using var http = app.NewApiClient();
        using var response = await http.GetAsync("/delivery/not-a-real-link");

        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, Header(response, "Content-Security-Policy"));
    }

    [Fact]
    public async Task Pages_are_styled_and_scripted_from_our_own_files_with_nothing_refused_by_the_policy()
    {
        using var handover = await StaffedHandover.DeliveredAsync(app, "Policy Bakery menu", "Pat Policy", "Cleo Policy");
        await handover.HelpedAsync();

        await using var buyer = await app.NewContextAsync(phone: true);
        var page = await buyer.NewPageAsync();
        await Journey.SignInAsync(page, handover.Buyer.Email);
        foreach (var path in new[] { "/", "/projects", "/buyer/projects", "/buyer/projects/new", handover.PagePath })
            await OpenStyledAsync(page, path);
        // The layout helpers replaced inline style attributes: the handover page's cards are spaced by a class.
        Assert.Equal("16px", await page.EvalOnSelectorAsync<string>("section.card.mb-1", "e => getComputedStyle(e).marginBottom"));

        await using var creative = await app.NewContextAsync(phone: true);
        var creativePage = await creative.NewPageAsync();
        await Journey.SignInAsync(creativePage, handover.Creative.Email);
        var openProject = await handover.Buyer.OpenProjectAsync("Policy Bakery loyalty card");
        await OpenStyledAsync(creativePage, $"/projects/{openProject}/submit");
        // upload.js (the progress bar) was loaded; a script the policy refuses never becomes a loaded resource.
        Assert.True(await creativePage.EvaluateAsync<bool>("() => performance.getEntriesByType('resource').some(r => r.name.includes('/js/upload.js'))"));

        await using var staff = await app.NewContextAsync();
        var staffPage = await staff.NewPageAsync();
        await staffPage.GotoAsync("/account/signin");
        await staffPage.FillAsync("#Email", MarketplaceAppFixture.StaffEmail);
        await staffPage.FillAsync("#Password", MarketplaceAppFixture.StaffPassword);
        await staffPage.ClickAsync("button:has-text('Sign in')");
        foreach (var path in new[] { "/staff", "/staff/cases/" + handover.WrapUpId, "/staff/users" })
            await OpenStyledAsync(staffPage, path);

        // Every browser test in this collection adds what Chromium refused; none may have been refused.
        Assert.True(app.PolicyViolations.IsEmpty, "Refused by the Content-Security-Policy:\n" + string.Join("\n", app.PolicyViolations));
    }

    /// <summary>Opens the page and checks our stylesheet applied (the body is a flex column only through site.css).</summary>
    private static async Task OpenStyledAsync(IPage page, string path)
    {
        var response = await page.GotoAsync(path);
        Assert.True(response is { Ok: true }, $"{path} answered {response?.Status}");
        Assert.Equal("flex", await page.EvalOnSelectorAsync<string>("body", "e => getComputedStyle(e).display"));
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(",", values)
            : null;
}

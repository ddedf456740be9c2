using Marketplace.Contracts;
using Marketplace.Contracts.WrapUps;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Marketplace.Web.Tests.Browser.Journey;

namespace Marketplace.Web.Tests.Browser;

/// <summary>
/// The home page offers each visitor one primary action (a full-width button on a phone) and quiet links for the rest,
/// so buttons never compete or wrap into uneven rows; signed-in people get what is next for them.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class HomePageActionsTests(MarketplaceAppFixture app)
{
    private static readonly int[] Widths = [360, 390, 1280];

    [Fact]
    public async Task Each_visitor_gets_one_primary_action_for_what_is_next_and_quiet_links_at_360_390_and_1280px()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Hana Home");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Ivo Idle");
        using var newBuyer = await ApiSession.SignUpAsync(app, "buyer", "Nell New");
        var wrapUpId = await StaffedHandover.AwardedAsync(buyer, creative, "Sign for Harbour Home hardware");

        await ExpectHomeAsync(null, "Get a design", "/account/signup?role=buyer", null, ["Join as a creative", "Browse "]);
        await ExpectHomeAsync(creative.Email, "Upload the final files", "/wrapups/" + wrapUpId, Exactly("Your turn on “Sign for Harbour Home hardware”."), ["My entries", "Browse "]);
        await ExpectHomeAsync(newBuyer.Email, "Post a project", "/buyer/projects/new", null, ["Browse "]);
        await ExpectHomeAsync(MarketplaceAppFixture.StaffEmail, "Open the staff queue", "/staff", @"^(No cases are waiting|1 case is in the staff queue|\d+ cases are in the staff queue)\.$", ["Accounts", "Browse "], MarketplaceAppFixture.StaffPassword);

        await creative.DeliverBriefFormatsAsync(wrapUpId, "Harbour");
        await ExpectHomeAsync(buyer.Email, "Review the files", "/wrapups/" + wrapUpId, Exactly("Your turn on “Sign for Harbour Home hardware”."), ["My projects", "Post a project", "Browse "]);
        await ExpectHomeAsync(creative.Email, "Browse ", "/projects", null, ["My entries"]);

        await app.Grains.GetGrain<IWrapUpGrain>(wrapUpId).OpenDisputeAsync(new Actor(buyer.UserId, UserRoles.Buyer), "The hammer is upside down.", []);
        await ExpectHomeAsync(creative.Email, "Answer the dispute", "/wrapups/" + wrapUpId, Exactly("Your turn on “Sign for Harbour Home hardware”."), ["My entries", "Browse "]);
        await ExpectHomeAsync(buyer.Email, "Post a project", "/buyer/projects/new", null, ["My projects", "Browse "]);
    }

    private static string Exactly(string text) => "^" + System.Text.RegularExpressions.Regex.Escape(text) + "$";

    /// <param name="about">A pattern for the line above the button, or null where there is none.</param>
    /// <param name="links">The quiet links' texts, in order (a trailing space: the start of the text).</param>
    private async Task ExpectHomeAsync(string? email, string primary, string href, string? about, string[] links, string password = Password)
    {
        await using var context = await app.NewContextAsync(phone: true);
        var page = await context.NewPageAsync();
        if (email is not null) await SignInAsync(page, email, password);
        foreach (var width in Widths)
        {
            await page.SetViewportSizeAsync(width, width < 1000 ? 844 : 900);
            await page.GotoAsync("/");
            var hero = page.Locator(".hero");
            var buttons = hero.Locator(".button");
            Assert.Equal(1, await buttons.CountAsync());
            Assert.StartsWith(primary, (await buttons.InnerTextAsync()).Trim(), StringComparison.Ordinal);
            Assert.Equal(href, await buttons.GetAttributeAsync("href"));
            if (about is null) Assert.Equal(0, await hero.Locator(".hero-about").CountAsync());
            else Assert.Matches(about, (await hero.Locator(".hero-about").InnerTextAsync()).Trim());

            var quiet = hero.Locator(".hero-links a");
            var texts = (await quiet.AllInnerTextsAsync()).Select(t => t.Trim()).ToArray();
            Assert.Equal(links.Length, texts.Length);
            for (var i = 0; i < links.Length; i++) Assert.StartsWith(links[i], texts[i], StringComparison.Ordinal);
            foreach (var link in await quiet.AllAsync()) Assert.True((await link.BoundingBoxAsync())!.Height >= 44, $"{await link.InnerTextAsync()} is a 44 px target at {width} px");

            var box = (await buttons.BoundingBoxAsync())!;
            var row = (await hero.Locator(".hero-actions").BoundingBoxAsync())!;
            if (width <= 390) Assert.InRange(box.Width, row.Width - 1, row.Width + 1);
            else Assert.True(box.Width < 400, $"The primary button stays its own size on a desktop, not {box.Width} px");
            Assert.True(box.Height <= 48, $"“{primary}” fits one line at {width} px ({box.Height} px high)");
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"The home page scrolls sideways at {width} px");
            if (width == 390) await ShotAsync(page, $"05-home-{(email is null ? "visitor" : primary.Split(' ')[0].ToLowerInvariant())}-390");
        }
    }
}

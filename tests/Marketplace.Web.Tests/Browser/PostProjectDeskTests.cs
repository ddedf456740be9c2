using Marketplace.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Marketplace.Web.Tests.Browser.Journey;

namespace Marketplace.Web.Tests.Browser;

/// <summary>
/// "Post a project" uses a desk's width: the brief in one column and, beside it, what the buyer pays (prize, no fee on
/// top, the total, what the winner receives, escrow and the money-back rules), following the prize as it is typed, or
/// with "Update the total" without JavaScript. On a phone the cost sits under the brief, above the button. 333.33 is
/// the prize whose 15 % fee rounds down in the creative's favour (283.34 to the winner, as escrow pays it).
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class PostProjectDeskTests(MarketplaceAppFixture app)
{
    private sealed record Box(double X, double Y, double Width, double Height)
    {
        public double Right => X + Width;
        public double Bottom => Y + Height;
    }

    private static async Task<Box> BoxOfAsync(IPage page, string selector)
    {
        var box = await page.Locator(selector).BoundingBoxAsync() ?? throw new InvalidOperationException($"{selector} is not shown.");
        return new Box(box.X, box.Y, box.Width, box.Height);
    }

    private static Task<int> PageWidthAsync(IPage page) => page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");

    [Fact]
    public async Task At_1280_px_the_cost_summary_sits_beside_the_brief_and_the_two_use_the_pages_width()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignUpAsync(page, "buyer", "Dora Desk");
        await page.GotoAsync("/buyer/projects/new");

        var main = await BoxOfAsync(page, "main");
        var fields = await BoxOfAsync(page, ".project-fields");
        var summary = await BoxOfAsync(page, "[data-cost-summary]");
        var button = await BoxOfAsync(page, "button:has-text('Continue to payment')");

        Assert.True(summary.X >= fields.Right, $"the summary starts at {summary.X} px, inside the brief's column (ends at {fields.Right} px)");
        Assert.True(Math.Abs(summary.Y - fields.Y) < 2, $"the summary's top ({summary.Y}) is not level with the brief's ({fields.Y})");
        Assert.True(button.Y >= fields.Bottom && button.Right <= fields.Right + 1, "the button is not under the brief");
        // Before, the form alone was 544 px of a 1152 px column; the two now fill nearly all of it.
        Assert.True(summary.Right - fields.X >= 0.9 * main.Width, $"brief and summary span {summary.Right - fields.X} px of {main.Width}");
        Assert.True(await PageWidthAsync(page) <= 1280, "the page scrolls sideways at 1280 px");

        // The brief's textarea stays a readable measure, not the page's whole width.
        var brief = await BoxOfAsync(page, "#Description");
        Assert.True(brief.Width <= 700, $"the brief's box is {brief.Width} px wide");

        // While the buyer fills in the long brief, the total stays in view (it sticks under the header).
        await page.Locator("#AllowEarlyAward").ScrollIntoViewIfNeededAsync();
        var scrolled = await page.Locator("[data-cost-summary]").BoundingBoxAsync();
        Assert.True(scrolled is { Y: >= 0 } && scrolled.Y < 900, $"the summary scrolled out of view ({scrolled?.Y})");
        await ShotAsync(page, "post-project-desk-1280");
    }

    [Fact]
    public async Task At_1920_px_the_form_and_summary_stay_in_the_centred_column_with_no_sideways_scroll()
    {
        await using var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1920, Height = 1080 },
        });
        var page = await context.NewPageAsync();
        await SignUpAsync(page, "buyer", "Wim Wide");
        await page.GotoAsync("/buyer/projects/new");

        var fields = await BoxOfAsync(page, ".project-fields");
        var summary = await BoxOfAsync(page, "[data-cost-summary]");
        Assert.True(summary.X >= fields.Right, "the summary is not beside the brief at 1920 px");
        Assert.True(summary.Right - fields.X <= 1160, $"brief and summary stretch {summary.Right - fields.X} px across a 1920 px screen");
        Assert.True(await PageWidthAsync(page) <= 1920);
    }

    [Fact]
    public async Task On_a_390_px_phone_the_cost_summary_follows_the_brief_just_above_the_button_in_one_column()
    {
        await using var context = await app.NewContextAsync(phone: true, phoneWidth: 390);
        var page = await context.NewPageAsync();
        await SignUpAsync(page, "buyer", "Pip Phone");
        await page.GotoAsync("/buyer/projects/new");

        var fields = await BoxOfAsync(page, ".project-fields");
        var summary = await BoxOfAsync(page, "[data-cost-summary]");
        var button = await BoxOfAsync(page, "button:has-text('Continue to payment')");
        Assert.True(summary.Y >= fields.Bottom, $"the summary ({summary.Y}) is not below the brief (ends at {fields.Bottom})");
        Assert.True(button.Y >= summary.Bottom, "the button is not below the summary");
        Assert.True(Math.Abs(summary.X - fields.X) < 1 && Math.Abs(summary.Width - fields.Width) < 1, "the summary is not in the brief's column");
        Assert.True(await PageWidthAsync(page) <= 390, "the page scrolls sideways on a 390 px phone");
        await ShotAsync(page, "post-project-phone-390");
    }

    [Fact]
    public async Task The_summary_follows_the_prize_as_it_is_typed_with_the_payout_escrow_will_make()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignUpAsync(page, "buyer", "Tess Typer");
        await page.GotoAsync("/buyer/projects/new");
        var summary = page.Locator("[data-cost-summary]");
        await Assertions.Expect(summary).ToContainTextAsync("Enter the prize to see the total.");
        // With JavaScript the round trip is not needed, so its button is gone (and Enter in a field means "Continue").
        await Assertions.Expect(summary.GetByRole(AriaRole.Button, new() { Name = "Update the total" })).ToHaveCountAsync(0);

        await page.FillAsync("#Prize", "333.33");
        await Assertions.Expect(summary.Locator("[data-cost='total']")).ToHaveTextAsync("$333.33");
        await Assertions.Expect(summary.Locator("[data-cost='winner']")).ToContainTextAsync("The winner receives $283.34: the prize less the 15% marketplace fee ($49.99)");

        await page.FillAsync("#Prize", "$1,000");
        await Assertions.Expect(summary.Locator("[data-cost='total']")).ToHaveTextAsync("$1,000");
        await Assertions.Expect(summary.Locator("[data-cost='winner']")).ToContainTextAsync("The winner receives $850");

        await page.FillAsync("#Prize", "lots");
        await Assertions.Expect(summary).ToContainTextAsync("Enter the prize to see the total.");
        await Assertions.Expect(summary).ToContainTextAsync("Held in escrow until you approve the files.");
        await Assertions.Expect(summary).ToContainTextAsync("Cancel before anyone enters: the whole prize back.");
    }

    [Fact]
    public async Task Without_javascript_update_the_total_shows_the_cost_keeps_what_was_typed_and_saves_nothing()
    {
        await using var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(),
            JavaScriptEnabled = false,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        var page = await context.NewPageAsync();
        await SignUpAsync(page, "buyer", "Nina NoScript");
        await page.GotoAsync("/buyer/projects/new");
        await page.FillAsync("#Title", "Sign for a corner bakery");
        await page.FillAsync("#Prize", "333.33");

        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Update the total" }).ClickAsync(), r => r.Request.Method == "POST");

        Assert.Equal(200, response.Status);
        var summary = page.Locator("[data-cost-summary]");
        await Assertions.Expect(summary.Locator("[data-cost='total']")).ToHaveTextAsync("$333.33");
        await Assertions.Expect(summary.Locator("[data-cost='winner']")).ToContainTextAsync("The winner receives $283.34");
        await Assertions.Expect(page.Locator("#Title")).ToHaveValueAsync("Sign for a corner bakery");
        // Nothing is refused yet (the brief is still empty) and no draft was made.
        await Assertions.Expect(page.Locator(".field-error")).ToHaveCountAsync(0);
        await page.GotoAsync("/buyer/projects");
        await Assertions.Expect(page.Locator("[data-project]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_summary_answers_only_a_signed_in_buyer_and_says_the_payout_escrow_will_make()
    {
        const string Path = "/buyer/projects/new?handler=Summary&prize=333.33";
        using var visitor = app.NewApiClient();
        var anonymous = await visitor.GetAsync(Path);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/account/signin", anonymous.Headers.Location!.ToString(), StringComparison.Ordinal);

        using var creative = await ApiSession.SignUpAsync(app, "creative", "Cato Curious");
        var refused = await creative.Http.GetAsync(Path);
        Assert.True(refused.StatusCode is System.Net.HttpStatusCode.Forbidden or System.Net.HttpStatusCode.Redirect, $"a creative got {refused.StatusCode}");
        Assert.DoesNotContain("$283.34", await refused.Content.ReadAsStringAsync());

        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Bette Buyer");
        var summary = await buyer.Http.GetStringAsync(Path);
        Assert.Contains("The winner receives $283.34", summary);
        Assert.DoesNotContain("<html", summary);
    }

    [Fact]
    public async Task The_post_and_edit_forms_pass_axe_on_a_390_px_phone_and_a_1280_px_desk()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Alma Axe");
        var draft = await buyer.ReadAsync(await buyer.PostJsonAsync("/api/v1/projects", new
        {
            title = "Label for a cider farm",
            description = "A warm, hand-drawn label for our dry cider, printed on kraft paper.",
            category = "logo",
            prize = 300_00,
            currency = "USD",
            entryDeadline = DateTimeOffset.UtcNow.AddDays(10),
            selectionDays = 7,
            allowEarlyAward = true,
            deliverableFormats = new[] { "PNG" },
        }), System.Net.HttpStatusCode.Created);
        var id = draft.GetProperty("id").GetString();

        Axe.AssertNone(await Axe.ViolationsAsync(app, page => SignInAsync(page, buyer.Email), 390,
            new PageCheck("/buyer/projects/new", Desktop: true),
            new PageCheck($"/buyer/projects/{id}/edit", "a draft's form, its total shown", Desktop: true)));
    }
}

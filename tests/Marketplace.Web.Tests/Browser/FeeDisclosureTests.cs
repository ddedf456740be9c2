using System.Net;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Marketplace.Web.Tests.Browser.Journey;

namespace Marketplace.Web.Tests.Browser;

/// <summary>
/// Both sides read the platform fee before money moves, with the amount escrow will pay: a creative on the brief and
/// next to the submit button, a visitor on the brief and the help page, a buyer on the new-project form and the fund
/// page, an API client in the project. The app runs with the default fee of 15 %; 333.33 is the prize whose fee
/// (49.9995) must round down in the creative's favour, to 283.34, exactly as escrow pays it.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class FeeDisclosureTests(MarketplaceAppFixture app)
{
    private const long OddPrize = 333_33;
    private const string WinnerReceives = "The winner receives $283.34 after the 15% marketplace fee.";

    [Fact]
    public async Task A_creative_reads_what_the_winner_receives_after_the_fee_on_the_brief_and_beside_the_submit_button()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Fenna Fees");
        var projectId = await buyer.OpenProjectAsync("Bakery window lettering", OddPrize);
        await using var context = await app.NewContextAsync(phone: true);
        var page = await context.NewPageAsync();
        await SignUpAsync(page, "creative", "Mira Maker");

        await page.GotoAsync($"/projects/{projectId}");
        await ShouldSeeAsync(page, "$333.33 prize");
        await ShouldSeeAsync(page, WinnerReceives);
        await ShotAsync(page, "fee-project-creative-360");

        await page.GotoAsync($"/projects/{projectId}/submit");
        var form = page.Locator("form", new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Submit entry" }) });
        await Assertions.Expect(form.GetByText(WinnerReceives)).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_visitor_reads_the_fee_on_the_brief_and_the_help_page_from_the_configured_percent()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Vera Visible");
        var projectId = await buyer.OpenProjectAsync("Harbour café menu board", OddPrize);
        using var visitor = app.NewApiClient();

        Assert.Contains(WinnerReceives, await visitor.GetStringAsync($"/projects/{projectId}"));
        var help = await visitor.GetStringAsync("/help");
        Assert.Contains("<h2 id=\"fees\">Fees</h2>", help);
        Assert.Contains("Marketplace keeps 15% of the prize as its fee", help);
        Assert.Contains("the winner of a $100 prize receives $85", help);
        Assert.Contains("The creative is paid the prize less the 15% marketplace", await visitor.GetStringAsync("/"));
    }

    [Fact]
    public async Task A_buyer_reads_that_the_fee_comes_out_of_the_prize_on_the_new_project_form_and_the_fund_page()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Bram Budget");

        var form = await buyer.Http.GetStringAsync("/buyer/projects/new");
        Assert.Contains("You pay the prize; the winner receives it less the 15% marketplace fee", form);
        Assert.DoesNotContain("Paid to the winner", form);

        var draft = await buyer.ReadAsync(await buyer.PostJsonAsync("/api/v1/projects", new
        {
            title = "Ferry timetable poster",
            description = "A clear, friendly poster of the summer ferry timetable for the harbour office window.",
            category = "logo",
            prize = OddPrize,
            currency = "USD",
            entryDeadline = DateTimeOffset.UtcNow.AddDays(10),
            selectionDays = 7,
            allowEarlyAward = true,
            deliverableFormats = new[] { "PNG" },
        }), HttpStatusCode.Created);
        var fund = await buyer.Http.GetStringAsync($"/buyer/projects/{draft.GetProperty("id").GetString()}/fund");
        Assert.Contains("<dt>The winner receives</dt><dd>$283.34", fund);
        Assert.Contains("(the prize less the 15% marketplace fee)", fund);
        Assert.Contains("Pay $333.33 and open", fund);
    }

    [Fact]
    public async Task The_api_project_carries_what_the_winner_receives_and_the_fee_percent()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Anke Api");
        var projectId = await buyer.OpenProjectAsync("Bike shop sticker", OddPrize);
        using var visitor = app.NewApiClient();

        var project = await buyer.ReadAsync(await visitor.GetAsync($"/api/v1/projects/{projectId}"));

        Assert.Equal(OddPrize, project.GetProperty("prize").GetProperty("minor").GetInt64());
        Assert.Equal(283_34, project.GetProperty("winnerReceives").GetProperty("minor").GetInt64());
        Assert.Equal("USD", project.GetProperty("winnerReceives").GetProperty("currency").GetString());
        Assert.Equal(15m, project.GetProperty("platformFeePercent").GetDecimal());
    }
}

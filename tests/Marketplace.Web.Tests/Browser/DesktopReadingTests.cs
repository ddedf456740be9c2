using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Browser;

/// <summary>
/// On a 1280 px desktop, running text keeps to a readable line (about 75 characters) instead of the page's full 1152 px
/// column (about 150): a long clarification on the brief wraps at the measure, while the boxed messages keep the width.
/// Hints read as hints wherever they sit: the one under a checkbox is as small and muted as those under fields.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class DesktopReadingTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task A_long_clarification_on_a_brief_wraps_at_about_75_characters_on_a_1280_px_desktop()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Wendy Wide");
        var projectId = await buyer.OpenProjectAsync("Logo for a wide-screen bookshop");
        var clarification = "The shop front is dark green with white lettering, so please show your logo on dark green as well as on white, " +
            "and keep it legible on the tote bags we print in one colour at about eight centimetres across.";
        await buyer.ReadAsync(await buyer.PostJsonAsync($"/api/v1/projects/{projectId}/clarifications", new { text = clarification }), System.Net.HttpStatusCode.Created);

        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/projects/{projectId}");

        var measure = await page.GetByText(clarification).EvaluateAsync<double[]>(
            """
            p => {
              // 80ch in the paragraph's own font: CSS's measure of 80 characters.
              const ruler = document.createElement('span');
              ruler.style.display = 'inline-block';
              ruler.style.width = '80ch';
              p.appendChild(ruler);
              const eighty = ruler.getBoundingClientRect().width;
              ruler.remove();
              return [p.getBoundingClientRect().width, eighty, document.querySelector('main').getBoundingClientRect().width];
            }
            """);
        var (width, eightyCharacters, column) = (measure[0], measure[1], measure[2]);
        Assert.True(column > 1000, $"the page column is {column} px at 1280 px");
        Assert.True(width <= eightyCharacters, $"the clarification runs {width} px wide, more than 80 characters ({eightyCharacters} px)");
    }

    [Fact]
    public async Task The_hint_under_the_early_choice_checkbox_reads_as_small_and_muted_as_the_hints_under_fields()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await Journey.SignUpAsync(page, "buyer", "Hana Hint");
        await page.GotoAsync("/buyer/projects/new");

        const string Style = "e => { const s = getComputedStyle(e); return s.fontSize + ' ' + s.color; }";
        var fieldHint = await page.Locator("#prize-hint").EvaluateAsync<string>(Style);
        Assert.Equal(fieldHint, await page.Locator("#early-hint").EvaluateAsync<string>(Style));
        Assert.StartsWith("14px", fieldHint, StringComparison.Ordinal);
    }
}

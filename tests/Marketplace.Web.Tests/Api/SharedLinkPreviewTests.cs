using System.Net;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Api;

/// <summary>
/// A link to the marketplace or to a brief, pasted into a chat or found in a search, says what it is: a description and
/// Open Graph title and description on every page (a brief's own prize, category and opening words), and a favicon
/// that tells the tab apart.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class SharedLinkPreviewTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task A_shared_brief_shows_its_prize_category_and_opening_words_and_the_tab_has_the_marketplace_icon()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Lena Link");
        var projectId = await buyer.OpenProjectAsync("Logo for a canal boat café");
        using var visitor = app.NewApiClient();

        var home = await visitor.GetStringAsync("/");
        Assert.Contains("<meta name=\"description\" content=\"Post a brief, get designs from creatives around the world", home, StringComparison.Ordinal);
        Assert.Contains("<meta property=\"og:title\" content=\"Marketplace", home, StringComparison.Ordinal);

        var brief = WebUtility.HtmlDecode(await visitor.GetStringAsync($"/projects/{projectId}"));
        Assert.Contains("<meta property=\"og:title\" content=\"Logo for a canal boat café\">", brief, StringComparison.Ordinal);
        Assert.Matches("<meta property=\"og:description\" content=\"\\$300 prize, Logo\\. [^\"]{20,}\">", brief);
        Assert.Contains("<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">", brief, StringComparison.Ordinal);

        using var icon = await visitor.GetAsync("/favicon.svg");
        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.Equal("image/svg+xml", icon.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<svg", await icon.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

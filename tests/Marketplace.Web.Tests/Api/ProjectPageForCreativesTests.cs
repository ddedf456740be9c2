using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Api;

/// <summary>
/// A creative on a project page finds their own entries at a glance ("Yours" on each, how many, "Submit another entry"),
/// nobody else sees those marks, and the submit page keeps the brief and the formats wanted in reach.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed partial class ProjectPageForCreativesTests(MarketplaceAppFixture app)
{
    private static async Task<string> PageAsync(ApiSession session, string path) => WebUtility.HtmlDecode(await session.Http.GetStringAsync(path));

    [Fact]
    public async Task A_creative_sees_their_own_entries_marked_yours_and_other_viewers_see_no_such_mark()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Hana Honeyfield");
        using var entrant = await ApiSession.SignUpAsync(app, "creative", "Ivo Entrant");
        using var rival = await ApiSession.SignUpAsync(app, "creative", "Rosa Rival");
        var projectId = await buyer.OpenProjectAsync("Honey jar label");
        var first = await entrant.SubmitEntryAsync(projectId);
        var second = await entrant.SubmitEntryAsync(projectId, Marketplace.Web.Demo.DemoArt.Logo("Honey", "second idea", 3, 400, 300));
        var rivals = await rival.SubmitEntryAsync(projectId);

        var page = await PageAsync(entrant, "/projects/" + projectId);
        Assert.Contains("You have 2 entries here", page);
        Assert.Contains("Submit another entry", page);
        Assert.Equal([first, second], MarkedYours().Matches(page).Select(m => m.Groups[1].Value).ToArray());

        var rivalPage = await PageAsync(rival, "/projects/" + projectId);
        Assert.Contains("You have an entry here", rivalPage);
        Assert.Equal([rivals], MarkedYours().Matches(rivalPage).Select(m => m.Groups[1].Value).ToArray());

        using var newcomer = await ApiSession.SignUpAsync(app, "creative", "Nell Newcomer");
        var newcomerPage = await PageAsync(newcomer, "/projects/" + projectId);
        Assert.DoesNotContain("data-mine", newcomerPage);
        Assert.DoesNotContain("data-my-entries", newcomerPage);
        Assert.Contains("Submit an entry", newcomerPage);
        Assert.DoesNotContain("data-mine", await PageAsync(buyer, "/projects/" + projectId));
        using var visitor = new ApiSession(app.NewApiClient());
        Assert.DoesNotContain("data-mine", await PageAsync(visitor, "/projects/" + projectId));
    }

    [Fact]
    public async Task The_submit_page_shows_the_brief_and_the_formats_the_winner_delivers()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Hana Honeyfield");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Ivo Entrant");
        var projectId = await buyer.OpenProjectAsync("Honey jar label");

        var page = await PageAsync(creative, $"/projects/{projectId}/submit");

        Assert.Contains("data-brief", page);
        Assert.Contains("A friendly, modern mark for our neighbourhood bakery.", page);
        Assert.Contains("the winner delivers PNG, PDF", page);
    }

    /// <summary>A gallery tile's link and, inside the same tile, the "Yours" badge.</summary>
    [GeneratedRegex("""<a class="thumb" href="/entries/([^"]+)">(?:(?!</li>).)*?data-mine""", RegexOptions.Singleline)]
    private static partial Regex MarkedYours();
}

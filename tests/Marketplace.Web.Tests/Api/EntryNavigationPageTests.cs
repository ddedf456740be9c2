using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Api;

/// <summary>
/// An entry's page steps to the previous and next entry of the gallery its viewer may see (gallery order, withdrawn
/// and removed entries left out), with plain links and where it stands: a buyer rating on a phone need not go back to
/// the gallery between entries. Visitors who may see the gallery get the same.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed partial class EntryNavigationPageTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task Each_entry_links_to_its_neighbours_in_the_gallery_skipping_withdrawn_and_removed_entries()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Nina Next");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Pim Previous");
        using var staff = await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        var projectId = await buyer.OpenProjectAsync("Ferry poster " + Guid.NewGuid().ToString("N")[..6]);
        var entries = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            entries.Add(await creative.SubmitEntryAsync(projectId, DemoArt.Logo("Ferry", "poster", i, 300, 200)));
        }

        await creative.ReadAsync(await creative.PostJsonAsync($"/api/v1/entries/{entries[1]}/withdraw", new { }));
        await staff.ReadAsync(await staff.PostJsonAsync($"/api/v1/staff/entries/{entries[3]}/remove", new { reason = "Stock art." }));

        var first = Navigation(await buyer.Http.GetStringAsync("/entries/" + entries[0]));
        Assert.Equal((null, "Entry #1 · 1 of 3", entries[2]), first);
        var middle = Navigation(await buyer.Http.GetStringAsync("/entries/" + entries[2]));
        Assert.Equal((entries[0], "Entry #3 · 2 of 3", entries[4]), middle);
        var last = Navigation(await buyer.Http.GetStringAsync("/entries/" + entries[4]));
        Assert.Equal((entries[2], "Entry #5 · 3 of 3", null), last);

        // Anyone who may see the open project's gallery steps through it the same way.
        using var visitor = new ApiSession(app.NewApiClient());
        Assert.Equal(middle, Navigation(await visitor.Http.GetStringAsync("/entries/" + entries[2])));
    }

    [Fact]
    public async Task A_single_entry_gallery_shows_no_previous_next_links()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Olga Only");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Uma Unique");
        var projectId = await buyer.OpenProjectAsync("Lonely label " + Guid.NewGuid().ToString("N")[..6]);
        var entryId = await creative.SubmitEntryAsync(projectId);

        var page = await buyer.Http.GetStringAsync("/entries/" + entryId);

        Assert.DoesNotContain("class=\"entry-nav\"", page);
        Assert.DoesNotContain("rel=\"next\"", page);
    }

    /// <summary>The previous entry's id, the place text and the next entry's id, as the page's navigation links them.</summary>
    private static (string? Previous, string Place, string? Next) Navigation(string html)
    {
        var nav = NavPattern().Match(html);
        Assert.True(nav.Success, "no entry navigation on the page");
        var body = nav.Groups[1].Value;
        string? Link(string rel) => Regex.Match(body, $"<a class=\"[a-z]+\" href=\"/entries/([^\"]+)\" rel=\"{rel}\">") is { Success: true } m ? m.Groups[1].Value : null;
        var place = WebUtility.HtmlDecode(Regex.Match(body, "<span class=\"place\">([^<]+)</span>").Groups[1].Value);
        return (Link("prev"), place, Link("next"));
    }

    [GeneratedRegex("<nav class=\"entry-nav\" aria-label=\"Entries of this project\">(.*?)</nav>", RegexOptions.Singleline)]
    private static partial Regex NavPattern();
}

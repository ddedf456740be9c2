using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Contracts.Notifications;
using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Api;

/// <summary>
/// An entry's page over HTTP, as the buyer and its creative use it: a decline is described the same true way
/// everywhere (final: no win, no revision); the creative's words with each version reach the buyer; a removed entry
/// still shows its own creative why and how to contest it, and nobody else; and a refused form comes back on the same
/// page with the reason beside it and the words typed still in it.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed partial class EntryPageTests(MarketplaceAppFixture app)
{
    private const string FinalWords = "can no longer win or be revised";

    [Fact]
    public async Task A_decline_reads_as_final_to_the_buyer_in_the_creatives_notice_and_on_her_page_which_shows_the_reason_and_offers_no_revision()
    {
        var (buyer, creative, _, entryId) = await EntryAsync("Hill honey jar", "Mira Declined");
        var page = await buyer.Http.GetStringAsync("/entries/" + entryId);
        Assert.Contains("A decline is final", page);

        var declined = await PostFormAsync(buyer.Http, entryId, "Decline", page, new() { ["reason"] = "We need a bee, not a leaf." });
        Assert.Equal(HttpStatusCode.Redirect, declined.StatusCode);
        var buyerPage = await buyer.Http.GetStringAsync("/entries/" + entryId);
        Assert.Contains($"Entry declined. It {FinalWords}; the creative was told your reason.", buyerPage);
        Assert.Contains("You declined this entry", buyerPage);
        Assert.Contains("We need a bee, not a leaf.", buyerPage);
        Assert.DoesNotContain("can still revise", buyerPage);

        var told = Assert.Single(await creative.NoticesAsync(), n => n.Kind == NotificationKinds.Declined);
        Assert.Contains($"It {FinalWords}.", told.Text);

        var herPage = await creative.Http.GetStringAsync("/entries/" + entryId);
        Assert.Contains("Declined by the buyer", herPage);
        Assert.Contains("<q data-decline-reason>We need a bee, not a leaf.</q>", herPage);
        Assert.Contains($"this entry {FinalWords}", herPage);
        Assert.DoesNotContain("Upload a revision", herPage);
        Assert.DoesNotContain($"/entries/{entryId}/revise", herPage);
        Assert.Contains("Withdraw…", herPage);
        var revisePage = await creative.Http.GetStringAsync($"/entries/{entryId}/revise");
        Assert.Contains("data-not-revisable", revisePage);
        Assert.DoesNotContain("<form method=\"post\" enctype=\"multipart/form-data\"", revisePage);

        var refusedRevision = await creative.UploadAsync($"/api/v1/entries/{entryId}/revisions", "file", "v2.png", DemoArt.Logo("Hill honey jar", "v2", 3, 400, 300));
        Assert.Equal(HttpStatusCode.Conflict, refusedRevision.StatusCode);
    }

    [Fact]
    public async Task The_note_sent_with_an_entry_and_what_changed_in_each_revision_are_shown_to_the_buyer_and_the_creative()
    {
        var buyer = await ApiSession.SignUpAsync(app, "buyer", "Oscar Owner");
        var creative = await ApiSession.SignUpAsync(app, "creative", "Cora Noted");
        var projectId = await buyer.OpenProjectAsync("Crumb bakery sign");
        var entry = await creative.ReadAsync(await creative.UploadAsync($"/api/v1/projects/{projectId}/entries", "file", "entry.png",
            DemoArt.Logo("Crumb", "v1", 2, 400, 300), note: "The wheat ear doubles as a C."), HttpStatusCode.Created);
        var entryId = entry.GetProperty("id").GetString()!;
        await creative.ReviseEntryAsync(entryId, "Crumb", "Warmer brown, as you asked.");

        foreach (var session in new[] { buyer, creative })
        {
            var page = await session.Http.GetStringAsync("/entries/" + entryId);
            Assert.Contains("data-versions", page);
            Assert.Contains("The wheat ear doubles as a C.", page);
            Assert.Contains("What changed: Warmer brown, as you asked.", page);
            Assert.Contains("data-version=\"2\"", page);
            Assert.Contains("data-version=\"1\"", page);
        }
    }

    [Fact]
    public async Task A_removed_entry_shows_its_creative_the_reason_and_how_to_contest_it_and_nobody_else_sees_the_reason()
    {
        var (buyer, creative, _, entryId) = await EntryAsync("Tide surf flyer", "Cora Removed");
        using var staff = await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        const string reason = "It traces a stock photo of a wave.";
        await staff.ReadAsync(await staff.PostJsonAsync($"/api/v1/staff/entries/{entryId}/remove", new { reason }));

        var own = await creative.Http.GetAsync("/entries/" + entryId);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var ownPage = await own.Content.ReadAsStringAsync();
        Assert.Contains("Removed by Marketplace staff", ownPage);
        Assert.Contains($"<q data-removal-reason>{reason}</q>", ownPage);
        Assert.Contains("href=\"mailto:help@marketplace.example?subject=", ownPage);
        Assert.DoesNotContain("Upload a revision", ownPage);
        Assert.DoesNotContain("handler=Comment", ownPage);
        Assert.Contains("This entry was removed, so comments are closed.", ownPage);
        Assert.Contains("write to help@marketplace.example", Assert.Single(await creative.NoticesAsync(), n => n.Kind == NotificationKinds.EntryRemoved).Text);

        var list = await creative.Http.GetStringAsync("/creative/entries");
        Assert.Contains("data-removed-help", list);
        Assert.Contains("See why, and how to contest it", list);

        using var rival = await ApiSession.SignUpAsync(app, "creative", "Rival Reader");
        using var visitor = new ApiSession(app.NewApiClient());
        foreach (var (who, session) in new[] { ("buyer", buyer), ("another creative", rival), ("a visitor", visitor) })
        {
            var response = await session.Http.GetAsync("/entries/" + entryId);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{who}: {(int)response.StatusCode}");
            Assert.DoesNotContain("stock photo", body);
        }

        var buyerApi = await buyer.ReadAsync(await buyer.Http.GetAsync($"/api/v1/entries/{entryId}/details"));
        Assert.DoesNotContain("stock photo", buyerApi.GetRawText());
        Assert.DoesNotContain(await buyer.NoticesAsync(), n => n.Text.Contains("stock photo", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refused_comment_decline_or_rating_comes_back_on_the_entry_page_beside_its_form_with_the_words_typed_kept_and_nothing_changed()
    {
        var (buyer, _, _, entryId) = await EntryAsync("Spokes bike repair", "Bea Blank");
        var page = await buyer.Http.GetStringAsync("/entries/" + entryId);

        var blank = await PostFormAsync(buyer.Http, entryId, "Comment", page, new() { ["text"] = "   " });
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        var blankPage = await blank.Content.ReadAsStringAsync();
        Assert.Contains("Entry #1 by Bea Blank", blankPage);
        Assert.Matches(CommentFormWith("Please give a comment."), blankPage);
        Assert.DoesNotContain("Go to the home page", blankPage);

        var longReason = "Too busy. " + new string('x', 1000);
        var tooLong = await PostFormAsync(buyer.Http, entryId, "Decline", page, new() { ["reason"] = longReason });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        var tooLongPage = await tooLong.Content.ReadAsStringAsync();
        Assert.Contains("The reason is too long", tooLongPage);
        Assert.Contains(">" + longReason + "</textarea>", tooLongPage);
        Assert.Contains("<details class=\"card\" open=\"open\">", tooLongPage);

        var badStars = await PostFormAsync(buyer.Http, entryId, "Rate", page, new() { ["stars"] = "9" });
        Assert.Equal(HttpStatusCode.BadRequest, badStars.StatusCode);
        Assert.Contains("A rating is 1 to 5 stars.", await badStars.Content.ReadAsStringAsync());

        var details = await buyer.ReadAsync(await buyer.Http.GetAsync($"/api/v1/entries/{entryId}/details"));
        Assert.Equal("Active", details.GetProperty("status").GetString());
        Assert.Equal(0, details.GetProperty("comments").GetArrayLength());
    }

    /// <summary>The comment form, with the refusal inside it before its textarea.</summary>
    private static Regex CommentFormWith(string refusal) =>
        new($"handler=Comment[^>]*>(?:(?!</form>).)*data-refusal><strong>Not done:</strong> {Regex.Escape(refusal)}(?:(?!</form>).)*<textarea id=\"comment-text\"", RegexOptions.Singleline);

    /// <summary>A buyer's open project with one entry from a new creative.</summary>
    private async Task<(ApiSession Buyer, ApiSession Creative, string ProjectId, string EntryId)> EntryAsync(string title, string creativeName)
    {
        var buyer = await ApiSession.SignUpAsync(app, "buyer", "Oscar Owner");
        var creative = await ApiSession.SignUpAsync(app, "creative", creativeName);
        var projectId = await buyer.OpenProjectAsync(title);
        var entry = await creative.ReadAsync(await creative.UploadAsync($"/api/v1/projects/{projectId}/entries", "file", "entry.png", DemoArt.Logo(title, "entry", 2, 400, 300)), HttpStatusCode.Created);
        return (buyer, creative, projectId, entry.GetProperty("id").GetString()!);
    }


    private static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string entryId, string handler, string pageHtml, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = AntiforgeryField().Match(pageHtml).Groups[1].Value;
        return client.PostAsync($"/entries/{entryId}?handler={handler}", new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

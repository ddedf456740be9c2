using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Reviews;

/// <summary>The review routes' refusals in words a person can act on, and the profile page keeping private things private.</summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class ReviewWebTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task Bad_reviews_replies_and_hides_get_a_400_that_says_what_to_fix_and_change_nothing()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Rita Reviewer");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Cole Crafter");
        using var staff = await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        var wrapUpId = await CompletedHandover.CompleteAsync(buyer, creative, "Review input " + Guid.NewGuid().ToString("N")[..6]);
        var review = $"/api/v1/wrapups/{wrapUpId}/review";

        await ExpectProblemAsync(await buyer.Http.PutAsJsonAsync(review, new { stars = 0, text = "Hm." }, ApiSession.Json), "1 to 5 stars");
        await ExpectProblemAsync(await buyer.Http.PutAsJsonAsync(review, new { stars = 2, text = "" }, ApiSession.Json), "needs a reason");
        await ExpectProblemAsync(await buyer.Http.PutAsJsonAsync(review, new { stars = 5, text = new string('x', 2001) }, ApiSession.Json), "at most 2000 characters");
        await ExpectProblemAsync(await buyer.Http.PutAsync(review, new StringContent("{\"stars\": \"five\"}", System.Text.Encoding.UTF8, "application/json")), null);
        Assert.Equal(JsonValueKind.Null, (await buyer.ReadAsync(await buyer.Http.GetAsync(review))).GetProperty("review").ValueKind);

        await buyer.ReadAsync(await buyer.Http.PutAsJsonAsync(review, new { stars = 4, text = "Clear files." }, ApiSession.Json));
        await ExpectProblemAsync(await creative.PostJsonAsync(review + "/reply", new { text = "  " }), "Please give your reply");
        await ExpectProblemAsync(await creative.PostJsonAsync(review + "/reply", new { text = new string('y', 1001) }), "at most 1000 characters");
        await ExpectProblemAsync(await staff.PostJsonAsync($"/api/v1/staff/reviews/{wrapUpId}/hide", new { part = "Review", reason = "" }), "Please give a reason");
        await ExpectProblemAsync(await staff.PostJsonAsync($"/api/v1/staff/reviews/{wrapUpId}/hide", new { part = "Reply", reason = "No reply yet." }), "no reply", HttpStatusCode.NotFound);

        var after = (await buyer.ReadAsync(await buyer.Http.GetAsync(review))).GetProperty("review");
        Assert.Equal(JsonValueKind.Null, after.GetProperty("reply").ValueKind);
        Assert.False(after.GetProperty("hidden").GetBoolean());
        var unknown = await buyer.Http.GetAsync("/api/v1/creatives/..%2F..%2Fetc");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_creatives_profile_page_shows_the_record_and_reviews_and_no_email_anywhere()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Paula Private");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Priya Profile");
        using var visitor = new ApiSession(app.NewApiClient());
        var newcomerPage = await visitor.Http.GetStringAsync($"/creatives/{creative.UserId}");
        Assert.Contains("New on Marketplace", newcomerPage);
        var wrapUpId = await CompletedHandover.CompleteAsync(buyer, creative, "Profile privacy " + Guid.NewGuid().ToString("N")[..6]);
        await buyer.ReadAsync(await buyer.Http.PutAsJsonAsync($"/api/v1/wrapups/{wrapUpId}/review", new { stars = 4, text = "Careful and quick." }, ApiSession.Json));

        var html = await visitor.Http.GetStringAsync($"/creatives/{creative.UserId}");
        var json = await visitor.Http.GetStringAsync($"/api/v1/creatives/{creative.UserId}");

        Assert.Contains("Priya Profile", html);
        Assert.Contains("4 out of 5", html);
        Assert.Contains("Careful and quick.", html);
        Assert.Contains("Paula Private", html);
        Assert.DoesNotContain("New on Marketplace", html);
        foreach (var text in new[] { html, json })
        {
            Assert.DoesNotContain(creative.Email, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(buyer.Email, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("@example.com", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("$", text);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.Http.GetAsync($"/creatives/{buyer.UserId}")).StatusCode);
    }

    [Fact]
    public async Task The_brief_shows_creatives_the_buyers_record_and_a_new_buyers_first_contest()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Nora Newbuyer");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Ezra Entrant");
        var first = await buyer.OpenProjectAsync("First contest " + Guid.NewGuid().ToString("N")[..6]);
        Assert.Contains("Nora Newbuyer: first contest on Marketplace.", await creative.Http.GetStringAsync($"/projects/{first}"));

        await CompletedHandover.CompleteAsync(buyer, creative, "Record contest " + Guid.NewGuid().ToString("N")[..6]);

        Assert.Contains("Nora Newbuyer has run 1 contest on Marketplace: chose a winner in 1.", await creative.Http.GetStringAsync($"/projects/{first}"));
        Assert.Contains("Nora Newbuyer has run 1 contest on Marketplace", await creative.Http.GetStringAsync($"/projects/{first}/submit"));
        Assert.DoesNotContain("data-buyer-record", await buyer.Http.GetStringAsync($"/projects/{first}"));
        var record = await creative.ReadAsync(await creative.Http.GetAsync($"/api/v1/projects/{first}/buyer-record"));
        Assert.Equal((1, 1, 0), (record.GetProperty("contestsRun").GetInt32(), record.GetProperty("winnersChosen").GetInt32(), record.GetProperty("closedWithoutChoice").GetInt32()));
    }

    [Fact]
    public async Task Showing_a_review_again_needs_a_note_and_one_not_hidden_is_a_409_that_says_so()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Ines Idle");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Omar Ortiz");
        using var staff = await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        var wrapUpId = await CompletedHandover.CompleteAsync(buyer, creative, "Show again " + Guid.NewGuid().ToString("N")[..6]);
        await buyer.ReadAsync(await buyer.Http.PutAsJsonAsync($"/api/v1/wrapups/{wrapUpId}/review", new { stars = 3, text = "Slow but careful." }, ApiSession.Json));
        var show = $"/api/v1/staff/reviews/{wrapUpId}/show";

        await ExpectProblemAsync(await staff.PostJsonAsync(show, new { part = "Review", note = "Nothing to undo." }), "This review is not hidden, so there is nothing to show again.", HttpStatusCode.Conflict);
        await staff.ReadAsync(await staff.PostJsonAsync($"/api/v1/staff/reviews/{wrapUpId}/hide", new { part = "Review", reason = "Wrong review." }));
        await ExpectProblemAsync(await staff.PostJsonAsync(show, new { part = "Review", note = " " }), "Please give a note for the record");
        await ExpectProblemAsync(await staff.PostJsonAsync(show, new { part = "Reply", note = "No reply yet." }), "This review has no reply, so there is nothing to show again.", HttpStatusCode.Conflict);
        Assert.Equal(JsonValueKind.Null, (await buyer.ReadAsync(await buyer.Http.GetAsync("/api/v1/creatives/" + creative.UserId))).GetProperty("averageRating").ValueKind);

        var shown = await staff.ReadAsync(await staff.PostJsonAsync(show, new { part = "Review", note = "Hid the wrong review." }));
        var again = await staff.ReadAsync(await staff.PostJsonAsync(show, new { part = "Review", note = "Hid the wrong review." }));

        Assert.False(shown.GetProperty("hidden").GetBoolean());
        Assert.Equal(2, again.GetProperty("reviewModeration").GetProperty("steps").GetArrayLength());
        Assert.Equal(3.0, (await buyer.ReadAsync(await buyer.Http.GetAsync("/api/v1/creatives/" + creative.UserId))).GetProperty("averageRating").GetDouble());
        var partyView = (await buyer.ReadAsync(await buyer.Http.GetAsync($"/api/v1/wrapups/{wrapUpId}/review"))).GetProperty("review");
        Assert.Equal(JsonValueKind.Null, partyView.GetProperty("reviewModeration").ValueKind);
    }

    [Fact]
    public async Task A_reply_written_before_the_review_changed_says_so_to_every_reader_and_the_creative_is_told_of_the_change()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Bea Baker");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Eli Ember");
        var wrapUpId = await CompletedHandover.CompleteAsync(buyer, creative, "Changed review " + Guid.NewGuid().ToString("N")[..6]);
        var review = $"/api/v1/wrapups/{wrapUpId}/review";
        await buyer.ReadAsync(await buyer.Http.PutAsJsonAsync(review, new { stars = 5, text = "Perfect." }, ApiSession.Json));
        await creative.ReadAsync(await creative.PostJsonAsync(review + "/reply", new { text = "Thank you, Bea!" }));

        await buyer.ReadAsync(await buyer.Http.PutAsJsonAsync(review, new { stars = 4, text = "Very good; one file needed a second round." }, ApiSession.Json));

        var told = Assert.Single(await creative.NoticesAsync(), n => n.Kind == "review-changed");
        Assert.StartsWith("Bea Baker changed the review of your work on “Changed review ", told.Text, StringComparison.Ordinal);
        Assert.Contains(": 4 out of 5 stars (was 5).", told.Text, StringComparison.Ordinal);
        var profile = TimeTagsOut(WebUtility.HtmlDecode(await app.NewApiClient().GetStringAsync("/creatives/" + creative.UserId)));
        Assert.Contains("Thank you, Bea!", profile);
        Assert.Matches("Replied before the review was changed on \\d+ \\w+ \\d{4}\\.", profile);
        Assert.Contains("Very good; one file needed a second round.", profile);
    }

    private static async Task ExpectProblemAsync(HttpResponseMessage response, string? words, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}, expected {(int)status}: {body}");
        var detail = JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString();
        Assert.False(string.IsNullOrWhiteSpace(detail));
        if (words is not null) Assert.Contains(words, detail, StringComparison.OrdinalIgnoreCase);
    }
}

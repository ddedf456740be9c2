using System.Net;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Api;

/// <summary>The project page's questions section: a refusal beside its form with the words kept, setting aside, and staff hiding an answer.</summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class BriefQuestionsPageTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task A_refused_question_comes_back_beside_its_form_with_the_words_kept_and_nothing_asked()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Page Asked");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Page Asker");
        var projectId = await buyer.OpenProjectAsync("Bakery logo, page questions");
        var tooLong = "Can the logo " + new string('o', 1000) + "?";

        using var response = await PostAsync(creative, projectId, "Ask", new() { ["question"] = tooLong });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var section = HandoverOutcomePageTests.Section(html, "data-ask");
        Assert.Contains("Your question is too long (at most 1000 characters).", section);
        Assert.Contains(tooLong, section);
        Assert.Equal(0, (await QuestionsAsync(buyer, projectId)).GetArrayLength());
    }

    [Fact]
    public async Task The_buyer_sets_a_question_aside_on_the_page_and_only_its_asker_reads_that_it_was_not_answered()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Page Setter");
        using var asker = await ApiSession.SignUpAsync(app, "creative", "Page Curious");
        using var other = await ApiSession.SignUpAsync(app, "creative", "Page Other");
        var projectId = await buyer.OpenProjectAsync("Bakery logo, set aside");
        await asker.ReadAsync(await asker.PostJsonAsync($"/api/v1/projects/{projectId}/questions", new { text = "What is your printing budget?" }), HttpStatusCode.Created);

        using var response = await PostAsync(buyer, projectId, "SetAside", new() { ["number"] = "1" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/projects/{projectId}#questions", response.Headers.Location!.OriginalString);
        var askerPage = await asker.Http.GetStringAsync($"/projects/{projectId}");
        Assert.Contains("The buyer did not answer this publicly. Design to the brief and the answers above.", askerPage);
        Assert.DoesNotContain("What is your printing budget?", await other.Http.GetStringAsync($"/projects/{projectId}"));
        Assert.DoesNotContain("Answer for everyone", await buyer.Http.GetStringAsync($"/projects/{projectId}"));
    }

    [Fact]
    public async Task Staff_hide_an_answer_from_the_page_and_only_staff_read_it_with_the_reason()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Page Answerer");
        using var asker = await ApiSession.SignUpAsync(app, "creative", "Page Inquirer");
        using var staff = await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        var projectId = await buyer.OpenProjectAsync("Bakery logo, hidden answer");
        await asker.ReadAsync(await asker.PostJsonAsync($"/api/v1/projects/{projectId}/questions", new { text = "Can we talk on the phone?" }), HttpStatusCode.Created);
        await buyer.ReadAsync(await buyer.PostJsonAsync($"/api/v1/projects/{projectId}/questions/1/answer", new { text = "Call me on 555-0199." }));
        Assert.Contains("Call me on 555-0199.", await asker.Http.GetStringAsync($"/projects/{projectId}"));

        using var response = await PostAsync(staff, projectId, "Hide", new() { ["part"] = "Answer", ["number"] = "1", ["reason"] = "Contact details stay on the site." });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("555-0199", await asker.Http.GetStringAsync($"/projects/{projectId}"));
        Assert.DoesNotContain("555-0199", await app.NewApiClient().GetStringAsync($"/projects/{projectId}"));
        var staffPage = await staff.Http.GetStringAsync($"/projects/{projectId}");
        Assert.Contains("Call me on 555-0199.", staffPage);
        Assert.Contains("Contact details stay on the site.", staffPage);
        Assert.Contains("Page Inquirer", staffPage);
    }

    [Fact]
    public async Task Staff_show_a_hidden_clarification_again_from_the_page_a_missing_note_is_refused_beside_its_form_and_the_record_keeps_both()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Page Clarifier");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Page Reader");
        using var staff = await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        var projectId = await buyer.OpenProjectAsync("Bakery logo, shown again");
        await buyer.ReadAsync(await buyer.PostJsonAsync($"/api/v1/projects/{projectId}/clarifications", new { text = "The van is dark green." }), HttpStatusCode.Created);
        await staff.ReadAsync(await staff.PostJsonAsync($"/api/v1/projects/{projectId}/clarifications/1/hide", new { reason = "Hid the wrong one." }));
        Assert.DoesNotContain("The van is dark green.", await creative.Http.GetStringAsync($"/projects/{projectId}"));
        var hiddenForStaff = await staff.Http.GetStringAsync($"/projects/{projectId}");
        Assert.Contains("data-clarification-hidden=\"1\"", hiddenForStaff);
        Assert.Contains("Show the clarification again", hiddenForStaff);

        using var refused = await PostAsync(staff, projectId, "ShowAgain", new() { ["part"] = "Clarification", ["number"] = "1", ["note"] = " " });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var section = HandoverOutcomePageTests.Section(await refused.Content.ReadAsStringAsync(), "data-show-again");
        Assert.Contains("Please give a note for the record (why it is shown again).", section);

        using var shown = await PostAsync(staff, projectId, "ShowAgain", new() { ["part"] = "Clarification", ["number"] = "1", ["note"] = "It breaks no rule." });

        Assert.Equal(HttpStatusCode.Redirect, shown.StatusCode);
        Assert.Contains("The van is dark green.", await creative.Http.GetStringAsync($"/projects/{projectId}"));
        Assert.DoesNotContain("It breaks no rule.", await creative.Http.GetStringAsync($"/projects/{projectId}"));
        var staffPage = WebUtility.HtmlDecode(await staff.Http.GetStringAsync($"/projects/{projectId}"));
        Assert.Matches("Hidden by .+ on .+: “?Hid the wrong one\\.", staffPage.Replace("<q>", "").Replace("</q>", ""));
        Assert.Contains("It breaks no rule.", staffPage);
        Assert.DoesNotContain("data-clarification-hidden", staffPage);
        using var again = await PostAsync(staff, projectId, "ShowAgain", new() { ["part"] = "Clarification", ["number"] = "1", ["note"] = "Another note." });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("Clarification #1 is not hidden, so there is nothing to show again.", WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()));
    }

    private static async Task<HttpResponseMessage> PostAsync(ApiSession session, string projectId, string handler, Dictionary<string, string> form)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/projects/{projectId}?handler={handler}") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-XSRF-TOKEN", await session.AntiforgeryTokenAsync());
        return await session.Http.SendAsync(request);
    }

    private static async Task<System.Text.Json.JsonElement> QuestionsAsync(ApiSession buyer, string projectId) =>
        (await buyer.ReadAsync(await buyer.Http.GetAsync($"/api/v1/projects/{projectId}/questions"))).GetProperty("questions");
}

using System.Net;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Api;

/// <summary>Questions about the brief through the JSON API: words that are missing or too long are a 400 that says so, and nothing is kept.</summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class BriefQuestionsApiTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task Empty_or_too_long_questions_answers_and_clarifications_get_a_400_naming_the_limit_and_keep_nothing()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Len Limits");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Cal Counter");
        var projectId = await buyer.OpenProjectAsync("Bakery logo with limits");
        var api = $"/api/v1/projects/{projectId}";

        var emptyQuestion = await Problem(creative, api + "/questions", new { text = "  " });
        var longQuestion = await Problem(creative, api + "/questions", new { text = new string('q', 1001) });
        var missingQuestion = await Problem(creative, api + "/questions", new { });
        var asked = await creative.ReadAsync(await creative.PostJsonAsync(api + "/questions", new { text = new string('q', 1000) }), HttpStatusCode.Created);
        var number = asked.GetProperty("number").GetInt32();
        var emptyAnswer = await Problem(buyer, $"{api}/questions/{number}/answer", new { text = "" });
        var longAnswer = await Problem(buyer, $"{api}/questions/{number}/answer", new { text = new string('a', 2001) });
        var longClarification = await Problem(buyer, api + "/clarifications", new { text = new string('c', 2001) });

        Assert.Equal("Please give your question.", emptyQuestion);
        Assert.Equal("Your question is too long (at most 1000 characters).", longQuestion);
        Assert.Equal("Please give your question.", missingQuestion);
        Assert.Equal("Please give an answer.", emptyAnswer);
        Assert.Equal("An answer is too long (at most 2000 characters).", longAnswer);
        Assert.Equal("The clarification is too long (at most 2000 characters).", longClarification);
        var view = await buyer.ReadAsync(await buyer.Http.GetAsync(api + "/questions"));
        var only = Assert.Single(view.GetProperty("questions").EnumerateArray());
        Assert.Equal(("Unanswered", 1000), (only.GetProperty("status").GetString(), only.GetProperty("text").GetString()!.Length));
        Assert.Equal(0, view.GetProperty("clarifications").GetArrayLength());
    }

    private static async Task<string> Problem(ApiSession session, string url, object body)
    {
        using var response = await session.PostJsonAsync(url, body);
        var problem = await session.ReadAsync(response, HttpStatusCode.BadRequest);
        return problem.GetProperty("detail").GetString()!;
    }
}

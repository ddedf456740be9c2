using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Marketplace.Web.Tests.Browser.Journey;

namespace Marketplace.Web.Tests.Browser;

/// <summary>
/// Questions about the brief on a 390 px phone: a creative asks, the buyer answers, and another creative reads the answer
/// under the brief and in the submit page's folded brief; axe checks the section for the buyer and for creatives.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class BriefQuestionsPhoneTests(MarketplaceAppFixture app)
{
    // One long unbroken word, as people paste links and colour codes: it must wrap, not widen the page.
    private const string Question = "Are the colours fixed? Our printer asked about pantone-7527C-warm-grey-or-pantone-4625C-dark-brown-for-the-cups.";
    private const string Answer = "Earthy colours first: terracotta, wheat and a deep brown. One small accent is fine if it works in one colour.";

    [Fact]
    public async Task A_creative_asks_the_buyer_answers_and_another_creative_reads_it_on_the_project_and_submit_pages()
    {
        using var buyerApi = await ApiSession.SignUpAsync(app, "buyer", "Beatrix Questionworth-Answers");
        using var askerApi = await ApiSession.SignUpAsync(app, "creative", "Ada Asker");
        using var readerApi = await ApiSession.SignUpAsync(app, "creative", "Rey Reader");
        var projectId = await buyerApi.OpenProjectAsync("Bakery logo with a question or two about the brief");
        await readerApi.SubmitEntryAsync(projectId, DemoArt.Logo("Crumb", "entry", 2, 400, 300));

        await using (var askerContext = await app.NewContextAsync(phone: true, phoneWidth: 390))
        {
            var asker = await askerContext.NewPageAsync();
            await SignInAsync(asker, askerApi.Email);
            await asker.GotoAsync($"/projects/{projectId}");
            await asker.FillAsync("#ask-question", Question);
            await ExpectTallEnoughAsync(asker.GetByRole(AriaRole.Button, new() { Name = "Ask the buyer" }));
            await asker.GetByRole(AriaRole.Button, new() { Name = "Ask the buyer" }).ClickAsync();
            await ShouldSeeAsync(asker, "Your question is with the buyer.");
            await Assertions.Expect(asker.Locator("[data-waiting] [data-question]")).ToContainTextAsync("Waiting for the buyer’s answer");
            await ExpectFitsAsync(asker, "the asker's question waiting");
        }

        await using (var buyerContext = await app.NewContextAsync(phone: true, phoneWidth: 390))
        {
            var buyer = await buyerContext.NewPageAsync();
            await SignInAsync(buyer, buyerApi.Email);
            await buyer.GotoAsync($"/projects/{projectId}");
            await Assertions.Expect(buyer.Locator("[data-waiting]")).ToContainTextAsync("pantone-7527C");
            await ExpectFitsAsync(buyer, "the buyer's question to answer");
            await ShotAsync(buyer, "94-brief-question-to-answer-phone");
            await buyer.FillAsync("#answer-1", Answer);
            var answerButton = buyer.GetByRole(AriaRole.Button, new() { Name = "Answer for everyone" });
            await ExpectTallEnoughAsync(answerButton);
            await ExpectTallEnoughAsync(buyer.GetByRole(AriaRole.Button, new() { Name = "Set aside" }));
            await answerButton.ClickAsync();
            await ShouldSeeAsync(buyer, "Your answer is under the brief for every creative.");
            await Assertions.Expect(buyer.Locator("[data-waiting]")).ToHaveCountAsync(0);
        }

        await using var readerContext = await app.NewContextAsync(phone: true, phoneWidth: 390);
        var reader = await readerContext.NewPageAsync();
        await SignInAsync(reader, readerApi.Email);
        await reader.GotoAsync($"/projects/{projectId}");
        var qa = reader.Locator("#questions [data-qa]");
        await Assertions.Expect(qa).ToContainTextAsync(Question);
        await Assertions.Expect(qa).ToContainTextAsync(Answer);
        await Assertions.Expect(reader.Locator("#questions")).Not.ToContainTextAsync("Ada Asker");
        await ExpectFitsAsync(reader, "an answered question");
        await ShotAsync(reader, "95-brief-question-answered-phone");

        await reader.GotoAsync($"/projects/{projectId}/submit");
        await Assertions.Expect(reader.Locator("[data-brief] summary")).ToContainTextAsync("1 answer from the buyer");
        await reader.ClickAsync("[data-brief] summary");
        await Assertions.Expect(reader.Locator("[data-brief] [data-qa]")).ToContainTextAsync(Answer);
        await ExpectFitsAsync(reader, "the submit page's brief with its answer");

        // The section as the buyer sees it with a question waiting and the clarification form, and as creatives see it.
        await askerApi.ReadAsync(await askerApi.PostJsonAsync($"/api/v1/projects/{projectId}/questions", new { text = "Can the name be stacked?" }), System.Net.HttpStatusCode.Created);
        var forBuyer = await Axe.ViolationsAsync(app, page => SignInAsync(page, buyerApi.Email), 390,
            new PageCheck($"/projects/{projectId}", "a question to answer, an answer and the clarification form"));
        var forCreatives = await Axe.ViolationsAsync(app, page => SignInAsync(page, askerApi.Email), 390,
            new PageCheck($"/projects/{projectId}", "the asker's question waiting, an answer and the form to ask"),
            new PageCheck($"/projects/{projectId}/submit", "the folded brief with its answer"));
        Axe.AssertNone([.. forBuyer, .. forCreatives]);
    }

    private static async Task ExpectTallEnoughAsync(ILocator button)
    {
        var box = await button.BoundingBoxAsync();
        Assert.True(box is { Height: >= 44 }, $"The button is {box?.Height} px tall on a 390 px phone; at least 44 px is needed.");
    }

    private static async Task ExpectFitsAsync(IPage page, string state)
    {
        var tooWide = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 391).slice(0, 5).map(e => e.tagName + '.' + e.className)");
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 390 && tooWide.Length == 0, $"The page ({state}) is {scrollWidth} px wide on a 390 px phone: {string.Join(", ", tooWide)}");
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Marketplace.Contracts.Escrow;
using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Api;

/// <summary>
/// A buyer's draft and a project nobody has entered, on the site: the buyer corrects the draft before paying, and calls
/// off a draft or an untouched open project (prize refunded in full). Nobody else can, an open brief is not edited, and a
/// project with an entry is cancelled only by staff. Refused forms come back with the reason and what was typed. "My
/// projects" says what arrived in each running contest.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed partial class DraftPageTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task The_buyer_edits_her_draft_before_paying_a_bad_prize_comes_back_with_her_words_and_nobody_else_can_edit_it()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Nina Draft");
        var id = await DraftAsync(buyer, "Logo for a flower stal");

        var form = await buyer.Http.GetStringAsync($"/buyer/projects/{id}/edit");
        Assert.Contains("value=\"Logo for a flower stal\"", form);
        Assert.Contains("value=\"300\"", form);

        var tooSmall = await PostAsync(buyer, $"/buyer/projects/{id}/edit", form, Fields("Logo for Nina's flower stall", "20"));
        Assert.Equal(HttpStatusCode.BadRequest, tooSmall.StatusCode);
        var refusedPage = await tooSmall.Content.ReadAsStringAsync();
        Assert.Contains("The prize must be at least $50.", refusedPage);
        Assert.Contains("value=\"Logo for Nina&#x27;s flower stall\"", refusedPage);
        Assert.Equal("Logo for a flower stal", (await ProjectAsync(buyer, id)).GetProperty("brief").GetProperty("title").GetString());

        // Each field's own error sits under it, not only in the list at the top that a phone has scrolled past.
        var empty = await PostAsync(buyer, $"/buyer/projects/{id}/edit", form, Fields("", "lots"));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var emptyPage = await empty.Content.ReadAsStringAsync();
        Assert.Matches("<input[^>]*id=\"Title\"[^>]*>\\s*<span class=\"field-error\" data-field-error=\"Title\">Give the project a title.</span>", emptyPage);
        Assert.Matches("<input[^>]*id=\"Prize\"[^>]*>\\s*<span class=\"field-error\" data-field-error=\"Prize\">Enter the prize as a number of dollars, like 250 or 249.99.</span>", emptyPage);
        Assert.DoesNotContain("data-field-error=\"Category\"", emptyPage);
        // The list at the top follows the form, top to bottom, each linked to its field, which it describes to screen readers.
        Assert.Matches("data-errors role=\"alert\">\\s*<ul>\\s*<li id=\"Title-error\"><a href=\"#Title\">Give the project a title.</a></li>\\s*<li id=\"Prize-error\"><a href=\"#Prize\">", emptyPage);
        Assert.Matches("<input[^>]*id=\"Title\"[^>]*aria-invalid=\"true\"[^>]*aria-describedby=\"Title-error\"", emptyPage);

        var saved = await PostAsync(buyer, $"/buyer/projects/{id}/edit", form, Fields("Logo for Nina's flower stall", "$1,250.50", "SVG"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/projects/{id}", saved.Headers.Location?.ToString());
        var project = await ProjectAsync(buyer, id);
        Assert.Equal("Logo for Nina's flower stall", project.GetProperty("brief").GetProperty("title").GetString());
        Assert.Equal(125_050, project.GetProperty("prize").GetProperty("minor").GetInt64());
        Assert.Equal(["SVG"], project.GetProperty("brief").GetProperty("deliverableFormats").EnumerateArray().Select(f => f.GetString()));
        var draftPage = await buyer.Http.GetStringAsync($"/projects/{id}");
        Assert.Contains("Your changes are saved.", draftPage);
        Assert.Contains($"href=\"/buyer/projects/{id}/edit\"", draftPage);
        Assert.Contains($"href=\"/buyer/projects/{id}/edit\"", await buyer.Http.GetStringAsync($"/buyer/projects/{id}/fund"));

        // Another buyer does not learn the draft exists; a creative is not a buyer; the page's post is refused too.
        using var other = await ApiSession.SignUpAsync(app, "buyer", "Otto Other");
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync($"/buyer/projects/{id}/edit")).StatusCode);
        var otherForm = await other.Http.GetStringAsync("/buyer/projects/new");
        var forged = await PostAsync(other, $"/buyer/projects/{id}/edit", otherForm, Fields("Hijacked brief title", "60"));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Cleo Creative");
        var creativeTry = await creative.Http.GetAsync($"/buyer/projects/{id}/edit");
        Assert.Equal(HttpStatusCode.Redirect, creativeTry.StatusCode);
        Assert.Equal("/error/403", creativeTry.Headers.Location?.AbsolutePath);
        Assert.Equal("Logo for Nina's flower stall", (await ProjectAsync(buyer, id)).GetProperty("brief").GetProperty("title").GetString());

        // Once open, creatives enter against the brief: the page sends her back, and a stale form is refused (409).
        await buyer.ReadAsync(await buyer.Http.PostAsync($"/api/v1/projects/{id}/open", null));
        var afterOpen = await buyer.Http.GetAsync($"/buyer/projects/{id}/edit");
        Assert.Equal(HttpStatusCode.Redirect, afterOpen.StatusCode);
        Assert.Contains("its brief can no longer be changed", await buyer.Http.GetStringAsync($"/projects/{id}"));
        var stale = await PostAsync(buyer, $"/buyer/projects/{id}/edit", form, Fields("A brief changed after opening", "300"));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("Logo for Nina's flower stall", (await ProjectAsync(buyer, id)).GetProperty("brief").GetProperty("title").GetString());
    }

    [Fact]
    public async Task Saving_a_draft_written_through_the_api_keeps_a_selection_window_and_a_format_the_form_does_not_usually_offer()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Api Annie");
        var id = await DraftAsync(buyer, "Label for a print shop", selectionDays: 10, formats: ["PNG", "TIFF"]);

        var form = await buyer.Http.GetStringAsync($"/buyer/projects/{id}/edit");
        Assert.Matches("<option value=\"10\" selected=\"selected\">10 days</option>", form);
        Assert.Matches("<input type=\"checkbox\" name=\"DeliverableFormats\" value=\"TIFF\" checked=\"checked\"", form);

        var fields = Fields("Label for a print shop, v2", "300", "TIFF");
        fields["SelectionDays"] = "10";
        var saved = await PostAsync(buyer, $"/buyer/projects/{id}/edit", form, fields);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var project = await ProjectAsync(buyer, id);
        Assert.Equal(["TIFF"], project.GetProperty("brief").GetProperty("deliverableFormats").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(TimeSpan.FromDays(10), TimeSpan.Parse(project.GetProperty("selectionWindow").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_buyer_cancels_a_draft_and_an_open_project_nobody_entered_with_the_prize_refunded_but_not_one_with_an_entry()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Cass Cancel");
        using var other = await ApiSession.SignUpAsync(app, "buyer", "Olly Other");

        var draft = await DraftAsync(buyer, "A draft she no longer needs");
        var draftPage = await buyer.Http.GetStringAsync($"/projects/{draft}");
        Assert.Contains("Cancel this draft", draftPage);
        var cancelledDraft = await PostAsync(buyer, $"/projects/{draft}?handler=Cancel", draftPage, []);
        Assert.Equal(HttpStatusCode.Redirect, cancelledDraft.StatusCode);
        Assert.Equal("/buyer/projects", cancelledDraft.Headers.Location?.ToString());
        Assert.Contains("It was a draft, so nothing was charged.", await buyer.Http.GetStringAsync("/buyer/projects"));
        Assert.Equal("Cancelled", (await ProjectAsync(buyer, draft)).GetProperty("state").GetString());
        Assert.Equal(0, (await EscrowAsync(draft)).Funded.Minor);

        var open = await buyer.OpenProjectAsync("An open project nobody entered");
        var openPage = await buyer.Http.GetStringAsync($"/projects/{open}");
        Assert.Contains("Cancel and refund $300", openPage);
        Assert.Contains("No entries yet. You'll hear of each one in your notifications and by email as it arrives.", System.Net.WebUtility.HtmlDecode(openPage));
        Assert.DoesNotContain("Open an entry to rate", openPage);
        Assert.DoesNotContain("data-cancel-project", await other.Http.GetStringAsync($"/projects/{open}"));

        var forged = await PostAsync(other, $"/projects/{open}?handler=Cancel", await other.Http.GetStringAsync($"/projects/{open}"), new() { ["reason"] = "Not mine to cancel." });
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        var noReason = await PostAsync(buyer, $"/projects/{open}?handler=Cancel", openPage, new() { ["reason"] = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Matches(CancelFormWithRefusal(), await noReason.Content.ReadAsStringAsync());
        Assert.Equal("Open", (await ProjectAsync(buyer, open)).GetProperty("state").GetString());

        var cancelled = await PostAsync(buyer, $"/projects/{open}?handler=Cancel", openPage, new() { ["reason"] = "We found a local designer." });
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Contains("your $300 prize is refunded in full", await buyer.Http.GetStringAsync("/buyer/projects"));
        var escrow = await EscrowAsync(open);
        Assert.Equal(30_000, escrow.Refunded.Minor);
        Assert.Equal(0, escrow.Held.Minor);

        // With an entry in the gallery the creative is owed a contest: no form, and the grain refuses the post.
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Eli Entered");
        var entered = await buyer.OpenProjectAsync("An open project with an entry");
        await creative.SubmitEntryAsync(entered, DemoArt.Logo("Entered", "entry", 3, 400, 300));
        var enteredPage = await buyer.Http.GetStringAsync($"/projects/{entered}");
        Assert.DoesNotContain("data-cancel-project", enteredPage);
        var refused = await PostAsync(buyer, $"/projects/{entered}?handler=Cancel", enteredPage, new() { ["reason"] = "Changed my mind." });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("Creatives have already entered this project", await refused.Content.ReadAsStringAsync());
        Assert.Equal(30_000, (await EscrowAsync(entered)).Held.Minor);
    }

    [Fact]
    public async Task My_projects_says_how_many_entries_each_running_contest_has_and_links_to_them_once_there_are_some()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Cora Counter");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Eve Entrant");
        var quiet = await buyer.OpenProjectAsync("A contest nobody entered yet");
        var busy = await buyer.OpenProjectAsync("A contest with two entries");
        await creative.SubmitEntryAsync(busy, DemoArt.Logo("Busy", "one", 5, 400, 300));
        await creative.SubmitEntryAsync(busy, DemoArt.Logo("Busy", "two", 6, 400, 300));

        var list = await buyer.Http.GetStringAsync("/buyer/projects");
        string Row(string id) => RowOf(list, id);
        Assert.Contains("<li data-entry-count>no entries yet</li>", Row(quiet));
        Assert.DoesNotContain("See the entries", Row(quiet));
        Assert.Contains("<li data-entry-count>2 entries</li>", Row(busy));
        Assert.Contains($"href=\"/projects/{busy}#entries\" aria-label=\"See the entries of A contest with two entries\">See the entries</a>", Row(busy));
    }

    /// <summary>One project's row of "My projects".</summary>
    private static string RowOf(string list, string projectId)
    {
        var start = list.IndexOf($"data-project=\"{projectId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"{projectId} is not in the list");
        var end = list.IndexOf("data-project=", start + 1, StringComparison.Ordinal);
        return end < 0 ? list[start..] : list[start..end];
    }

    private static async Task<string> DraftAsync(ApiSession buyer, string title, int selectionDays = 7, string[]? formats = null)
    {
        var created = await buyer.ReadAsync(await buyer.PostJsonAsync("/api/v1/projects", new
        {
            title,
            description = "A friendly logo for a market flower stall, used on a sign and on paper bags.",
            category = "logo",
            prize = 30_000,
            currency = "USD",
            entryDeadline = DateTimeOffset.UtcNow.AddDays(10),
            selectionDays,
            allowEarlyAward = true,
            deliverableFormats = formats ?? ["PNG", "PDF"],
        }), HttpStatusCode.Created);
        return created.GetProperty("id").GetString()!;
    }

    private static Dictionary<string, string> Fields(string title, string prize, string format = "PNG") => new()
    {
        ["Title"] = title,
        ["Category"] = "logo",
        ["Description"] = "A friendly logo for a market flower stall, used on a sign and on paper bags.",
        ["Prize"] = prize,
        ["EntryDeadline"] = DateTime.UtcNow.AddDays(12).ToString("yyyy-MM-dd"),
        ["SelectionDays"] = "7",
        ["DeliverableFormats"] = format,
    };

    private static async Task<System.Text.Json.JsonElement> ProjectAsync(ApiSession buyer, string id) =>
        await buyer.ReadAsync(await buyer.Http.GetAsync($"/api/v1/projects/{id}"));

    private Task<EscrowStatement> EscrowAsync(string projectId) => app.Grains.GetGrain<IEscrowGrain>(projectId).GetStatementAsync();

    private static Task<HttpResponseMessage> PostAsync(ApiSession session, string url, string pageHtml, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = AntiforgeryField().Match(pageHtml).Groups[1].Value;
        return session.Http.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("<details[^>]* open=\"open\"[^>]*data-cancel-project>(?:(?!</form>).)*data-refusal><strong>Not done:</strong> [^<]*reason", RegexOptions.Singleline)]
    private static partial Regex CancelFormWithRefusal();
}

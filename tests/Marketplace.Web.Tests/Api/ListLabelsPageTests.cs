using System.Net;
using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Api;

/// <summary>
/// The list pages and labels read the grains' real state: a losing entry is "Not chosen" and takes no more comments,
/// won handovers name their project and whose turn it is, the buyer's list links to the handover, staff read words
/// instead of enum names, and a draft never claims money in escrow.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class ListLabelsPageTests(MarketplaceAppFixture app)
{
    private static async Task<string> PageAsync(ApiSession session, string path) => TimeTagsOut(WebUtility.HtmlDecode(await session.Http.GetStringAsync(path)));

    private static Task<string> EnterAsync(ApiSession creative, string projectId, string title) =>
        creative.SubmitEntryAsync(projectId, DemoArt.Logo(title, "entry", 3, 400, 300));

    [Fact]
    public async Task After_the_buyer_awards_another_entry_the_losing_entry_reads_not_chosen_and_its_comments_are_closed()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Bea Buyer");
        using var winner = await ApiSession.SignUpAsync(app, "creative", "Mira Winner");
        using var loser = await ApiSession.SignUpAsync(app, "creative", "Dev Loser");
        var projectId = await buyer.OpenProjectAsync("Crumb bakery logo");
        var winning = await EnterAsync(winner, projectId, "Crumb");
        var losing = await EnterAsync(loser, projectId, "Crumb");
        Assert.Contains("In the running", await PageAsync(loser, "/creative/entries"));

        await buyer.ReadAsync(await buyer.PostJsonAsync($"/api/v1/projects/{projectId}/award", new { entryId = winning }));

        var entryPage = await PageAsync(loser, "/entries/" + losing);
        Assert.Contains("Not chosen", entryPage);
        Assert.DoesNotContain("In the running", entryPage);
        Assert.Contains("comments on this entry are closed", entryPage);
        Assert.DoesNotContain("handler=Comment", entryPage);
        var list = await PageAsync(loser, "/creative/entries");
        Assert.Contains("Not chosen", list);
        Assert.DoesNotContain("In the running", list);
        var refused = await loser.PostJsonAsync($"/api/v1/entries/{losing}/comments", new { text = "Why not mine?" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("comments on this entry are closed", await refused.Content.ReadAsStringAsync());
        Assert.Contains("Winner", await PageAsync(winner, "/entries/" + winning));
    }

    [Fact]
    public async Task Won_handover_cards_and_the_buyers_projects_name_the_project_whose_turn_it_is_and_link_to_the_handover()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Bea Turns");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Mira Turns");
        var wrapUpId = await StaffedHandover.AwardedAsync(buyer, creative, "Spokes bike shop logo");
        var api = "/api/v1/wrapups/" + wrapUpId;

        var won = await PageAsync(creative, "/creative/entries");
        Assert.Contains("Spokes bike shop logo", won);
        Assert.Contains("Your turn: upload the final files", won);
        Assert.Contains("Waiting for the creative's final files", await PageAsync(buyer, "/buyer/projects"));

        await creative.ReadAsync(await StaffedHandover.PostDeliveryAsync(creative, wrapUpId, StaffedHandover.DefaultFinals("Spokes")));

        var projects = await PageAsync(buyer, "/buyer/projects");
        Assert.Contains("Your turn: review the files", projects);
        Assert.Contains($"href=\"/wrapups/{wrapUpId}\"", projects);
        Assert.Contains("Waiting for the buyer's review", await PageAsync(creative, "/creative/entries"));

        await buyer.ReadAsync(await buyer.PostJsonAsync(api + "/approve", new { note = (string?)null }));
        var version = (await buyer.ReadAsync(await buyer.Http.GetAsync(api))).GetProperty("agreementVersion").GetString();
        await buyer.ReadAsync(await buyer.PostJsonAsync(api + "/sign", new { agreementVersion = version }));
        await creative.ReadAsync(await creative.PostJsonAsync(api + "/sign", new { agreementVersion = version }));

        var done = await PageAsync(creative, "/creative/entries");
        Assert.Matches(@"Complete — paid \$\d", done);
        // The finished handover stays one click away: the record of what was delivered, with the downloads.
        var completed = await PageAsync(buyer, "/buyer/projects");
        Assert.Contains($"<a class=\"button small secondary\" href=\"/wrapups/{wrapUpId}\" aria-label=\"Files and handover record of Spokes bike shop logo\">Files and handover record</a>", completed);
        Assert.DoesNotContain("Open the handover", completed);
    }

    [Fact]
    public async Task A_disputed_handover_reads_disputed_in_the_lists_and_staff_read_plain_words_for_its_step_and_stage()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Bea Disputes");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Mira Disputed");
        var wrapUpId = await StaffedHandover.AwardedAsync(buyer, creative, "Tide surf school logo");
        await creative.ReadAsync(await StaffedHandover.PostDeliveryAsync(creative, wrapUpId, StaffedHandover.DefaultFinals("Tide")));

        await buyer.ReadAsync(await buyer.PostJsonAsync($"/api/v1/wrapups/{wrapUpId}/disputes", new { reason = "The files are not the design I awarded." }));

        Assert.Contains("Disputed — with Marketplace support", await PageAsync(creative, "/creative/entries"));
        Assert.Contains("Disputed — with Marketplace support", await PageAsync(buyer, "/buyer/projects"));
        using var staff = await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        var queue = await PageAsync(staff, "/staff");
        Assert.Contains("Step: disputed (on hold at: buyer reviewing)", queue);
        var casePage = await PageAsync(staff, "/staff/cases/" + wrapUpId);
        Assert.Contains("Stage: waiting for the other party's answer", casePage);
        Assert.DoesNotContain("AwaitingAnswer", casePage);
        Assert.DoesNotContain("Stage: AwaitingStaff", casePage);
    }

    [Fact]
    public async Task A_draft_says_not_funded_yet_never_in_escrow_and_the_buyers_own_projects_breadcrumb_leads_to_my_projects_open_or_not()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Oscar Drafts");
        var draft = await buyer.ReadAsync(await buyer.PostJsonAsync("/api/v1/projects", new
        {
            title = "Honey jar label",
            description = "A label for our small-batch honey jars, warm and handmade.",
            category = "packaging",
            prize = 20_000,
            currency = "USD",
            entryDeadline = DateTimeOffset.UtcNow.AddDays(10),
            selectionDays = 7,
            allowEarlyAward = false,
            deliverableFormats = new[] { "PDF" },
        }), HttpStatusCode.Created);

        var page = await PageAsync(buyer, "/projects/" + draft.GetProperty("id").GetString());

        Assert.Contains("Draft — not funded yet", page);
        Assert.DoesNotContain("· in escrow", page);
        Assert.Contains("<a href=\"/buyer/projects\">My projects</a> ›", page);
        Assert.DoesNotContain("<a href=\"/projects\">Open projects</a>", page);
        // Open, it is still the buyer's own project, found under "My projects"; a creative came to it from the open projects.
        var openId = await buyer.OpenProjectAsync("Honey shop sign");
        var open = await PageAsync(buyer, "/projects/" + openId);
        Assert.Contains("<a href=\"/buyer/projects\">My projects</a> ›", open);
        Assert.DoesNotContain("<a href=\"/projects\">Open projects</a>", open);
        Assert.Contains("· in escrow", open);
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Cleo Crumbs");
        Assert.Contains("<a href=\"/projects\">Open projects</a> ›", await PageAsync(creative, "/projects/" + openId));
    }

    [Fact]
    public async Task Awaited_files_say_when_they_were_asked_for_when_the_creative_is_reminded_and_by_when_they_deliver_in_my_projects_and_on_both_sides_of_the_handover()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Wanda Waiting");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Sol Slow");
        var wrapUpId = await StaffedHandover.AwardedAsync(buyer, creative, "Slow files " + Guid.NewGuid().ToString("N")[..4]);
        var view = await app.Grains.GetGrain<Marketplace.Contracts.WrapUps.IWrapUpGrain>(wrapUpId)
            .GetAsync(new Marketplace.Contracts.Actor(buyer.UserId, Marketplace.Contracts.UserRoles.Buyer));
        var asked = view.Timeline.Single(t => t.Kind == "Started").At;
        var remind = Assert.IsType<DateTimeOffset>(view.ReminderDueAt);
        Assert.True(remind > asked);

        var expected = $"Files asked for on {Marketplace.Web.Presentation.Display.Date(asked, TimeZoneInfo.Utc)}; if none arrive, Marketplace reminds the creative on {Marketplace.Web.Presentation.Display.Date(remind, TimeZoneInfo.Utc)}.";
        Assert.Contains($"<p class=\"muted small m-0\" data-files-awaited>{expected}</p>", await PageAsync(buyer, "/buyer/projects"));
        Assert.Contains($"<p class=\"muted small\" data-files-awaited>{expected}</p>", await PageAsync(buyer, "/wrapups/" + wrapUpId));
        // The creative, who is the one reminded, reads the same dates beside their upload button.
        var toCreative = expected.Replace("reminds the creative on", "reminds you on", StringComparison.Ordinal);
        Assert.Contains($"<p class=\"muted small\" data-files-awaited>{toCreative}</p>", await PageAsync(creative, "/wrapups/" + wrapUpId));

        // Both read the date by which the winner should deliver, after which staff step in (the stall clock's second limit).
        var due = Marketplace.Web.Presentation.Display.DateTime(Assert.IsType<DateTimeOffset>(view.StaffStepInAt), TimeZoneInfo.Utc);
        Assert.Contains($"<p data-files-due><strong>Sol Slow has until {due} to upload them.</strong> If they don't, Marketplace support steps in to help finish the handover.</p>",
            await PageAsync(buyer, "/wrapups/" + wrapUpId));
        Assert.Contains($"<p data-files-due><strong>Upload them by {due}.</strong> After that, Marketplace support steps in to help finish the handover.",
            await PageAsync(creative, "/wrapups/" + wrapUpId));
    }

    [Fact]
    public async Task My_entries_says_not_rated_yet_only_while_the_buyer_can_still_rate()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Bea Buyer");
        using var winner = await ApiSession.SignUpAsync(app, "creative", "Mira Winner");
        using var loser = await ApiSession.SignUpAsync(app, "creative", "Dev Loser");
        var projectId = await buyer.OpenProjectAsync("Crumb bakery logo");
        var winning = await EnterAsync(winner, projectId, "Crumb");
        await EnterAsync(loser, projectId, "Crumb");
        Assert.Contains("not rated yet", await PageAsync(loser, "/creative/entries"));

        await buyer.ReadAsync(await buyer.PostJsonAsync($"/api/v1/projects/{projectId}/award", new { entryId = winning }));

        var list = await PageAsync(loser, "/creative/entries");
        Assert.Contains("Not chosen", list);
        Assert.DoesNotContain("not rated yet", list);
    }

    [Fact]
    public async Task Two_entries_to_one_contest_read_apart_in_my_entries_by_number_and_a_revision_is_counted_once()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Bea Buyer");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Tomas Twice");
        var projectId = await buyer.OpenProjectAsync("Jazz night poster");
        var first = await EnterAsync(creative, projectId, "Jazz");
        var second = await EnterAsync(creative, projectId, "Blue");
        await creative.ReviseEntryAsync(second, "Blue");
        // The withdrawal is written to the list by the entry grain, which does not know the number: it must stay.
        await creative.ReadAsync(await creative.Http.PostAsync($"/api/v1/entries/{first}/withdraw", null));

        var list = await PageAsync(creative, "/creative/entries");

        Assert.Matches($"href=\"/entries/{first}\"><strong>Jazz night poster</strong><span class=\"sr-only\"> \\(entry #1\\)</span></a>\\s*<ul class=\"meta\"><li data-entry-number>entry #1</li><li>submitted [^<]+</li></ul>", list);
        Assert.Matches($"href=\"/entries/{second}\"><strong>Jazz night poster</strong><span class=\"sr-only\"> \\(entry #2\\)</span></a>\\s*<ul class=\"meta\"><li data-entry-number>entry #2</li><li>submitted [^<]+</li><li>revised once</li>", list);
        Assert.DoesNotContain("2 revisions", list);
    }

    [Fact]
    public async Task Every_version_of_a_revised_entry_is_numbered_on_its_page()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Bea Buyer");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Vera Versions");
        var projectId = await buyer.OpenProjectAsync("Crumb bakery logo");
        var entryId = await EnterAsync(creative, projectId, "Crumb");
        Assert.DoesNotContain("Version 1", await PageAsync(buyer, "/entries/" + entryId));

        await creative.ReviseEntryAsync(entryId, "Crumb");

        var page = await PageAsync(buyer, "/entries/" + entryId);
        Assert.Contains("Version 1 · submitted · ", page);
        Assert.Contains("Version 2 · ", page);
    }
}

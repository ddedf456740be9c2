using System.Net;
using System.Text.Json;
using Marketplace.Contracts.Escrow;
using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Api;

/// <summary>The staff console's JSON API against the real silo: the actions the browser tests do not walk through.</summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class StaffApiTests(MarketplaceAppFixture app)
{
    private static object Consent(string how, string reason) => new { how, givenAt = DateTimeOffset.UtcNow.AddMinutes(-10), reason };

    [Fact]
    public async Task Staff_extend_a_deadline_propose_a_split_record_both_acceptances_and_a_retried_decision_moves_nothing_more()
    {
        var (buyer, creative, projectId, wrapUpId) = await AwardedAsync("Dispute over a menu", deliver: true);
        await buyer.ReadAsync(await buyer.PostJsonAsync($"/api/v1/wrapups/{wrapUpId}/disputes", new { reason = "Wrong prices on the menu." }));
        using var staff = await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        var api = "/api/v1/staff/cases/" + wrapUpId;
        await staff.ReadAsync(await staff.Http.PostAsync(api + "/claim", null));

        // The creative's time to answer runs; staff give them a day more, then they answer.
        const string kind = "DisputeAnswer";
        var before = (await staff.ReadAsync(await staff.Http.GetAsync(api))).GetProperty("wrapUp").GetProperty("deadlines").EnumerateArray().Single(d => d.GetProperty("kind").GetString() == kind);
        var extended = await staff.ReadAsync(await staff.PostJsonAsync(api + "/deadlines", new { deadline = kind, byHours = 24, reason = "The buyer is travelling." }));
        var after = extended.GetProperty("deadlines").EnumerateArray().Single(d => d.GetProperty("kind").GetString() == kind);
        Assert.Equal(before.GetProperty("dueAt").GetDateTimeOffset().AddHours(24), after.GetProperty("dueAt").GetDateTimeOffset());
        await creative.ReadAsync(await creative.PostJsonAsync($"/api/v1/wrapups/{wrapUpId}/disputes/answer", new { answer = "The prices were in the brief." }));

        await staff.ReadAsync(await staff.PostJsonAsync(api + "/propose", new { outcome = "Split", toCreativeMinor = 12_000, reason = "Most of the work is usable." }));
        var refused = await staff.ReadAsync(await staff.PostJsonAsync(api + "/proposal-response", new { party = "Buyer", accept = true, consent = new { how = " ", reason = "asked" } }), HttpStatusCode.Forbidden);
        Assert.Contains("consented", refused.GetProperty("detail").GetString());
        await staff.ReadAsync(await staff.PostJsonAsync(api + "/proposal-response", new { party = "Buyer", accept = true, consent = Consent("phone call with the buyer", "The buyer accepted on the phone.") }));
        var ended = await staff.ReadAsync(await staff.PostJsonAsync(api + "/proposal-response", new { party = "Creative", accept = true, consent = Consent("email from the creative", "The creative accepted by email.") }));
        Assert.Equal("Split", ended.GetProperty("outcome").GetString());
        var accepted = ended.GetProperty("timeline").EnumerateArray().Where(t => t.GetProperty("kind").GetString() == "ProposalAccepted").ToList();
        Assert.Equal([buyer.UserId, creative.UserId], accepted.Select(t => t.GetProperty("onBehalfOf").GetString()));
        Assert.All(accepted, t => Assert.False(string.IsNullOrWhiteSpace(t.GetProperty("consent").GetProperty("how").GetString())));

        var escrow = app.Grains.GetGrain<IEscrowGrain>(projectId);
        var settled = await escrow.GetStatementAsync();
        Assert.Equal((0, 18_000L), (settled.Held.Minor, settled.Refunded.Minor));
        await staff.ReadAsync(await staff.PostJsonAsync(api + "/decide", new { outcome = "Split", toCreativeMinor = 12_000, reason = "Retried." }));
        var different = await staff.ReadAsync(await staff.PostJsonAsync(api + "/decide", new { outcome = "Refunded", reason = "Changed my mind." }), HttpStatusCode.Conflict);
        Assert.Contains("already decided", different.GetProperty("detail").GetString());
        Assert.Equal(settled.Movements.Count, (await escrow.GetStatementAsync()).Movements.Count);
    }

    [Fact]
    public async Task Staff_issue_a_printer_link_whose_address_is_given_once_and_close_a_help_case_back_to_the_ordinary_path()
    {
        var (buyer, _, _, wrapUpId) = await AwardedAsync("Help with a poster", deliver: true);
        await buyer.ReadAsync(await buyer.PostJsonAsync($"/api/v1/wrapups/{wrapUpId}/help", new { message = "Please send the files to my printer." }));
        using var staff = await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        var api = "/api/v1/staff/cases/" + wrapUpId;
        await staff.ReadAsync(await staff.Http.PostAsync(api + "/claim", null));

        var link = await staff.ReadAsync(await staff.PostJsonAsync(api + "/delivery-links", new
        {
            recipientName = "Poster Print Co",
            recipientEmail = "jobs@posterprint.example",
            validForHours = 48,
            buyerConsent = Consent("message on the handover page", "The buyer asked for delivery to her printer."),
        }), HttpStatusCode.Created);
        var url = new Uri(link.GetProperty("url").GetString()!);
        Assert.StartsWith("/delivery/", url.AbsolutePath);
        var token = url.AbsolutePath["/delivery/".Length..];
        var caseText = await (await staff.Http.GetAsync(api)).Content.ReadAsStringAsync();
        Assert.DoesNotContain(Uri.UnescapeDataString(token), caseText);
        Assert.Contains("Poster Print Co", caseText);
        using var printer = app.NewApiClient();
        Assert.Contains("poster-logo.png", await printer.GetStringAsync(url.PathAndQuery));

        var closed = await staff.ReadAsync(await staff.PostJsonAsync(api + "/close", new { note = "Files are with the printer; the buyer reviews as usual." }));
        Assert.Equal(JsonValueKind.Null, closed.GetProperty("mediation").ValueKind);
        Assert.Equal("InReview", closed.GetProperty("step").GetString());
        var queue = await staff.ReadAsync(await staff.Http.GetAsync("/api/v1/staff/cases"));
        Assert.DoesNotContain(queue.EnumerateArray(), c => c.GetProperty("case").GetProperty("caseId").GetString() == wrapUpId);
        Assert.Contains("\"/api/v1/staff/cases/{projectId}/{attempt}/decide\"", await staff.Http.GetStringAsync("/api/v1/openapi.json"));
    }

    [Fact]
    public async Task Staff_find_suspend_and_reinstate_a_user_and_a_removed_user_cannot_be_reinstated()
    {
        using var person = await ApiSession.SignUpAsync(app, "creative", "Moderated Morgan");
        using var staff = await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        var users = $"/api/v1/staff/users/{person.UserId}";

        var suspended = await staff.ReadAsync(await staff.PostJsonAsync(users + "/suspend", new { reason = "Spam in comments." }));
        Assert.Equal("Suspended", suspended.GetProperty("status").GetString());
        var found = await staff.ReadAsync(await staff.Http.GetAsync($"/api/v1/staff/users?q={Uri.EscapeDataString(person.Email)}&status=Suspended"));
        Assert.Equal(person.UserId, Assert.Single(found.GetProperty("users").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(1, found.GetProperty("total").GetInt32());
        Assert.Equal("Active", (await staff.ReadAsync(await staff.Http.PostAsync(users + "/reinstate", null))).GetProperty("status").GetString());

        var noReason = await staff.ReadAsync(await staff.PostJsonAsync(users + "/remove", new { reason = "" }), HttpStatusCode.BadRequest);
        Assert.False(string.IsNullOrWhiteSpace(noReason.GetProperty("detail").GetString()));
        await staff.ReadAsync(await staff.PostJsonAsync(users + "/remove", new { reason = "Repeated spam after a warning." }));
        await staff.ReadAsync(await staff.Http.PostAsync(users + "/reinstate", null), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_removed_person_is_signed_out_of_the_session_they_had_at_their_next_request()
    {
        using var person = await ApiSession.SignUpAsync(app, "creative", "Removed Rowan");
        using var staff = await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        Assert.Equal(HttpStatusCode.OK, (await person.Http.GetAsync("/api/v1/account/me")).StatusCode);

        await staff.ReadAsync(await staff.PostJsonAsync($"/api/v1/staff/users/{person.UserId}/remove", new { reason = "Repeated spam after a warning." }));

        Assert.Equal(HttpStatusCode.Unauthorized, (await person.Http.GetAsync("/api/v1/account/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await person.Http.GetAsync("/api/v1/me/entries")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.Http.GetAsync("/api/v1/account/me")).StatusCode);
    }

    [Fact]
    public async Task Staff_remove_an_entry_through_the_api_with_a_reason_and_everyone_else_or_a_missing_reason_changes_nothing()
    {
        var buyer = await ApiSession.SignUpAsync(app, "buyer", "Staff API Buyer");
        var creative = await ApiSession.SignUpAsync(app, "creative", "Staff API Creative");
        using var staff = await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        using var anonymous = new ApiSession(app.NewApiClient());
        var projectId = await buyer.OpenProjectAsync("Removal poster " + Guid.NewGuid().ToString("N")[..6]);
        var entryId = await creative.SubmitEntryAsync(projectId, DemoArt.Logo("Poster", "entry", 3, 300, 200));
        var remove = $"/api/v1/staff/entries/{entryId}/remove";
        var body = new { reason = "Stock art passed off as original." };

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostJsonAsync(remove, body)).StatusCode);
        foreach (var refused in new[] { buyer, creative })
        {
            var problem = await refused.ReadAsync(await refused.PostJsonAsync(remove, body), HttpStatusCode.Forbidden);
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        }
        var noReason = await staff.ReadAsync(await staff.PostJsonAsync(remove, new { reason = " " }), HttpStatusCode.BadRequest);
        Assert.Equal("Please give a reason.", noReason.GetProperty("detail").GetString());
        var unknown = await staff.ReadAsync(await staff.PostJsonAsync("/api/v1/staff/entries/no-such-entry/remove", body), HttpStatusCode.NotFound);
        Assert.False(string.IsNullOrWhiteSpace(unknown.GetProperty("detail").GetString()));
        Assert.Equal("Active", (await creative.ReadAsync(await creative.Http.GetAsync($"/api/v1/entries/{entryId}/details"))).GetProperty("status").GetString());

        var removed = await staff.ReadAsync(await staff.PostJsonAsync(remove, body));

        Assert.Equal(("Removed", "Stock art passed off as original."), (removed.GetProperty("status").GetString(), removed.GetProperty("statusReason").GetString()));
        Assert.Equal(entryId, removed.GetProperty("id").GetString());
        var gallery = await buyer.ReadAsync(await buyer.Http.GetAsync($"/api/v1/projects/{projectId}/gallery"));
        Assert.DoesNotContain(gallery.GetProperty("items").EnumerateArray(), i => i.GetProperty("entryId").GetString() == entryId);
        // The buyer may still read the entry's details, but not why staff removed it.
        var buyerSees = await buyer.ReadAsync(await buyer.Http.GetAsync($"/api/v1/entries/{entryId}/details"));
        Assert.Equal(("Removed", JsonValueKind.Null), (buyerSees.GetProperty("status").GetString(), buyerSees.GetProperty("statusReason").ValueKind));
        Assert.Equal("Stock art passed off as original.", (await creative.ReadAsync(await creative.Http.GetAsync($"/api/v1/entries/{entryId}/details"))).GetProperty("statusReason").GetString());
        buyer.Dispose();
        creative.Dispose();
    }

    private async Task<(ApiSession Buyer, ApiSession Creative, string ProjectId, string WrapUpId)> AwardedAsync(string title, bool deliver)
    {
        var buyer = await ApiSession.SignUpAsync(app, "buyer", "Staff API Buyer");
        var creative = await ApiSession.SignUpAsync(app, "creative", "Staff API Creative");
        var projectId = await buyer.OpenProjectAsync(title + " " + Guid.NewGuid().ToString("N")[..6]);
        var entryId = await creative.SubmitEntryAsync(projectId, DemoArt.Logo("Poster", "entry", 3, 300, 200));
        var award = await buyer.ReadAsync(await buyer.PostJsonAsync($"/api/v1/projects/{projectId}/award", new { entryId }));
        var wrapUpId = award.GetProperty("wrapUpId").GetString()!;
        if (deliver) await creative.DeliverBriefFormatsAsync(wrapUpId, "Poster");
        return (buyer, creative, projectId, wrapUpId);
    }
}

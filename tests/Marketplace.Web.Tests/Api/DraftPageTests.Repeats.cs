using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Api;

/// <summary>
/// "Continue to payment" tapped twice (or the form sent again) makes one draft, not two; sending the same form with other
/// details changes nothing and says so. The API does the same with an Idempotency-Key.
/// </summary>
public sealed partial class DraftPageTests
{
    [Fact]
    public async Task Posting_the_new_project_form_twice_makes_one_draft_and_a_changed_resend_overwrites_nothing()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Nina Twice");
        var form = await buyer.Http.GetStringAsync("/buyer/projects/new");
        var formId = FormIdField().Match(form).Groups[1].Value;
        Assert.Matches("^p-[a-z2-9]{12}$", formId);

        var first = await PostAsync(buyer, "/buyer/projects/new", form, WithFormId(Fields("Logo for Nina's flower stall", "300"), formId));
        var second = await PostAsync(buyer, "/buyer/projects/new", form, WithFormId(Fields("Logo for Nina's flower stall", "300"), formId));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal($"/buyer/projects/{formId}/fund", first.Headers.Location!.OriginalString);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Single(await MyProjectIdsAsync(buyer));

        // Sent again after changing the title: the draft keeps its title, the page says why and links to the draft,
        // and pressing the button once more posts the new details as a project of their own.
        var changed = await PostAsync(buyer, "/buyer/projects/new", form, WithFormId(Fields("Sign for Nina's flower stall", "300"), formId));
        Assert.Equal(HttpStatusCode.BadRequest, changed.StatusCode);
        var changedPage = WebUtility.HtmlDecode(await changed.Content.ReadAsStringAsync());
        Assert.Contains("You already sent this form, and the draft it made has other details, so nothing was changed.", changedPage);
        Assert.Contains($"<a href=\"/buyer/projects/{formId}/edit\">Edit the draft this form made</a>", changedPage);
        Assert.Equal("Logo for Nina's flower stall", (await ProjectAsync(buyer, formId)).GetProperty("brief").GetProperty("title").GetString());
        var freshId = FormIdField().Match(changedPage).Groups[1].Value;
        Assert.NotEqual(formId, freshId);
        var asNew = await PostAsync(buyer, "/buyer/projects/new", changedPage, WithFormId(Fields("Sign for Nina's flower stall", "300"), freshId));
        Assert.Equal($"/buyer/projects/{freshId}/fund", asNew.Headers.Location!.OriginalString);
        Assert.Equal(2, (await MyProjectIdsAsync(buyer)).Count);

        // A form id that is not one the site mints (another project's, say) is replaced, never used.
        var foreign = await PostAsync(buyer, "/buyer/projects/new", form, WithFormId(Fields("Card for Nina's flower stall", "300"), "p-demo-crumb"));
        Assert.Equal(HttpStatusCode.Redirect, foreign.StatusCode);
        Assert.DoesNotContain("p-demo-crumb", foreign.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_api_answers_a_repeated_idempotency_key_with_the_same_draft_and_refuses_it_with_other_details()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Ida Key");
        using var other = await ApiSession.SignUpAsync(app, "buyer", "Otto Key");

        var first = await buyer.ReadAsync(await PostDraftAsync(buyer, "order-17", "Logo for a flower stall"), HttpStatusCode.Created);
        var again = await buyer.ReadAsync(await PostDraftAsync(buyer, "order-17", "Logo for a flower stall"), HttpStatusCode.Created);
        var id = first.GetProperty("id").GetString()!;
        Assert.Equal(id, again.GetProperty("id").GetString());
        Assert.Single(await MyProjectIdsAsync(buyer));

        var changed = await buyer.ReadAsync(await PostDraftAsync(buyer, "order-17", "Sign for a flower stall"), HttpStatusCode.Conflict);
        Assert.Contains("nothing was changed", changed.GetProperty("detail").GetString());
        Assert.Equal("Logo for a flower stall", (await ProjectAsync(buyer, id)).GetProperty("brief").GetProperty("title").GetString());

        // Keys are per buyer: another buyer's same key makes their own draft.
        var theirs = await other.ReadAsync(await PostDraftAsync(other, "order-17", "Logo for a flower stall"), HttpStatusCode.Created);
        Assert.NotEqual(id, theirs.GetProperty("id").GetString());

        var tooLong = await buyer.ReadAsync(await PostDraftAsync(buyer, new string('k', 201), "Logo for a flower stall"), HttpStatusCode.BadRequest);
        Assert.Contains("Idempotency-Key of 1 to 200 characters", tooLong.GetProperty("detail").GetString());
        Assert.Single(await MyProjectIdsAsync(buyer));
    }

    private static Task<HttpResponseMessage> PostDraftAsync(ApiSession buyer, string key, string title)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/projects")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new
            {
                title,
                description = "A friendly logo for a market flower stall, used on a sign and on paper bags.",
                category = "logo",
                prize = 30_000,
                currency = "USD",
                entryDeadline = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(10), TimeSpan.Zero),
                selectionDays = 7,
                allowEarlyAward = true,
                deliverableFormats = new[] { "PNG" },
            }),
        };
        request.Headers.Add("Idempotency-Key", key);
        return buyer.Http.SendAsync(request);
    }

    private static async Task<List<string>> MyProjectIdsAsync(ApiSession buyer) =>
        (await buyer.ReadAsync(await buyer.Http.GetAsync("/api/v1/me/projects"))).EnumerateArray().Select(p => p.GetProperty("projectId").GetString()!).ToList();

    private static Dictionary<string, string> WithFormId(Dictionary<string, string> fields, string formId)
    {
        fields["FormId"] = formId;
        return fields;
    }

    [GeneratedRegex("name=\"FormId\" value=\"([^\"]+)\"")]
    private static partial Regex FormIdField();
}

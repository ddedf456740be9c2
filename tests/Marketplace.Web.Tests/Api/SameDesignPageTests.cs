using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Api;

/// <summary>
/// A creative who sends the same design again (a second tap, a resubmit after closing the tab) reads on the form which
/// entry it already is and when they sent it, in their own zone, with a link to revise that entry; the API says the
/// same with the link; nothing more is stored and the gallery keeps one entry.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed partial class SameDesignPageTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task The_same_design_again_comes_back_on_the_form_naming_the_entry_in_the_readers_zone_with_a_link_to_revise_it_and_stores_nothing()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Tara Twice");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Dara Double");
        await creative.ReadAsync(await creative.Http.PutAsJsonAsync("/api/v1/me/time-zone", new { timeZone = "Asia/Kolkata" }));
        var projectId = await buyer.OpenProjectAsync("Spice market stall sign");
        var design = DemoArt.Logo("Spice", "market", 4, 400, 300);
        var entryId = await creative.SubmitEntryAsync(projectId, design, "stall.png");
        var submittedAt = (await creative.ReadAsync(await creative.Http.GetAsync($"/api/v1/entries/{entryId}/details"))).GetProperty("submittedAt").GetDateTimeOffset();
        var before = await app.StoredFileCountAsync();

        var form = await creative.Http.GetStringAsync($"/projects/{projectId}/submit");
        using var post = new MultipartFormDataContent
        {
            { new StringContent(AntiforgeryField().Match(form).Groups[1].Value), "__RequestVerificationToken" },
            { new ByteArrayContent(design), "file", "stall (1).png" },
        };
        var refused = await creative.Http.PostAsync($"/projects/{projectId}/submit", post);
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        var api = await creative.UploadAsync($"/api/v1/projects/{projectId}/entries", "file", "stall.png", design);
        var problem = await creative.ReadAsync(api, HttpStatusCode.Conflict);

        var inKolkata = TimeZoneInfo.ConvertTime(submittedAt, TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata")).ToString("ddd d MMM, HH:mm", CultureInfo.InvariantCulture) + " IST";
        var message = $"You already entered this design as entry #1 (submitted {inKolkata}). To change it, revise entry #1.";
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains($"<li>{message}</li>", page);
        Assert.Contains($"<a class=\"button secondary\" href=\"/entries/{entryId}/revise\">Revise entry #1</a>", page);
        Assert.Equal(message, problem.GetProperty("detail").GetString());
        Assert.Equal($"/entries/{entryId}/revise", problem.GetProperty("next").GetProperty("path").GetString());
        Assert.Equal(before, await app.StoredFileCountAsync());
        var gallery = await buyer.ReadAsync(await buyer.Http.GetAsync($"/api/v1/projects/{projectId}/gallery"));
        Assert.Single(gallery.GetProperty("items").EnumerateArray());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

using System.Net;
using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Api;

/// <summary>The deliver endpoint and the wrap-up JSON against the brief's formats (the API's briefs ask for PNG and PDF).</summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class DeliverableFormatWebTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task A_delivery_missing_a_format_without_a_note_is_refused_with_what_to_do_and_stores_nothing()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Fay Formats");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Gus Graphic");
        var wrapUpId = await StaffedHandover.AwardedAsync(buyer, creative, "Sign for a bike shop");
        var before = await app.StoredFileCountAsync();

        var refused = await creative.UploadAsync($"/api/v1/wrapups/{wrapUpId}/deliver", "files", "sign.png", DemoArt.Logo("Sign", "final", 2, 400, 300));

        var body = await refused.Content.ReadAsStringAsync();
        Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"Expected 400, got {(int)refused.StatusCode}: {body}");
        var problem = System.Text.Json.JsonDocument.Parse(body).RootElement;
        Assert.Equal("The brief asks for PDF too. Add it, or say in the note why it is not included.", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await app.StoredFileCountAsync());
        var view = await creative.ReadAsync(await creative.Http.GetAsync("/api/v1/wrapups/" + wrapUpId));
        Assert.Equal("AwaitingFiles", view.GetProperty("step").GetString());
    }

    [Fact]
    public async Task A_delivery_missing_a_format_with_a_note_is_accepted_and_the_json_view_carries_the_checklist_and_reason()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Hana Handover");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Ivo Inks");
        var wrapUpId = await StaffedHandover.AwardedAsync(buyer, creative, "Badge for a rowing club");
        const string reason = "The print PDF needs the club's Pantone; it follows when you send it.";

        await creative.ReadAsync(await creative.UploadAsync($"/api/v1/wrapups/{wrapUpId}/deliver", "files", "badge.png", DemoArt.Logo("Badge", "final", 2, 400, 300), note: reason));
        var view = await buyer.ReadAsync(await buyer.Http.GetAsync("/api/v1/wrapups/" + wrapUpId));

        var delivery = view.GetProperty("latestDelivery");
        Assert.Equal(reason, delivery.GetProperty("note").GetString());
        var formats = delivery.GetProperty("formats");
        Assert.False(formats.GetProperty("complete").GetBoolean());
        Assert.Equal(["PDF"], formats.GetProperty("missing").EnumerateArray().Select(m => m.GetString()));
        var png = formats.GetProperty("requested").EnumerateArray().Single(r => r.GetProperty("format").GetString() == "PNG");
        Assert.Equal(["badge.png"], png.GetProperty("fileNames").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(1, view.GetProperty("deliveries").GetArrayLength());

        // Staff see the same checklist and reason on the case page.
        using var staff = await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        var casePage = WebUtility.HtmlDecode(await staff.Http.GetStringAsync("/staff/cases/" + wrapUpId));
        Assert.Contains("Formats of the brief", casePage);
        Assert.Contains("Missing: PDF.", casePage);
        Assert.Contains($"Reason given: “{reason}”", casePage);
    }
}

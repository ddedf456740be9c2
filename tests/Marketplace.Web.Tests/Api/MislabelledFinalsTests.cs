using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Api;

/// <summary>
/// Every route that stores finals or dispute evidence refuses a file whose name claims a format its bytes are not
/// ("logo.png" that is a JPEG), whole and before anything is stored, saying what the file is and how to fix it.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed partial class MislabelledFinalsTests(MarketplaceAppFixture app)
{
    private const string JpegNamedPngMessage = "tea-logo.png is not a PNG image: its contents are a JPEG image. Export it as PNG again, or rename it to tea-logo.jpg.";
    private const string TextNamedPdfMessage = "tea-print.pdf is not a PDF document: its contents are plain text. Export it as PDF again.";

    private static readonly byte[] Jpeg = AsJpeg(DemoArt.Logo("Tea", "final", 3, 400, 300));
    private static readonly byte[] Png = DemoArt.Logo("Tea", "final", 4, 400, 300);
    private static readonly byte[] Pdf = System.Text.Encoding.ASCII.GetBytes($"%PDF-1.4\n% tea print file {Guid.NewGuid():N}\n%%EOF\n");
    private static readonly byte[] Text = "Print file: to follow by email."u8.ToArray();

    [Fact]
    public async Task The_deliver_api_refuses_a_jpeg_named_png_and_stores_none_of_the_delivery()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Lou Labels");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Max Misnamed");
        var wrapUpId = await StaffedHandover.AwardedAsync(buyer, creative, "Label for a tea tin");
        var before = await app.StoredFileCountAsync();

        var refused = await StaffedHandover.PostDeliveryAsync(creative, wrapUpId, [("tea-print.pdf", Pdf), ("tea-logo.png", Jpeg)]);

        await ExpectProblemAsync(refused, JpegNamedPngMessage);
        Assert.Equal(before, await app.StoredFileCountAsync());
        var view = await creative.ReadAsync(await creative.Http.GetAsync("/api/v1/wrapups/" + wrapUpId));
        Assert.Equal("AwaitingFiles", view.GetProperty("step").GetString());
    }

    [Fact]
    public async Task The_deliver_page_refuses_a_text_file_named_pdf_and_shows_the_message_in_the_form()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Pia Pages");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Rob Renamed");
        var wrapUpId = await StaffedHandover.AwardedAsync(buyer, creative, "Tin for a tea shop");
        var path = $"/wrapups/{wrapUpId}/deliver";
        var before = await app.StoredFileCountAsync();

        var refused = await PostPageAsync(creative.Http, path, path, [], ("files", "tea-logo.png", Png), ("files", "tea-print.pdf", Text));

        await ExpectPageRefusalAsync(refused, TextNamedPdfMessage);
        Assert.Equal(before, await app.StoredFileCountAsync());
        var view = await creative.ReadAsync(await creative.Http.GetAsync("/api/v1/wrapups/" + wrapUpId));
        Assert.Equal("AwaitingFiles", view.GetProperty("step").GetString());
    }

    [Fact]
    public async Task Staff_delivering_for_the_creative_by_api_or_case_page_are_refused_a_mislabelled_file_and_nothing_is_stored()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Sal Staffed");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Tom Travelling");
        using var staff = await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        var wrapUpId = await StaffedHandover.AwardedAsync(buyer, creative, "Tea tin lid");
        await creative.ReadAsync(await creative.PostJsonAsync($"/api/v1/wrapups/{wrapUpId}/help", new { message = "I can only email the files; please upload them for me." }));
        var api = "/api/v1/staff/cases/" + wrapUpId;
        await staff.ReadAsync(await staff.Http.PostAsync(api + "/claim", null));
        var consent = new Dictionary<string, string> { ["consentHow"] = "email to support", ["reason"] = "The creative emailed the finals." };
        var before = await app.StoredFileCountAsync();

        var byApi = await PostMultipartAsync(staff, api + "/deliver",
            new Dictionary<string, string>(consent) { ["consentGivenAt"] = DateTimeOffset.UtcNow.AddHours(-1).ToString("O") },
            ("files", "tea-logo.png", Jpeg), ("files", "tea-print.pdf", Pdf));
        await ExpectProblemAsync(byApi, JpegNamedPngMessage);

        var casePage = "/staff/cases/" + wrapUpId;
        var byPage = await PostPageAsync(staff.Http, casePage, casePage + "?handler=Deliver",
            new Dictionary<string, string>(consent) { ["consentAt"] = DateTime.UtcNow.AddHours(-1).ToString("yyyy-MM-ddTHH:mm") },
            ("files", "tea-logo.png", Png), ("files", "tea-print.pdf", Text));
        await ExpectPageRefusalAsync(byPage, TextNamedPdfMessage);

        Assert.Equal(before, await app.StoredFileCountAsync());
        var view = await creative.ReadAsync(await creative.Http.GetAsync("/api/v1/wrapups/" + wrapUpId));
        Assert.Equal("AwaitingFiles", view.GetProperty("step").GetString());
    }

    [Fact]
    public async Task Dispute_evidence_by_page_or_api_is_refused_when_mislabelled_and_the_dispute_is_not_opened()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Tea evidence", "Vi Verified", "Wes Wrongname");
        var before = await app.StoredFileCountAsync();

        var byPage = await PostPageAsync(h.Buyer.Http, h.PagePath, h.PagePath + "?handler=Dispute",
            new Dictionary<string, string> { ["reason"] = "The colours print muddy." }, ("evidence", "tea-print.pdf", Text));
        await ExpectPageRefusalAsync(byPage, TextNamedPdfMessage);

        var byApi = await PostMultipartAsync(h.Buyer, h.ApiPath + "/disputes/with-files",
            new Dictionary<string, string> { ["reason"] = "The colours print muddy." }, ("files", "smudge.png", Png), ("files", "tea-logo.png", Jpeg));
        await ExpectProblemAsync(byApi, JpegNamedPngMessage);

        Assert.Equal(before, await app.StoredFileCountAsync());
        Assert.Null((await h.Grain.GetAsync(h.BuyerActor)).Dispute);
    }

    [Fact]
    public async Task An_answer_with_mislabelled_evidence_by_page_or_api_is_refused_and_the_dispute_stays_unanswered()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Tea answer", "Xia Filed", "Yan Answers");
        await h.Buyer.ReadAsync(await h.Buyer.PostJsonAsync(h.ApiPath + "/disputes", new { reason = "Wrong colours." }));
        var before = await app.StoredFileCountAsync();

        var byPage = await PostPageAsync(h.Creative.Http, h.PagePath, h.PagePath + "?handler=AnswerDispute",
            new Dictionary<string, string> { ["answer"] = "The brief asked for these colours." }, ("evidence", "tea-logo.png", Jpeg));
        await ExpectPageRefusalAsync(byPage, JpegNamedPngMessage);

        var byApi = await PostMultipartAsync(h.Creative, h.ApiPath + "/disputes/answer/with-files",
            new Dictionary<string, string> { ["answer"] = "The brief asked for these colours." }, ("files", "tea-print.pdf", Text));
        await ExpectProblemAsync(byApi, TextNamedPdfMessage);

        Assert.Equal(before, await app.StoredFileCountAsync());
        Assert.Null((await h.Grain.GetAsync(h.BuyerActor)).Dispute!.Answer);
    }

    private static byte[] AsJpeg(byte[] png)
    {
        using var image = NetVips.Image.NewFromBuffer(png);
        return image.JpegsaveBuffer();
    }

    private static async Task ExpectProblemAsync(HttpResponseMessage response, string detail)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"Expected 400, got {(int)response.StatusCode}: {body}");
        Assert.Equal(detail, JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString());
    }

    private static async Task ExpectPageRefusalAsync(HttpResponseMessage response, string message)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"Expected 400, got {(int)response.StatusCode}");
        Assert.Contains(System.Net.WebUtility.HtmlEncode(message), body);
    }

    private static async Task<HttpResponseMessage> PostMultipartAsync(ApiSession session, string url, Dictionary<string, string> fields, params (string Field, string Name, byte[] Bytes)[] files)
    {
        using var form = Multipart(fields, files);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = form };
        request.Headers.Add("X-XSRF-TOKEN", await session.AntiforgeryTokenAsync());
        return await session.Http.SendAsync(request);
    }

    /// <summary>Posts a page's multipart form as the browser does: the antiforgery field read from <paramref name="pagePath"/>.</summary>
    private static async Task<HttpResponseMessage> PostPageAsync(HttpClient client, string pagePath, string url, Dictionary<string, string> fields, params (string Field, string Name, byte[] Bytes)[] files)
    {
        var page = await client.GetStringAsync(pagePath);
        using var form = Multipart(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = AntiforgeryField().Match(page).Groups[1].Value }, files);
        return await client.PostAsync(url, form);
    }

    private static MultipartFormDataContent Multipart(Dictionary<string, string> fields, (string Field, string Name, byte[] Bytes)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
        foreach (var (field, name, bytes) in files)
        {
            // The browser's type from the name: the server must judge by the bytes, not by this.
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue(name.EndsWith(".pdf", StringComparison.Ordinal) ? "application/pdf" : "image/png");
            form.Add(part, field, name);
        }

        return form;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

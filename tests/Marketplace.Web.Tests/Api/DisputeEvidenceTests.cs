using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Api;

/// <summary>
/// Files attached to a dispute and to its answer on the parties' wrap-up page: stored, shown and downloadable by the
/// two parties and staff only; a refused step or a damaged file leaves nothing stored.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed partial class DisputeEvidenceTests(MarketplaceAppFixture app)
{
    private static readonly byte[] Photo = DemoArt.Logo("Smudge", "photo of the print", 2, 640, 480);
    private static readonly byte[] Report = System.Text.Encoding.ASCII.GetBytes($"%PDF-1.4\n% print shop report {Guid.NewGuid():N}\n%%EOF\n");
    private static readonly byte[] Proof = DemoArt.Logo("Proof", "the brief said so", 5, 480, 360);

    [Fact]
    public async Task Both_parties_attach_files_and_only_the_parties_and_staff_can_download_them()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Evidence poster", "Eve Evidence", "Carl Counter");

        var opened = await PostWithFilesAsync(h.Buyer.Http, h.PagePath, "Dispute", ("reason", "The colours print muddy."), ("smudge.png", Photo), ("report.pdf", Report));
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var answered = await PostWithFilesAsync(h.Creative.Http, h.PagePath, "AnswerDispute", ("answer", "The brief asked for these colours."), ("proof.png", Proof));
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);

        var page = await h.Buyer.Http.GetStringAsync(h.PagePath);
        Assert.Contains("smudge.png", page);
        Assert.Contains("proof.png", page);
        using var staff = await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        var casePage = await staff.Http.GetStringAsync("/staff/cases/" + h.WrapUpId);
        Assert.Contains("report.pdf", casePage);

        // Images show a large preview on both pages (the PDF has none), behind the same check as the files: evidence
        // may show private things, so unlike gallery previews these are not public and not in shared caches.
        foreach (var image in new[] { "smudge.png", "proof.png" })
        {
            Assert.Equal(PreviewOf(page, image), PreviewOf(casePage, image));
            Assert.StartsWith(h.PagePath + "/evidence/", PreviewOf(page, image));
            Assert.EndsWith("/preview/phone", PreviewOf(casePage, image));
            foreach (var viewer in new[] { h.Buyer.Http, h.Creative.Http, staff.Http })
            {
                var preview = await viewer.GetAsync(PreviewOf(casePage, image));
                Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
                Assert.Contains(preview.Content.Headers.ContentType!.MediaType, new[] { "image/jpeg", "image/webp" });
                Assert.True(preview.Headers.CacheControl!.Private, "evidence previews must not be kept by shared caches");
            }
        }

        Assert.DoesNotContain("Preview of report.pdf", casePage);
        Assert.Equal(HttpStatusCode.NotFound, (await h.Buyer.Http.GetAsync(h.PagePath + "/evidence/dispute/1/preview/grid")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await h.Buyer.Http.GetAsync(h.PagePath + "/evidence/dispute/0/preview/huge")).StatusCode);

        foreach (var viewer in new[] { h.Buyer.Http, h.Creative.Http, staff.Http })
        {
            Assert.Equal(Photo, await viewer.GetByteArrayAsync(h.PagePath + "/evidence/dispute/0"));
            Assert.Equal(Report, await viewer.GetByteArrayAsync(h.PagePath + "/evidence/dispute/1"));
            Assert.Equal(Proof, await viewer.GetByteArrayAsync(h.PagePath + "/evidence/answer/0"));
        }

        using var stranger = await ApiSession.SignUpAsync(app, "buyer", "Nosy Neighbour");
        using var anonymous = app.NewApiClient();
        foreach (var path in new[] { h.PagePath + "/evidence/dispute/0", PreviewOf(page, "smudge.png") })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await stranger.Http.GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync(path)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await h.Buyer.Http.GetAsync(h.PagePath + "/evidence/dispute/2")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await h.Buyer.Http.GetAsync(h.PagePath + "/evidence/other/0")).StatusCode);
    }

    [Fact]
    public async Task A_refused_dispute_step_or_a_damaged_file_stores_nothing()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Evidence label", "Bo Broken", "Cy Careful");
        var before = await app.StoredFileCountAsync();

        var damaged = Photo[..(Photo.Length / 2)];
        var refused = await PostWithFilesAsync(h.Buyer.Http, h.PagePath, "Dispute", ("reason", "See the photo."), ("cut-off.png", damaged));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("export it again", await refused.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Null((await h.Grain.GetAsync(h.BuyerActor)).Dispute);

        // Nothing is open to answer yet, so the creative's answer with a file is refused before the file is stored.
        var premature = await PostWithFilesAsync(h.Creative.Http, h.PagePath, "AnswerDispute", ("answer", "Nothing to answer."), ("proof.png", Proof));
        Assert.Equal(HttpStatusCode.Conflict, premature.StatusCode);

        Assert.Equal(before, await app.StoredFileCountAsync());
    }

    [Fact]
    public async Task The_api_opens_and_answers_a_dispute_with_files_behind_the_antiforgery_header()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Evidence sticker", "Ada Api", "Ian Answer");

        Assert.Equal(HttpStatusCode.BadRequest, (await ApiPostAsync(h.Buyer, h.ApiPath + "/disputes/with-files", "reason", "Wrong colours.", ("smudge.png", Photo), withToken: false)).StatusCode);
        Assert.Null((await h.Grain.GetAsync(h.BuyerActor)).Dispute);

        await h.Buyer.ReadAsync(await ApiPostAsync(h.Buyer, h.ApiPath + "/disputes/with-files", "reason", "Wrong colours.", ("smudge.png", Photo), ("report.pdf", Report)));
        var answered = await h.Creative.ReadAsync(await ApiPostAsync(h.Creative, h.ApiPath + "/disputes/answer/with-files", "answer", "As briefed.", ("proof.png", Proof)));

        var dispute = answered.GetProperty("dispute");
        var evidence = dispute.GetProperty("evidence").EnumerateArray().ToList();
        Assert.Equal(["smudge.png", "report.pdf"], evidence.Select(f => f.GetProperty("file").GetProperty("fileName").GetString()));
        Assert.Equal(JsonValueKind.Object, evidence[0].GetProperty("preview").ValueKind);
        // The report is a PDF header and nothing more: kept as evidence, with no preview and the reason why.
        Assert.Equal(0, evidence[1].GetProperty("preview").GetProperty("images").GetArrayLength());
        Assert.Equal("CouldNotDraw", evidence[1].GetProperty("preview").GetProperty("notDrawn").GetProperty("reason").GetString());
        Assert.Equal("proof.png", dispute.GetProperty("answerEvidence")[0].GetProperty("file").GetProperty("fileName").GetString());
        Assert.Equal(Proof, await h.Buyer.Http.GetByteArrayAsync(h.PagePath + "/evidence/answer/0"));
    }

    private static async Task<HttpResponseMessage> ApiPostAsync(ApiSession session, string url, string fieldName, string fieldValue, (string Name, byte[] Bytes) first, (string Name, byte[] Bytes)? second = null, bool withToken = true)
    {
        using var form = new MultipartFormDataContent { { new StringContent(fieldValue), fieldName } };
        foreach (var (name, bytes) in second is { } more ? new[] { first, more } : [first])
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue(name.EndsWith(".pdf", StringComparison.Ordinal) ? "application/pdf" : "image/png");
            form.Add(content, "files", name);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = form };
        if (withToken) request.Headers.Add("X-XSRF-TOKEN", await session.AntiforgeryTokenAsync());
        return await session.Http.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> PostWithFilesAsync(HttpClient client, string pagePath, string handler, (string Name, string Value) field, params (string Name, byte[] Bytes)[] files)
    {
        var page = await client.GetStringAsync(pagePath);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(AntiforgeryField().Match(page).Groups[1].Value), "__RequestVerificationToken" },
            { new StringContent(field.Value), field.Name },
        };
        foreach (var (name, bytes) in files)
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue(name.EndsWith(".pdf", StringComparison.Ordinal) ? "application/pdf" : "image/png");
            form.Add(content, "evidence", name);
        }

        return await client.PostAsync($"{pagePath}?handler={handler}", form);
    }

    /// <summary>The address of the small preview a page shows for an attached image.</summary>
    private static string PreviewOf(string page, string fileName)
    {
        var match = Regex.Match(page, $"<img src=\"([^\"]+)\"[^>]*alt=\"Preview of {Regex.Escape(fileName)}\"");
        Assert.True(match.Success, $"no preview of {fileName} on the page");
        return match.Groups[1].Value;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

using System.Net;
using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Api;

/// <summary>An entry's full-resolution original goes only to its creative and staff: never to the buyer before the handover, nor anyone else.</summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class EntryOriginalTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task An_entry_original_is_served_whole_to_its_creative_and_staff_and_refused_to_everyone_else()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Olive Owner");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Otto Original");
        using var rival = await ApiSession.SignUpAsync(app, "creative", "Rita Rival");
        using var staff = await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        var projectId = await buyer.OpenProjectAsync("Label for a honey jar " + Guid.NewGuid().ToString("N")[..6]);
        // A JPEG named .png and declared as a GIF: stored, and served, as the JPEG its bytes are.
        var jpeg = Jpeg(DemoArt.Logo("Honey", "jar", 3, 600, 400));
        var created = await creative.ReadAsync(await creative.UploadAsync($"/api/v1/projects/{projectId}/entries", "file", "honey.png", jpeg, "image/gif"), HttpStatusCode.Created);
        var url = $"/api/v1/entries/{created.GetProperty("id").GetString()}/original";

        foreach (var allowed in new[] { creative, staff })
        {
            using var response = await allowed.Http.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(jpeg, await response.Content.ReadAsByteArrayAsync());
            Assert.Equal("image/jpeg", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
            Assert.True(response.Headers.CacheControl!.Private && response.Headers.CacheControl.NoStore, "an original must not stay in any cache");
        }

        // The project's buyer sees the entry but never its full-resolution file; a rival does not even see the entry.
        var buyerRefused = await buyer.ReadAsync(await buyer.Http.GetAsync(url), HttpStatusCode.Forbidden);
        Assert.Equal("Only the creative and staff can download an entry's original. Buyers get the final files through the handover.",
            buyerRefused.GetProperty("detail").GetString());
        var rivalRefused = await rival.ReadAsync(await rival.Http.GetAsync(url), HttpStatusCode.Forbidden);
        Assert.StartsWith("Only the entry's creative", rivalRefused.GetProperty("detail").GetString());

        using var anonymous = app.NewApiClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(url)).StatusCode);
    }

    /// <summary>The name people gave their file comes back as a download name, never as header syntax or a path.</summary>
    [Fact]
    public async Task A_download_keeps_an_odd_file_name_as_a_safe_attachment_name()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Odd Name Buyer");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Odd Name Creative");
        var projectId = await buyer.OpenProjectAsync("Label with an odd name " + Guid.NewGuid().ToString("N")[..6]);
        const string name = "Café; l'été ✓ final.png";
        var entryId = await creative.SubmitEntryAsync(projectId, fileName: "..\\..\\" + name);

        using var response = await creative.Http.GetAsync($"/api/v1/entries/{entryId}/original");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal(name, disposition.FileNameStar);
        Assert.DoesNotContain("..", disposition.FileNameStar);
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
    }

    private static byte[] Jpeg(byte[] png)
    {
        using var image = NetVips.Image.NewFromBuffer(png);
        return image.JpegsaveBuffer(q: 90);
    }
}

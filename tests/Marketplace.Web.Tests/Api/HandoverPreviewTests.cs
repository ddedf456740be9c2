using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Marketplace.Contracts;
using Marketplace.Contracts.Previews;
using Marketplace.Contracts.WrapUps;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Api;

/// <summary>
/// Previews of handover files (a delivered final, a copy staff sent the buyer, dispute evidence) reach only the two
/// parties and staff: served by checked routes with private caching, stored in a private container, and never by the
/// public preview route, which keeps serving entry previews to anyone.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed partial class HandoverPreviewTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task A_final_files_preview_reaches_only_the_parties_and_staff_and_never_the_public_route()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Private poster", "Pia Private", "Cato Careful");
        using var staff = await StaffAsync();
        var final = (await h.Grain.GetAsync(h.BuyerActor)).LatestDelivery!.Files[0];
        var page = await h.Buyer.Http.GetStringAsync(h.PagePath);
        var casePage = await staff.Http.GetStringAsync("/staff/cases/" + h.WrapUpId);

        // The parties judge the final on their page at full width (phone size, sharper by srcset), and staff check it the same way.
        var shown = ImageOf(page, "Preview of " + final.File.FileName);
        Assert.Equal($"{h.PagePath}/files/0/preview/{PreviewSizes.Phone}", shown);
        Assert.Contains($"{h.PagePath}/files/0/preview/{PreviewSizes.Desktop} ", System.Net.WebUtility.HtmlDecode(page));
        Assert.Equal(shown, ImageOf(casePage, "Preview of " + final.File.FileName));
        Assert.DoesNotContain("/files/previews/", page);
        Assert.DoesNotContain("/files/previews/", casePage);

        await OnlyPartiesAndStaffAsync(h, staff, shown);
        Assert.Equal(HttpStatusCode.NotFound, (await h.Buyer.Http.GetAsync(h.PagePath + "/files/1/preview/grid")).StatusCode); // the PDF has none
        Assert.Equal(HttpStatusCode.NotFound, (await h.Buyer.Http.GetAsync(h.PagePath + "/files/2/preview/grid")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await h.Buyer.Http.GetAsync(h.PagePath + "/files/0/preview/huge")).StatusCode);
        await NotPublicAsync(final.Preview!.Images);
    }

    [Fact]
    public async Task Staff_check_each_final_at_full_width_with_its_format_and_size_and_a_private_download()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Checked poster", "Ines Inspect", "Kit Keen");
        using var staff = await StaffAsync();
        var finals = (await h.Grain.GetAsync(h.BuyerActor)).LatestDelivery!.Files;

        var casePage = System.Net.WebUtility.HtmlDecode(await staff.Http.GetStringAsync("/staff/cases/" + h.WrapUpId));

        var img = Regex.Match(casePage, $"<img src=\"([^\"]+)\" srcset=\"([^\"]+)\" sizes=\"([^\"]+)\"[^>]*alt=\"Preview of {Regex.Escape(finals[0].File.FileName)}\"");
        Assert.True(img.Success, "no large preview of the final on the case page");
        Assert.Equal($"{h.PagePath}/files/0/preview/{PreviewSizes.Phone}", img.Groups[1].Value);
        Assert.Contains($"{h.PagePath}/files/0/preview/{PreviewSizes.Lite} ", img.Groups[2].Value);
        Assert.Contains($"{h.PagePath}/files/0/preview/{PreviewSizes.Desktop} ", img.Groups[2].Value);
        Assert.Equal("(max-width: 831px) 92vw, 46rem", img.Groups[3].Value);
        Assert.DoesNotContain($"/preview/{PreviewSizes.Grid}", casePage);
        for (var i = 0; i < finals.Count; i++)
        {
            var format = Path.GetExtension(finals[i].File.FileName).TrimStart('.').ToUpperInvariant();
            Assert.Contains($"<a class=\"file-name\" href=\"{h.PagePath}/files/{i}\" download>{finals[i].File.FileName}</a>", casePage);
            Assert.Contains($"<span class=\"muted small\">{format} · {Marketplace.Web.Presentation.Display.Bytes(finals[i].File.Bytes)}</span>", casePage);
        }

        await OnlyPartiesAndStaffAsync(h, staff, $"{h.PagePath}/files/0/preview/{PreviewSizes.Desktop}");
    }

    [Fact]
    public async Task A_copy_staff_sent_the_buyer_reaches_only_the_parties_and_staff_and_never_the_public_route()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Private mug", "Phil Phone", "Cass Creator");
        using var staff = await StaffAsync();
        await h.HelpedAsync();
        var sent = Assert.Single((await h.Grain.SendPreviewsToBuyerAsync(h.Staff, "For your phone.")).PreviewsSentToBuyer);
        var page = await h.Buyer.Http.GetStringAsync(h.PagePath);
        var casePage = await staff.Http.GetStringAsync("/staff/cases/" + h.WrapUpId);

        var shown = ImageOf(page, "Low-resolution preview of " + sent.FileName);
        Assert.Equal(h.PagePath + "/sent-previews/0", shown);
        Assert.Equal(shown, ImageOf(casePage, "Low-resolution copy of " + sent.FileName));
        Assert.Contains($"{h.PagePath}/files/0/preview/{PreviewSizes.Lite} ", page); // the lighter size for small screens, checked too
        Assert.DoesNotContain("/files/previews/", page);
        Assert.DoesNotContain("/files/previews/", casePage);

        await OnlyPartiesAndStaffAsync(h, staff, shown);
        Assert.Equal(HttpStatusCode.NotFound, (await h.Buyer.Http.GetAsync(h.PagePath + "/sent-previews/1")).StatusCode);
        await NotPublicAsync([sent.Image]);
    }

    [Fact]
    public async Task Dispute_evidence_previews_are_stored_privately_and_never_served_by_the_public_route()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Private label", "Dana Dispute", "Colm Counter");
        using var staff = await StaffAsync();
        var photo = Marketplace.Web.Demo.DemoArt.Logo("Blur", "photo of the label", 3, 640, 480);
        await h.Buyer.ReadAsync(await h.Buyer.UploadAsync(h.ApiPath + "/disputes/with-files", "files", "blur.png", photo, fields: new Dictionary<string, string> { ["reason"] = "It prints blurred." }));
        var evidence = (await h.Grain.GetAsync(h.BuyerActor)).Dispute!.Evidence[0];

        await OnlyPartiesAndStaffAsync(h, staff, $"{h.PagePath}/evidence/dispute/0/preview/{PreviewSizes.Grid}");
        await NotPublicAsync(evidence.Preview!.Images);
    }

    [Fact]
    public async Task Previews_of_a_handover_stored_before_the_private_container_still_show_to_the_parties()
    {
        // Finals of their own (the word is drawn into the image), so moving their previews touches no other test's.
        using var h = await StaffedHandover.DeliveredAsync(app, "Legacy badge", "Lea Legacy", "Oli Older", StaffedHandover.DefaultFinals("Legacy" + Guid.NewGuid().ToString("N")[..6]));
        using var staff = await StaffAsync();
        await h.HelpedAsync();
        await h.Grain.SendPreviewsToBuyerAsync(h.Staff, null);
        var final = (await h.Grain.GetAsync(h.BuyerActor)).LatestDelivery!.Files[0];

        // Where the preview worker used to put them: the previews container, not the handover previews container.
        var blobs = app.Azurite.CreateBlobServiceClient();
        foreach (var image in final.Preview!.Images.DistinctBy(i => i.BlobName))
        {
            var from = blobs.GetBlobContainerClient(StorageNames.Containers.HandoverPreviews).GetBlobClient(image.BlobName);
            var content = (await from.DownloadContentAsync()).Value;
            await blobs.GetBlobContainerClient(StorageNames.Containers.Previews).GetBlobClient(image.BlobName)
                .UploadAsync(content.Content, new Azure.Storage.Blobs.Models.BlobUploadOptions { HttpHeaders = new() { ContentType = content.Details.ContentType } });
            await from.DeleteAsync();
        }

        foreach (var path in new[] { $"{h.PagePath}/files/0/preview/{PreviewSizes.Grid}", $"{h.PagePath}/files/0/preview/{PreviewSizes.Phone}", h.PagePath + "/sent-previews/0" })
        {
            await OnlyPartiesAndStaffAsync(h, staff, path);
        }
    }

    [Fact]
    public async Task A_handover_preview_carries_its_content_name_as_etag_and_answers_a_revalidation_with_304_only_to_whoever_may_see_it()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Etag poster", "Ed Etag", "Cy Cache");
        var image = (await h.Grain.GetAsync(h.BuyerActor)).LatestDelivery!.Files[0].Preview!.Find(PreviewSizes.Phone)!;
        var path = $"{h.PagePath}/files/0/preview/{PreviewSizes.Phone}";

        using var first = await h.Buyer.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("\"" + image.BlobName + "\"", first.Headers.ETag!.Tag);
        Assert.False(first.Headers.ETag.IsWeak);

        using var notModified = await h.Buyer.Http.SendAsync(Revalidation(path, first.Headers.ETag.Tag));
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(first.Headers.ETag.Tag, notModified.Headers.ETag!.Tag);
        var caching = notModified.Headers.CacheControl!;
        Assert.True(caching.Private && !caching.Public);
        Assert.Contains(caching.Extensions, e => e.Name == "immutable");

        // A browser holding another image gets the bytes; someone refused gets the refusal, never a 304.
        Assert.Equal(HttpStatusCode.OK, (await h.Buyer.Http.SendAsync(Revalidation(path, "\"" + new string('0', 64) + ".jpg\""))).StatusCode);
        using var stranger = await ApiSession.SignUpAsync(app, "buyer", "Nosy Neighbour");
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.Http.SendAsync(Revalidation(path, first.Headers.ETag.Tag))).StatusCode);
        using var anonymous = app.NewApiClient();
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.SendAsync(Revalidation(path, first.Headers.ETag.Tag))).StatusCode);
    }

    private static HttpRequestMessage Revalidation(string path, string etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(etag));
        return request;
    }

    [Fact]
    public async Task Entry_previews_stay_public_with_shared_caching()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Gail Gallery");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Evan Entry");
        var projectId = await buyer.OpenProjectAsync("Public gallery " + Guid.NewGuid().ToString("N")[..6]);
        var entryId = await creative.SubmitEntryAsync(projectId, Marketplace.Web.Demo.DemoArt.Logo("Gallery", "entry", 2, 400, 300));
        using var visitor = new ApiSession(app.NewApiClient());
        var anonymous = visitor.Http;
        var shown = await visitor.ReadAsync(await anonymous.GetAsync("/api/v1/entries/" + entryId));
        var name = shown.GetProperty("previews").GetProperty("images")[0].GetProperty("blobName").GetString()!;

        var response = await anonymous.GetAsync("/files/previews/" + name);

        // Named by its content, so any cache may keep it for a year without asking again.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertCachedForAYearByAnyone(response, name);
        Assert.Contains(response.Content.Headers.ContentType!.MediaType, new[] { "image/jpeg", "image/webp" });
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 0);
        using var revalidation = new HttpRequestMessage(HttpMethod.Get, "/files/previews/" + name);
        revalidation.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"" + name + "\""));
        using var notModified = await anonymous.SendAsync(revalidation);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        AssertCachedForAYearByAnyone(notModified, name);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        // A browser holding another version gets the file, not a 304.
        using var stale = new HttpRequestMessage(HttpMethod.Get, "/files/previews/" + name);
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"" + new string('0', 64) + ".jpg\""));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.SendAsync(stale)).StatusCode);
    }

    private static void AssertCachedForAYearByAnyone(HttpResponseMessage response, string name)
    {
        var caching = response.Headers.CacheControl!;
        Assert.True(caching.Public && !caching.Private && !caching.NoStore);
        Assert.Equal(TimeSpan.FromDays(365), caching.MaxAge);
        Assert.Contains(caching.Extensions, e => e.Name == "immutable");
        Assert.Equal("\"" + name + "\"", response.Headers.ETag!.Tag);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    private Task<ApiSession> StaffAsync() => ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);

    /// <summary>The parties and staff get the image, cached privately; a stranger is refused; anonymous visitors are sent to sign in.</summary>
    private async Task OnlyPartiesAndStaffAsync(StaffedHandover h, ApiSession staff, string path)
    {
        foreach (var viewer in new[] { h.Buyer.Http, h.Creative.Http, staff.Http })
        {
            using var response = await viewer.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(response.Content.Headers.ContentType!.MediaType, new[] { "image/jpeg", "image/webp" });
            var caching = response.Headers.CacheControl!;
            Assert.True(caching.Private && !caching.Public && !caching.NoStore, "a handover preview must be kept by the browser only");
            Assert.Equal(TimeSpan.FromDays(365), caching.MaxAge);
            Assert.Contains(caching.Extensions, e => e.Name == "immutable");
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 0);
        }

        using var stranger = await ApiSession.SignUpAsync(app, "buyer", "Nosy Neighbour");
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.Http.GetAsync(path)).StatusCode);
        using var anonymous = app.NewApiClient();
        var redirected = await anonymous.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
        Assert.Contains("/account/signin", redirected.Headers.Location!.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The public preview route answers 404 for each name (a revalidation too), and the public container does not hold it.</summary>
    private async Task NotPublicAsync(IEnumerable<PreviewImage> images)
    {
        using var anonymous = app.NewApiClient();
        var blobs = app.Azurite.CreateBlobServiceClient();
        foreach (var image in images)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/files/previews/" + image.BlobName)).StatusCode);
            using var revalidation = new HttpRequestMessage(HttpMethod.Get, "/files/previews/" + image.BlobName);
            revalidation.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"" + image.BlobName + "\""));
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.SendAsync(revalidation)).StatusCode);
            Assert.False((await blobs.GetBlobContainerClient(StorageNames.Containers.Previews).GetBlobClient(image.BlobName).ExistsAsync()).Value);
            Assert.True((await blobs.GetBlobContainerClient(StorageNames.Containers.HandoverPreviews).GetBlobClient(image.BlobName).ExistsAsync()).Value);
        }
    }

    /// <summary>The src of the image a page shows with this alt text.</summary>
    private static string ImageOf(string page, string alt)
    {
        var match = Regex.Match(page, $"<img src=\"([^\"]+)\"[^>]*alt=\"{Regex.Escape(System.Net.WebUtility.HtmlEncode(alt))}\"");
        Assert.True(match.Success, $"no image \"{alt}\" on the page");
        return System.Net.WebUtility.HtmlDecode(match.Groups[1].Value);
    }
}

using System.IO.Compression;
using System.Net;
using Marketplace.Contracts;
using Marketplace.Contracts.Users;
using Marketplace.Contracts.WrapUps;
using Marketplace.Web.Presentation;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Api;

/// <summary>
/// "Download all files": once the handover completes, the buyer takes every final of the latest delivery in one zip
/// (equal names numbered), with README.txt recording the transfer, built once into storage; the same people who may
/// download each original may download the zip, and nobody else.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class AllFinalsDownloadTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task The_buyer_of_a_completed_handover_gets_every_final_and_the_agreement_record_in_one_streamed_zip()
    {
        var title = "Lotus: menu/card " + Guid.NewGuid().ToString("N")[..4];
        var word = "Lotus" + Guid.NewGuid().ToString("N")[..4];
        (string Name, byte[] Bytes)[] finals =
        [
            ("logo.png", Marketplace.Web.Demo.DemoArt.Logo(word, "final", 4, 800, 600)),
            ("menu.pdf", System.Text.Encoding.ASCII.GetBytes($"%PDF-1.4\n% {word} menu\n%%EOF\n")),
            ("logo.png", Marketplace.Web.Demo.DemoArt.Logo(word, "dark", 5, 800, 600)),
        ];
        using var h = await StaffedHandover.DeliveredAsync(app, title, "Bea Bundle", "Dev Zipper", finals);
        await CompleteAsync(h);
        var view = await h.Grain.GetAsync(h.BuyerActor);
        var zipPath = h.PagePath + "/files/all.zip";

        // The page says the size before the tap: the finals' bytes added up.
        var page = System.Net.WebUtility.HtmlDecode(await h.Buyer.Http.GetStringAsync(h.PagePath));
        Assert.Contains($"<a class=\"button\" href=\"{zipPath}\" download data-download-all>Download all files (zip, {Display.Bytes(finals.Sum(f => (long)f.Bytes.Length))})</a>", page);

        foreach (var path in new[] { zipPath, h.ApiPath + "/files/all.zip" })
        {
            using var response = await h.Buyer.Http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
            Assert.Equal($"Lotus menu card {title[^4..]} - final files.zip", response.Content.Headers.ContentDisposition.FileNameStar);
            Assert.True(response.Headers.CacheControl!.NoStore && response.Headers.CacheControl.Private);
            // Built once and kept in storage, so it says its length (a progress bar) and can resume (ResumableDownloadTests).
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);

            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            Assert.Equal(["logo.png", "menu.pdf", "logo (2).png", "README.txt"], zip.Entries.Select(e => e.FullName));
            for (var i = 0; i < finals.Length; i++)
            {
                Assert.Equal(finals[i].Bytes, await BytesOfAsync(zip.Entries[i]));
            }

            // Already-compressed formats are stored as they are.
            Assert.Equal(zip.Entries[0].Length, zip.Entries[0].CompressedLength);
            var record = System.Text.Encoding.UTF8.GetString(await BytesOfAsync(zip.Entries[3]));
            Assert.Contains($"Project: {title}", record);
            Assert.Contains("Creative: Dev Zipper", record);
            Assert.Contains("Buyer: Bea Bundle", record);
            Assert.Contains($"Design transfer agreement, version {view.AgreementVersion}", record);
            foreach (var signature in view.Signatures)
            {
                var who = signature.PartyId == h.Buyer.UserId ? "Bea Bundle" : "Dev Zipper";
                Assert.Contains($"{who} signed on {Display.DateTime(signature.At, TimeZoneInfo.Utc)}.", record);
            }

            Assert.Contains("the rights in these files belong to Bea Bundle", record);
            Assert.Contains($"/wrapups/{h.WrapUpId}/agreement", record);
            Assert.Contains($"- menu.pdf ({Display.Bytes(finals[1].Bytes.Length)}, SHA-256 {Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(finals[1].Bytes))})", record);
        }
    }

    [Fact]
    public async Task The_zip_goes_to_the_creative_and_staff_but_never_to_a_rival_another_buyer_or_an_anonymous_visitor()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Zip rights " + Guid.NewGuid().ToString("N")[..4], "Zoe Owner", "Cai Maker");
        await CompleteAsync(h);
        using var staff = await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        using var rival = await ApiSession.SignUpAsync(app, "creative", "Rita Rival");
        using var otherBuyer = await ApiSession.SignUpAsync(app, "buyer", "Olaf Other");
        using var anonymous = app.NewApiClient();

        foreach (var allowed in new[] { h.Buyer, h.Creative, staff })
        {
            using var zip = new ZipArchive(await allowed.Http.GetStreamAsync(h.ApiPath + "/files/all.zip"), ZipArchiveMode.Read);
            Assert.Equal(h.Finals.Select(f => f.Name).Append("README.txt"), zip.Entries.Select(e => e.FullName));
        }

        foreach (var refused in new[] { rival, otherBuyer })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await refused.Http.GetAsync(h.ApiPath + "/files/all.zip")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await refused.Http.GetAsync(h.PagePath + "/files/all.zip")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(h.ApiPath + "/files/all.zip")).StatusCode);
        var redirected = await anonymous.GetAsync(h.PagePath + "/files/all.zip");
        Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
        Assert.Contains("/account/signin", redirected.Headers.Location!.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_buyer_gets_no_zip_before_the_handover_completes_nor_after_a_split_which_hands_over_no_originals()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Zip too soon " + Guid.NewGuid().ToString("N")[..4], "Tess Early", "Ugo Split");

        var early = await h.Buyer.Http.GetAsync(h.ApiPath + "/files/all.zip");
        Assert.Equal(HttpStatusCode.Forbidden, early.StatusCode);
        Assert.Contains("unlock for the buyer when the handover completes", await early.Content.ReadAsStringAsync());
        Assert.DoesNotContain("data-download-all", await h.Buyer.Http.GetStringAsync(h.PagePath));

        await h.Grain.OpenDisputeAsync(h.BuyerActor, "Only the PNG matches the brief.", []);
        await h.Grain.AnswerDisputeAsync(new Actor(h.Creative.UserId, UserRoles.Creative), "The PDF was made as asked.", []);
        await h.Grain.ClaimAsync(h.Staff);
        var prize = (await h.Grain.GetAsync(h.Staff)).Prize;
        await h.Grain.DecideOutcomeAsync(h.Staff, new Resolution(WrapUpOutcome.Split, prize with { Minor = prize.Minor / 2 }), "Half the files were usable.");

        Assert.Equal(HttpStatusCode.Forbidden, (await h.Buyer.Http.GetAsync(h.ApiPath + "/files/all.zip")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await h.Buyer.Http.GetAsync(h.PagePath + "/files/all.zip")).StatusCode);
        Assert.DoesNotContain("data-download-all", await h.Buyer.Http.GetStringAsync(h.PagePath));
    }

    /// <summary>The ordinary path through the API: the buyer approves, both sign, escrow releases.</summary>
    internal static async Task CompleteAsync(StaffedHandover h)
    {
        await h.Buyer.ReadAsync(await h.Buyer.PostJsonAsync(h.ApiPath + "/approve", new { note = "Lovely." }));
        var version = (await h.Grain.GetAsync(h.BuyerActor)).AgreementVersion;
        await h.Creative.ReadAsync(await h.Creative.PostJsonAsync(h.ApiPath + "/sign", new { agreementVersion = version }));
        await h.Buyer.ReadAsync(await h.Buyer.PostJsonAsync(h.ApiPath + "/sign", new { agreementVersion = version }));
        Assert.Equal(WrapUpOutcome.Completed, (await h.Grain.GetAsync(h.BuyerActor)).Outcome);
    }

    private static async Task<byte[]> BytesOfAsync(ZipArchiveEntry entry)
    {
        await using var stream = entry.Open();
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
